package kyc_test

import (
	"fmt"
	"testing"

	tfconfig "github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

// writeOnlyConfig sends the passport's number write-only from an ephemeral input variable, at
// version; the driving licence's number stays plain.
func writeOnlyConfig(id string, version int, extra string) string {
	return fmt.Sprintf(`
variable "passport_number" {
  type      = string
  sensitive = true
  ephemeral = true
}
`+config(id, residenceSF, `[
    { issuing_country = "US", id_number_wo = var.passport_number, id_number_wo_version = %d, id_type = "Passport" },
    { issuing_country = "US", id_number = "DL-PLAIN-24680", id_type = "DrivingLicense" },
  ]`, extra), version)
}

// checkStoredIDNumbers checks the identities' numbers NOAH holds.
func checkStoredIDNumbers(id string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		record, err := storedRecord(id)
		if err != nil {
			return err
		}
		identities, _ := record["Identities"].([]any)
		var got []string
		for _, identity := range identities {
			number, _ := identity.(map[string]any)["IDNumber"].(string)
			got = append(got, number)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("NOAH holds the id numbers %v, want %v", got, want)
		}
		return nil
	}
}

// TestAccKYCCustomer_idNumberWriteOnly: id_number_wo from an ephemeral variable reaches NOAH with
// the create and with every update (NOAH's PUT carries the whole record), and is in neither the
// plan, nor the state file, nor `terraform show -json`. A new value under the same
// id_number_wo_version plans no change; a new version sends it.
func TestAccKYCCustomer_idNumberWriteOnly(t *testing.T) {
	t.Parallel()
	id := newID()
	const first, second = "WO-FIRST-13579", "WO-SECOND-97531"
	secret := func(v string) tfconfig.Variables {
		return tfconfig.Variables{"passport_number": tfconfig.StringVariable(v)}
	}
	absent := func(extra ...resource.TestCheckFunc) resource.TestCheckFunc {
		return resource.ComposeAggregateTestCheckFunc(append(extra, acctest.StateFileLacks(id, first, second))...)
	}
	stateChecks := []statecheck.StateCheck{
		acctest.ShownStateLacks(first, second),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("identities").AtSliceIndex(0).AtMapKey("id_number"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("identities").AtSliceIndex(0).AtMapKey("id_number_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("identities").AtSliceIndex(1).AtMapKey("id_number"), knownvalue.StringExact("DL-PLAIN-24680")),
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckKYC(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				Config:            writeOnlyConfig(id, 1, ""),
				ConfigVariables:   secret(first),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{acctest.PlanLacks(first)}},
				ConfigStateChecks: stateChecks,
				Check:             absent(checkStoredIDNumbers(id, first, "DL-PLAIN-24680")),
			},
			{
				// A new value under the same version: Terraform cannot see it, and plans nothing.
				Config:           writeOnlyConfig(id, 1, ""),
				ConfigVariables:  secret(second),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            absent(checkStoredIDNumbers(id, first, "DL-PLAIN-24680")),
			},
			{
				Config:          writeOnlyConfig(id, 2, ""),
				ConfigVariables: secret(second),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate), acctest.PlanLacks(first, second),
				}},
				ConfigStateChecks: append(stateChecks, statecheck.ExpectKnownValue(addr,
					tfjsonpath.New("identities").AtSliceIndex(0).AtMapKey("id_number_wo_version"), knownvalue.Int64Exact(2))),
				Check: absent(checkStoredIDNumbers(id, second, "DL-PLAIN-24680")),
			},
			{
				// Another change: the PUT carries the whole record, the write-only number included.
				Config:            writeOnlyConfig(id, 2, contact),
				ConfigVariables:   secret(second),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{acctest.PlanLacks(first, second)}},
				ConfigStateChecks: stateChecks,
				Check:             absent(checkStoredIDNumbers(id, second, "DL-PLAIN-24680")),
			},
		},
	})
}
