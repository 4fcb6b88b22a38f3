package openprovider

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/writeonlytest"
)

// TestWriteOnlyNeedsNewCLI: a CLI without write-only support (Terraform or OpenTofu before 1.11)
// would store the write-only values in the plan and the state; validation refuses them, naming
// the version needed and the alternative.
func TestWriteOnlyNeedsNewCLI(t *testing.T) {
	r := NewCustomerResource()
	m := customerResourceModel{Timeouts: writeonlytest.NullTimeouts(r), customerModel: customerModel{AdditionalData: &additionalDataModel{PassportNumberWO: types.StringValue("P-1"), PassportNumberWOVersion: types.Int64Value(1), SocialSecurityNumberWO: types.StringValue("S-1"), SocialSecurityNumberWOVersion: types.Int64Value(1)}}}
	want := []string{
		writeonlytest.WriteOnlyUnsupported("additional_data.passport_number_wo", "additional_data.passport_number"),
		writeonlytest.WriteOnlyUnsupported("additional_data.social_security_number_wo", "additional_data.social_security_number"),
	}
	if got := writeonlytest.Errors(writeonlytest.ValidateConfig(t, r, &m, false)); !slices.Equal(got, want) {
		t.Errorf("old CLI: errors\n%q\nwant\n%q", got, want)
	}
	if got := writeonlytest.Errors(writeonlytest.ValidateConfig(t, r, &m, true)); len(got) != 0 {
		t.Errorf("new CLI: errors %q", got)
	}
}
