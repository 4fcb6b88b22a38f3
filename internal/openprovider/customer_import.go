package openprovider

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// importHandle is the shape of Openprovider's handles, such as "JD123456-NL" (letters, digits,
// "-", a country code), loosened in its lengths so that older or unusual handles still import.
var importHandle = regexp.MustCompile(`^[A-Z]+[0-9]+-[A-Z]+$`)

// checkImportID refuses an import ID that cannot be a handle before any API call: Openprovider
// would answer such an ID with an invalid-handle error, or none that says what was wrong.
func checkImportID(id string, diags *diag.Diagnostics) bool {
	if importHandle.MatchString(id) {
		return true
	}
	diags.AddError("Invalid import ID", fmt.Sprintf(
		`%q is not an Openprovider customer handle. A handle is upper-case letters, digits, "-" and upper-case letters, such as "JD123456-NL": import the customer by the handle Openprovider shows for it.`, id))
	return false
}
