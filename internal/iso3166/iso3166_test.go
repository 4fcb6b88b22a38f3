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

func TestSubdivisions(t *testing.T) {
	if len(subdivisions["US"]) != 57 || len(subdivisions["CA"]) != 13 {
		t.Fatalf("US has %d codes (want 50 states, DC and 6 territories), CA %d (want 13)", len(subdivisions["US"]), len(subdivisions["CA"]))
	}
	for _, tc := range []struct {
		country, code string
		want          bool
	}{
		{"US", "NY", true}, {"US", "DC", true}, {"US", "PR", true}, {"CA", "QC", true}, {"CA", "YT", true},
		{"US", "US-NY", false}, {"US", "ny", false}, {"US", "ON", false}, {"CA", "NY", false}, {"NL", "NH", false},
	} {
		if got := IsSubdivision(tc.country, tc.code); got != tc.want {
			t.Errorf("IsSubdivision(%q, %q) = %v", tc.country, tc.code, got)
		}
	}
	if !RequiresSubdivision("US") || !RequiresSubdivision("CA") || RequiresSubdivision("NL") {
		t.Error("RequiresSubdivision is wrong")
	}
}
