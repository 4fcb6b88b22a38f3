package providerdata

import (
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

type client struct{}

func TestClient(t *testing.T) {
	ok := &client{}
	cases := []struct {
		name    string
		get     Getter[client]
		want    *client
		summary string
	}{
		{"configured", func() (*client, error) { return ok, nil }, ok, ""},
		{"not configured", nil, nil, "Provider not configured"},
		{"missing credentials", func() (*client, error) { return nil, errors.New("set api_key") }, nil, "Missing Vendor credentials"},
		{"unknown settings", func() (*client, error) { return nil, nil }, nil, "Vendor configuration unknown"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			got := Client(tc.get, "Vendor", &diags)
			if got != tc.want {
				t.Errorf("client = %v, want %v", got, tc.want)
			}
			if summary := firstSummary(diags); summary != tc.summary {
				t.Errorf("diagnostic %q, want %q", summary, tc.summary)
			}
		})
	}
}

func TestCheckCredentials(t *testing.T) {
	var diags diag.Diagnostics
	CheckCredentials[client](nil, "Vendor", &diags)
	CheckCredentials(func() (*client, error) { return nil, nil }, "Vendor", &diags)
	if diags.HasError() {
		t.Fatalf("an unconfigured provider or unknown settings must pass: %v", diags)
	}
	CheckCredentials(func() (*client, error) { return nil, errors.New("set api_key") }, "Vendor", &diags)
	if len(diags) != 1 || diags[0].Detail() != "set api_key" {
		t.Fatalf("diagnostics = %v", diags)
	}
}

func TestAddAPIError(t *testing.T) {
	err := &httpclient.APIError{Service: "vendor", Operation: "create", StatusCode: 400,
		Fields: []httpclient.FieldProblem{{Field: "Email", Problem: "bad"}, {Field: "Unknown", Problem: "odd"}}}
	var diags diag.Diagnostics
	AddAPIError(&diags, "Vendor", "Cannot create", err, func(field string) (path.Path, bool) {
		return path.Root("email"), field == "Email"
	})
	if len(diags) != 2 {
		t.Fatalf("diagnostics = %v, want one on email and the general one", diags)
	}
	if withPath, ok := diags[0].(diag.DiagnosticWithPath); !ok || !withPath.Path().Equal(path.Root("email")) || diags[0].Detail() != "Vendor rejected Email: bad" {
		t.Errorf("attribute diagnostic = %#v", diags[0])
	}
	if diags[1].Detail() != err.Error() {
		t.Errorf("general diagnostic = %q", diags[1].Detail())
	}
}

func firstSummary(diags diag.Diagnostics) string {
	if len(diags) == 0 {
		return ""
	}
	return diags[0].Summary()
}

func TestSetRefreshed(t *testing.T) {
	type names struct {
		First types.String `tfsdk:"first"`
	}
	type model struct {
		names
		Last types.String `tfsdk:"last"`
	}
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"first": schema.StringAttribute{Optional: true}, "last": schema.StringAttribute{Optional: true},
	}}
	object := func(first, last string) tftypes.Value {
		return tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"first": tftypes.String, "last": tftypes.String}},
			map[string]tftypes.Value{"first": tftypes.NewValue(tftypes.String, first), "last": tftypes.NewValue(tftypes.String, last)})
	}
	prior := model{names{types.StringValue("Jane")}, types.StringValue("Doe")}
	// The state Terraform sent holds markers that no write of the models reproduces, so the test
	// sees which attributes were written.
	sent := object("first as sent", "last as sent")
	for _, tc := range []struct {
		refreshed model
		want      tftypes.Value
	}{
		{model{names{types.StringValue("Jane")}, types.StringValue("Doe")}, sent},
		{model{names{types.StringValue("Jane")}, types.StringValue("Roe")}, object("first as sent", "Roe")},
		{model{names{types.StringValue("John")}, types.StringValue("Roe")}, object("John", "Roe")},
	} {
		state := tfsdk.State{Schema: s, Raw: sent}
		var diags diag.Diagnostics
		SetRefreshed(t.Context(), &state, &prior, &tc.refreshed, &diags)
		if diags.HasError() || !state.Raw.Equal(tc.want) {
			t.Errorf("refreshed %+v: state %v (%v), want %v", tc.refreshed, state.Raw, diags, tc.want)
		}
	}
}
