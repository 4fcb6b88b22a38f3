package openprovider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

// NewCustomerDataSource returns the openprovider_customer data source.
func NewCustomerDataSource() datasource.DataSource {
	d := &providerdata.LookupDataSource[openproviderapi.Client, openproviderapi.Customer, customerDataModel]{
		Definition: dsschema.FromResource(customerSchema(), "handle",
			"Reads an existing Openprovider customer handle, such as one managed outside this configuration."),
		ID:    "handle",
		Get:   (*openproviderapi.Client).GetCustomer,
		Model: dataModelFromAPI,
	}
	d.Base = base.Named("openprovider_customer")
	return d
}

// customerDataModel is customerModel without the write-only attributes and their versions,
// which a data source does not have (dsschema leaves them out).
type customerDataModel struct {
	Handle                  types.String             `tfsdk:"handle"`
	Name                    *nameModel               `tfsdk:"name"`
	CompanyName             types.String             `tfsdk:"company_name"`
	Vat                     types.String             `tfsdk:"vat"`
	Address                 *addressModel            `tfsdk:"address"`
	Phone                   *phoneModel              `tfsdk:"phone"`
	Fax                     *phoneModel              `tfsdk:"fax"`
	Email                   types.String             `tfsdk:"email"`
	Locale                  types.String             `tfsdk:"locale"`
	Comments                types.String             `tfsdk:"comments"`
	Tags                    []tagModel               `tfsdk:"tags"`
	AdditionalData          *additionalDataDataModel `tfsdk:"additional_data"`
	ExtensionAdditionalData []extensionModel         `tfsdk:"extension_additional_data"`
}

// additionalDataDataModel is additionalDataModel without the write-only twins.
type additionalDataDataModel struct {
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

// dataModelFromAPI maps a customer as the resource does on import.
func dataModelFromAPI(c *openproviderapi.Customer) customerDataModel {
	m := customerFromAPI(c, nil)
	out := customerDataModel{
		Handle: m.Handle, Name: m.Name, CompanyName: m.CompanyName, Vat: m.Vat, Address: m.Address, Phone: m.Phone,
		Fax: m.Fax, Email: m.Email, Locale: m.Locale, Comments: m.Comments, Tags: m.Tags,
		ExtensionAdditionalData: m.ExtensionAdditionalData,
	}
	if d := m.AdditionalData; d != nil {
		out.AdditionalData = &additionalDataDataModel{
			AttachedFiles: d.AttachedFiles, BirthAddress: d.BirthAddress, BirthCity: d.BirthCity, BirthCountry: d.BirthCountry,
			BirthDate: d.BirthDate, BirthState: d.BirthState, BirthZipcode: d.BirthZipcode, CifNifNumber: d.CifNifNumber,
			CompanyRegistrationCity: d.CompanyRegistrationCity, CompanyRegistrationNumber: d.CompanyRegistrationNumber,
			CompanyRegistrationSubscriptionDate: d.CompanyRegistrationSubscriptionDate, CompanyURL: d.CompanyURL,
			CostCategory: d.CostCategory, CostCenter: d.CostCenter, HeadquartersAddress: d.HeadquartersAddress,
			HeadquartersCity: d.HeadquartersCity, HeadquartersCountry: d.HeadquartersCountry,
			HeadquartersState: d.HeadquartersState, HeadquartersZipcode: d.HeadquartersZipcode,
			InternalReference: d.InternalReference, PassportNumber: d.PassportNumber, ProjectCode: d.ProjectCode,
			PurchaseOrderNumber: d.PurchaseOrderNumber, SocialSecurityNumber: d.SocialSecurityNumber, TradingName: d.TradingName,
		}
	}
	return out
}
