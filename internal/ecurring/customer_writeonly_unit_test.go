package ecurring

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/writeonlytest"
)

// TestIBANWriteOnlyNeedsNewCLI: a CLI without write-only support (Terraform or OpenTofu before
// 1.11) would store iban_wo in the plan and the state; validation refuses it, naming the version
// needed and the alternative.
func TestIBANWriteOnlyNeedsNewCLI(t *testing.T) {
	r := NewCustomerResource()
	m := customerResourceModel{IBANWO: types.StringValue("NL91ABNA0417164300"), IBANWOVersion: types.Int64Value(1), Timeouts: writeonlytest.NullTimeouts(r)}
	want := []string{writeonlytest.WriteOnlyUnsupported("iban_wo", "iban")}
	if got := writeonlytest.Errors(writeonlytest.ValidateConfig(t, r, &m, false)); !slices.Equal(got, want) {
		t.Errorf("old CLI: errors\n%q\nwant\n%q", got, want)
	}
	if got := writeonlytest.Errors(writeonlytest.ValidateConfig(t, r, &m, true)); len(got) != 0 {
		t.Errorf("new CLI: errors %q", got)
	}
}
