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

// WriteOnlyString is <name>_wo, the write-only twin of the sensitive text attribute plain
// (<name>): Terraform sends its value to the provider and stores it in neither the plan nor the
// state. It needs version (<name>_wo_version, see WriteOnlyVersion) and excludes plain.
func WriteOnlyString(plain, description string, checks ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:  true,
		Sensitive: true,
		WriteOnly: true,
		MarkdownDescription: description + " Write-only (Terraform 1.11 or later): the value is sent to the vendor " +
			"but stored in neither the plan nor the state, so a change made outside Terraform cannot be seen. Use " +
			"instead of `" + plain + "`, together with `" + plain + "_wo_version`.",
		Validators: append([]validator.String{validate.Optional(checks...)}, validate.WriteOnlyTwin(plain, plain+"_wo_version")),
	}
}

// WriteOnlyVersion is <name>_wo_version, the version of the write-only attribute <name>_wo:
// raising it makes the next apply send that attribute's current value.
func WriteOnlyVersion(plain string) schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional: true,
		MarkdownDescription: "Version of `" + plain + "_wo`, required with it: Terraform stores no write-only value, " +
			"so it sends a new one when this number changes. Raise it (`1`, `2`, ...) whenever `" + plain + "_wo` changes; " +
			"a new value under the same version plans no change.",
		Validators: []validator.Int64{validate.WriteOnlyVersion(plain + "_wo")},
	}
}
