package attrs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// KeepUnlessChanged plans a computed attribute's known prior value, instead of "(known after
// apply)", while none of the attributes it derives from changes; description says which those
// are, for the docs. Each source is an expression such as path.MatchRoot("iban") or, for a
// sibling, path.MatchRelative().AtParent().AtName("first_name"). When a source changes, the value
// stays unknown: the vendor derives it anew.
func KeepUnlessChanged(description string, sources ...path.Expression) planmodifier.String {
	return keepUnlessChanged{description: description, sources: sources}
}

type keepUnlessChanged struct {
	description string
	sources     []path.Expression
}

func (m keepUnlessChanged) Description(context.Context) string { return m.description }

func (m keepUnlessChanged) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m keepUnlessChanged) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	for _, source := range m.sources {
		// From req.Path: the framework's req.PathExpression of an attribute nested in a single
		// nested attribute leaves out the parent.
		paths, diags := req.Plan.PathMatches(ctx, req.Path.Expression().Merge(source))
		if diags.HasError() || len(paths) == 0 {
			return
		}
		for _, p := range paths {
			var planned, current attr.Value
			if req.Plan.GetAttribute(ctx, p, &planned).HasError() || req.State.GetAttribute(ctx, p, &current).HasError() || !planned.Equal(current) {
				return
			}
		}
	}
	resp.PlanValue = req.StateValue
}
