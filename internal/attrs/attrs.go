// Package attrs holds the small schema and value helpers every service's resource uses.
package attrs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

// RequiredString is a required text attribute of minLen to maxLen characters.
func RequiredString(description string, minLen, maxLen int) schema.StringAttribute {
	return schema.StringAttribute{
		Required:            true,
		MarkdownDescription: description,
		Validators:          []validator.String{stringvalidator.UTF8LengthBetween(minLen, maxLen)},
	}
}

// OptionalString is an optional text attribute of minLen to maxLen characters. "" is refused at
// plan time with advice to use null: the APIs do not tell "" from unset, so it would read back as null.
func OptionalString(description string, minLen, maxLen int) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: description,
		Validators:          []validator.String{validate.Optional(stringvalidator.UTF8LengthBetween(minLen, maxLen))},
	}
}

// Optional maps an API's "" (unset) to null.
func Optional(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// Default operation timeouts: long enough for a slow, rate-limited API with retries.
const (
	DefaultCreateTimeout = 10 * time.Minute
	DefaultReadTimeout   = 5 * time.Minute
	DefaultUpdateTimeout = 10 * time.Minute
	DefaultDeleteTimeout = 10 * time.Minute
)

// Timeouts is a resource's timeouts attribute; withDelete is false where destroy makes no call.
func Timeouts(ctx context.Context, withDelete bool) schema.Attribute {
	describe := func(op string, def time.Duration) string {
		return fmt.Sprintf("How long %s may take, retries included, as a duration such as `30s` or `15m`. Default %#q.", op, shortDuration(def))
	}
	opts := timeouts.Opts{
		Create: true, Read: true, Update: true, Delete: withDelete,
		CreateDescription: describe("a create", DefaultCreateTimeout),
		ReadDescription:   describe("a refresh", DefaultReadTimeout),
		UpdateDescription: describe("an update", DefaultUpdateTimeout),
		DeleteDescription: describe("a delete", DefaultDeleteTimeout),
	}
	a := timeouts.Attributes(ctx, opts).(schema.SingleNestedAttribute)
	a.MarkdownDescription = "Limits on how long each operation may take."
	if !withDelete {
		a.MarkdownDescription += " There is no delete timeout: destroy makes no API call."
	}
	return a
}

// shortDuration prints 10m0s as 10m and 1h0m0s as 1h: only zero units after a larger one go.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// Assigned is a value the vendor assigns once and never changes, such as an ID or a creation
// time: known in every plan after the create, instead of "(known after apply)".
func Assigned(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: description,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}
