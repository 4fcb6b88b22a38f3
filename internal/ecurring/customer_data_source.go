package ecurring

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*customerDataSource)(nil)

// NewCustomerDataSource returns the ecurring_customer data source.
func NewCustomerDataSource() datasource.DataSource { return &customerDataSource{} }

type customerDataSource struct {
	clients providerdata.Getter[ecurringapi.Client]
}

func (d *customerDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "ecurring_customer"
}

func (d *customerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dsschema.FromResource(customerSchema(), "id", "Reads an existing eCurring customer by its ID.")
}

func (d *customerDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if source, ok := providerdata.Source[ClientSource](req.ProviderData, &resp.Diagnostics); ok {
		d.clients = source.EcurringClient
	}
}

func (d *customerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := providerdata.Client(d.clients, "eCurring", &resp.Diagnostics)
	var id string
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	customer, err := client.GetCustomer(ctx, id)
	if httpclient.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "eCurring customer not found",
			fmt.Sprintf("No customer with ID %q exists in eCurring. %s", id, err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read eCurring customer", err.Error())
		return
	}
	state := customerFromAPI(customer)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
