package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/nyaruka/phonenumbers"
)

// NewE164 returns provider::customers::e164.
func NewE164() function.Function {
	return &phoneFunction{
		name: "e164",
		definition: function.Definition{
			Summary: "Writes an international phone number in E.164 form, such as +31205551234",
			MarkdownDescription: "Checks an international phone number against its country's numbering plan and returns it " +
				"in E.164 form: `+`, the country code and the national number, without spaces or a trunk prefix, such as " +
				"`\"+31205551234\"` for `\"+31 20 555 1234\"`. That is the form `kyc_customer`'s `phone_number` requires " +
				"(`+` and 6 to 15 digits) and the one `ecurring_customer`'s `telephone` documents. A number without a country " +
				"code, with letters, or that is not a valid number of its country is an error.",
			Parameters: []function.Parameter{numberParameter()},
			Return:     function.StringReturn{},
		},
		result: func(_ context.Context, number *phonenumbers.PhoneNumber) (any, *function.FuncError) {
			return phonenumbers.Format(number, phonenumbers.E164), nil
		},
	}
}
