// Package providerdata hands each service's client from the provider to its resources and data
// sources, with the diagnostics every one of them needs.
package providerdata

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

// Source returns the provider's data as the service's client source S; ok is false before the
// provider is configured (Terraform validates configurations first, with nil data).
func Source[S any](data any, diags *diag.Diagnostics) (source S, ok bool) {
	if data == nil {
		return source, false
	}
	source, ok = data.(S)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected a %T, got %T. This is a bug in the provider.", source, data))
	}
	return source, ok
}

// Getter returns a service's client, or an error naming its missing credentials; (nil, nil)
// while the provider's settings are unknown. A nil Getter means the provider is not configured.
type Getter[C any] func() (*C, error)

// Client returns the client of service for an API call, or adds the error that says why there
// is none: missing credentials, or settings still unknown at apply time.
func Client[C any](get Getter[C], service string, diags *diag.Diagnostics) *C {
	if get == nil {
		diags.AddError("Provider not configured", "The customers provider was not configured. This is a bug in the provider.")
		return nil
	}
	client, err := get()
	if err != nil {
		diags.AddError("Missing "+service+" credentials", err.Error())
		return nil
	}
	if client == nil {
		diags.AddError(service+" configuration unknown", "The provider's "+service+" settings are still unknown at apply time.")
	}
	return client
}

// CheckCredentials fails a plan whose service has no credentials, so the error comes at plan
// time rather than during apply. A provider whose settings are still unknown passes.
func CheckCredentials[C any](get Getter[C], service string, diags *diag.Diagnostics) {
	if get == nil {
		return
	}
	if _, err := get(); err != nil {
		diags.AddError("Missing "+service+" credentials", err.Error())
	}
}

// AddAPIError reports an API error, and each field problem the vendor reported again on the
// attribute it concerns (when attributePath knows it), so that Terraform shows it beside the
// configuration line.
func AddAPIError(diags *diag.Diagnostics, vendor, summary string, err error, attributePath func(field string) (path.Path, bool)) {
	var apiErr *httpclient.APIError
	if errors.As(err, &apiErr) {
		for _, problem := range apiErr.Fields {
			if p, ok := attributePath(problem.Field); ok {
				diags.AddAttributeError(p, summary, fmt.Sprintf("%s rejected %s: %s", vendor, problem.Field, problem.Problem))
			}
		}
	}
	diags.AddError(summary, err.Error())
}

// Deadline bounds ctx by one operation's timeout from a resource's timeouts attribute, such as
// plan.Timeouts.Create, or def when the configuration sets none.
func Deadline(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, problems := timeout(ctx, def)
	diags.Append(problems...)
	return context.WithTimeout(ctx, d)
}

// SetRefreshed makes a refresh's result the resource's new state by writing only the top-level
// attributes that changed, usually none: converting a whole model into state (the framework's
// reflection) costs more CPU than the API request did. Models have exported, tfsdk-tagged fields
// and may embed another model.
func SetRefreshed[M any](ctx context.Context, state *tfsdk.State, prior, refreshed *M, diags *diag.Diagnostics) {
	setChanged(ctx, state, reflect.ValueOf(prior).Elem(), reflect.ValueOf(refreshed).Elem(), diags)
}

func setChanged(ctx context.Context, state *tfsdk.State, prior, refreshed reflect.Value, diags *diag.Diagnostics) {
	for i := range prior.NumField() {
		field := prior.Type().Field(i)
		if field.Anonymous && field.Type.Kind() == reflect.Struct {
			setChanged(ctx, state, prior.Field(i), refreshed.Field(i), diags)
			continue
		}
		value := refreshed.Field(i).Interface()
		if name := field.Tag.Get("tfsdk"); name != "" && !reflect.DeepEqual(prior.Field(i).Interface(), value) {
			diags.Append(state.SetAttribute(ctx, path.Root(name), value)...)
		}
	}
}

// SetWritten makes what the vendor reports after an update the resource's new state, and adds
// an error on each attribute whose known planned value the vendor did not keep (a value it
// refused to clear, or one it changed). The state then shows the truth, the next plan proposes
// the change again, and Terraform never sees a result that contradicts the plan, which it would
// report as "Provider produced inconsistent result after apply". Values are never printed: they
// may be secrets.
func SetWritten(ctx context.Context, state *tfsdk.State, plan tfsdk.Plan, written any, vendor string, diags *diag.Diagnostics) {
	if diags.Append(state.Set(ctx, written)...); diags.HasError() {
		return
	}
	for _, u := range unkept(path.Empty(), tftypes.NewAttributePath(), plan.Raw, state.Raw) {
		diags.AddAttributeError(u.path, vendor+" did not apply "+u.path.String(), u.explain(vendor)+
			" The state now records what "+vendor+" holds, so the next plan proposes the change again. "+
			vendor+" may not allow this change (a value it fills in itself, a field it cannot clear): make the "+
			"configuration match what it holds, or change the record in "+vendor+"'s own interface.")
	}
}

