package openprovider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

// NewCustomerDataSource returns the openprovider_customer data source.
func NewCustomerDataSource() datasource.DataSource {
	d := &providerdata.LookupDataSource[openproviderapi.Client, openproviderapi.Customer, customerModel]{
		Definition: dsschema.FromResource(customerSchema(), "handle",
			"Reads an existing Openprovider customer handle, such as one managed outside this configuration."),
		ID:    "handle",
		Get:   (*openproviderapi.Client).GetCustomer,
		Model: func(c *openproviderapi.Customer) customerModel { return customerFromAPI(c, nil) },
	}
	d.Base = base.Named("openprovider_customer")
	return d
}
