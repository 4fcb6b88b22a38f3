package kyc

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*customerDataSource)(nil)

// NewCustomerDataSource returns the kyc_customer data source.
func NewCustomerDataSource() datasource.DataSource { return &customerDataSource{} }

type customerDataSource struct {
	clients providerdata.Getter[kycapi.Client]
}

// customerDataModel is customerModel without email and phone_number, which NOAH never returns.
type customerDataModel struct {
	CustomerID         types.String    `tfsdk:"customer_id"`
	FullName           *fullNameModel  `tfsdk:"full_name"`
	DateOfBirth        types.String    `tfsdk:"date_of_birth"`
	Identities         []identityModel `tfsdk:"identities"`
	PrimaryResidence   *addressModel   `tfsdk:"primary_residence"`
	Created            types.String    `tfsdk:"created"`
	VerificationStatus types.String    `tfsdk:"verification_status"`
}

func (d *customerDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "kyc_customer"
}

func (d *customerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	s := dsschema.FromResource(customerSchema(), "customer_id",
		"Reads an existing NOAH customer by its customer_id. NOAH does not return e-mail addresses and phone numbers, so this data source has neither.")
	delete(s.Attributes, "email")
	delete(s.Attributes, "phone_number")
	resp.Schema = s
}

func (d *customerDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if source, ok := providerdata.Source[ClientSource](req.ProviderData, &resp.Diagnostics); ok {
		d.clients = source.KYCClient
	}
}

func (d *customerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := providerdata.Client(d.clients, "NOAH", &resp.Diagnostics)
	var id string
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("customer_id"), &id)...)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	customer, err := client.GetCustomer(ctx, id)
	if httpclient.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("customer_id"), "NOAH customer not found",
			fmt.Sprintf("No customer with customer_id %q exists at NOAH. %s", id, err))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot read NOAH customer", err)
		return
	}
	state := dataModelFromAPI(customer)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// dataModelFromAPI maps a customer as the resource does, without what NOAH never returns.
func dataModelFromAPI(c *kycapi.Customer) customerDataModel {
	m := customerFromAPI(c, nil)
	return customerDataModel{
		CustomerID: m.CustomerID, FullName: m.FullName, DateOfBirth: m.DateOfBirth, Identities: m.Identities,
		PrimaryResidence: m.PrimaryResidence, Created: m.Created, VerificationStatus: m.VerificationStatus,
	}
}