// SetCreated is SetWritten for a create. An error after a create would taint a customer that
// exists and is healthy, and the next apply would replace it: a second customer where the vendor
// cannot delete. So each value the vendor did not keep is a warning instead, and the state keeps
// the planned value there until the next refresh reads the truth; the plan after it shows the
// difference and its update, if the vendor refuses again, fails as SetWritten says.
func SetCreated(ctx context.Context, state *tfsdk.State, plan tfsdk.Plan, written any, vendor string, diags *diag.Diagnostics) {
	if diags.Append(state.Set(ctx, written)...); diags.HasError() {
		return
	}
	differences := unkept(path.Empty(), tftypes.NewAttributePath(), plan.Raw, state.Raw)
	if len(differences) == 0 {
		return
	}
	raw, err := tftypes.Transform(state.Raw, func(at *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		for _, u := range differences {
			if at.Equal(u.raw) {
				return u.planned, nil
			}
		}
		return v, nil
	})
	if err != nil {
		diags.AddError("Cannot record the created customer", "This is a bug in the provider: "+err.Error())
		return
	}
	state.Raw = raw
	for _, u := range differences {
		diags.AddAttributeWarning(u.path, vendor+" did not keep "+u.path.String()+" as configured", u.explain(vendor)+
			" The customer was created; the next refresh records what "+vendor+" holds and the plan after it shows "+
			"the difference. If "+vendor+" does not allow this value, make the configuration match what it holds.")
	}
}

// unkeptValue is a planned value the vendor did not keep, and what it holds instead.
type unkeptValue struct {
	path             path.Path
	raw              *tftypes.AttributePath
	planned, written tftypes.Value
}

// explain says what the vendor holds instead of the planned value, without either value.
func (u unkeptValue) explain(vendor string) string {
	what := "a different value for " + u.path.String() + " than the configuration sets"
	switch {
	case u.planned.IsNull():
		what = "a value for " + u.path.String() + ", which the configuration removes"
	case u.written.IsNull():
		what = "no value for " + u.path.String() + ", which the configuration sets"
	}
	return vendor + " accepted the request, but afterwards it holds " + what + "."
}

// unkept returns where written differs from a known planned value: the deepest object
// attribute, list element or map entry that differs, or a whole set (set elements have no
// identity to pair them by).
func unkept(at path.Path, raw *tftypes.AttributePath, planned, written tftypes.Value) []unkeptValue {
	if !planned.IsKnown() || planned.Type().Is(tftypes.Set{}) && !planned.IsFullyKnown() {
		return nil // the plan left it to the vendor
	}
	differs := []unkeptValue{{at, raw, planned, written}}
	if planned.IsNull() || written.IsNull() || !written.IsKnown() || !planned.Type().Equal(written.Type()) {
		if planned.Equal(written) {
			return nil
		}
		return differs
	}
	var out []unkeptValue
	switch {
	case planned.Type().Is(tftypes.Object{}), planned.Type().Is(tftypes.Map{}):
		var p, w map[string]tftypes.Value
		if planned.As(&p) != nil || written.As(&w) != nil || !slices.Equal(slices.Sorted(maps.Keys(p)), slices.Sorted(maps.Keys(w))) {
			return differs
		}
		for _, key := range slices.Sorted(maps.Keys(p)) {
			next, nextRaw := at.AtMapKey(key), raw.WithElementKeyString(key)
			if planned.Type().Is(tftypes.Object{}) {
				next, nextRaw = at.AtName(key), raw.WithAttributeName(key)
			}
			out = append(out, unkept(next, nextRaw, p[key], w[key])...)
		}
	case planned.Type().Is(tftypes.List{}):
		var p, w []tftypes.Value
		if planned.As(&p) != nil || written.As(&w) != nil || len(p) != len(w) {
			return differs
		}
		for i := range p {
			out = append(out, unkept(at.AtListIndex(i), raw.WithElementKeyInt(i), p[i], w[i])...)
		}
	default:
		if !planned.Equal(written) {
			return differs
		}
	}
	return out
}
