package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Write-only values are in neither the plan Terraform applies, nor `terraform show -json` of the
// state, nor the state file. The checks below search each for the values, which tests choose
// unique (a value nowhere else in the configuration).

// PlanLacks fails when the plan (as `terraform show -json` of the saved plan gives it) holds one
// of values; use it as a PreApply plan check.
func PlanLacks(values ...string) plancheck.PlanCheck { return planLacks(values) }

type planLacks []string

func (v planLacks) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = lacks("the plan", req.Plan, v)
}

// ShownStateLacks fails when `terraform show -json` of the state holds one of values.
func ShownStateLacks(values ...string) statecheck.StateCheck { return shownStateLacks(values) }

type shownStateLacks []string

func (v shownStateLacks) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = lacks("terraform show -json", req.State, v)
}

func lacks(what string, doc any, values []string) error {
	raw, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	for _, v := range values {
		if strings.Contains(string(raw), v) {
			return fmt.Errorf("%s holds the write-only value %q", what, v)
		}
	}
	return nil
}

// StateFileLacks fails when the state file of this test holds one of values. The working
// directories of terraform-plugin-testing are under TF_ACC_TEMP_DIR (else the system's temporary
// directory); this test's state file is the one there that holds marker, a value of its
// configuration that no other test uses (a generated customer ID, say).
func StateFileLacks(marker string, values ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		root := os.Getenv("TF_ACC_TEMP_DIR")
		if root == "" {
			root = os.TempDir()
		}
		found := 0
		dirs, _ := filepath.Glob(filepath.Join(root, "plugintest*"))
		for _, dir := range dirs {
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error { //nolint:gosec // G703: the test process's own working directories
				if err != nil || d.IsDir() || d.Name() != "terraform.tfstate" {
					return nil //nolint:nilerr // a directory another test removed meanwhile
				}
				content, err := os.ReadFile(p) //nolint:gosec // G304: a state file of this test process
				if err != nil || !strings.Contains(string(content), marker) {
					return nil //nolint:nilerr // another test's state
				}
				found++
				for _, v := range values {
					if strings.Contains(string(content), v) {
						return fmt.Errorf("the state file %s holds the write-only value %q", p, v)
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		if found == 0 {
			return fmt.Errorf("no state file under %s holds %q", root, marker)
		}
		return nil
	}
}

// SkipWithWriteOnly skips a test of what a CLI without write-only support does (Terraform or
// OpenTofu before 1.11, such as the OpenTofu 1.10 of make testacc-tofu) on the CLIs that have it.
func SkipWithWriteOnly() tfversion.TerraformVersionCheck { return skipWithWriteOnly{} }

type skipWithWriteOnly struct{}

func (skipWithWriteOnly) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if !req.TerraformVersion.LessThan(tfversion.Version1_11_0) {
		resp.Skip = fmt.Sprintf("CLI version %s supports write-only attributes: this test is for CLIs before 1.11", req.TerraformVersion)
	}
}
