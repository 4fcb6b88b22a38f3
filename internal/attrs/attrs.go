// Package attrs holds the small schema and value helpers every service's resource uses.
package attrs

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// RequiredString is a required text attribute of minLen to maxLen characters.
func RequiredString(description string, minLen, maxLen int) schema.StringAttribute {
	return schema.StringAttribute{
		Required:            true,
		MarkdownDescription: description,
		Validators:          []validator.String{stringvalidator.LengthBetween(minLen, maxLen)},
	}
}

// OptionalString is an optional text attribute of minLen to maxLen characters. With minLen 1,
// "" is refused at plan time: the APIs do not tell "" from unset, so it would read back as null.
func OptionalString(description string, minLen, maxLen int) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: description,
		Validators:          []validator.String{stringvalidator.LengthBetween(minLen, maxLen)},
	}
}

// Optional maps an API's "" (unset) to null.
func Optional(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
