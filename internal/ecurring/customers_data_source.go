package ecurring

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

var _ datasource.DataSourceWithConfigure = (*customersDataSource)(nil)

// NewCustomersDataSource returns the ecurring_customers data source.
func NewCustomersDataSource() datasource.DataSource {
	return &customersDataSource{providerdata.DataSourceBase[ecurringapi.Client]{Base: base.Named("ecurring_customers")}}
}

type customersDataSource struct {
	providerdata.DataSourceBase[ecurringapi.Client]
}

type customersModel struct {
	Email     types.String    `tfsdk:"email"`
	Customers []customerModel `tfsdk:"customers"`
}

func (d *customersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the customers in eCurring, optionally only those with a given e-mail address. " +
			"It reads every page of eCurring's customer list (50 customers a request).",
		Attributes: map[string]schema.Attribute{
			"email": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only customers with this e-mail address (compared without regard to case).",
				Validators:          []validator.String{validate.Email()},
			},
			"customers": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The customers, in eCurring's order (by ID).",
				NestedObject:        schema.NestedAttributeObject{Attributes: dsschema.Computed(customerSchema().Attributes)},
			},
		},
	}
}

func (d *customersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := d.Client(&resp.Diagnostics)
	var state customersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	state.Customers = []customerModel{}
	customers, err := httpclient.All(client.Customers(ctx, state.Email.ValueString()))
	if err != nil {
		d.APIError(&resp.Diagnostics, "Cannot list eCurring customers", err)
		return
	}
	for _, c := range customers {
		state.Customers = append(state.Customers, customerFromAPI(c))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
