// Package writeonlytest helps unit tests of write-only attributes: it runs a resource's
// ValidateConfig as a CLI with or without write-only support sends it.
package writeonlytest

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// ValidateConfig runs r's ValidateConfig (with the schema's own validators left out) on the
// configuration model, as a CLI with or without write-only support sends it.
func ValidateConfig(t *testing.T, r fwresource.Resource, model any, writeOnlyAllowed bool) diag.Diagnostics {
	t.Helper()
	ctx := context.Background()
	var schema fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &schema)
	state := tfsdk.State{Schema: schema.Schema, Raw: tftypes.NewValue(schema.Schema.Type().TerraformType(ctx), nil)}
	if diags := state.Set(ctx, model); diags.HasError() {
		t.Fatal(diags)
	}
	v, ok := r.(fwresource.ResourceWithValidateConfig)
	if !ok {
		t.Fatalf("%T has no ValidateConfig", r)
	}
	req := fwresource.ValidateConfigRequest{
		Config:             tfsdk.Config{Schema: schema.Schema, Raw: state.Raw},
		ClientCapabilities: fwresource.ValidateConfigClientCapabilities{WriteOnlyAttributesAllowed: writeOnlyAllowed},
	}
	var resp fwresource.ValidateConfigResponse
	v.ValidateConfig(ctx, req, &resp)
	return resp.Diagnostics
}

// NullTimeouts is the null timeouts attribute of r, for models built by tests.
func NullTimeouts(r fwresource.Resource) timeouts.Value {
	var schema fwresource.SchemaResponse
	r.Schema(context.Background(), fwresource.SchemaRequest{}, &schema)
	return timeouts.Value{Object: types.ObjectNull(schema.Schema.Attributes["timeouts"].GetType().(timeouts.Type).AttrTypes)}
}

// WriteOnlyUnsupported is the error CheckWriteOnlyClient gives for the write-only attribute wo,
// twin of plain, as "summary: detail".
func WriteOnlyUnsupported(wo, plain string) string {
	return "Write-only attributes need Terraform 1.11 or later: " + wo + " is write-only, and this Terraform CLI does not " +
		"support write-only attributes: they need Terraform 1.11 or later (OpenTofu 1.11 or later). Upgrade the CLI, or set " +
		plain + " instead of " + wo + " and its version (Terraform then stores the value in the state, marked sensitive)."
}

// Errors are diags' errors as "summary: detail".
func Errors(diags diag.Diagnostics) []string {
	var out []string
	for _, d := range diags.Errors() {
		out = append(out, d.Summary()+": "+d.Detail())
	}
	return out
}
