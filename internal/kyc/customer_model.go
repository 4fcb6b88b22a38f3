package kyc

import (
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/attrs"
	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
)

// customerModel is the Terraform side of a customer.
type customerModel struct {
	CustomerID         types.String    `tfsdk:"customer_id"`
	FullName           *fullNameModel  `tfsdk:"full_name"`
	DateOfBirth        types.String    `tfsdk:"date_of_birth"`
	Email              types.String    `tfsdk:"email"`
	PhoneNumber        types.String    `tfsdk:"phone_number"`
	Identities         []identityModel `tfsdk:"identities"`
	PrimaryResidence   *addressModel   `tfsdk:"primary_residence"`
	Created            types.String    `tfsdk:"created"`
	VerificationStatus types.String    `tfsdk:"verification_status"`
}

type fullNameModel struct {
	FirstName  types.String `tfsdk:"first_name"`
	LastName   types.String `tfsdk:"last_name"`
	MiddleName types.String `tfsdk:"middle_name"`
}

// IdentityFields are the attributes of an identity the resource and the data sources share.
type IdentityFields struct {
	IssuingCountry types.String `tfsdk:"issuing_country"`
	IDNumber       types.String `tfsdk:"id_number"`
	IssuedDate     types.String `tfsdk:"issued_date"`
	ExpiryDate     types.String `tfsdk:"expiry_date"`
	IDType         types.String `tfsdk:"id_type"`
}

// identityModel is an identity of the resource: the shared attributes and the write-only twin.
type identityModel struct {
	IdentityFields
	// The write-only twin (the resource's, not the data source's): null but while a create or an
	// update holds it from the configuration (withWriteOnly); a version that is set means the
	// write-only form is used, and id_number stays null.
	IDNumberWO        types.String `tfsdk:"id_number_wo"`
	IDNumberWOVersion types.Int64  `tfsdk:"id_number_wo_version"`
}

type addressModel struct {
	Street   types.String `tfsdk:"street"`
	Street2  types.String `tfsdk:"street2"`
	City     types.String `tfsdk:"city"`
	PostCode types.String `tfsdk:"post_code"`
	State    types.String `tfsdk:"state"`
	Country  types.String `tfsdk:"country"`
}

// toAPI is the PUT body: the customer's whole record, always of type Individual.
func (m *customerModel) toAPI() *kycapi.CustomerInput {
	in := &kycapi.CustomerInput{
		Type:        "Individual",
		DateOfBirth: m.DateOfBirth.ValueString(),
		Email:       m.Email.ValueString(),
		PhoneNumber: m.PhoneNumber.ValueString(),
	}
	if n := m.FullName; n != nil {
		in.FullName = kycapi.FullName{FirstName: n.FirstName.ValueString(), LastName: n.LastName.ValueString(), MiddleName: n.MiddleName.ValueString()}
	}
	for _, id := range m.Identities {
		in.Identities = append(in.Identities, kycapi.Identity{
			IssuingCountry: id.IssuingCountry.ValueString(),
			IDNumber:       plainOrWriteOnly(id.IDNumber, id.IDNumberWO),
			IssuedDate:     id.IssuedDate.ValueString(),
			ExpiryDate:     id.ExpiryDate.ValueString(),
			IDType:         id.IDType.ValueString(),
		})
	}
	if a := m.PrimaryResidence; a != nil {
		in.PrimaryResidence = kycapi.Address{
			Street:   a.Street.ValueString(),
			Street2:  a.Street2.ValueString(),
			City:     a.City.ValueString(),
			PostCode: a.PostCode.ValueString(),
			State:    a.State.ValueString(),
			Country:  a.Country.ValueString(),
		}
	}
	return in
}

