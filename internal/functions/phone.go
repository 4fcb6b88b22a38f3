// Package functions holds the provider-defined functions (Terraform 1.8 and later):
// provider::customers::openprovider_phone and provider::customers::e164. Both read an
// international phone number in any common notation and check it against its country's
// numbering plan with github.com/nyaruka/phonenumbers, a Go port of Google's libphonenumber.
package functions

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/nyaruka/phonenumbers"
)

// All returns the constructors of every function of the provider.
func All() []func() function.Function {
	return []func() function.Function{NewOpenproviderPhone, NewE164}
}

// expected ends every error message: what the functions accept.
const expected = `expected an international phone number: "+" (or "00"), the country code and the number, such as "+31 20 555 1234"`

// numberParameter is the one parameter both functions take.
func numberParameter() function.StringParameter {
	return function.StringParameter{
		Name: "number",
		MarkdownDescription: "An international phone number: `+` or `00`, the country calling code and the national " +
			"number, in any common notation, such as `\"+31 20 555 1234\"`, `\"+1-415-555-0100\"`, `\"0031 20 5551234\"`, " +
			"`\"(+44) 20 7946 0958\"` or `\"+44 (0)20 7946 0958\"`. Spaces, hyphens, dots, slashes and brackets are ignored.",
	}
}

// separators may appear between the digits of a number.
const separators = "+-./()"

// parse reads an international phone number and checks that it is a valid number of its country.
// The error's text quotes the input and says what is expected; it is meant for an argument error.
func parse(input string) (*phonenumbers.PhoneNumber, error) {
	fail := func(problem string) error {
		return fmt.Errorf("%s %s; %s", strconv.Quote(input), problem, expected)
	}
	s := strings.TrimSpace(input)
	if s == "" {
		return nil, fail("is empty")
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			return nil, fail("contains letters")
		case r >= '0' && r <= '9', unicode.IsSpace(r), strings.ContainsRune(separators, r):
		default:
			return nil, fail("contains " + strconv.QuoteRune(r))
		}
	}
	// The number starts at its first "+" or digit; "00" there is the international call prefix
	// most countries dial, and means the same as "+".
	start := strings.IndexFunc(s, func(r rune) bool { return r == '+' || (r >= '0' && r <= '9') })
	if start < 0 {
		return nil, fail("has no digits")
	}
	switch rest := s[start:]; {
	case strings.HasPrefix(rest, "+"):
	case strings.HasPrefix(rest, "00"):
		s = s[:start] + "+" + rest[2:]
	default:
		return nil, fail(`has no country code (it must start with "+" or "00")`)
	}
	if strings.Count(s, "+") > 1 {
		return nil, fail(`contains more than one "+"`)
	}

	// "ZZ" (no region) makes the library insist on a country code, which s now has.
	number, err := phonenumbers.Parse(s, "ZZ")
	switch {
	case errors.Is(err, phonenumbers.ErrInvalidCountryCode):
		return nil, fail("does not start with a known country code")
	case err != nil:
		return nil, fail("is not a phone number")
	case number.GetExtension() != "":
		return nil, fail("has an extension")
	}
	if !phonenumbers.IsValidNumber(number) {
		code := int(number.GetCountryCode())
		country := ""
		if regions := phonenumbers.GetRegionCodesForCountryCode(code); len(regions) == 1 && regions[0] != "001" {
			country = " (" + regions[0] + ")"
		}
		return nil, fail(fmt.Sprintf("is not a valid number for country code +%d%s", code, country))
	}
	// Some plans (Germany's) allow longer numbers within a private branch exchange, which can only
	// be reached by dialling through; E.164, and so NOAH, allow 15 digits.
	if digits := len(phonenumbers.Format(number, phonenumbers.E164)) - 1; digits > 15 {
		return nil, fail(fmt.Sprintf("has %d digits, more than the 15 an international number may have", digits))
	}
	return number, nil
}

// argumentError turns an error of parse into the function's error on its one argument.
func argumentError(err error) *function.FuncError {
	return function.NewArgumentFuncError(0, err.Error())
}

// phoneFunction is a function of one phone number: Run parses the number and result turns it
// into the function's value.
type phoneFunction struct {
	name       string
	definition function.Definition
	result     func(ctx context.Context, number *phonenumbers.PhoneNumber) (any, *function.FuncError)
}

var _ function.Function = (*phoneFunction)(nil)

func (f *phoneFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = f.name
}

func (f *phoneFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = f.definition
}

func (f *phoneFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var input string
	if resp.Error = req.Arguments.Get(ctx, &input); resp.Error != nil {
		return
	}
	number, err := parse(input)
	if err != nil {
		resp.Error = argumentError(err)
		return
	}
	value, funcErr := f.result(ctx, number)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	resp.Error = resp.Result.Set(ctx, value)
}
