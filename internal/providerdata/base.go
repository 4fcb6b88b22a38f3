package providerdata

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	datasourceschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/customerhandles/terraform-provider-customers/internal/dsschema"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

// Base is what every resource and data source of a service shares: its type name, its
// service's client once the provider is configured, and how API errors are reported.
type Base[C any] struct {
	// TypeName is fixed by the product's users, not derived from the provider's name.
	TypeName string
	// Service is the Service.Name whose client it uses, such as "kyc".
	Service string
	// Vendor is the vendor as users know it in messages, such as "NOAH".
	Vendor string
	// Field names the attribute a vendor's field problem concerns, so that it shows beside the
	// configuration line; nil knows none.
	Field func(vendorField string) (path.Path, bool)

	clients Getter[C] // nil until the provider is configured
}

// Named is b for the resource or data source typeName.
func (b Base[C]) Named(typeName string) Base[C] {
	b.TypeName = typeName
	return b
}

func (b *Base[C]) configure(data any, diags *diag.Diagnostics) {
	if clients, ok := Source[*Clients](data, diags); ok {
		b.clients = func() (*C, error) { return ClientOf[C](clients, b.Service) }
	}
}

// Client returns the service's client for an API call, or adds the error that says why there
// is none: missing credentials, or settings still unknown at apply time.
func (b *Base[C]) Client(diags *diag.Diagnostics) *C { return Client(b.clients, b.Vendor, diags) }

// CheckCredentials fails a plan whose service has no credentials, so that the error comes at
// plan time rather than during apply.
func (b *Base[C]) CheckCredentials(diags *diag.Diagnostics) {
	CheckCredentials(b.clients, b.Vendor, diags)
}

// APIError reports a failed API call (see AddAPIError).
func (b *Base[C]) APIError(diags *diag.Diagnostics, summary string, err error) {
	field := b.Field
	if field == nil {
		field = func(string) (path.Path, bool) { return path.Empty(), false }
	}
	AddAPIError(diags, b.Vendor, summary, err, field)
}

// ResourceBase is the Base of a resource; embedding it gives the resource Metadata and Configure.
type ResourceBase[C any] struct{ Base[C] }

// Metadata names the resource.
func (b *ResourceBase[C]) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = b.TypeName
}

// Configure takes the service's client from the provider.
func (b *ResourceBase[C]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.configure(req.ProviderData, &resp.Diagnostics)
}

// DataSourceBase is the Base of a data source; embedding it gives Metadata and Configure.
type DataSourceBase[C any] struct{ Base[C] }

// Metadata names the data source.
func (b *DataSourceBase[C]) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = b.TypeName
}

// Configure takes the service's client from the provider.
func (b *DataSourceBase[C]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.configure(req.ProviderData, &resp.Diagnostics)
}

var _ datasource.DataSourceWithConfigure = (*LookupDataSource[struct{}, struct{}, struct{}])(nil)

// LookupDataSource reads one customer by the attribute that identifies it: C is the client, T
// the customer as the API returns it and M the data source's model.
type LookupDataSource[C, T, M any] struct {
	DataSourceBase[C]
	Definition datasourceschema.Schema // the data source's schema
	// ID is the attribute that identifies the customer, such as "handle".
	ID string
	// Get reads the customer (a client method, such as (*kycapi.Client).GetCustomer);
	// httpclient.IsNotFound tells one that does not exist.
	Get func(client *C, ctx context.Context, id string) (*T, error)
	// Model maps the customer to the data source's model.
	Model func(*T) M
}

// LookupOf is the data source that reads one customer as r does: of the same type name, with r's
// attributes but the timeouts and the write-only ones, all computed but r's ID attribute, which
// the configuration sets. model maps the customer to the data source's model.
func LookupOf[C, T, M, D any](r CustomerResource[C, T, M], description string, model func(*T) D) *LookupDataSource[C, T, D] {
	id := r.ID.String()
	d := &LookupDataSource[C, T, D]{Definition: dsschema.FromResource(r.Attributes(), id, description), ID: id, Get: r.Get, Model: model}
	d.Base = r.Base
	return d
}

// Schema is the Definition.
func (d *LookupDataSource[C, T, M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.Definition
}

// Read reads the customer whose ID attribute the configuration gives; one that does not exist
// is an error on that attribute.
func (d *LookupDataSource[C, T, M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := d.Client(&resp.Diagnostics)
	var id string
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(d.ID), &id)...)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	customer, err := d.Get(client, ctx, id)
	if httpclient.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root(d.ID), d.Vendor+" customer not found",
			fmt.Sprintf("No customer with %s %q exists at %s. %s", d.ID, id, d.Vendor, err))
		return
	}
	if err != nil {
		d.APIError(&resp.Diagnostics, "Cannot read "+d.Vendor+" customer", err)
		return
	}
	state := d.Model(customer)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
