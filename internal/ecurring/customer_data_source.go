package ecurring

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

// NewCustomerDataSource returns the ecurring_customer data source.
func NewCustomerDataSource() datasource.DataSource {
	d := &providerdata.LookupDataSource[ecurringapi.Client, ecurringapi.Customer, customerModel]{
		Definition: dsschema.FromResource(customerSchema(), "id", "Reads an existing eCurring customer by its ID."),
		ID:         "id",
		Get:        (*ecurringapi.Client).GetCustomer,
		Model:      customerFromAPI,
	}
	d.Base = base.Named("ecurring_customer")
	return d
}
