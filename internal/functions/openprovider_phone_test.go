package functions

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestOpenproviderPhone(t *testing.T) {
	for _, n := range numbers {
		got, err := run(t, NewOpenproviderPhone(), n.input)
		if err != nil {
			t.Errorf("openprovider_phone(%q): %s", n.input, err.Text)
			continue
		}
		area := types.StringNull()
		if n.area != "" {
			area = types.StringValue(n.area)
		}
		want := types.ObjectValueMust(phoneTypes, map[string]attr.Value{
			"country_code":      types.StringValue(n.countryCode),
			"area_code":         area,
			"subscriber_number": types.StringValue(n.subscriber),
		})
		if !got.Equal(want) {
			t.Errorf("openprovider_phone(%q) =\n %s\nwant %s", n.input, got, want)
		}
		// The parts joined are the number: nothing is lost or made up.
		if joined := n.countryCode + n.area + n.subscriber; joined != n.e164 {
			t.Errorf("%q: parts %q+%q+%q do not join to %s", n.input, n.countryCode, n.area, n.subscriber, n.e164)
		}
	}
}
