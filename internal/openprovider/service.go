// Package openprovider is the openprovider_customer resource and data source: Openprovider
// customer handles in Terraform's terms, on top of the openproviderapi client.
package openprovider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

const (
	serviceName = "openprovider"
	vendor      = "Openprovider"
)

// Service is Openprovider's part of the provider. Its clients share login sessions for as long
// as the Service lives, which is the provider process: Openprovider rate-limits logins.
func Service() providerdata.Service {
	sessions := &openproviderapi.Sessions{}
	return providerdata.Service{
		Name:        serviceName,
		Title:       vendor,
		Description: "Openprovider (domain registrar) API access, for `openprovider_customer`.",
		Settings: map[string]schema.Attribute{
			"username": providerdata.Setting(serviceName, "username", "API username; the user must not have two-factor authentication enabled.", false),
			"password": providerdata.Setting(serviceName, "password", "API password.", true),
		},
		DefaultBaseURL: "https://api.openprovider.eu/v1beta",
		BaseURLNote:    " Openprovider's test environment is `https://api.cte.openprovider.eu/v1beta`.",
		RateLimitNote: " Openprovider's test environment allows 50 calls per 100 seconds, so use `0.45` there; production " +
			"blacklists an IP address that repeats one call 300 times in 300 seconds (the provider never repeats calls that way).",
		Connect: func(s *providerdata.Settings) (any, error) {
			return openproviderapi.New(openproviderapi.Settings{
				Username: s.Credential("username"),
				Password: s.Credential("password"),
				BaseURL:  s.BaseURL(),
				HTTP:     s.HTTP(),
				Sessions: sessions,
			})
		},
		Resources:     []func() resource.Resource{NewCustomerResource},
		DataSources:   []func() datasource.DataSource{NewCustomerDataSource, NewCustomersDataSource},
		ListResources: []func() list.ListResource{NewCustomerListResource},
	}
}

// base is what the resource and the data source share.
var base = providerdata.Base[openproviderapi.Client]{Service: serviceName, Vendor: vendor}
