package iso3166

import "strings"

// subdivisions lists, for the countries where NOAH requires one, the ISO 3166-2 subdivision
// codes without the country prefix ("CA" for California, not "US-CA").
var subdivisions = map[string]map[string]struct{}{
	"US": set("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ " +
		"NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC AS GU MP PR UM VI"),
	"CA": set("AB BC MB NB NL NS NT NU ON PE QC SK YT"),
}

// set is the codes in a space-separated list.
func set(codes string) map[string]struct{} {
	m := map[string]struct{}{}
	for _, c := range strings.Fields(codes) {
		m[c] = struct{}{}
	}
	return m
}

// RequiresSubdivision reports whether addresses in country must name their state or province
// by its ISO 3166-2 code.
func RequiresSubdivision(country string) bool {
	_, ok := subdivisions[country]
	return ok
}

// IsSubdivision reports whether code is an ISO 3166-2 subdivision code of country, written
// without the country prefix, such as IsSubdivision("US", "NY").
func IsSubdivision(country, code string) bool {
	_, ok := subdivisions[country][code]
	return ok
}
