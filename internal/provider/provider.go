// Package provider is the customers provider: its schema, its configuration from HCL and the
// environment, and the wiring of each service's client into that service's resources.
package provider

import (
	"context"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurring"
	"github.com/customerhandles/terraform-provider-customers/internal/functions"
	"github.com/customerhandles/terraform-provider-customers/internal/kyc"
	"github.com/customerhandles/terraform-provider-customers/internal/openprovider"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

var (
	_ provider.ProviderWithFunctions     = (*customersProvider)(nil)
	_ provider.ProviderWithListResources = (*customersProvider)(nil)
)

// New returns a constructor of the provider; version is stamped in at build time. Each service is
// made once, when the provider process starts, and lives as long as it: Openprovider's shares its
// login sessions between every provider configuration of the process.
func New(version string) func() provider.Provider {
	// One line per service: adding a vendor is adding its Service here.
	services := []providerdata.Service{
		openprovider.Service(),
		ecurring.Service(),
		kyc.Service(),
	}
	return func() provider.Provider { return &customersProvider{version: version, services: services} }
}

type customersProvider struct {
	version  string
	services []providerdata.Service
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
		Attributes: map[string]schema.Attribute{},
	}
	for _, s := range p.services {
		resp.Schema.Attributes[s.Name] = serviceBlock(s)
	}
}

// serviceBlock is a service's block of provider settings: its own, and how to reach its API.
func serviceBlock(s providerdata.Service) schema.SingleNestedAttribute {
	env := strings.ToUpper(s.Name) + "_"
	attributes := maps.Clone(s.Settings)
	attributes["base_url"] = baseURLAttribute(env+"BASE_URL", s.DefaultBaseURL, s.BaseURLNote)
	attributes["rate_limit"] = rateLimitAttribute(env+"RATE_LIMIT", s.RateLimitNote)
	attributes["max_retries"] = maxRetriesAttribute(env + "MAX_RETRIES")
	return schema.SingleNestedAttribute{Optional: true, MarkdownDescription: s.Description, Attributes: attributes}
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

// Configure connects each service from its block, else from the environment. A service without
// credentials is not an error here: its resources report it at plan time, so that a
// configuration that does not use a service need not configure it.
func (p *customersProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	clients := providerdata.NewClients()
	for _, s := range p.services {
		var block types.Object
		if resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(s.Name), &block)...); resp.Diagnostics.HasError() {
			return
		}
		clients.Connect(s, providerdata.NewSettings(block, s, "terraform-provider-customers/"+p.version, &resp.Diagnostics))
	}
	resp.ResourceData = clients
	resp.DataSourceData = clients
	resp.ListResourceData = clients
}

func (p *customersProvider) Resources(context.Context) []func() resource.Resource {
	return ofEach(p.services, func(s providerdata.Service) []func() resource.Resource { return s.Resources })
}

func (p *customersProvider) DataSources(context.Context) []func() datasource.DataSource {
	return ofEach(p.services, func(s providerdata.Service) []func() datasource.DataSource { return s.DataSources })
}

// ListResources are each service's list resources (Terraform 1.14 and later).
func (p *customersProvider) ListResources(context.Context) []func() list.ListResource {
	return ofEach(p.services, func(s providerdata.Service) []func() list.ListResource { return s.ListResources })
}

// ofEach joins what each service has of one kind.
func ofEach[T any](services []providerdata.Service, kind func(providerdata.Service) []T) []T {
	var out []T
	for _, s := range services {
		out = append(out, kind(s)...)
	}
	return out
}

// Functions are provider::customers::openprovider_phone and provider::customers::e164 (Terraform 1.8).
func (p *customersProvider) Functions(context.Context) []func() function.Function {
	return functions.All()
}
