package openprovider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

// NewCustomerDataSource returns the openprovider_customer data source.
func NewCustomerDataSource() datasource.DataSource {
	return providerdata.LookupOf(customerDefinition,
		"Reads an existing Openprovider customer handle, such as one managed outside this configuration.", dataModelFromAPI)
}

// customerDataModel is customerModel without the write-only attributes and their versions,
// which a data source does not have (dsschema leaves them out).
type customerDataModel struct {
	customerFields
	Vat            types.String          `tfsdk:"vat"`
	Fax            *phoneModel           `tfsdk:"fax"`
	AdditionalData *AdditionalDataFields `tfsdk:"additional_data"`
}

// dataModelFromAPI maps a customer as the resource does on import.
func dataModelFromAPI(c *openproviderapi.Customer) customerDataModel {
	m := customerFromAPI(c, nil)
	return customerDataModel{m.customerFields, m.Vat, m.Fax, sharedAdditionalData(m.AdditionalData)}
}

// sharedAdditionalData is the resource's additional data without the write-only twins.
func sharedAdditionalData(d *additionalDataModel) *AdditionalDataFields {
	if d == nil {
		return nil
	}
	return &d.AdditionalDataFields
}
