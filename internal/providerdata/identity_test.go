package providerdata

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

type identityCustomer struct{ handle, name string }

type identityModel struct {
	Handle   types.String   `tfsdk:"handle"`
	Name     types.String   `tfsdk:"name"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// identityResource is a CustomerResource keyed by "handle" whose vendor holds the customers in
// customers; an ID must start with "H" to be imported.
func identityResource(customers map[string]string) *CustomerResource[client, identityCustomer, identityModel] {
	r := &CustomerResource[client, identityCustomer, identityModel]{ID: path.Root("handle")}
	r.TypeName, r.Vendor = "vendor_customer", "Vendor"
	r.clients = func() (*client, error) { return &client{}, nil }
	r.Attributes = func() schema.Schema {
		return schema.Schema{Attributes: map[string]schema.Attribute{
			"handle": schema.StringAttribute{Computed: true, MarkdownDescription: "The vendor's `handle`."},
			"name":   schema.StringAttribute{Required: true},
		}}
	}
	r.Get = func(_ *client, _ context.Context, id string) (*identityCustomer, error) {
		name, ok := customers[id]
		if !ok {
			return nil, &httpclient.APIError{StatusCode: 404, NotFound: true}
		}
		return &identityCustomer{id, name}, nil
	}
	r.Model = func(c *identityCustomer, prior *identityModel) identityModel {
		return identityModel{types.StringValue(c.handle), types.StringValue(c.name), prior.Timeouts}
	}
	r.CheckImportID = func(id string, diags *diag.Diagnostics) bool {
		if len(id) == 0 || id[0] != 'H' {
			diags.AddError("Invalid import ID", fmt.Sprintf("%q is no handle", id))
			return false
		}
		return true
	}
	return r
}

func (r *CustomerResource[C, T, M]) testSchemas(t *testing.T) (schema.Schema, identityschema.Schema) {
	t.Helper()
	var s resource.SchemaResponse
	r.Schema(t.Context(), resource.SchemaRequest{}, &s)
	var is resource.IdentitySchemaResponse
	r.IdentitySchema(t.Context(), resource.IdentitySchemaRequest{}, &is)
	if s.Diagnostics.HasError() || is.Diagnostics.HasError() {
		t.Fatalf("schemas: %v %v", s.Diagnostics, is.Diagnostics)
	}
	return s.Schema, is.IdentitySchema
}

func TestIdentitySchemaIsTheIDAttribute(t *testing.T) {
	_, is := identityResource(nil).testSchemas(t)
	want := identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"handle": identityschema.StringAttribute{RequiredForImport: true, Description: "The vendor's `handle`."},
	}}
	if fmt.Sprint(is) != fmt.Sprint(want) {
		t.Errorf("identity schema %v, want %v", is, want)
	}
}

// nullIdentity is the identity the framework hands a resource when the CLI sent none.
func nullIdentity(t *testing.T, is identityschema.Schema) *tfsdk.ResourceIdentity {
	t.Helper()
	return &tfsdk.ResourceIdentity{Schema: is, Raw: tftypes.NewValue(is.Type().TerraformType(t.Context()), nil)}
}

func identityHandle(t *testing.T, identity *tfsdk.ResourceIdentity) string {
	t.Helper()
	var handle types.String
	if diags := identity.GetAttribute(t.Context(), path.Root("handle"), &handle); diags.HasError() {
		t.Fatal(diags)
	}
	return handle.ValueString()
}

// Read sets the identity whether the customer is there or gone (the framework refuses a read
// that leaves it empty), and copes with a response that has no identity.
func TestReadSetsTheIdentity(t *testing.T) {
	r := identityResource(map[string]string{"H1": "Jane"})
	s, is := r.testSchemas(t)
	for _, handle := range []string{"H1", "H2"} {
		for _, withIdentity := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s identity=%v", handle, withIdentity), func(t *testing.T) {
				state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(t.Context()), nil)}
				state.SetAttribute(t.Context(), path.Root("handle"), handle)
				state.SetAttribute(t.Context(), path.Root("name"), "Jane")
				resp := resource.ReadResponse{State: state}
				if withIdentity {
					resp.Identity = nullIdentity(t, is)
				}
				r.Read(t.Context(), resource.ReadRequest{State: state, Identity: resp.Identity}, &resp)
				if resp.Diagnostics.HasError() {
					t.Fatal(resp.Diagnostics)
				}
				if gone := resp.State.Raw.IsNull(); gone != (handle == "H2") {
					t.Errorf("state removed: %v", gone)
				}
				if withIdentity && identityHandle(t, resp.Identity) != handle {
					t.Errorf("identity handle %q, want %q", identityHandle(t, resp.Identity), handle)
				}
			})
		}
	}
}

// Identify takes the identity from the state a create or update wrote, and does nothing without
// an identity or a state.
func TestIdentify(t *testing.T) {
	r := identityResource(nil)
	s, is := r.testSchemas(t)
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(t.Context()), nil)}
	var diags diag.Diagnostics
	identity := nullIdentity(t, is)
	r.Identify(t.Context(), state, identity, &diags)
	r.Identify(t.Context(), state, nil, &diags)
	if !identity.Raw.IsNull() || diags.HasError() {
		t.Fatalf("no state: identity %v, %v", identity.Raw, diags)
	}
	state.SetAttribute(t.Context(), path.Root("handle"), "H7")
	r.Identify(t.Context(), state, nil, &diags)
	r.Identify(t.Context(), state, identity, &diags)
	if diags.HasError() || identityHandle(t, identity) != "H7" {
		t.Fatalf("identity %v, %v", identity.Raw, diags)
	}
}

// An import ID and an import block's identity give the same state, and CheckImportID refuses a
// bad value either way.
func TestImportStateByIDOrIdentity(t *testing.T) {
	r := identityResource(nil)
	s, is := r.testSchemas(t)
	byIdentity := func(handle string) *tfsdk.ResourceIdentity {
		identity := nullIdentity(t, is)
		identity.SetAttribute(t.Context(), path.Root("handle"), handle)
		return identity
	}
	for name, tc := range map[string]struct {
		req     resource.ImportStateRequest
		want    string // the handle in state, or the error's detail
		summary string
	}{
		"id":                {req: resource.ImportStateRequest{ID: "H1"}, want: "H1"},
		"bad id":            {req: resource.ImportStateRequest{ID: "x1"}, want: `"x1" is no handle`, summary: "Invalid import ID"},
		"identity":          {req: resource.ImportStateRequest{Identity: byIdentity("H2")}, want: "H2"},
		"bad identity":      {req: resource.ImportStateRequest{Identity: byIdentity("x2")}, want: `"x2" is no handle`, summary: "Invalid import ID"},
		"empty identity":    {req: resource.ImportStateRequest{Identity: byIdentity("")}, summary: "Missing Vendor customer ID"},
		"id, null identity": {req: resource.ImportStateRequest{ID: "H3", Identity: nullIdentity(t, is)}, want: "H3"},
	} {
		t.Run(name, func(t *testing.T) {
			resp := resource.ImportStateResponse{
				State:    tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(t.Context()), nil)},
				Identity: tc.req.Identity,
			}
			r.ImportState(t.Context(), tc.req, &resp)
			if tc.summary != "" {
				if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary() != tc.summary ||
					(tc.want != "" && resp.Diagnostics[0].Detail() != tc.want) {
					t.Fatalf("diagnostics %v, want %s: %s", resp.Diagnostics, tc.summary, tc.want)
				}
				return
			}
			var handle types.String
			resp.Diagnostics.Append(resp.State.GetAttribute(t.Context(), path.Root("handle"), &handle)...)
			if resp.Diagnostics.HasError() || handle.ValueString() != tc.want {
				t.Fatalf("handle %v, want %s (%v)", handle, tc.want, resp.Diagnostics)
			}
		})
	}
}

// Create sets the identity whether the vendor answers with the customer, or with its ID alone and
// the read back fails (the customer is recorded from the plan).
func TestCreateSetsTheIdentity(t *testing.T) {
	for name, answer := range map[string]*identityCustomer{"answered": {"H8", "Jane"}, "read back failed": nil} {
		t.Run(name, func(t *testing.T) {
			r := identityResource(nil)
			r.Make = func(context.Context, *client, *identityModel, resource.CreateRequest, *diag.Diagnostics) (*identityCustomer, string) {
				return answer, "H9"
			}
			s, is := r.testSchemas(t)
			typ := s.Type().TerraformType(t.Context()).(tftypes.Object)
			plan := tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(typ, map[string]tftypes.Value{
				"handle":   tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
				"name":     tftypes.NewValue(tftypes.String, "Jane"),
				"timeouts": tftypes.NewValue(typ.AttributeTypes["timeouts"], nil),
			})}
			resp := resource.CreateResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(typ, nil)}, Identity: nullIdentity(t, is)}
			r.Create(t.Context(), resource.CreateRequest{Plan: plan}, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			want := "H9"
			if answer != nil {
				want = answer.handle
			}
			if got := identityHandle(t, resp.Identity); got != want {
				t.Errorf("identity handle %q, want %q", got, want)
			}
		})
	}
}
