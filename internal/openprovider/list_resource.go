package openprovider

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

// filterModel is the filters of the list resource and of the openprovider_customers data source.
type filterModel struct {
	Email       types.String `tfsdk:"email"`
	FirstName   types.String `tfsdk:"first_name"`
	LastName    types.String `tfsdk:"last_name"`
	CompanyName types.String `tfsdk:"company_name"`
	Handle      types.String `tfsdk:"handle"`
}

func (f *filterModel) toAPI() openproviderapi.ListFilter {
	return openproviderapi.ListFilter{
		Email: f.Email.ValueString(), FirstName: f.FirstName.ValueString(), LastName: f.LastName.ValueString(),
		CompanyName: f.CompanyName.ValueString(), Handle: f.Handle.ValueString(),
	}
}

// filters describes each filter: Openprovider's *_pattern parameters.
var filters = map[string]string{
	"email":        "Only customers whose e-mail address matches this pattern, such as `*@example.com`.",
	"first_name":   "Only customers whose first name matches this pattern.",
	"last_name":    "Only customers whose last name matches this pattern, such as `Smith*`.",
	"company_name": "Only customers whose company name matches this pattern.",
	"handle":       "Only customers whose handle matches this pattern, such as `JD000001-NL`.",
}

// filtersNote says how patterns match, for the descriptions of the list resource and data source.
const filtersNote = "The filters are Openprovider's list patterns: `*` stands for any run of characters, every other " +
	"character for itself, and every filter given must match. Openprovider does not document whether a pattern without " +
	"`*` may also match part of a value, nor whether case counts: add `*` where a partial match is meant."

// filterValidators refuse an empty pattern, which would filter nothing.
func filterValidators() []validator.String {
	return []validator.String{stringvalidator.UTF8LengthBetween(1, 255)}
}

// NewCustomerListResource returns the openprovider_customer list resource.
func NewCustomerListResource() list.ListResource {
	attributes := map[string]listschema.Attribute{}
	for name, description := range filters {
		attributes[name] = listschema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: filterValidators()}
	}
	return providerdata.ListOf(customerDefinition, providerdata.CustomerList[openproviderapi.Client, openproviderapi.Customer, customerResourceModel, filterModel]{
		Config: listschema.Schema{
			MarkdownDescription: "Lists Openprovider customer handles, 1000 a request, optionally filtered. " + filtersNote +
				" Deleted handles are left out. With `include_resource`, each customer is read as the resource reads it " +
				"(one more request per customer), since Openprovider's list leaves out `fax` and `vat`.",
			Attributes: attributes,
		},
		Customers: func(ctx context.Context, client *openproviderapi.Client, config *filterModel) iter.Seq2[*openproviderapi.Customer, error] {
			return client.Customers(ctx, config.toAPI())
		},
		IDOf:     func(c *openproviderapi.Customer) string { return c.Handle },
		ReadEach: true,
	})
}
