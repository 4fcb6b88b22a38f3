package openprovider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestCheckImportID(t *testing.T) {
	for _, id := range []string{"JD123456-NL", "XX123456-XX", "AB000001-US", "ABC1234567-GBR"} {
		var diags diag.Diagnostics
		if !checkImportID(id, &diags) || diags.HasError() {
			t.Errorf("%q refused: %v", id, diags)
		}
	}
	for id, want := range map[string]string{
		"jd/123":        `"jd/123" is not an Openprovider customer handle. A handle is upper-case letters, digits, "-" and upper-case letters, such as "JD123456-NL": import the customer by the handle Openprovider shows for it.`,
		"JD123456-NL/x": `"JD123456-NL/x" is not an Openprovider customer handle. A handle is upper-case letters, digits, "-" and upper-case letters, such as "JD123456-NL": import the customer by the handle Openprovider shows for it.`,
		"":              `"" is not an Openprovider customer handle. A handle is upper-case letters, digits, "-" and upper-case letters, such as "JD123456-NL": import the customer by the handle Openprovider shows for it.`,
		"jd123456-nl":   `"jd123456-nl" is not an Openprovider customer handle. A handle is upper-case letters, digits, "-" and upper-case letters, such as "JD123456-NL": import the customer by the handle Openprovider shows for it.`,
		"42":            `"42" is not an Openprovider customer handle. A handle is upper-case letters, digits, "-" and upper-case letters, such as "JD123456-NL": import the customer by the handle Openprovider shows for it.`,
	} {
		var diags diag.Diagnostics
		if checkImportID(id, &diags) || len(diags) != 1 || diags[0].Summary() != "Invalid import ID" || diags[0].Detail() != want {
			t.Errorf("%q: %v, want %s", id, diags, want)
		}
	}
}
