package providerdata

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	datasourceschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

var _ datasource.DataSourceWithConfigure = (*ListDataSource[struct{}, struct{}, struct{}, struct{}])(nil)

// ListDataSource is a `<vendor>_customers` data source: the customers the vendor's list holds
// that its filters select, every page read. It works on every Terraform version, where the list
// resource needs 1.14. C is the client, T a customer as the API lists it, S the data source's
// model (the filters and the customers) and M a listed customer's model.
type ListDataSource[C, T, S, M any] struct {
	DataSourceBase[C]
	Description string
	// Filters are the optional attributes that narrow the list; none lists every customer.
	Filters map[string]datasourceschema.Attribute
	// Customer is a listed customer's attributes, and CustomersDescription says what the list
	// holds and in what order.
	Customer             map[string]datasourceschema.Attribute
	CustomersDescription string
	// Customers lists what state's filters select.
	Customers func(ctx context.Context, client *C, state *S) iter.Seq2[*T, error]
	// Model maps a listed customer, and Listed is where state holds the customers.
	Model  func(*T) M
	Listed func(state *S) *[]M
}

// Schema is the filters and the computed `customers`.
func (d *ListDataSource[C, T, S, M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := map[string]datasourceschema.Attribute{
		"customers": datasourceschema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: d.CustomersDescription,
			NestedObject:        datasourceschema.NestedAttributeObject{Attributes: d.Customer},
		},
	}
	for name, filter := range d.Filters {
		attributes[name] = filter
	}
	resp.Schema = datasourceschema.Schema{MarkdownDescription: d.Description, Attributes: attributes}
}

// Read lists the customers; none is an empty list, not null.
func (d *ListDataSource[C, T, S, M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := d.Client(&resp.Diagnostics)
	var state S
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	customers, err := httpclient.All(d.Customers(ctx, client, &state))
	if err != nil {
		d.APIError(&resp.Diagnostics, "Cannot list "+d.Vendor+" customers", err)
		return
	}
	listed := d.Listed(&state)
	*listed = make([]M, 0, len(customers))
	for _, c := range customers {
		*listed = append(*listed, d.Model(c))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
