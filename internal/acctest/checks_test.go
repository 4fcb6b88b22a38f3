package acctest

import (
	"regexp"
	"testing"
)

func TestInAnyOrder(t *testing.T) {
	re := InAnyOrder(Phrase("did not apply comments"), Phrase("did not apply fax"), regexp.MustCompile(`did not apply address\.suffix`))
	for _, text := range []string{
		"Error: did not apply comments\nError: did not apply fax\nError: did not apply address.suffix",
		"Error: did not apply address.suffix\n\nError: did not apply comments\nError: did not apply\nfax",
		"did not apply fax did not apply address.suffix did not apply comments",
	} {
		if !re.MatchString(text) {
			t.Errorf("%q does not match", text)
		}
	}
	for _, text := range []string{
		"Error: did not apply comments\nError: did not apply fax",
		"did not apply fax did not apply fax did not apply comments",
		"",
	} {
		if re.MatchString(text) {
			t.Errorf("%q matches", text)
		}
	}
}
