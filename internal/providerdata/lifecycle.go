package providerdata

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// ReadBackTimeout bounds the read that follows a create.
const ReadBackTimeout = 20 * time.Second

// ReadBackContext is the context of the read that follows a create. It outlives ctx: once the
// customer exists, an interrupted apply (Ctrl-C cancels ctx) should still learn what the vendor
// filled in, and a short limit keeps the interrupt from waiting long.
func ReadBackContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), ReadBackTimeout)
}

// CreatedNotReadSummary is the summary of the warning SetCreatedUnread gives.
const CreatedNotReadSummary = "Customer created; values the vendor fills in follow on the next refresh"

// SetCreatedUnread records a customer that was created but could not be read back: the plan,
// with the customer's id at idPath and every value the plan left to the vendor null until the
// next refresh reads it. An error would taint a healthy customer and the next apply would replace
// it, so this is a warning.
func SetCreatedUnread(ctx context.Context, state *tfsdk.State, plan tfsdk.Plan, idPath path.Path, id, vendor string, readErr error, diags *diag.Diagnostics) {
	raw, err := tftypes.Transform(plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		diags.AddError("Cannot record the created customer", "This is a bug in the provider: "+err.Error())
		return
	}
	state.Raw = raw
	if diags.Append(state.SetAttribute(ctx, idPath, id)...); diags.HasError() {
		return
	}
	diags.AddWarning(CreatedNotReadSummary, fmt.Sprintf("%s created customer %s and it is in the Terraform state. Reading it back "+
		"afterwards did not finish (%v), so the values %s fills in itself are empty in the state until the next refresh "+
		"(part of every plan and apply) reads them. Nothing needs to be done.", vendor, id, readErr, vendor))
}

// Vendor says what the plan-time warnings need to know of a resource's vendor.
type Vendor struct {
	Name    string    // as users know it, such as "NOAH"
	ID      path.Path // the attribute that identifies a customer
	Deletes bool      // whether destroying a customer deletes it at the vendor
}

// NotDeletedSummary is the summary of the plan-time warning that a destroyed customer stays at
// its vendor; one summary for every customer, so that Terraform groups the warnings of many.
const NotDeletedSummary = "Destroying these customers does not delete them at the vendor"

// SensitiveRemovedSummary is the summary of the plan-time warning that a plan removes sensitive
// values the state holds.
const SensitiveRemovedSummary = "The plan removes sensitive values"

// WarnAtPlan adds the warnings a plan needs before it is applied: a customer that the plan
// destroys or replaces stays at a vendor that cannot delete it, and sensitive values that the
// state holds and the configuration no longer sets are about to be removed at the vendor
// (terraform plan -generate-config-out writes sensitive attributes as null). Values are never
// printed.
func WarnAtPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, v Vendor) {
	if req.State.Raw.IsNull() {
		return // a create
	}
	var id types.String
	if diags := req.State.GetAttribute(ctx, v.ID, &id); diags.HasError() {
		resp.Diagnostics.Append(diags...)
		return
	}
	customer := id.ValueString()
	if req.Plan.Raw.IsNull() || replaces(ctx, req, v.ID, id) {
		if !v.Deletes {
			resp.Diagnostics.AddWarning(NotDeletedSummary, fmt.Sprintf("This plan removes %s customer %s from the Terraform state, "+
				"but %s's API cannot delete customers: the customer stays at %s. Remove it in %s's own interface if it should go.",
				v.Name, customer, v.Name, v.Name, v.Name))
		}
		return
	}
	if removed := sensitiveRemoved(ctx, req.State, resp.Plan); len(removed) > 0 {
		what := "the value of " + removed[0]
		if len(removed) > 1 {
			what = "the values of " + strings.Join(removed, ", ")
		}
		resp.Diagnostics.AddWarning(SensitiveRemovedSummary, fmt.Sprintf("Applying this plan removes %s from %s customer %s at %s: "+
			"the configuration no longer sets what the state holds. terraform plan -generate-config-out writes sensitive "+
			"attributes as null: to keep the values, set them in the configuration (from a variable, for example) before applying.",
			what, v.Name, customer, v.Name))
	}
}

// replaces reports whether the plan gives the customer another id, which replaces it.
func replaces(ctx context.Context, req resource.ModifyPlanRequest, at path.Path, prior types.String) bool {
	var planned types.String
	if diags := req.Plan.GetAttribute(ctx, at, &planned); diags.HasError() {
		return false
	}
	return !planned.IsUnknown() && !planned.Equal(prior)
}

// sensitiveRemoved names the sensitive attributes that hold a value in state and are planned
// null, such as identities[0].id_number.
func sensitiveRemoved(ctx context.Context, state tfsdk.State, plan tfsdk.Plan) []string {
	var removed []string
	_ = tftypes.Walk(state.Raw, func(at *tftypes.AttributePath, v tftypes.Value) (bool, error) {
		if v.IsNull() || !v.IsKnown() || v.Type().Is(tftypes.Set{}) {
			return false, nil // set elements have no path to compare by, and no sensitive attribute is in a set
		}
		if len(at.Steps()) == 0 {
			return true, nil
		}
		// A list element is no attribute (an error here): look inside it too.
		if attribute, err := state.Schema.AttributeAtTerraformPath(ctx, at); err != nil || !attribute.IsSensitive() {
			return true, nil //nolint:nilerr // not a failure: see above
		}
		if planned, _, err := tftypes.WalkAttributePath(plan.Raw, at); err == nil && !writeOnlyPlanned(plan, at) {
			if p, ok := planned.(tftypes.Value); ok && p.IsKnown() && p.IsNull() {
				removed = append(removed, attributeName(at))
			}
		}
		return false, nil
	})
	slices.Sort(removed)
	return removed
}

// writeOnlyPlanned reports whether the plan sets the version of the write-only twin of the
// attribute at (<name>_wo_version beside <name>): the value then goes to the vendor write-only,
// and the attribute's planned null removes nothing.
func writeOnlyPlanned(plan tfsdk.Plan, at *tftypes.AttributePath) bool {
	steps := at.Steps()
	name, ok := steps[len(steps)-1].(tftypes.AttributeName)
	if !ok {
		return false
	}
	version := tftypes.NewAttributePathWithSteps(steps[:len(steps)-1]).WithAttributeName(string(name) + VersionSuffix)
	v, _, err := tftypes.WalkAttributePath(plan.Raw, version)
	if err != nil {
		return false
	}
	value, ok := v.(tftypes.Value)
	return ok && !value.IsNull()
}

// attributeName writes a path as Terraform's configuration does: identities[0].id_number.
func attributeName(at *tftypes.AttributePath) string {
	var b strings.Builder
	for _, step := range at.Steps() {
		switch s := step.(type) {
		case tftypes.AttributeName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(s))
		case tftypes.ElementKeyInt:
			fmt.Fprintf(&b, "[%d]", int64(s))
		case tftypes.ElementKeyString:
			fmt.Fprintf(&b, "[%q]", string(s))
		}
	}
	return b.String()
}
