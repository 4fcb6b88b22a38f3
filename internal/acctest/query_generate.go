package acctest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/go-version"
)

// QueryGeneratedConfigTest lists customers with a list block (Terraform 1.14 and later), has the
// CLI write their configuration and import blocks (terraform query -generate-config-out), and
// proves that configuration right: after the user supplies what the CLI cannot write (sensitive
// values, generated as `null # sensitive`), the plan imports every listed customer and changes
// nothing. Sensitive maps each such attribute name to its HCL value, the same for every customer;
// the test fails if the generated configuration asks for any other.
type QueryGeneratedConfigTest struct {
	Type      string            // resource type, such as "openprovider_customer"
	Provider  string            // the provider block, pointing at the test's sandbox; "" for the environment's
	List      string            // the list block's body: config, limit
	Want      int               // how many customers the list finds
	Sensitive map[string]string // attribute name → HCL value the user supplies
	Contains  []string          // lines the generated configuration must hold, such as `email = "jane@example.com"`
}

// Run performs the test with the real CLI of TF_ACC_TERRAFORM_PATH, which must be 1.14 or later.
func (g QueryGeneratedConfigTest) Run(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	dir := t.TempDir()
	cli := newCLI(t, dir)
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(cli.stdout("version", "-json"), &v); err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	if version.Must(version.NewVersion(v.Version)).LessThan(version.Must(version.NewVersion("1.14.0"))) {
		t.Skipf("terraform query needs Terraform 1.14.0 or later; this is %s", v.Version)
	}
	writeFile(t, filepath.Join(dir, "main.tf"), `terraform {
  required_providers {
    customers = { source = "customerhandles/customers" }
  }
}
`+g.Provider)
	writeFile(t, filepath.Join(dir, "list.tfquery.hcl"), fmt.Sprintf("list %q \"found\" {\n  provider = customers\n%s}\n", g.Type, g.List))
	cli.run("init", "-input=false")
	cli.run("query", "-generate-config-out=imported.tf")

	generated := readFile(t, filepath.Join(dir, "imported.tf"))
	t.Logf("generated configuration:\n%s", generated)
	filled := fillIn(t, generated, g.Contains, g.Sensitive)
	writeFile(t, filepath.Join(dir, "imported.tf"), filled)

	cli.importsUnchanged(g.Want)
}
