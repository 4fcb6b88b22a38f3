// Package ecurring is the ecurring_customer resource and the ecurring_customer(s) data sources:
// eCurring customers in Terraform's terms, on top of the ecurringapi client.
package ecurring

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

const (
	serviceName = "ecurring"
	vendor      = "eCurring"
)

// Service is eCurring's part of the provider.
func Service() providerdata.Service {
	return providerdata.Service{
		Name:           serviceName,
		Title:          vendor,
		Description:    "eCurring (recurring billing) API access, for `ecurring_customer`.",
		Settings:       map[string]schema.Attribute{"api_key": providerdata.Setting(serviceName, "api_key", "API key.", true)},
		DefaultBaseURL: "https://api.ecurring.com",
		RateLimitNote:  " eCurring documents no limit.",
		Connect: func(s *providerdata.Settings) (any, error) {
			return ecurringapi.New(ecurringapi.Settings{APIKey: s.Credential("api_key"), BaseURL: s.BaseURL(), HTTP: s.HTTP()})
		},
		Resources:     []func() resource.Resource{NewCustomerResource},
		DataSources:   []func() datasource.DataSource{NewCustomerDataSource, NewCustomersDataSource},
		ListResources: []func() list.ListResource{NewCustomerListResource},
	}
}

// base is what the resource and the data sources share. eCurring's error pointers name
// top-level attributes.
var base = providerdata.Base[ecurringapi.Client]{Service: serviceName, Vendor: vendor, Field: attributePath}

func attributePath(field string) (path.Path, bool) {
	_, ok := customerSchema().Attributes[field]
	return path.Root(field), ok
}
