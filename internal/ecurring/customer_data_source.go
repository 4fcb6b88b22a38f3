package ecurring

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

// NewCustomerDataSource returns the ecurring_customer data source.
func NewCustomerDataSource() datasource.DataSource {
	return providerdata.LookupOf(customerDefinition, "Reads an existing eCurring customer by its ID.", customerFromAPI)
}
