package kyc

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/writeonlytest"
)

// TestIDNumberWriteOnlyNeedsNewCLI: a CLI without write-only support (Terraform or OpenTofu
// before 1.11) would store id_number_wo in the plan and the state; validation refuses it, naming
// the version needed and the alternative.
func TestIDNumberWriteOnlyNeedsNewCLI(t *testing.T) {
	r := NewCustomerResource()
	m := customerResourceModel{customerModel: fullModel(), Timeouts: writeonlytest.NullTimeouts(r)}
	m.Identities = append(m.Identities, m.Identities[0])
	m.Identities[1].IDNumber, m.Identities[1].IDNumberWO, m.Identities[1].IDNumberWOVersion = types.StringNull(), types.StringValue("WO-1"), types.Int64Value(1)

	want := []string{writeonlytest.WriteOnlyUnsupported("identities[1].id_number_wo", "identities[1].id_number")}
	if got := writeonlytest.Errors(writeonlytest.ValidateConfig(t, r, &m, false)); !slices.Equal(got, want) {
		t.Errorf("old CLI: errors\n%q\nwant\n%q", got, want)
	}
	if got := writeonlytest.Errors(writeonlytest.ValidateConfig(t, r, &m, true)); len(got) != 0 {
		t.Errorf("new CLI: errors %q", got)
	}
	m.Identities[1].IDNumberWO, m.Identities[1].IDNumber = types.StringNull(), types.StringValue("P2")
	if got := writeonlytest.Errors(writeonlytest.ValidateConfig(t, r, &m, false)); len(got) != 0 {
		t.Errorf("old CLI without write-only values: errors %q", got)
	}
}
