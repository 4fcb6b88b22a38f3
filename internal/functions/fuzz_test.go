package functions

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// The patterns of openprovider_customer's phone parts (customer_schema.go).
var (
	opCountryCode = regexp.MustCompile(`^\+[0-9]{1,3}$`)
	opAreaCode    = regexp.MustCompile(`^[0-9]{1,10}$`)
	opSubscriber  = regexp.MustCompile(`^[0-9]{1,20}$`)
)

// FuzzParse checks that whatever is accepted fits the resources' patterns and joins back to its
// E.164 form, and that whatever is refused gets an error that quotes it and says what is expected.
func FuzzParse(f *testing.F) {
	for _, n := range numbers {
		f.Add(n.input)
	}
	for input := range invalid {
		f.Add(input)
	}
	f.Fuzz(func(t *testing.T, input string) {
		number, err := parse(input)
		if err != nil {
			if text := err.Error(); !strings.HasPrefix(text, strconv.Quote(input)+" ") || !strings.HasSuffix(text, want) {
				t.Fatalf("parse(%q) error %q does not quote the input or say what is expected", input, text)
			}
			return
		}
		e164 := phonenumbers.Format(number, phonenumbers.E164)
		if !noahPhone.MatchString(e164) {
			t.Fatalf("parse(%q): E.164 %q does not match NOAH's pattern", input, e164)
		}
		countryCode, area, subscriber := splitPhone(number)
		if !opCountryCode.MatchString(countryCode) || (area != "" && !opAreaCode.MatchString(area)) || !opSubscriber.MatchString(subscriber) {
			t.Fatalf("parse(%q): parts %q %q %q do not fit openprovider_customer's phone", input, countryCode, area, subscriber)
		}
		if countryCode+area+subscriber != e164 {
			t.Fatalf("parse(%q): parts %q %q %q do not join to %s", input, countryCode, area, subscriber, e164)
		}
	})
}
