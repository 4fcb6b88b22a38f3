package providerdata

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type writtenPart struct {
	Code types.String `tfsdk:"code"`
}

type writtenModel struct {
	Locale  types.String      `tfsdk:"locale"`
	Fax     *writtenPart      `tfsdk:"fax"`
	Phone   writtenPart       `tfsdk:"phone"`
	Files   []writtenPart     `tfsdk:"files"`
	Data    map[string]string `tfsdk:"data"`
	Tags    types.Set         `tfsdk:"tags"`
	Created types.String      `tfsdk:"created"`
	Secret  types.String      `tfsdk:"secret"`
}

func writtenSchema() schema.Schema {
	part := map[string]schema.Attribute{"code": schema.StringAttribute{Optional: true}}
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"locale":  schema.StringAttribute{Optional: true, Computed: true},
		"fax":     schema.SingleNestedAttribute{Optional: true, Attributes: part},
		"phone":   schema.SingleNestedAttribute{Required: true, Attributes: part},
		"files":   schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: part}},
		"data":    schema.MapAttribute{Optional: true, ElementType: types.StringType},
		"tags":    schema.SetAttribute{Optional: true, ElementType: types.StringType},
		"created": schema.StringAttribute{Computed: true},
		"secret":  schema.StringAttribute{Optional: true, Sensitive: true},
	}}
}

func tags(values ...string) types.Set {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, elems)
}

// plannedModel is a plan whose locale and creation time are left to the vendor.
func plannedModel() writtenModel {
	return writtenModel{
		Locale:  types.StringUnknown(),
		Phone:   writtenPart{types.StringValue("+31")},
		Files:   []writtenPart{{types.StringValue("a")}, {types.StringValue("b")}},
		Data:    map[string]string{"k": "v"},
		Tags:    tags("VIP"),
		Created: types.StringUnknown(),
		Secret:  types.StringValue("X1234567"),
	}
}

func TestSetWritten(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		change func(m *writtenModel)
		want   []string // paths with an error
	}{
		{"vendor kept everything and filled in what the plan left open", func(*writtenModel) {}, nil},
		{"kept a fax the configuration removes", func(m *writtenModel) { m.Fax = &writtenPart{types.StringValue("+31")} }, []string{"fax"}},
		{"changed a nested value", func(m *writtenModel) { m.Phone.Code = types.StringValue("+32") }, []string{"phone.code"}},
		{"dropped a list element", func(m *writtenModel) { m.Files = m.Files[:1] }, []string{"files"}},
		{"changed a list element", func(m *writtenModel) { m.Files[1].Code = types.StringValue("c") }, []string{"files[1].code"}},
		{"changed a map entry", func(m *writtenModel) { m.Data = map[string]string{"k": "w"} }, []string{`data["k"]`}},
		{"added a map key", func(m *writtenModel) { m.Data = map[string]string{"k": "v", "x": "y"} }, []string{"data"}},
		{"changed a set", func(m *writtenModel) { m.Tags = tags("VIP", "test") }, []string{"tags"}},
		{"dropped a secret", func(m *writtenModel) { m.Secret = types.StringNull() }, []string{"secret"}},
		{"two at once, in path order", func(m *writtenModel) {
			m.Secret = types.StringValue("Y7654321")
			m.Fax = &writtenPart{types.StringValue("+1")}
		}, []string{"fax", "secret"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := writtenSchema()
			plan := tfsdk.Plan{Schema: s}
			planned := plannedModel()
			if d := plan.Set(ctx, &planned); d.HasError() {
				t.Fatal(d)
			}
			written := plannedModel()
			written.Files = slices.Clone(written.Files)
			written.Locale, written.Created = types.StringValue("en_GB"), types.StringValue("2026-11-30T10:00:00Z")
			tc.change(&written)
			state := tfsdk.State{Schema: s}
			var diags diag.Diagnostics
			SetWritten(ctx, &state, plan, &written, "Vendor", &diags)

			var got []string
			for _, d := range diags {
				withPath, ok := d.(diag.DiagnosticWithPath)
				if !ok {
					t.Fatalf("diagnostic without an attribute: %s: %s", d.Summary(), d.Detail())
				}
				got = append(got, withPath.Path().String())
				if strings.Contains(d.Detail(), "X1234567") || strings.Contains(d.Detail(), "Y7654321") {
					t.Errorf("the diagnostic shows a value: %s", d.Detail())
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("errors on %q, want %q; diagnostics: %v", got, tc.want, diags)
			}
			var stored writtenModel
			if d := state.Get(ctx, &stored); d.HasError() {
				t.Fatal(d)
			}
			if stored.Locale.ValueString() != "en_GB" {
				t.Errorf("state locale = %s, want what the vendor holds", stored.Locale)
			}
		})
	}
}

func TestSetWrittenSays(t *testing.T) {
	ctx := context.Background()
	s := writtenSchema()
	plan := tfsdk.Plan{Schema: s}
	planned := plannedModel()
	plan.Set(ctx, &planned)
	written := plannedModel()
	written.Locale, written.Created = types.StringValue("en_GB"), types.StringValue("2026")
	written.Fax = &writtenPart{types.StringValue("+1")}
	state := tfsdk.State{Schema: s}
	var diags diag.Diagnostics
	SetWritten(ctx, &state, plan, &written, "Openprovider", &diags)
	if len(diags) != 1 {
		t.Fatalf("diagnostics = %v", diags)
	}
	want := "Openprovider accepted the request, but afterwards it holds a value for fax, which the configuration removes."
	if diags[0].Summary() != "Openprovider did not apply fax" || !strings.HasPrefix(diags[0].Detail(), want) {
		t.Errorf("got %q: %q", diags[0].Summary(), diags[0].Detail())
	}
}

func TestSetCreatedWarnsAndKeepsThePlan(t *testing.T) {
	ctx := context.Background()
	s := writtenSchema()
	plan := tfsdk.Plan{Schema: s}
	planned := plannedModel()
	if d := plan.Set(ctx, &planned); d.HasError() {
		t.Fatal(d)
	}
	written := plannedModel()
	written.Locale, written.Created = types.StringValue("en_GB"), types.StringValue("2026")
	written.Phone.Code = types.StringValue("+32")
	written.Fax = &writtenPart{types.StringValue("+1")}
	state := tfsdk.State{Schema: s}
	var diags diag.Diagnostics
	SetCreated(ctx, &state, plan, &written, "Vendor", &diags)
	if diags.HasError() || len(diags) != 2 {
		t.Fatalf("want two warnings, got %v", diags)
	}
	if diags[0].Summary() != "Vendor did not keep fax as configured" || diags[1].Summary() != "Vendor did not keep phone.code as configured" {
		t.Errorf("warnings %q, %q", diags[0].Summary(), diags[1].Summary())
	}
	var stored writtenModel
	if d := state.Get(ctx, &stored); d.HasError() {
		t.Fatal(d)
	}
	if stored.Fax != nil || stored.Phone.Code.ValueString() != "+31" {
		t.Errorf("the state must keep the planned values until the next refresh: fax %v, phone %v", stored.Fax, stored.Phone.Code)
	}
	if stored.Locale.ValueString() != "en_GB" || stored.Created.ValueString() != "2026" {
		t.Errorf("values the plan left to the vendor must be the vendor's: %v, %v", stored.Locale, stored.Created)
	}
}
