package providerdata

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ list.ListResourceWithConfigure = (*CustomerList[struct{}, struct{}, struct{}, struct{}])(nil)

// CustomerList is the list resource of a customer resource (Terraform 1.14 and later: `list`
// blocks in .tfquery.hcl files, `terraform query`). C is the client, T a customer as the API
// lists it, M the resource's model and F the model of the list block's config.
//
// Results stream: a page is requested from the vendor only when Terraform reads past the
// previous one, and listing stops at Terraform's limit. Each result carries the identity (the
// ID attribute), the ID as display name (no personal data) and, with include_resource, the
// resource as an import of the customer would read it.
type CustomerList[C, T, M, F any] struct {
	ResourceBase[C]
	// Config is the schema of the list block's config.
	Config listschema.Schema
	// Customers lists the customers config asks for.
	Customers func(ctx context.Context, client *C, config *F) iter.Seq2[*T, error]
	// IDOf is a listed customer's ID.
	IDOf func(*T) string
	// ReadEach reads each customer as the resource does for include_resource, where the list
	// leaves fields out (Openprovider's lacks fax and VAT number); otherwise the listed customer is
	// the resource's.
	ReadEach bool

	resource CustomerResource[C, T, M] // whose customers are listed: its ID attribute, Get and Model
}

// ListOf is the list resource of r's customers, of r's type name, identity and model; l gives
// how the vendor lists them.
func ListOf[C, T, M, F any](r CustomerResource[C, T, M], l CustomerList[C, T, M, F]) *CustomerList[C, T, M, F] {
	l.ResourceBase, l.resource = r.ResourceBase, r
	return &l
}

// ListResourceConfigSchema is Config.
func (l *CustomerList[C, T, M, F]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = l.Config
}

// List streams the customers the config asks for.
func (l *CustomerList[C, T, M, F]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	client := l.Client(&diags)
	var config F
	if !req.Config.Raw.IsNull() {
		diags.Append(req.Config.Get(ctx, &config)...)
	}
	var prior M
	if req.IncludeResource {
		diags.Append(nullResource(ctx, req).Get(ctx, &prior)...)
	}
	if diags.HasError() || client == nil {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		var n int64
		for customer, err := range l.Customers(ctx, client, &config) {
			if err != nil {
				var result list.ListResult
				AddAPIError(&result.Diagnostics, l.Vendor, "Cannot list "+l.Vendor+" customers", err, noField)
				push(result)
				return
			}
			if !push(l.result(ctx, req, client, customer, prior)) {
				return
			}
			if n++; req.Limit > 0 && n >= req.Limit {
				return
			}
		}
	}
}

// result is the list result of customer.
func (l *CustomerList[C, T, M, F]) result(ctx context.Context, req list.ListRequest, client *C, customer *T, prior M) list.ListResult {
	id := l.IDOf(customer)
	result := req.NewListResult(ctx)
	result.DisplayName = id
	result.Diagnostics.Append(SetListIdentity(ctx, result.Identity, l.resource.ID.String(), id)...)
	if !req.IncludeResource {
		return result
	}
	if l.ReadEach {
		full, err := l.resource.Get(client, ctx, id)
		if err != nil {
			AddAPIError(&result.Diagnostics, l.Vendor, "Cannot read "+l.Vendor+" customer "+id, err, noField)
			return result
		}
		customer = full
	}
	model := l.resource.Model(customer, &prior)
	result.Diagnostics.Append(result.Resource.Set(ctx, &model)...)
	return result
}

// SetListIdentity sets a list result's identity: the resource's ID attribute name alone, as
// CustomerResource.IdentitySchema declares it.
func SetListIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, name, id string) diag.Diagnostics {
	return identity.SetAttribute(ctx, path.Root(name), id)
}

// nullResource is a resource of req's schema whose every attribute is null: the prior state a
// listed customer's model starts from, as an imported one's does (timeouts null, say).
func nullResource(ctx context.Context, req list.ListRequest) tfsdk.Resource {
	typ := req.ResourceSchema.Type().TerraformType(ctx)
	attributes := map[string]tftypes.Value{}
	if object, ok := typ.(tftypes.Object); ok {
		for name, t := range object.AttributeTypes {
			attributes[name] = tftypes.NewValue(t, nil)
		}
	}
	return tfsdk.Resource{Schema: req.ResourceSchema, Raw: tftypes.NewValue(typ, attributes)}
}

// noField places no vendor field problem on an attribute: a list's problems concern no
// attribute of its config.
func noField(string) (path.Path, bool) { return path.Empty(), false }
