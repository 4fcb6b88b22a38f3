package openprovider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*customerDataSource)(nil)

// NewCustomerDataSource returns the openprovider_customer data source.
func NewCustomerDataSource() datasource.DataSource { return &customerDataSource{} }

type customerDataSource struct {
	clients providerdata.Getter[openproviderapi.Client] // nil until the provider is configured
}

func (d *customerDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "openprovider_customer"
}

func (d *customerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dsschema.FromResource(customerSchema(), "handle",
		"Reads an existing Openprovider customer handle, such as one managed outside this configuration.")
}

func (d *customerDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if source, ok := providerdata.Source[ClientSource](req.ProviderData, &resp.Diagnostics); ok {
		d.clients = source.OpenproviderClient
	}
}

func (d *customerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := providerdata.Client(d.clients, "Openprovider", &resp.Diagnostics)
	var handle types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("handle"), &handle)...)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	customer, err := client.GetCustomer(ctx, handle.ValueString())
	if httpclient.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("handle"), "Openprovider customer not found",
			fmt.Sprintf("No customer with handle %q exists (or it was deleted). %s", handle.ValueString(), err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read Openprovider customer", err.Error())
		return
	}
	state := customerFromAPI(customer, nil)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
