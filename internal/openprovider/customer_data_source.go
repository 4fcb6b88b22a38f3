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
	Handle                  types.String          `tfsdk:"handle"`
	Name                    *nameModel            `tfsdk:"name"`
	CompanyName             types.String          `tfsdk:"company_name"`
	Vat                     types.String          `tfsdk:"vat"`
	Address                 *addressModel         `tfsdk:"address"`
	Phone                   *phoneModel           `tfsdk:"phone"`
	Fax                     *phoneModel           `tfsdk:"fax"`
	Email                   types.String          `tfsdk:"email"`
	Locale                  types.String          `tfsdk:"locale"`
	Comments                types.String          `tfsdk:"comments"`
	Tags                    []tagModel            `tfsdk:"tags"`
	AdditionalData          *AdditionalDataFields `tfsdk:"additional_data"`
	ExtensionAdditionalData []extensionModel      `tfsdk:"extension_additional_data"`
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
		out.AdditionalData = &d.AdditionalDataFields
	}
	return out
}
