package kyc

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

// NewCustomerDataSource returns the kyc_customer data source.
func NewCustomerDataSource() datasource.DataSource {
	d := providerdata.LookupOf(customerDefinition, "Reads an existing NOAH customer by its customer_id. NOAH does not "+
		"return e-mail addresses and phone numbers, so this data source has neither.", dataModelFromAPI)
	delete(d.Definition.Attributes, "email")
	delete(d.Definition.Attributes, "phone_number")
	return d
}

// customerDataModel is customerModel without email and phone_number, which NOAH never returns.
type customerDataModel struct {
	CustomerID         types.String     `tfsdk:"customer_id"`
	FullName           *fullNameModel   `tfsdk:"full_name"`
	DateOfBirth        types.String     `tfsdk:"date_of_birth"`
	Identities         []IdentityFields `tfsdk:"identities"`
	PrimaryResidence   *addressModel    `tfsdk:"primary_residence"`
	Created            types.String     `tfsdk:"created"`
	VerificationStatus types.String     `tfsdk:"verification_status"`
}

// dataModelFromAPI maps a customer as the resource does, without what NOAH never returns.
func dataModelFromAPI(c *kycapi.Customer) customerDataModel {
	m := customerFromAPI(c, nil)
	out := customerDataModel{
		CustomerID: m.CustomerID, FullName: m.FullName, DateOfBirth: m.DateOfBirth,
		PrimaryResidence: m.PrimaryResidence, Created: m.Created, VerificationStatus: m.VerificationStatus,
	}
	for _, id := range m.Identities {
		out.Identities = append(out.Identities, id.IdentityFields)
	}
	return out
}
