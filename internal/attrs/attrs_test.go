package attrs

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

func TestOptional(t *testing.T) {
	if !Optional("").IsNull() {
		t.Error(`Optional("") is not null`)
	}
	if v := Optional("x"); v.IsNull() || v.ValueString() != "x" {
		t.Errorf(`Optional("x") = %v`, v)
	}
}

func TestStringAttributes(t *testing.T) {
	r, o := RequiredString("r", 1, 5), OptionalString("o", 2, 9)
	if !r.Required || r.Optional || len(r.Validators) != 1 || r.MarkdownDescription != "r" {
		t.Errorf("RequiredString = %+v", r)
	}
	if o.Required || !o.Optional || len(o.Validators) != 1 || o.MarkdownDescription != "o" {
		t.Errorf("OptionalString = %+v", o)
	}
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		10 * time.Minute:                "10m",
		5 * time.Minute:                 "5m",
		20 * time.Minute:                "20m",
		30 * time.Second:                "30s",
		90 * time.Second:                "1m30s",
		time.Hour:                       "1h",
		time.Hour + 10*time.Minute:      "1h10m",
		2*time.Hour + 30*time.Second:    "2h0m30s",
		10*time.Minute + 10*time.Second: "10m10s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// The timeouts' descriptions are what the Registry pages show as each default.
func TestTimeoutsDescriptions(t *testing.T) {
	a := Timeouts(context.Background(), true).(schema.SingleNestedAttribute)
	for name, want := range map[string]string{
		"create": "How long a create may take, retries included, as a duration such as `30s` or `15m`. Default `10m`.",
		"read":   "How long a refresh may take, retries included, as a duration such as `30s` or `15m`. Default `5m`.",
		"update": "How long an update may take, retries included, as a duration such as `30s` or `15m`. Default `10m`.",
		"delete": "How long a delete may take, retries included, as a duration such as `30s` or `15m`. Default `10m`.",
	} {
		if got := a.Attributes[name].GetDescription(); got != want {
			t.Errorf("%s: description = %q, want %q", name, got, want)
		}
	}
}
