package ecurring

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

type customersModel struct {
	Email     types.String    `tfsdk:"email"`
	Customers []customerModel `tfsdk:"customers"`
}

// NewCustomersDataSource returns the ecurring_customers data source.
func NewCustomersDataSource() datasource.DataSource {
	d := &providerdata.ListDataSource[ecurringapi.Client, ecurringapi.Customer, customersModel, customerModel]{
		Description: "Lists the customers in eCurring, optionally only those with a given e-mail address. " +
			"It reads every page of eCurring's customer list (50 customers a request).",
		Filters: map[string]schema.Attribute{
			"email": schema.StringAttribute{Optional: true, MarkdownDescription: emailFilter, Validators: emailValidators()},
		},
		Customer:             dsschema.Computed(customerSchema().Attributes),
		CustomersDescription: "The customers, in eCurring's order (by ID).",
		Customers: func(ctx context.Context, client *ecurringapi.Client, state *customersModel) iter.Seq2[*ecurringapi.Customer, error] {
			return client.Customers(ctx, state.Email.ValueString())
		},
		Model:  customerFromAPI,
		Listed: func(state *customersModel) *[]customerModel { return &state.Customers },
	}
	d.Base = base.Named("ecurring_customers")
	return d
}
