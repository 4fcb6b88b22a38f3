package attrs

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// KeepUnlessChanged keeps a derived value while its sources, root or sibling, stay as they are.
func TestKeepUnlessChanged(t *testing.T) {
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"iban": schema.StringAttribute{Optional: true},
		"name": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"first":  schema.StringAttribute{Optional: true},
			"prefix": schema.StringAttribute{Optional: true},
			"full":   schema.StringAttribute{Computed: true},
		}},
	}}
	typ := s.Type().TerraformType(ctx)
	nameType := typ.(tftypes.Object).AttributeTypes["name"]
	value := func(iban, first string, full any) tftypes.Value {
		str := func(v string) tftypes.Value {
			if v == "" {
				return tftypes.NewValue(tftypes.String, nil)
			}
			return tftypes.NewValue(tftypes.String, v)
		}
		fullValue := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
		if full != nil {
			fullValue = tftypes.NewValue(tftypes.String, full)
		}
		return tftypes.NewValue(typ, map[string]tftypes.Value{
			"iban": str(iban),
			"name": tftypes.NewValue(nameType, map[string]tftypes.Value{"first": str(first), "prefix": str(""), "full": fullValue}),
		})
	}
	modifier := KeepUnlessChanged("test", path.MatchRoot("iban"), path.MatchRelative().AtParent().AtName("first"),
		path.MatchRelative().AtParent().AtName("prefix"))
	for _, tc := range []struct {
		name        string
		state, plan tftypes.Value
		want        types.String
	}{
		{"nothing changed: kept", value("NL", "Jane", "Jane Doe"), value("NL", "Jane", nil), types.StringValue("Jane Doe")},
		{"sibling changed", value("NL", "Jane", "Jane Doe"), value("NL", "Joan", nil), types.StringUnknown()},
		{"root changed", value("NL", "Jane", "Jane Doe"), value("DE", "Jane", nil), types.StringUnknown()},
		{"nothing known before", value("NL", "Jane", ""), value("NL", "Jane", nil), types.StringUnknown()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := path.Root("name").AtName("full")
			var stateValue types.String
			state := tfsdk.State{Schema: s, Raw: tc.state}
			state.GetAttribute(ctx, at, &stateValue)
			if tc.name == "nothing known before" {
				stateValue = types.StringNull()
			}
			req := planmodifier.StringRequest{Path: at, PathExpression: path.MatchRoot("full"), // as the framework gives it
				StateValue: stateValue, PlanValue: types.StringUnknown(),
				State: state, Plan: tfsdk.Plan{Schema: s, Raw: tc.plan}}
			resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
			modifier.PlanModifyString(ctx, req, resp)
			if !resp.PlanValue.Equal(tc.want) {
				t.Errorf("planned %v, want %v", resp.PlanValue, tc.want)
			}
		})
	}
}
