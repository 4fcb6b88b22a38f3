package openprovider

import (
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/attrs"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
)

// customerFields are the attributes of a customer that the resource and both data sources share:
// all but vat and fax, which Openprovider's list leaves out, and additional data, whose model is
// the resource's own (it has write-only twins).
type customerFields struct {
	Handle                  types.String     `tfsdk:"handle"`
	Name                    *nameModel       `tfsdk:"name"`
	CompanyName             types.String     `tfsdk:"company_name"`
	Address                 *addressModel    `tfsdk:"address"`
	Phone                   *phoneModel      `tfsdk:"phone"`
	Email                   types.String     `tfsdk:"email"`
	Locale                  types.String     `tfsdk:"locale"`
	Comments                types.String     `tfsdk:"comments"`
	Tags                    []tagModel       `tfsdk:"tags"`
	ExtensionAdditionalData []extensionModel `tfsdk:"extension_additional_data"`
}

// customerModel is the Terraform side of a customer.
type customerModel struct {
	customerFields
	Vat            types.String         `tfsdk:"vat"`
	Fax            *phoneModel          `tfsdk:"fax"`
	AdditionalData *additionalDataModel `tfsdk:"additional_data"`
}

type nameModel struct {
	Initials  types.String `tfsdk:"initials"`
	FirstName types.String `tfsdk:"first_name"`
	Prefix    types.String `tfsdk:"prefix"`
	LastName  types.String `tfsdk:"last_name"`
	FullName  types.String `tfsdk:"full_name"`
}

type addressModel struct {
	Street  types.String `tfsdk:"street"`
	Number  types.String `tfsdk:"number"`
	Suffix  types.String `tfsdk:"suffix"`
	Zipcode types.String `tfsdk:"zipcode"`
	City    types.String `tfsdk:"city"`
	Country types.String `tfsdk:"country"`
	State   types.String `tfsdk:"state"`
}

type phoneModel struct {
	CountryCode      types.String `tfsdk:"country_code"`
	AreaCode         types.String `tfsdk:"area_code"`
	SubscriberNumber types.String `tfsdk:"subscriber_number"`
}

type tagModel struct {
	Key   types.String `tfsdk:"key"`
	Value types.String `tfsdk:"value"`
}

// AdditionalDataFields are the additional data attributes the resource and the data sources share.
type AdditionalDataFields struct {
	AttachedFiles                       []attachedFileModel `tfsdk:"attached_files"`
	BirthAddress                        types.String        `tfsdk:"birth_address"`
	BirthCity                           types.String        `tfsdk:"birth_city"`
	BirthCountry                        types.String        `tfsdk:"birth_country"`
	BirthDate                           types.String        `tfsdk:"birth_date"`
	BirthState                          types.String        `tfsdk:"birth_state"`
	BirthZipcode                        types.String        `tfsdk:"birth_zipcode"`
	CifNifNumber                        types.String        `tfsdk:"cif_nif_number"`
	CompanyRegistrationCity             types.String        `tfsdk:"company_registration_city"`
	CompanyRegistrationNumber           types.String        `tfsdk:"company_registration_number"`
	CompanyRegistrationSubscriptionDate types.String        `tfsdk:"company_registration_subscription_date"`
	CompanyURL                          types.String        `tfsdk:"company_url"`
	CostCategory                        types.String        `tfsdk:"cost_category"`
	CostCenter                          types.String        `tfsdk:"cost_center"`
	HeadquartersAddress                 types.String        `tfsdk:"headquarters_address"`
	HeadquartersCity                    types.String        `tfsdk:"headquarters_city"`
	HeadquartersCountry                 types.String        `tfsdk:"headquarters_country"`
	HeadquartersState                   types.String        `tfsdk:"headquarters_state"`
	HeadquartersZipcode                 types.String        `tfsdk:"headquarters_zipcode"`
	InternalReference                   types.String        `tfsdk:"internal_reference"`
	PassportNumber                      types.String        `tfsdk:"passport_number"`
	ProjectCode                         types.String        `tfsdk:"project_code"`
	PurchaseOrderNumber                 types.String        `tfsdk:"purchase_order_number"`
	SocialSecurityNumber                types.String        `tfsdk:"social_security_number"`
	TradingName                         types.String        `tfsdk:"trading_name"`
}

