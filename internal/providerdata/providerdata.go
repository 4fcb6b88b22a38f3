// Package providerdata hands each service's client from the provider to its resources and data
// sources, with the diagnostics every one of them needs.
package providerdata

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

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
