package providerdata_test

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

// value builds a value of typ from v: a string, a map of attribute values (attributes left out
// are null), or a slice of list elements; nil is null.
func value(t *testing.T, typ tftypes.Type, v any) tftypes.Value {
	t.Helper()
	switch v := v.(type) {
	case nil:
		return tftypes.NewValue(typ, nil)
	case string:
		return tftypes.NewValue(typ, v)
	case int:
		return tftypes.NewValue(typ, big.NewFloat(float64(v)))
	case map[string]any:
		object := typ.(tftypes.Object)
		attrs := map[string]tftypes.Value{}
		for name, attrType := range object.AttributeTypes {
			attrs[name] = value(t, attrType, v[name])
		}
		return tftypes.NewValue(typ, attrs)
	case []any:
		var elems []tftypes.Value
		for _, e := range v {
			elems = append(elems, value(t, typ.(tftypes.List).ElementType, e))
		}
		return tftypes.NewValue(typ, elems)
	}
	t.Fatalf("cannot build a value from %T", v)
	return tftypes.Value{}
}

// plan asks the provider, as Terraform does, to plan the change of a typeName resource from
// prior to proposed (nil: a destroy), and returns the diagnostics it answers with.
func plan(t *testing.T, typeName string, prior, proposed map[string]any) []*tfprotov6.Diagnostic {
	t.Helper()
	ctx := context.Background()
	server, err := acctest.ProviderFactories()["customers"]()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schemas.ResourceSchemas[typeName].ValueType()
	dynamic := func(v map[string]any) *tfprotov6.DynamicValue {
		raw := tftypes.NewValue(typ, nil)
		if v != nil {
			raw = value(t, typ, v)
		}
		d, err := tfprotov6.NewDynamicValue(typ, raw)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	resp, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: dynamic(prior), ProposedNewState: dynamic(proposed), Config: dynamic(proposed),
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

func warning(summary, detail string) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: summary, Detail: detail}}
}

func checkDiagnostics(t *testing.T, got, want []*tfprotov6.Diagnostic) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("diagnostics %v, want %v", describe(got), describe(want))
	}
	for i := range got {
		if got[i].Severity != want[i].Severity || got[i].Summary != want[i].Summary || got[i].Detail != want[i].Detail {
			t.Errorf("diagnostic %d:\n%+v\nwant\n%+v", i, *got[i], *want[i])
		}
	}
}

func describe(diags []*tfprotov6.Diagnostic) []tfprotov6.Diagnostic {
	out := make([]tfprotov6.Diagnostic, len(diags))
	for i, d := range diags {
		out[i] = *d
	}
	return out
}

// Destroying a customer of a vendor that cannot delete one warns at plan time, in words that are
// the same for every customer but its id (Terraform groups warnings by summary).
func TestPlanWarnsOfCustomersThatStayAtTheVendor(t *testing.T) {
	checkDiagnostics(t, plan(t, "ecurring_customer", map[string]any{"id": "42", "email": "jane@example.com"}, nil),
		warning("Destroying these customers does not delete them at the vendor", "This plan removes eCurring customer 42 from the "+
			"Terraform state, but eCurring's API cannot delete customers: the customer stays at eCurring. Remove it in eCurring's "+
			"own interface if it should go."))
	kycWarning := warning("Destroying these customers does not delete them at the vendor", "This plan removes NOAH customer "+
		"cust-1 from the Terraform state, but NOAH's API cannot delete customers: the customer stays at NOAH. Remove it in "+
		"NOAH's own interface if it should go.")
	checkDiagnostics(t, plan(t, "kyc_customer", map[string]any{"customer_id": "cust-1"}, nil), kycWarning)
	// A new customer_id replaces the customer: the old one stays at NOAH too.
	checkDiagnostics(t, plan(t, "kyc_customer", map[string]any{"customer_id": "cust-1"}, map[string]any{"customer_id": "cust-2"}), kycWarning)
	// Openprovider deletes; creates and unchanged customers warn of nothing.
	checkDiagnostics(t, plan(t, "openprovider_customer", map[string]any{"handle": "JD000001-NL"}, nil), nil)
	checkDiagnostics(t, plan(t, "kyc_customer", nil, map[string]any{"customer_id": "cust-1"}), nil)
	checkDiagnostics(t, plan(t, "ecurring_customer", map[string]any{"id": "42", "iban": "NL91ABNA0417164300"},
		map[string]any{"id": "42", "iban": "NL91ABNA0417164300"}), nil)
}

