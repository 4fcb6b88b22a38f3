package functions

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// split is a number, how it is written and what the functions make of it. The expected parts come
// from the countries' numbering plans (sources beside each country), not from the library.
type split struct {
	country, input                string
	countryCode, area, subscriber string // area "" means null: a plan without area codes
	e164                          string
}

var numbers = []split{
	// Netherlands (ACM numbering plan): trunk prefix 0; 2-digit area codes for the big cities (020
	// Amsterdam, 010 Rotterdam, 070 The Hague), 3-digit elsewhere (0575 Zutphen) with 6-digit
	// subscriber numbers; mobile numbers are 06 + 8 digits.
	{"NL", "+31 20 555 1234", "+31", "20", "5551234", "+31205551234"},
	{"NL", "0031 10 123 4567", "+31", "10", "1234567", "+31101234567"},
	{"NL", "+31 (0)70 123 4567", "+31", "70", "1234567", "+31701234567"},
	{"NL", "0031 (0)20 555 1234", "+31", "20", "5551234", "+31205551234"},
	{"NL", "+31-575-123456", "+31", "575", "123456", "+31575123456"},
	{"NL", "+31 6 12345678", "+31", "6", "12345678", "+31612345678"},
	// Germany (BNetzA): trunk prefix 0; Ortsnetzkennzahlen of 2 to 5 digits (030 Berlin, 089
	// Munich, 0221 Cologne, 035205 Ottendorf-Okrilla); mobile codes 016x/017x of 3 digits and
	// 015xy of 4 digits.
	{"DE", "+49 30 12345678", "+49", "30", "12345678", "+493012345678"},
	{"DE", "+49 (0)89 1234567", "+49", "89", "1234567", "+49891234567"},
	{"DE", "0049 221 1234567", "+49", "221", "1234567", "+492211234567"},
	{"DE", "+49 (0)221 1234567", "+49", "221", "1234567", "+492211234567"},
	{"DE", "+49 35205 12345", "+49", "35205", "12345", "+493520512345"},
	{"DE", "+49 170 1234567", "+49", "170", "1234567", "+491701234567"},
	{"DE", "+49 1511 2345678", "+49", "1511", "2345678", "+4915112345678"},
	// United Kingdom (Ofcom): trunk prefix 0; area codes of 2 (020 London), 3 (0121 Birmingham),
	// 4 (01223 Cambridge) and 5 digits (015396 Sedbergh); mobile numbers 07xxx + 6 digits. The
	// London and Birmingham numbers are in Ofcom's ranges for drama.
	{"GB", "(+44) 20 7946 0958", "+44", "20", "79460958", "+442079460958"},
	{"GB", "+44 (0)20 7946 0958", "+44", "20", "79460958", "+442079460958"},
	{"GB", "+44 121 496 0000", "+44", "121", "4960000", "+441214960000"},
	{"GB", "+44 1223 496000", "+44", "1223", "496000", "+441223496000"},
	{"GB", "+44 15396 20000", "+44", "15396", "20000", "+441539620000"},
	{"GB", "+44 7911 123456", "+44", "7911", "123456", "+447911123456"},
	// United States (NANP): area code (NPA) of 3 digits, then 7 digits; toll-free 800 is an NPA.
	{"US", "+1-415-555-0100", "+1", "415", "5550100", "+14155550100"},
	{"US", "+1 (212) 555-0199", "+1", "212", "5550199", "+12125550199"},
	{"US", "001 800 555 0199", "+1", "800", "5550199", "+18005550199"},
	// France (ARCEP): trunk prefix 0; one-digit zones 01-05 (01 Île-de-France, 04 south-east), 06
	// and 07 mobile, each followed by 8 digits.
	{"FR", "+33 1 23 45 67 89", "+33", "1", "23456789", "+33123456789"},
	{"FR", "+33 (0)4 91 12 34 56", "+33", "4", "91123456", "+33491123456"},
	{"FR", "+33 6 12 34 56 78", "+33", "6", "12345678", "+33612345678"},
	// Belgium (BIPT): trunk prefix 0; one-digit zones (02 Brussels, 09 Ghent) with 7-digit numbers,
	// two-digit zones (016 Leuven) with 6-digit numbers; mobile 04xx + 6 digits.
	{"BE", "+32 2 279 22 11", "+32", "2", "2792211", "+3222792211"},
	{"BE", "+32 9 266 70 00", "+32", "9", "2667000", "+3292667000"},
	{"BE", "+32 16 32 40 10", "+32", "16", "324010", "+3216324010"},
	{"BE", "+32 470 12 34 56", "+32", "470", "123456", "+32470123456"},
	// Spain (CNMC): a closed plan of 9 digits, always dialled in full, no trunk prefix and so no
	// area code (91 Madrid and 954 Seville are the numbers' first digits); mobile numbers 6xx.
	{"ES", "+34 91 123 45 67", "+34", "", "911234567", "+34911234567"},
	{"ES", "+34 954 12 34 56", "+34", "", "954123456", "+34954123456"},
	{"ES", "+34 612 34 56 78", "+34", "", "612345678", "+34612345678"},
	// Italy (AGCOM): no trunk prefix, but geographic numbers keep their area code's 0 (06 Rome,
	// 02 Milan, 081 Naples); mobile numbers start with a 3xx operator code.
	{"IT", "+39 06 1234 5678", "+39", "06", "12345678", "+390612345678"},
	{"IT", "+39 02 1234 5678", "+39", "02", "12345678", "+390212345678"},
	{"IT", "+39 081 123 4567", "+39", "081", "1234567", "+390811234567"},
	{"IT", "+39 347 123 4567", "+39", "347", "1234567", "+393471234567"},
	// Russia (Rossvyaz): trunk prefix 8; 3-digit ABC codes (495 Moscow, 812 Saint Petersburg) and
	// DEF codes for mobile numbers (9xx), each followed by 7 digits.
	{"RU", "+7 495 123-45-67", "+7", "495", "1234567", "+74951234567"},
	{"RU", "+7 (812) 123-45-67", "+7", "812", "1234567", "+78121234567"},
	{"RU", "+7 912 345 67 89", "+7", "912", "3456789", "+79123456789"},
	// Australia (ACMA): trunk prefix 0; one-digit area codes (02 NSW and ACT, 03 Victoria and
	// Tasmania, 08 WA, SA and NT) with 8 digits; mobile numbers 04xx + 6 digits, written
	// "0412 345 678", of which this gives the 412.
	{"AU", "+61 2 1234 5678", "+61", "2", "12345678", "+61212345678"},
	{"AU", "+61 (0)3 9654 1234", "+61", "3", "96541234", "+61396541234"},
	{"AU", "+61 8 9123 4567", "+61", "8", "91234567", "+61891234567"},
	{"AU", "+61 412 345 678", "+61", "412", "345678", "+61412345678"},
	// Denmark: a closed plan of 8 digits without area codes.
	{"DK", "+45 32 12 34 56", "+45", "", "32123456", "+4532123456"},
}