// additionalDataModel is the resource's additional data: the shared attributes and the write-only
// twins.
type additionalDataModel struct {
	AdditionalDataFields
	// The write-only twins (the resource's, not the data source's): the values are null but while
	// a create or an update holds them from the configuration (withWriteOnly); a version that is
	// set means the write-only form is used, and the plain attribute stays null.
	PassportNumberWO              types.String `tfsdk:"passport_number_wo"`
	PassportNumberWOVersion       types.Int64  `tfsdk:"passport_number_wo_version"`
	SocialSecurityNumberWO        types.String `tfsdk:"social_security_number_wo"`
	SocialSecurityNumberWOVersion types.Int64  `tfsdk:"social_security_number_wo_version"`
}

type attachedFileModel struct {
	Description types.String `tfsdk:"description"`
	DocType     types.String `tfsdk:"doc_type"`
	Path        types.String `tfsdk:"path"`
}

type extensionModel struct {
	Name types.String      `tfsdk:"name"`
	Data map[string]string `tfsdk:"data"`
}

// toAPI builds the request body for the desired state m. What m leaves unset (null or unknown,
// such as a locale the server fills in) stays empty and is left out of the request: a create
// sends only what is set, and an update names what it removes apart (removedFields).
func (m *customerModel) toAPI() *openproviderapi.Customer {
	c := &openproviderapi.Customer{
		Vat:      m.Vat.ValueString(),
		Email:    m.Email.ValueString(),
		Locale:   m.Locale.ValueString(),
		Comments: m.Comments.ValueString(),
	}
	if m.Name != nil {
		c.Name = &openproviderapi.Name{
			Initials:  m.Name.Initials.ValueString(),
			FirstName: m.Name.FirstName.ValueString(),
			Prefix:    m.Name.Prefix.ValueString(),
			LastName:  m.Name.LastName.ValueString(),
		}
	}
	if !m.CompanyName.IsNull() {
		company := m.CompanyName.ValueString()
		c.CompanyName = &company
	}
	if a := m.Address; a != nil {
		c.Address = openproviderapi.Address{
			Street:  a.Street.ValueString(),
			Number:  a.Number.ValueString(),
			Suffix:  a.Suffix.ValueString(),
			Zipcode: a.Zipcode.ValueString(),
			City:    a.City.ValueString(),
			Country: a.Country.ValueString(),
			State:   a.State.ValueString(),
		}
	}
	c.Phone = m.Phone.toAPI()
	c.Fax = m.Fax.toAPI()
	for _, t := range m.Tags {
		c.Tags = append(c.Tags, openproviderapi.Tag{Key: t.Key.ValueString(), Value: t.Value.ValueString()})
	}
	if d := m.AdditionalData; d != nil {
		c.AdditionalData = d.toAPI()
	}
	for _, e := range m.ExtensionAdditionalData {
		c.ExtensionAdditionalData = append(c.ExtensionAdditionalData, openproviderapi.ExtensionAdditionalData{Name: e.Name.ValueString(), Data: e.Data})
	}
	return c
}

func (p *phoneModel) toAPI() openproviderapi.Phone {
	if p == nil {
		return openproviderapi.Phone{}
	}
	return openproviderapi.Phone{CountryCode: p.CountryCode.ValueString(), AreaCode: p.AreaCode.ValueString(), SubscriberNumber: p.SubscriberNumber.ValueString()}
}