// customerFromAPI maps a customer to Terraform values. NOAH never returns e-mail and phone
// number, so those keep their prior values (null on import) rather than showing false drift.
func customerFromAPI(c *kycapi.Customer, prior *customerModel) customerModel {
	m := customerModel{
		CustomerID:  types.StringValue(c.CustomerID),
		FullName:    &fullNameModel{FirstName: types.StringValue(c.FullName.FirstName), LastName: types.StringValue(c.FullName.LastName), MiddleName: attrs.Optional(c.FullName.MiddleName)},
		DateOfBirth: types.StringValue(c.DateOfBirth),
		PrimaryResidence: &addressModel{
			Street:   types.StringValue(c.PrimaryResidence.Street),
			Street2:  attrs.Optional(c.PrimaryResidence.Street2),
			City:     types.StringValue(c.PrimaryResidence.City),
			PostCode: types.StringValue(c.PrimaryResidence.PostCode),
			State:    types.StringValue(c.PrimaryResidence.State),
			Country:  types.StringValue(c.PrimaryResidence.Country),
		},
		Created:            attrs.Optional(c.Created),
		VerificationStatus: attrs.Optional(c.VerificationStatus()),
	}
	if prior != nil {
		m.Email, m.PhoneNumber = prior.Email, prior.PhoneNumber
	}
	for i, id := range c.Identities {
		identity := identityModel{IdentityFields: IdentityFields{IssuingCountry: types.StringValue(id.IssuingCountry), IDNumber: types.StringValue(id.IDNumber), IssuedDate: attrs.Optional(id.IssuedDate), ExpiryDate: attrs.Optional(id.ExpiryDate), IDType: types.StringValue(id.IDType)}}
		// Nothing NOAH returns for a number sent write-only is stored: the version says so. NOAH
		// keeps the identities in the order they were sent.
		if prior != nil && i < len(prior.Identities) && !prior.Identities[i].IDNumberWOVersion.IsNull() {
			identity.IDNumber, identity.IDNumberWOVersion = types.StringNull(), prior.Identities[i].IDNumberWOVersion
		}
		m.Identities = append(m.Identities, identity)
	}
	return m
}

// plainOrWriteOnly is the value to send of an attribute and its write-only twin, of which the
// configuration sets exactly one.
func plainOrWriteOnly(plain, writeOnly types.String) string {
	if plain.IsNull() {
		return writeOnly.ValueString()
	}
	return plain.ValueString()
}

// attributeNames maps NOAH's field names to the resource's attribute names.
var attributeNames = map[string]string{
	"CustomerID": "customer_id", "FullName": "full_name", "FirstName": "first_name", "LastName": "last_name",
	"MiddleName": "middle_name", "DateOfBirth": "date_of_birth", "Email": "email", "PhoneNumber": "phone_number",
	"Identities": "identities", "IssuingCountry": "issuing_country", "IDNumber": "id_number",
	"IssuedDate": "issued_date", "ExpiryDate": "expiry_date", "IDType": "id_type",
	"PrimaryResidence": "primary_residence", "Street": "street", "Street2": "street2", "City": "city",
	"PostCode": "post_code", "State": "state", "Country": "country",
}

// attributePath turns a field path of NOAH's, such as "Identities[0].IDNumber" or
// "Identities.0.IDNumber", into the attribute's path, walking the resource's schema so that
// every name exists under its parent and an index follows only a list.
func attributePath(field string) (path.Path, bool) {
	parts := strings.Split(strings.NewReplacer("[", ".", "]", "").Replace(field), ".")
	attributes := customerSchema().Attributes
	var p path.Path
	for i := 0; i < len(parts); i++ {
		a, ok := attributes[attributeNames[parts[i]]]
		if !ok {
			return path.Empty(), false
		}
		if i == 0 {
			p = path.Root(attributeNames[parts[i]])
		} else {
			p = p.AtName(attributeNames[parts[i]])
		}
		switch a := a.(type) {
		case schema.SingleNestedAttribute:
			attributes = a.Attributes
		case schema.ListNestedAttribute:
			attributes = a.NestedObject.Attributes
			if i+1 < len(parts) {
				index, err := strconv.Atoi(parts[i+1])
				if err != nil || index < 0 || strconv.Itoa(index) != parts[i+1] {
					return path.Empty(), false
				}
				p = p.AtListIndex(index)
				i++
			}
		default:
			attributes = nil
		}
	}
	return p, len(parts) > 0 && parts[0] != ""
}

// customerResourceModel is the resource's model: the customer and its operation timeouts.
type customerResourceModel struct {
	customerModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// resourceModel is the resource's model of what NOAH holds.
func resourceModel(c *kycapi.Customer, prior *customerResourceModel) customerResourceModel {
	return customerResourceModel{customerFromAPI(c, &prior.customerModel), prior.Timeouts}
}