// A plan that removes sensitive values the state holds (as the configuration that
// terraform plan -generate-config-out writes does) warns, naming the attributes, never the values.
func TestPlanWarnsOfRemovedSensitiveValues(t *testing.T) {
	const summary = "The plan removes sensitive values"
	const keep = " terraform plan -generate-config-out writes sensitive attributes as null: to keep the values, set them in the " +
		"configuration (from a variable, for example) before applying."
	checkDiagnostics(t, plan(t, "ecurring_customer",
		map[string]any{"id": "42", "iban": "NL91ABNA0417164300", "bank_holder": "J. Doe"},
		map[string]any{"id": "42", "bank_holder": "J. Doe"}),
		warning(summary, "Applying this plan removes the value of iban from eCurring customer 42 at eCurring: the configuration "+
			"no longer sets what the state holds."+keep))
	identity := map[string]any{"issuing_country": "US", "id_number": "P-SECRET-1", "id_type": "Passport"}
	checkDiagnostics(t, plan(t, "kyc_customer",
		map[string]any{"customer_id": "cust-1", "identities": []any{identity}},
		map[string]any{"customer_id": "cust-1", "identities": []any{map[string]any{"issuing_country": "US", "id_type": "Passport"}}}),
		warning(summary, "Applying this plan removes the value of identities[0].id_number from NOAH customer cust-1 at NOAH: the "+
			"configuration no longer sets what the state holds."+keep))
	checkDiagnostics(t, plan(t, "openprovider_customer",
		map[string]any{"handle": "JD000001-NL", "additional_data": map[string]any{"birth_city": "Utrecht", "passport_number": "P1", "social_security_number": "S1"}},
		map[string]any{"handle": "JD000001-NL", "additional_data": map[string]any{"birth_city": "Utrecht"}}),
		warning(summary, "Applying this plan removes the values of additional_data.passport_number, "+
			"additional_data.social_security_number from Openprovider customer JD000001-NL at Openprovider: the configuration "+
			"no longer sets what the state holds."+keep))

	// A value moved to its write-only twin (whose version the plan sets) is sent again: nothing is removed.
	checkDiagnostics(t, plan(t, "ecurring_customer",
		map[string]any{"id": "42", "iban": "NL91ABNA0417164300", "bank_holder": "J. Doe"},
		map[string]any{"id": "42", "bank_holder": "J. Doe", "iban_wo_version": 1}), nil)
	checkDiagnostics(t, plan(t, "kyc_customer",
		map[string]any{"customer_id": "cust-1", "identities": []any{identity}},
		map[string]any{"customer_id": "cust-1", "identities": []any{map[string]any{"issuing_country": "US", "id_type": "Passport", "id_number_wo_version": 1}}}), nil)
	checkDiagnostics(t, plan(t, "openprovider_customer",
		map[string]any{"handle": "JD000001-NL", "additional_data": map[string]any{"passport_number": "P1", "social_security_number": "S1"}},
		map[string]any{"handle": "JD000001-NL", "additional_data": map[string]any{"passport_number_wo_version": 1}}),
		warning(summary, "Applying this plan removes the value of additional_data.social_security_number from Openprovider "+
			"customer JD000001-NL at Openprovider: the configuration no longer sets what the state holds."+keep))
}

func TestSetCreatedUnread(t *testing.T) {
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"id":     schema.StringAttribute{Computed: true},
		"email":  schema.StringAttribute{Required: true},
		"locale": schema.StringAttribute{Optional: true, Computed: true},
		"name": schema.SingleNestedAttribute{Required: true, Attributes: map[string]schema.Attribute{
			"first_name": schema.StringAttribute{Required: true},
			"full_name":  schema.StringAttribute{Computed: true},
		}},
	}}
	typ := s.Type().TerraformType(ctx)
	name := typ.(tftypes.Object).AttributeTypes["name"]
	unknown := tftypes.UnknownValue
	planned := tftypes.NewValue(typ, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, unknown), "email": tftypes.NewValue(tftypes.String, "jane@example.com"),
		"locale": tftypes.NewValue(tftypes.String, unknown),
		"name": tftypes.NewValue(name, map[string]tftypes.Value{
			"first_name": tftypes.NewValue(tftypes.String, "Jane"), "full_name": tftypes.NewValue(tftypes.String, unknown)}),
	})
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(typ, nil)}
	var diags diag.Diagnostics
	providerdata.SetCreatedUnread(ctx, &state, tfsdk.Plan{Schema: s, Raw: planned}, path.Root("id"), "C-1", "Vendor", errors.New("read: context canceled"), &diags)
	want := tftypes.NewValue(typ, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, "C-1"), "email": tftypes.NewValue(tftypes.String, "jane@example.com"),
		"locale": tftypes.NewValue(tftypes.String, nil),
		"name": tftypes.NewValue(name, map[string]tftypes.Value{
			"first_name": tftypes.NewValue(tftypes.String, "Jane"), "full_name": tftypes.NewValue(tftypes.String, nil)}),
	})
	if !state.Raw.Equal(want) {
		t.Errorf("state %v, want %v", state.Raw, want)
	}
	wantDiags := diag.Diagnostics{diag.NewWarningDiagnostic("Customer created; values the vendor fills in follow on the next refresh",
		"Vendor created customer C-1 and it is in the Terraform state. Reading it back afterwards did not finish (read: context "+
			"canceled), so the values Vendor fills in itself are empty in the state until the next refresh (part of every plan "+
			"and apply) reads them. Nothing needs to be done.")}
	if !diags.Equal(wantDiags) {
		t.Errorf("diagnostics %v, want %v", diags, wantDiags)
	}
}