func (d *additionalDataModel) toAPI() openproviderapi.AdditionalData {
	out := openproviderapi.AdditionalData{
		BirthAddress:                        d.BirthAddress.ValueString(),
		BirthCity:                           d.BirthCity.ValueString(),
		BirthCountry:                        d.BirthCountry.ValueString(),
		BirthDate:                           d.BirthDate.ValueString(),
		BirthState:                          d.BirthState.ValueString(),
		BirthZipcode:                        d.BirthZipcode.ValueString(),
		CifNifNumber:                        d.CifNifNumber.ValueString(),
		CompanyRegistrationCity:             d.CompanyRegistrationCity.ValueString(),
		CompanyRegistrationNumber:           d.CompanyRegistrationNumber.ValueString(),
		CompanyRegistrationSubscriptionDate: d.CompanyRegistrationSubscriptionDate.ValueString(),
		CompanyURL:                          d.CompanyURL.ValueString(),
		CostCategory:                        d.CostCategory.ValueString(),
		CostCenter:                          d.CostCenter.ValueString(),
		HeadquartersAddress:                 d.HeadquartersAddress.ValueString(),
		HeadquartersCity:                    d.HeadquartersCity.ValueString(),
		HeadquartersCountry:                 d.HeadquartersCountry.ValueString(),
		HeadquartersState:                   d.HeadquartersState.ValueString(),
		HeadquartersZipcode:                 d.HeadquartersZipcode.ValueString(),
		InternalReference:                   d.InternalReference.ValueString(),
		PassportNumber:                      plainOrWriteOnly(d.PassportNumber, d.PassportNumberWO),
		ProjectCode:                         d.ProjectCode.ValueString(),
		PurchaseOrderNumber:                 d.PurchaseOrderNumber.ValueString(),
		SocialSecurityNumber:                plainOrWriteOnly(d.SocialSecurityNumber, d.SocialSecurityNumberWO),
		TradingName:                         d.TradingName.ValueString(),
	}
	for _, f := range d.AttachedFiles {
		out.AttachedFiles = append(out.AttachedFiles, openproviderapi.AttachedFile{Description: f.Description.ValueString(), DocType: f.DocType.ValueString(), Path: f.Path.ValueString()})
	}
	return out
}

// customerFromAPI maps what the API returned to Terraform values. Openprovider leaves unset
// fields out (and answers "" for some); both become null, except where prior (the plan or the
// previous state, nil on import) held an empty object or collection, which is kept so that
// `tags = []` does not show as a perpetual difference.
func customerFromAPI(c *openproviderapi.Customer, prior *customerModel) customerModel {
	if prior == nil {
		prior = &customerModel{}
	}
	m := customerModel{
		customerFields: customerFields{
			Handle:      types.StringValue(c.Handle),
			CompanyName: attrs.Optional(deref(c.CompanyName)),
			Address: &addressModel{
				Street:  types.StringValue(c.Address.Street),
				Number:  types.StringValue(c.Address.Number),
				Suffix:  attrs.Optional(c.Address.Suffix),
				Zipcode: types.StringValue(c.Address.Zipcode),
				City:    types.StringValue(c.Address.City),
				Country: types.StringValue(c.Address.Country),
				State:   attrs.Optional(c.Address.State),
			},
			Phone:    phoneFromAPI(c.Phone),
			Email:    types.StringValue(c.Email),
			Locale:   attrs.Optional(c.Locale),
			Comments: attrs.Optional(c.Comments),
		},
		Vat: attrs.Optional(c.Vat),
		Fax: phoneFromAPI(c.Fax),
	}
	if c.Name != nil {
		m.Name = &nameModel{
			Initials:  attrs.Optional(c.Name.Initials),
			FirstName: types.StringValue(c.Name.FirstName),
			Prefix:    attrs.Optional(c.Name.Prefix),
			LastName:  types.StringValue(c.Name.LastName),
			FullName:  types.StringValue(c.Name.FullName),
		}
	}
	m.Tags = keepEmpty(prior.Tags, len(c.Tags))
	for _, t := range c.Tags {
		m.Tags = append(m.Tags, tagModel{Key: types.StringValue(t.Key), Value: types.StringValue(t.Value)})
	}
	m.AdditionalData = additionalDataFromAPI(c.AdditionalData, prior.AdditionalData)
	m.ExtensionAdditionalData = keepEmpty(prior.ExtensionAdditionalData, len(c.ExtensionAdditionalData))
	for _, e := range c.ExtensionAdditionalData {
		m.ExtensionAdditionalData = append(m.ExtensionAdditionalData, extensionModel{Name: types.StringValue(e.Name), Data: e.Data})
	}
	return m
}

func phoneFromAPI(p openproviderapi.Phone) *phoneModel {
	if p.IsZero() {
		return nil
	}
	return &phoneModel{CountryCode: types.StringValue(p.CountryCode), AreaCode: attrs.Optional(p.AreaCode), SubscriberNumber: types.StringValue(p.SubscriberNumber)}
}

