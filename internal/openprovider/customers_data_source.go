package openprovider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*customersDataSource)(nil)

// NewCustomersDataSource returns the openprovider_customers data source.
func NewCustomersDataSource() datasource.DataSource {
	return &customersDataSource{providerdata.DataSourceBase[openproviderapi.Client]{Base: base.Named("openprovider_customers")}}
}

type customersDataSource struct {
	providerdata.DataSourceBase[openproviderapi.Client]
}

type customersModel struct {
	filterModel
	Customers []listedCustomerModel `tfsdk:"customers"`
}

// listedCustomerModel is customerDataModel without fax and vat, which Openprovider's list never
// shows.
type listedCustomerModel struct {
	Handle                  types.String          `tfsdk:"handle"`
	Name                    *nameModel            `tfsdk:"name"`
	CompanyName             types.String          `tfsdk:"company_name"`
	Address                 *addressModel         `tfsdk:"address"`
	Phone                   *phoneModel           `tfsdk:"phone"`
	Email                   types.String          `tfsdk:"email"`
	Locale                  types.String          `tfsdk:"locale"`
	Comments                types.String          `tfsdk:"comments"`
	Tags                    []tagModel            `tfsdk:"tags"`
	AdditionalData          *AdditionalDataFields `tfsdk:"additional_data"`
	ExtensionAdditionalData []extensionModel      `tfsdk:"extension_additional_data"`
}

// listedFromAPI maps a listed customer as the openprovider_customer data source does, without fax
// and vat.
func listedFromAPI(c *openproviderapi.Customer) listedCustomerModel {
	m := dataModelFromAPI(c)
	return listedCustomerModel{
		Handle: m.Handle, Name: m.Name, CompanyName: m.CompanyName, Address: m.Address, Phone: m.Phone, Email: m.Email,
		Locale: m.Locale, Comments: m.Comments, Tags: m.Tags, AdditionalData: m.AdditionalData,
		ExtensionAdditionalData: m.ExtensionAdditionalData,
	}
}

func (d *customersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	customer := dsschema.Computed(customerSchema().Attributes)
	delete(customer, "fax")
	delete(customer, "vat")
	attributes := map[string]schema.Attribute{
		"customers": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The customers, in Openprovider's order. Openprovider's list never shows `fax` and `vat`: read a customer with the `openprovider_customer` data source for them.",
			NestedObject:        schema.NestedAttributeObject{Attributes: customer},
		},
	}
	for name, description := range filters {
		attributes[name] = schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: filterValidators()}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the customer handles in Openprovider, optionally filtered; deleted handles are left out. " +
			"It reads every page of Openprovider's customer list (1000 customers a request). " + filtersNote,
		Attributes: attributes,
	}
}

func (d *customersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := d.Client(&resp.Diagnostics)
	var state customersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	state.Customers = []listedCustomerModel{}
	customers, err := httpclient.All(client.Customers(ctx, state.toAPI()))
	if err != nil {
		d.APIError(&resp.Diagnostics, "Cannot list Openprovider customers", err)
		return
	}
	for _, c := range customers {
		state.Customers = append(state.Customers, listedFromAPI(c))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
