package openprovider

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

type customersModel struct {
	filterModel
	Customers []listedCustomerModel `tfsdk:"customers"`
}

// listedCustomerModel is customerDataModel without fax and vat, which Openprovider's list never
// shows.
type listedCustomerModel struct {
	customerFields
	AdditionalData *AdditionalDataFields `tfsdk:"additional_data"`
}

// listedFromAPI maps a listed customer as the openprovider_customer data source does.
func listedFromAPI(c *openproviderapi.Customer) listedCustomerModel {
	m := dataModelFromAPI(c)
	return listedCustomerModel{m.customerFields, m.AdditionalData}
}

// NewCustomersDataSource returns the openprovider_customers data source.
func NewCustomersDataSource() datasource.DataSource {
	customer := dsschema.Computed(customerSchema().Attributes)
	delete(customer, "fax")
	delete(customer, "vat")
	patterns := map[string]schema.Attribute{}
	for name, description := range filters {
		patterns[name] = schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: filterValidators()}
	}
	d := &providerdata.ListDataSource[openproviderapi.Client, openproviderapi.Customer, customersModel, listedCustomerModel]{
		Description: "Lists the customer handles in Openprovider, optionally filtered; deleted handles are left out. " +
			"It reads every page of Openprovider's customer list (1000 customers a request). " + filtersNote,
		Filters:  patterns,
		Customer: customer,
		CustomersDescription: "The customers, in Openprovider's order. Openprovider's list never shows `fax` and `vat`: " +
			"read a customer with the `openprovider_customer` data source for them.",
		Customers: func(ctx context.Context, client *openproviderapi.Client, state *customersModel) iter.Seq2[*openproviderapi.Customer, error] {
			return client.Customers(ctx, state.toAPI())
		},
		Model:  listedFromAPI,
		Listed: func(state *customersModel) *[]listedCustomerModel { return &state.Customers },
	}
	d.Base = base.Named("openprovider_customers")
	return d
}
