package functions

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/nyaruka/phonenumbers"
)

// NewOpenproviderPhone returns provider::customers::openprovider_phone.
func NewOpenproviderPhone() function.Function {
	return &phoneFunction{
		name: "openprovider_phone",
		definition: function.Definition{
			Summary: "Splits an international phone number into the parts openprovider_customer's phone and fax take",
			MarkdownDescription: "Checks an international phone number against its country's numbering plan and splits it " +
				"into an object that `openprovider_customer`'s `phone` and `fax` accept as they are: `country_code` " +
				"(`+` and the country calling code, such as `\"+31\"`), `area_code` (the national destination code, " +
				"without a trunk prefix, such as `\"20\"` for Amsterdam) and `subscriber_number` (the rest, such as " +
				"`\"5551234\"`). Geographic numbers get their area code, as long as the country's plan has them (`\"20\"` " +
				"in the Netherlands, `\"30\"` or `\"221\"` in Germany, `\"1223\"` in Britain, `\"415\"` in the US, `\"06\"` " +
				"in Italy, whose numbers keep the 0). Mobile and other non-geographic numbers get the operator or service " +
				"code that the country's plan puts in the same place (`\"6\"` for Dutch 06 numbers, `\"170\"` in Germany, " +
				"`\"7911\"` in Britain, `\"412\"` in Australia, `\"800\"` for US toll-free numbers). In countries with a " +
				"closed plan, where every number is dialled in full and there are no area codes (Spain, Portugal, Denmark, " +
				"Norway, ...), `area_code` is null and `subscriber_number` is the whole national number: `\"+34 91 123 45 67\"` " +
				"gives `{ country_code = \"+34\", area_code = null, subscriber_number = \"911234567\" }`. Joining the three " +
				"parts always gives the number's E.164 form. A number without a country code, with letters, or that is not a " +
				"valid number of its country is an error.",
			Parameters: []function.Parameter{numberParameter()},
			Return:     function.ObjectReturn{AttributeTypes: phoneTypes},
		},
		result: openproviderPhone,
	}
}

// phoneTypes is the type of openprovider_customer's phone and fax attributes.
var phoneTypes = map[string]attr.Type{
	"country_code":      types.StringType,
	"area_code":         types.StringType,
	"subscriber_number": types.StringType,
}

// areaCodesWithoutTrunkPrefix are the country codes whose numbering plans have area codes although
// their numbers are dialled without a trunk prefix: Italy (+39, where an area code's 0 is part of
// the number, as in 06 for Rome, and mobile numbers start with a 3xx operator code) and Mexico
// (+52). Every other country without a trunk prefix has a closed plan without area codes.
var areaCodesWithoutTrunkPrefix = map[int32]bool{39: true, 52: true}

// openproviderPhone is the phone object of a valid number.
func openproviderPhone(ctx context.Context, number *phonenumbers.PhoneNumber) (any, *function.FuncError) {
	countryCode, areaCode, subscriber := splitPhone(number)
	area := types.StringNull()
	if areaCode != "" {
		area = types.StringValue(areaCode)
	}
	result, diags := types.ObjectValue(phoneTypes, map[string]attr.Value{
		"country_code":      types.StringValue(countryCode),
		"area_code":         area,
		"subscriber_number": types.StringValue(subscriber),
	})
	return result, function.FuncErrorFromDiags(ctx, diags)
}

// splitPhone splits a valid number into "+" and its country code, its area code ("" when it has
// none) and its subscriber number.
//
// The area code is the national destination code: the first group of the number in its country's
// international notation, as libphonenumber's metadata groups it, provided that the country's
// plan has area codes at all, that is it has a trunk prefix (the 0 of "020" in the Netherlands, the
// 8 in Russia, the 1 in the US) or is listed in areaCodesWithoutTrunkPrefix. Closed plans (Spain,
// Denmark, ...) have none, though libphonenumber groups their numbers too: Madrid's 91 is written
// "+34 911 23 45 67", so taking that group would make up an area code 911.
func splitPhone(number *phonenumbers.PhoneNumber) (countryCode, areaCode, subscriber string) {
	countryCode = "+" + strconv.Itoa(int(number.GetCountryCode()))
	national := phonenumbers.GetNationalSignificantNumber(number)
	region := phonenumbers.GetRegionCodeForNumber(number)
	if phonenumbers.GetNddPrefixForRegion(region, true) == "" && !areaCodesWithoutTrunkPrefix[number.GetCountryCode()] {
		return countryCode, "", national
	}
	n := phonenumbers.GetLengthOfNationalDestinationCode(number)
	if n <= 0 || n >= len(national) {
		return countryCode, "", national
	}
	return countryCode, national[:n], national[n:]
}
