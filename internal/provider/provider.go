// Package provider is the customers provider: its schema, its configuration from HCL and the
// environment, and the wiring of each service's client into that service's resources.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurring"
	"github.com/customerhandles/terraform-provider-customers/internal/functions"
	"github.com/customerhandles/terraform-provider-customers/internal/kyc"
	"github.com/customerhandles/terraform-provider-customers/internal/openprovider"
	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

var _ provider.ProviderWithFunctions = (*customersProvider)(nil)

// New returns a constructor of the provider; version is stamped in at build time.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &customersProvider{version: version} }
}

type customersProvider struct {
	version string
}

func (p *customersProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "customers"
	resp.Version = p.version
}

func (p *customersProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages customer records on Openprovider, eCurring and NOAH. Configure only the services you " +
			"use; every setting can also come from an environment variable. Every resource and data source block " +
			"must say `provider = customers`, because their type names do not start with the provider's name.",
		Attributes: map[string]schema.Attribute{
			"openprovider": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Openprovider (domain registrar) API access, for `openprovider_customer`.",
				Attributes: map[string]schema.Attribute{
					"username": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "API username. Falls back to `OPENPROVIDER_USERNAME`. The user must not have two-factor authentication enabled.",
					},
					"password": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "API password. Falls back to `OPENPROVIDER_PASSWORD`.",
					},
					"base_url": baseURLAttribute("OPENPROVIDER_BASE_URL", defaultOpenproviderURL,
						" Openprovider's test environment is `https://api.cte.openprovider.eu/v1beta`."),
					"rate_limit": rateLimitAttribute("OPENPROVIDER_RATE_LIMIT", " Openprovider's test environment allows 50 calls "+
						"per 100 seconds, so use `0.45` there; production blacklists an IP address that repeats one call 300 times in "+
						"300 seconds (the provider never repeats calls that way)."),
					"max_retries": maxRetriesAttribute("OPENPROVIDER_MAX_RETRIES"),
				},
			},
			"ecurring": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "eCurring (recurring billing) API access, for `ecurring_customer`.",
				Attributes: map[string]schema.Attribute{
					"api_key": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "API key. Falls back to `ECURRING_API_KEY`.",
					},
					"base_url":    baseURLAttribute("ECURRING_BASE_URL", defaultEcurringURL, ""),
					"rate_limit":  rateLimitAttribute("ECURRING_RATE_LIMIT", " eCurring documents no limit."),
					"max_retries": maxRetriesAttribute("ECURRING_MAX_RETRIES"),
				},
			},
			"kyc": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "NOAH Business API access, for `kyc_customer`.",
				Attributes: map[string]schema.Attribute{
					"api_key": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "API key. Falls back to `KYC_API_KEY`.",
					},
					"signing_key": schema.StringAttribute{
						Optional:  true,
						Sensitive: true,
						MarkdownDescription: "PEM-encoded ECDSA private key (P-384 or P-256) that signs every request, " +
							"such as `file(\"noah.pem\")`. Falls back to `KYC_SIGNING_KEY`.",
					},
					"base_url":    baseURLAttribute("KYC_BASE_URL", defaultKYCURL, " NOAH's sandbox is `https://api.sandbox.noah.com/v1`."),
					"rate_limit":  rateLimitAttribute("KYC_RATE_LIMIT", " NOAH documents no limit for these endpoints."),
					"max_retries": maxRetriesAttribute("KYC_MAX_RETRIES"),
				},
			},
		},
	}
}

func rateLimitAttribute(env, vendorNote string) schema.Float64Attribute {
	return schema.Float64Attribute{
		Optional: true,
		MarkdownDescription: "Most requests per second this provider process sends to the service, retries included, spread " +
			"evenly; unset means no limit. Falls back to `" + env + "`." + vendorNote,
		Validators: []validator.Float64{float64validator.AtLeast(0.001)},
	}
}

func maxRetriesAttribute(env string) schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional: true,
		MarkdownDescription: "Most retries of a failed request, if you want a cap. Unset (the default), reads, updates and " +
			"deletes that fail with HTTP 429, a server error or a lost connection are retried, with exponential backoff and " +
			"`Retry-After`, until another wait and attempt would pass the operation's time limit: the resource's `timeouts` (by default " +
			"5 minutes to read, 10 to create, update or delete), or 5 minutes for a data source. A create is repeated only " +
			"when it was refused (429), never arrived, or, after a failure that leaves its outcome unknown, when a lookup " +
			"finds no customer it made; it never makes two, and is sent at most `max_retries` more times (10 when unset). " +
			"`0` switches retries off. Between 0 and 10. Falls back to `" + env + "`.",
		Validators: []validator.Int64{int64validator.Between(0, 10)},
	}
}

func baseURLAttribute(env, def, extra string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "API base URL. Falls back to `" + env + "`, then to `" + def + "`. Must use `https://`, " +
			"except for loopback hosts (`127.0.0.1`, `::1`, `localhost`), such as the local sandbox." + extra,
		Validators: []validator.String{validate.BaseURL()},
	}
}

func (p *customersProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	services := newServices(p.version, &config, &resp.Diagnostics)
	resp.ResourceData = services
	resp.DataSourceData = services
}

func (p *customersProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		openprovider.NewCustomerResource,
		ecurring.NewCustomerResource,
		kyc.NewCustomerResource,
	}
}

func (p *customersProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		openprovider.NewCustomerDataSource,
		ecurring.NewCustomerDataSource,
		ecurring.NewCustomersDataSource,
		kyc.NewCustomerDataSource,
	}
}

// Functions are provider::customers::openprovider_phone and provider::customers::e164 (Terraform 1.8).
func (p *customersProvider) Functions(context.Context) []func() function.Function {
	return functions.All()
}
