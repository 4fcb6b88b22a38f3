package ecurring

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/attrs"
	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
)

// customerModel is the Terraform side of a customer, shared by the resource and data sources.
type customerModel struct {
	ID                     types.String `tfsdk:"id"`
	Gender                 types.String `tfsdk:"gender"`
	FirstName              types.String `tfsdk:"first_name"`
	MiddleName             types.String `tfsdk:"middle_name"`
	LastName               types.String `tfsdk:"last_name"`
	CompanyName            types.String `tfsdk:"company_name"`
	VatNumber              types.String `tfsdk:"vat_number"`
	IBAN                   types.String `tfsdk:"iban"`
	BankHolder             types.String `tfsdk:"bank_holder"`
	Postalcode             types.String `tfsdk:"postalcode"`
	HouseNumber            types.String `tfsdk:"house_number"`
	HouseNumberAdd         types.String `tfsdk:"house_number_add"`
	Street                 types.String `tfsdk:"street"`
	City                   types.String `tfsdk:"city"`
	CountryISO2            types.String `tfsdk:"country_iso2"`
	Language               types.String `tfsdk:"language"`
	Email                  types.String `tfsdk:"email"`
	Telephone              types.String `tfsdk:"telephone"`
	PaymentMethod          types.String `tfsdk:"payment_method"`
	BankVerificationMethod types.String `tfsdk:"bank_verification_method"`
	CardHolder             types.String `tfsdk:"card_holder"`
	CardNumber             types.String `tfsdk:"card_number"`
	CreatedAt              types.String `tfsdk:"created_at"`
	UpdatedAt              types.String `tfsdk:"updated_at"`
}

// writable pairs each attribute a client may write with its field in the model.
func (m *customerModel) writable() map[string]types.String {
	return map[string]types.String{
		ecurringapi.AttrGender:         m.Gender,
		ecurringapi.AttrFirstName:      m.FirstName,
		ecurringapi.AttrMiddleName:     m.MiddleName,
		ecurringapi.AttrLastName:       m.LastName,
		ecurringapi.AttrCompanyName:    m.CompanyName,
		ecurringapi.AttrVatNumber:      m.VatNumber,
		ecurringapi.AttrIBAN:           m.IBAN,
		ecurringapi.AttrBankHolder:     m.BankHolder,
		ecurringapi.AttrPostalcode:     m.Postalcode,
		ecurringapi.AttrHouseNumber:    m.HouseNumber,
		ecurringapi.AttrHouseNumberAdd: m.HouseNumberAdd,
		ecurringapi.AttrStreet:         m.Street,
		ecurringapi.AttrCity:           m.City,
		ecurringapi.AttrCountryISO2:    m.CountryISO2,
		ecurringapi.AttrLanguage:       m.Language,
		ecurringapi.AttrEmail:          m.Email,
		ecurringapi.AttrTelephone:      m.Telephone,
	}
}

// createAttributes are the attributes the configuration sets.
func (m *customerModel) createAttributes() ecurringapi.Attributes {
	attrs := ecurringapi.Attributes{}
	for name, v := range m.writable() {
		if !v.IsNull() && !v.IsUnknown() {
			attrs[name] = v.ValueStringPointer()
		}
	}
	return attrs
}

// changedAttributes are the attributes whose planned value differs from the prior state: set
// ones carry the new value, and ones the state holds but the configuration removed are cleared
// (nil). The rest stay out of the PATCH, and so does a value the plan leaves to eCurring
// (unknown). A new IBAN takes the bank holder along, as eCurring requires both together.
func (m *customerModel) changedAttributes(prior *customerModel) ecurringapi.Attributes {
	attrs := ecurringapi.Attributes{}
	before := prior.writable()
	for name, v := range m.writable() {
		if !v.IsUnknown() && !v.Equal(before[name]) {
			attrs[name] = v.ValueStringPointer() // nil for null
		}
	}
	if _, ok := attrs[ecurringapi.AttrIBAN]; ok && !m.BankHolder.IsNull() {
		attrs[ecurringapi.AttrBankHolder] = m.BankHolder.ValueStringPointer()
	}
	return attrs
}

// customerFromAPI maps a customer to Terraform values; the API's "" and null both become null.
func customerFromAPI(c *ecurringapi.Customer) customerModel {
	return customerModel{
		ID:                     types.StringValue(c.ID),
		Gender:                 attrs.Optional(c.Gender),
		FirstName:              types.StringValue(c.FirstName),
		MiddleName:             attrs.Optional(c.MiddleName),
		LastName:               types.StringValue(c.LastName),
		CompanyName:            attrs.Optional(c.CompanyName),
		VatNumber:              attrs.Optional(c.VatNumber),
		IBAN:                   attrs.Optional(c.IBAN),
		BankHolder:             attrs.Optional(c.BankHolder),
		Postalcode:             attrs.Optional(c.Postalcode),
		HouseNumber:            attrs.Optional(c.HouseNumber),
		HouseNumberAdd:         attrs.Optional(c.HouseNumberAdd),
		Street:                 attrs.Optional(c.Street),
		City:                   attrs.Optional(c.City),
		CountryISO2:            attrs.Optional(c.CountryISO2),
		Language:               attrs.Optional(c.Language),
		Email:                  types.StringValue(c.Email),
		Telephone:              attrs.Optional(c.Telephone),
		PaymentMethod:          attrs.Optional(c.PaymentMethod),
		BankVerificationMethod: attrs.Optional(c.BankVerificationMethod),
		CardHolder:             attrs.Optional(c.CardHolder),
		CardNumber:             attrs.Optional(c.CardNumber),
		CreatedAt:              attrs.Optional(c.CreatedAt),
		UpdatedAt:              attrs.Optional(c.UpdatedAt),
	}
}

// customerResourceModel is the resource's model: the customer and its operation timeouts.
// iban_wo and its version are the resource's alone: the data sources read what eCurring holds.
type customerResourceModel struct {
	customerModel
	IBANWO        types.String   `tfsdk:"iban_wo"` // null: only the configuration holds it
	IBANWOVersion types.Int64    `tfsdk:"iban_wo_version"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

// resourceModel is the resource's model of what eCurring holds. An IBAN sent write-only (the
// version is set) is not stored: iban stays null whatever eCurring returns.
func resourceModel(c *ecurringapi.Customer, prior *customerResourceModel) customerResourceModel {
	m := customerResourceModel{customerModel: customerFromAPI(c), IBANWOVersion: prior.IBANWOVersion, Timeouts: prior.Timeouts}
	if !prior.IBANWOVersion.IsNull() {
		m.IBAN = types.StringNull()
	}
	return m
}