// additionalDataFromAPI returns null when the API holds no additional data and the prior value
// was null too; a configured object whose fields are all unset stays an object.
func additionalDataFromAPI(d openproviderapi.AdditionalData, prior *additionalDataModel) *additionalDataModel {
	if len(d.AttachedFiles) == 0 {
		d.AttachedFiles = nil
	}
	if prior == nil && reflect.ValueOf(d).IsZero() {
		return nil
	}
	var priorFiles []attachedFileModel
	if prior != nil {
		priorFiles = prior.AttachedFiles
	}
	m := &additionalDataModel{AdditionalDataFields: AdditionalDataFields{
		AttachedFiles:                       keepEmpty(priorFiles, len(d.AttachedFiles)),
		BirthAddress:                        attrs.Optional(d.BirthAddress),
		BirthCity:                           attrs.Optional(d.BirthCity),
		BirthCountry:                        attrs.Optional(d.BirthCountry),
		BirthDate:                           attrs.Optional(d.BirthDate),
		BirthState:                          attrs.Optional(d.BirthState),
		BirthZipcode:                        attrs.Optional(d.BirthZipcode),
		CifNifNumber:                        attrs.Optional(d.CifNifNumber),
		CompanyRegistrationCity:             attrs.Optional(d.CompanyRegistrationCity),
		CompanyRegistrationNumber:           attrs.Optional(d.CompanyRegistrationNumber),
		CompanyRegistrationSubscriptionDate: attrs.Optional(d.CompanyRegistrationSubscriptionDate),
		CompanyURL:                          attrs.Optional(d.CompanyURL),
		CostCategory:                        attrs.Optional(d.CostCategory),
		CostCenter:                          attrs.Optional(d.CostCenter),
		HeadquartersAddress:                 attrs.Optional(d.HeadquartersAddress),
		HeadquartersCity:                    attrs.Optional(d.HeadquartersCity),
		HeadquartersCountry:                 attrs.Optional(d.HeadquartersCountry),
		HeadquartersState:                   attrs.Optional(d.HeadquartersState),
		HeadquartersZipcode:                 attrs.Optional(d.HeadquartersZipcode),
		InternalReference:                   attrs.Optional(d.InternalReference),
		PassportNumber:                      attrs.Optional(d.PassportNumber),
		ProjectCode:                         attrs.Optional(d.ProjectCode),
		PurchaseOrderNumber:                 attrs.Optional(d.PurchaseOrderNumber),
		SocialSecurityNumber:                attrs.Optional(d.SocialSecurityNumber),
		TradingName:                         attrs.Optional(d.TradingName),
	}}
	if prior != nil {
		// Nothing Openprovider returns for a value sent write-only is stored: the version says so.
		m.PassportNumberWOVersion, m.SocialSecurityNumberWOVersion = prior.PassportNumberWOVersion, prior.SocialSecurityNumberWOVersion
		if !prior.PassportNumberWOVersion.IsNull() {
			m.PassportNumber = types.StringNull()
		}
		if !prior.SocialSecurityNumberWOVersion.IsNull() {
			m.SocialSecurityNumber = types.StringNull()
		}
	}
	for _, f := range d.AttachedFiles {
		m.AttachedFiles = append(m.AttachedFiles, attachedFileModel{Description: attrs.Optional(f.Description), DocType: types.StringValue(f.DocType), Path: types.StringValue(f.Path)})
	}
	return m
}

// plainOrWriteOnly is the value to send of an attribute and its write-only twin, of which the
// configuration sets at most one.
func plainOrWriteOnly(plain, writeOnly types.String) string {
	if plain.IsNull() {
		return writeOnly.ValueString()
	}
	return plain.ValueString()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// keepEmpty returns the start of a collection read from the API: nil (null) when the API has no
// elements, unless prior was an empty, non-null collection; otherwise room for n elements.
func keepEmpty[T any](prior []T, n int) []T {
	if n == 0 && prior != nil {
		return []T{}
	}
	if n == 0 {
		return nil
	}
	return make([]T, 0, n)
}

// customerResourceModel is the resource's model: the customer and its operation timeouts.
type customerResourceModel struct {
	customerModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// resourceModel is the resource's model of what Openprovider holds.
func resourceModel(c *openproviderapi.Customer, prior *customerResourceModel) customerResourceModel {
	return customerResourceModel{customerFromAPI(c, &prior.customerModel), prior.Timeouts}
}
