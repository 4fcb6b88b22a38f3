package kyc

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"

	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

// NewCustomerListResource returns the kyc_customer list resource.
func NewCustomerListResource() list.ListResource {
	return providerdata.ListOf(customerDefinition, providerdata.CustomerList[kycapi.Client, kycapi.Customer, customerResourceModel, struct{}]{
		Config: listschema.Schema{
			MarkdownDescription: "Lists NOAH customers, 100 a request, newest first. NOAH's list has no filters. NOAH never " +
				"returns `email` and `phone_number`, so they are null in the listed resources.",
		},
		Customers: func(ctx context.Context, client *kycapi.Client, _ *struct{}) iter.Seq2[*kycapi.Customer, error] {
			return client.Customers(ctx)
		},
		IDOf: func(c *kycapi.Customer) string { return c.CustomerID },
	})
}
