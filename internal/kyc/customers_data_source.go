package kyc

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*customersDataSource)(nil)

// NewCustomersDataSource returns the kyc_customers data source.
func NewCustomersDataSource() datasource.DataSource {
	return &customersDataSource{providerdata.DataSourceBase[kycapi.Client]{Base: base.Named("kyc_customers")}}
}

type customersDataSource struct {
	providerdata.DataSourceBase[kycapi.Client]
}

type customersModel struct {
	Customers []customerDataModel `tfsdk:"customers"`
}

func (d *customersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	customer := dsschema.Computed(customerSchema().Attributes)
	delete(customer, "email")
	delete(customer, "phone_number")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the customers at NOAH, newest first. It reads every page of NOAH's customer list " +
			"(100 customers a request). NOAH does not return e-mail addresses and phone numbers, so the customers have neither.",
		Attributes: map[string]schema.Attribute{
			"customers": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The customers, newest first.",
				NestedObject:        schema.NestedAttributeObject{Attributes: customer},
			},
		},
	}
}

func (d *customersDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := d.Client(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	state := customersModel{Customers: []customerDataModel{}}
	customers, err := httpclient.All(client.Customers(ctx))
	if err != nil {
		d.APIError(&resp.Diagnostics, "Cannot list NOAH customers", err)
		return
	}
	for _, c := range customers {
		state.Customers = append(state.Customers, dataModelFromAPI(c))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
