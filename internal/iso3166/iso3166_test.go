package iso3166

import "testing"

func TestIsCountry(t *testing.T) {
	if got := Count(); got != 249 {
		t.Fatalf("Count() = %d, want 249 assigned codes", got)
	}
	for _, c := range []string{"NL", "US", "CA", "DE", "AX", "SS", "ZW"} {
		if !IsCountry(c) {
			t.Errorf("IsCountry(%q) = false, want true", c)
		}
	}
	for _, c := range []string{"", "nl", "UK", "XK", "EU", "NLD", "N", "EL"} {
		if IsCountry(c) {
			t.Errorf("IsCountry(%q) = true, want false", c)
		}
	}
}
