package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// WriteOnlyTwin checks a write-only attribute <name>_wo against its siblings: its plain twin
// <name> must not be set as well, and its version <name>_wo_version must be, because the version
// is the only trace of the value in the state (how a refresh knows not to record what the vendor
// holds, and how a plan sees a new value to send).
func WriteOnlyTwin(plain, version string) validator.String {
	return writeOnlyTwin{plain: plain, version: version}
}

type writeOnlyTwin struct{ plain, version string }

func (v writeOnlyTwin) Description(context.Context) string {
	return fmt.Sprintf("not with %s; needs %s", v.plain, v.version)
}

func (v writeOnlyTwin) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v writeOnlyTwin) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.Config.Raw.IsNull() { // no configuration: a validator's unit test
		return
	}
	plainPath, versionPath := req.Path.ParentPath().AtName(v.plain), req.Path.ParentPath().AtName(v.version)
	var plain types.String
	if diags := req.Config.GetAttribute(ctx, plainPath, &plain); !diags.HasError() && !plain.IsNull() {
		resp.Diagnostics.AddAttributeError(req.Path, "Both "+v.plain+" and its write-only form are set",
			fmt.Sprintf("Set %s or %s, not both. %s is write-only: Terraform sends it to the vendor and stores it "+
				"in neither the state nor the plan. %s is stored in the state (marked sensitive). Remove one of them.",
				plainPath, req.Path, req.Path, plainPath))
	}
	var version types.Int64
	if diags := req.Config.GetAttribute(ctx, versionPath, &version); !diags.HasError() && version.IsNull() {
		resp.Diagnostics.AddAttributeError(req.Path, "Missing "+v.version,
			fmt.Sprintf("%s needs %s: set it to a number, such as 1, and raise it whenever the value of %s changes. "+
				"Terraform stores no write-only value, so the version is how it knows to send a new one.",
				req.Path, versionPath, req.Path))
	}
}

// WriteOnlyVersion checks a version attribute <name>_wo_version: it means something only beside
// the write-only attribute wo (<name>_wo) it versions.
func WriteOnlyVersion(wo string) validator.Int64 { return writeOnlyVersion{wo: wo} }

type writeOnlyVersion struct{ wo string }

func (v writeOnlyVersion) Description(context.Context) string { return "only with " + v.wo }

func (v writeOnlyVersion) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v writeOnlyVersion) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.Config.Raw.IsNull() {
		return
	}
	woPath := req.Path.ParentPath().AtName(v.wo)
	var wo types.String
	if diags := req.Config.GetAttribute(ctx, woPath, &wo); !diags.HasError() && wo.IsNull() {
		resp.Diagnostics.AddAttributeError(req.Path, req.Path.String()+" is set without "+v.wo,
			fmt.Sprintf("%s only tells Terraform when to send %s again. Set %s too, or remove %s.", req.Path, woPath, woPath, req.Path))
	}
}
