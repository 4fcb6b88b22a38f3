package ecurring

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

type listConfigModel struct {
	Email types.String `tfsdk:"email"`
}

// emailFilter describes the email filter of the list resource and the ecurring_customers data
// source.
const emailFilter = "Only customers with this e-mail address (the whole address, compared without regard to case)."

func emailValidators() []validator.String { return []validator.String{validate.Email()} }

// NewCustomerListResource returns the ecurring_customer list resource.
func NewCustomerListResource() list.ListResource {
	return providerdata.ListOf(customerDefinition, providerdata.CustomerList[ecurringapi.Client, ecurringapi.Customer, customerResourceModel, listConfigModel]{
		Config: listschema.Schema{
			MarkdownDescription: "Lists eCurring customers, 50 a request, in eCurring's order (by ID). eCurring documents no " +
				"filter on its list, so with `email` every page is still read and the provider keeps the matches.",
			Attributes: map[string]listschema.Attribute{
				"email": listschema.StringAttribute{Optional: true, MarkdownDescription: emailFilter, Validators: emailValidators()},
			},
		},
		Customers: func(ctx context.Context, client *ecurringapi.Client, config *listConfigModel) iter.Seq2[*ecurringapi.Customer, error] {
			return client.Customers(ctx, config.Email.ValueString())
		},
		IDOf: func(c *ecurringapi.Customer) string { return c.ID },
	})
}
