package ecurring

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

func TestChangedAttributes(t *testing.T) {
	s := types.StringValue
	prior := customerModel{FirstName: s("A"), LastName: s("B"), Email: s("a@b.nl"), MiddleName: s("van"),
		IBAN: s("NL91ABNA0417164300"), BankHolder: s("A B"), Language: s("nl")}
	plan := prior
	plan.MiddleName = types.StringNull()
	plan.IBAN = s("DE89370400440532013000")
	plan.Language = types.StringUnknown() // left to eCurring: never sent

	got := plan.changedAttributes(&prior)
	want := ecurringapi.Attributes{ecurringapi.AttrMiddleName: nil, ecurringapi.AttrIBAN: ptr("DE89370400440532013000"), ecurringapi.AttrBankHolder: ptr("A B")}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("changed attributes = %s, want %s (a cleared value is null; a new IBAN brings its holder)", show(got), show(want))
	}
	if got := prior.changedAttributes(&prior); len(got) != 0 {
		t.Fatalf("no change must send nothing, got %s", show(got))
	}
}

// Destroy cannot delete at the vendor: Delete calls nothing (it has no client) and adds nothing
// to the warning the plan gave.
func TestDeleteCallsNothing(t *testing.T) {
	ctx := context.Background()
	s := customerSchema()
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	resp := &resource.DeleteResponse{State: state}
	(&customerResource{}).Delete(ctx, resource.DeleteRequest{State: state}, resp)
	if len(resp.Diagnostics) != 0 {
		t.Fatalf("diagnostics = %v, want none", resp.Diagnostics)
	}
}

// TestAddAPIErrorPointsAtAttributes: eCurring's source pointers become attribute diagnostics.
func TestAddAPIErrorPointsAtAttributes(t *testing.T) {
	err := &httpclient.APIError{Service: "ecurring", Operation: "create customer", StatusCode: 422,
		Fields: []httpclient.FieldProblem{{Field: "email", Problem: "is taken"}, {Field: "data", Problem: "odd"}}}
	var diags diag.Diagnostics
	base.APIError(&diags, "Cannot create eCurring customer", err)
	if len(diags) != 2 {
		t.Fatalf("diagnostics = %v, want one on email and the general one", diags)
	}
	withPath, ok := diags[0].(diag.DiagnosticWithPath)
	if !ok || !withPath.Path().Equal(path.Root("email")) || diags[0].Detail() != "eCurring rejected email: is taken" {
		t.Errorf("first diagnostic = %#v", diags[0])
	}
	if diags[1].Detail() != err.Error() {
		t.Errorf("general diagnostic = %q", diags[1].Detail())
	}
}

func ptr(s string) *string { return &s }

func show(a ecurringapi.Attributes) string {
	b, _ := json.Marshal(a)
	return string(b)
}
