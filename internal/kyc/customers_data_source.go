package kyc

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

type customersModel struct {
	Customers []customerDataModel `tfsdk:"customers"`
}

// NewCustomersDataSource returns the kyc_customers data source.
func NewCustomersDataSource() datasource.DataSource {
	customer := dsschema.Computed(customerSchema().Attributes)
	delete(customer, "email")
	delete(customer, "phone_number")
	d := &providerdata.ListDataSource[kycapi.Client, kycapi.Customer, customersModel, customerDataModel]{
		Description: "Lists the customers at NOAH, newest first. It reads every page of NOAH's customer list " +
			"(100 customers a request). NOAH does not return e-mail addresses and phone numbers, so the customers have neither.",
		Customer:             customer,
		CustomersDescription: "The customers, newest first.",
		Customers: func(ctx context.Context, client *kycapi.Client, _ *customersModel) iter.Seq2[*kycapi.Customer, error] {
			return client.Customers(ctx)
		},
		Model:  dataModelFromAPI,
		Listed: func(state *customersModel) *[]customerDataModel { return &state.Customers },
	}
	d.Base = base.Named("kyc_customers")
	return d
}
