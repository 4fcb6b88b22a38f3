package providerdata

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// WriteOnlySuffix ends the name of a write-only attribute, <name>_wo, and VersionSuffix the name
// of its version, <name>_wo_version. Both are twins of a sensitive attribute <name>.
const (
	WriteOnlySuffix = "_wo"
	VersionSuffix   = "_wo_version"
)

// WriteOnlyUnsupportedSummary is the summary of the error CheckWriteOnlyClient gives.
const WriteOnlyUnsupportedSummary = "Write-only attributes need Terraform 1.11 or later"

// CheckWriteOnlyClient fails validation when the configuration sets a write-only attribute and
// the CLI cannot handle write-only values (Terraform before 1.11, OpenTofu before 1.11): such a
// CLI would store the value in the plan and the state, which is what the attribute avoids. Each
// expression matches write-only attributes, such as
// path.MatchRoot("identities").AtAnyListIndex().AtName("id_number_wo").
func CheckWriteOnlyClient(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse, writeOnly ...path.Expression) {
	if req.ClientCapabilities.WriteOnlyAttributesAllowed {
		return
	}
	for _, expression := range writeOnly {
		paths, _ := req.Config.PathMatches(ctx, expression)
		for _, p := range paths {
			var value types.String
			if diags := req.Config.GetAttribute(ctx, p, &value); diags.HasError() || value.IsNull() {
				continue
			}
			plain := strings.TrimSuffix(p.String(), WriteOnlySuffix)
			resp.Diagnostics.AddAttributeError(p, WriteOnlyUnsupportedSummary, fmt.Sprintf("%s is write-only, and this "+
				"Terraform CLI does not support write-only attributes: they need Terraform 1.11 or later (OpenTofu 1.11 or "+
				"later). Upgrade the CLI, or set %s instead of %s and its version (Terraform then stores the value in the "+
				"state, marked sensitive).", p, plain, p))
		}
	}
}
