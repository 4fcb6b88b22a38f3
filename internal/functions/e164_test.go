package functions

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// noahPhone is the pattern of kyc_customer's phone_number (NOAH's PhoneNumber).
var noahPhone = regexp.MustCompile(`^\+[0-9]{6,15}$`)

func TestE164(t *testing.T) {
	for _, n := range numbers {
		got, err := run(t, NewE164(), n.input)
		if err != nil {
			t.Errorf("e164(%q): %s", n.input, err.Text)
			continue
		}
		if want := types.StringValue(n.e164); !got.Equal(want) {
			t.Errorf("e164(%q) = %s, want %s", n.input, got, want)
		}
		if !noahPhone.MatchString(n.e164) {
			t.Errorf("e164(%q) = %s does not match NOAH's pattern", n.input, n.e164)
		}
	}
}