const want = `; expected an international phone number: "+" (or "00"), the country code and the number, such as "+31 20 555 1234"`

// invalid maps inputs that both functions refuse to their error, word for word.
var invalid = map[string]string{
	"":                       `"" is empty` + want,
	"   ":                    `"   " is empty` + want,
	"020 555 1234":           `"020 555 1234" has no country code (it must start with "+" or "00")` + want,
	"31 20 555 1234":         `"31 20 555 1234" has no country code (it must start with "+" or "00")` + want,
	"+31 20 555 CALL":        `"+31 20 555 CALL" contains letters` + want,
	"+1 800 FLOWERS":         `"+1 800 FLOWERS" contains letters` + want,
	"+31 20 555 1234 ext. 5": `"+31 20 555 1234 ext. 5" contains letters` + want,
	"+31#205551234":          `"+31#205551234" contains '#'` + want,
	"++31 20 555 1234":       `"++31 20 555 1234" contains more than one "+"` + want,
	"+()":                    `"+()" is not a phone number` + want,
	"(-)":                    `"(-)" has no digits` + want,
	"+999 1234567":           `"+999 1234567" does not start with a known country code` + want,
	"+31 20 555 12":          `"+31 20 555 12" is not a valid number for country code +31 (NL)` + want,
	"+31 20 555 1234 5678":   `"+31 20 555 1234 5678" is not a valid number for country code +31 (NL)` + want,
	"+49 30":                 `"+49 30" is not a valid number for country code +49 (DE)` + want,
	"+49 201 000000000000":   `"+49 201 000000000000" has 17 digits, more than the 15 an international number may have` + want,
	"+1 415 555 01":          `"+1 415 555 01" is not a valid number for country code +1` + want,
	"+34 123 45 67 89":       `"+34 123 45 67 89" is not a valid number for country code +34 (ES)` + want,
}

// run calls a function with one string argument as Terraform would and returns its result and error.
func run(t *testing.T, f function.Function, input string) (attr.Value, *function.FuncError) {
	t.Helper()
	ctx := context.Background()
	var def function.DefinitionResponse
	f.Definition(ctx, function.DefinitionRequest{}, &def)
	result, ferr := def.Definition.Return.NewResultData(ctx)
	if ferr != nil {
		t.Fatal(ferr.Text)
	}
	resp := function.RunResponse{Result: result}
	f.Run(ctx, function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{types.StringValue(input)})}, &resp)
	return resp.Result.Value(), resp.Error
}

func TestInvalidNumbers(t *testing.T) {
	for _, f := range []function.Function{NewOpenproviderPhone(), NewE164()} {
		for input, text := range invalid {
			_, err := run(t, f, input)
			if err == nil {
				t.Errorf("%T(%q) succeeded, want the error %q", f, input, text)
				continue
			}
			if err.Text != text {
				t.Errorf("%T(%q) error:\n got %s\nwant %s", f, input, err.Text, text)
			}
			if err.FunctionArgument == nil || *err.FunctionArgument != 0 {
				t.Errorf("%T(%q) error is not an argument error on the number: %#v", f, input, err)
			}
		}
	}
}

func TestNumbersCoverTenCountries(t *testing.T) {
	countries := map[string]int{}
	for _, n := range numbers {
		countries[n.country]++
	}
	for _, c := range []string{"NL", "DE", "GB", "US", "FR", "BE", "ES", "IT", "RU", "AU"} {
		if countries[c] < 2 {
			t.Errorf("%s has %d numbers, want at least 2", c, countries[c])
		}
	}
}
