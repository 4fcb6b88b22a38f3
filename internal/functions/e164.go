package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/nyaruka/phonenumbers"
)

var _ function.Function = (*e164)(nil)

// NewE164 returns provider::customers::e164.
func NewE164() function.Function { return &e164{} }

type e164 struct{}

func (f *e164) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "e164"
}

func (f *e164) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Writes an international phone number in E.164 form, such as +31205551234",
		MarkdownDescription: "Checks an international phone number against its country's numbering plan and returns it " +
			"in E.164 form: `+`, the country code and the national number, without spaces or a trunk prefix, such as " +
			"`\"+31205551234\"` for `\"+31 20 555 1234\"`. That is the form `kyc_customer`'s `phone_number` requires " +
			"(`+` and 6 to 15 digits) and the one `ecurring_customer`'s `telephone` documents. A number without a country " +
			"code, with letters, or that is not a valid number of its country is an error.",
		Parameters: []function.Parameter{numberParameter()},
		Return:     function.StringReturn{},
	}
}

func (f *e164) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var input string
	resp.Error = req.Arguments.Get(ctx, &input)
	if resp.Error != nil {
		return
	}
	number, err := parse(input)
	if err != nil {
		resp.Error = argumentError(err)
		return
	}
	resp.Error = resp.Result.Set(ctx, phonenumbers.Format(number, phonenumbers.E164))
}
