package ecurring_test

import (
	"fmt"
	"testing"

	tfconfig "github.com/hashicorp/terraform-plugin-testing/config"
	tfacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

// ibanWriteOnlyConfig sends the IBAN write-only from an ephemeral input variable, at version.
func ibanWriteOnlyConfig(firstName string, version int, extra string) string {
	return `
variable "iban" {
  type      = string
  ephemeral = true
}
` + config(firstName, fmt.Sprintf(`  iban_wo         = var.iban
  iban_wo_version = %d
  bank_holder     = "C. Test"
%s`, version, extra))
}

// checkStoredIBAN checks the IBAN eCurring holds.
func checkStoredIBAN(want string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var id string
		if err := saveID(&id)(s); err != nil {
			return err
		}
		record, err := storedRecord(id)
		if err != nil {
			return err
		}
		if record["iban"] != want {
			return fmt.Errorf("eCurring holds iban %#v, want %q", record["iban"], want)
		}
		return nil
	}
}

// TestAccEcurringCustomer_ibanWriteOnly: iban_wo from an ephemeral variable reaches eCurring with
// the create and is in neither the plan, nor the state file, nor `terraform show -json`. A new
// value under the same iban_wo_version plans no change; a new version sends it in the PATCH, and
// a PATCH of other attributes leaves it out.
func TestAccEcurringCustomer_ibanWriteOnly(t *testing.T) {
	acctest.PreCheckEcurring(t)
	t.Parallel()
	firstName := "WriteOnly" + tfacctest.RandString(8)
	const iban1, iban2 = "NL91ABNA0417164300", "DE89370400440532013000"
	secret := func(iban string) tfconfig.Variables { return tfconfig.Variables{"iban": tfconfig.StringVariable(iban)} }
	absent := func(check resource.TestCheckFunc) resource.TestCheckFunc {
		return resource.ComposeAggregateTestCheckFunc(check, acctest.StateFileLacks(firstName, iban1, iban2))
	}
	stateChecks := []statecheck.StateCheck{
		acctest.ShownStateLacks(iban1, iban2),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("iban"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("iban_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("bank_holder"), knownvalue.StringExact("C. Test")),
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				Config:            ibanWriteOnlyConfig(firstName, 1, ""),
				ConfigVariables:   secret(iban1),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{acctest.PlanLacks(iban1)}},
				ConfigStateChecks: stateChecks,
				Check:             absent(checkStoredIBAN(iban1)),
			},
			{
				// A new value under the same version: Terraform cannot see it, and plans nothing.
				Config:           ibanWriteOnlyConfig(firstName, 1, ""),
				ConfigVariables:  secret(iban2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            absent(checkStoredIBAN(iban1)),
			},
			{
				Config:          ibanWriteOnlyConfig(firstName, 2, ""),
				ConfigVariables: secret(iban2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate), acctest.PlanLacks(iban1, iban2),
				}},
				ConfigStateChecks: append(stateChecks, statecheck.ExpectKnownValue(addr, tfjsonpath.New("iban_wo_version"), knownvalue.Int64Exact(2))),
				Check:             absent(checkStoredIBAN(iban2)),
			},
			{
				// eCurring's PATCH carries only what changed: the IBAN stays as it is.
				Config:            ibanWriteOnlyConfig(firstName, 2, `  city = "Utrecht"`),
				ConfigVariables:   secret(iban2),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{acctest.PlanLacks(iban1, iban2)}},
				ConfigStateChecks: stateChecks,
				Check:             absent(checkStoredIBAN(iban2)),
			},
		},
	})
}

// TestAccEcurringCustomer_writeOnlyOnOldCLI: a CLI without write-only support would store
// iban_wo in the plan and the state; validation refuses it, naming the version needed. It runs
// on such a CLI only (make testacc-tofu with OpenTofu 1.10); newer ones skip it.
func TestAccEcurringCustomer_writeOnlyOnOldCLI(t *testing.T) {
	acctest.PreCheckEcurring(t)
	t.Parallel()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipWithWriteOnly()},
		Steps: []resource.TestStep{{
			Config: config("OldCLI", `  iban_wo         = "NL91ABNA0417164300"
  iban_wo_version = 1
  bank_holder     = "C. Test"`),
			PlanOnly: true,
			ExpectError: acctest.Phrase("iban_wo is write-only, and this Terraform CLI does not support write-only attributes: they " +
				"need Terraform 1.11 or later (OpenTofu 1.11 or later). Upgrade the CLI, or set iban instead of iban_wo and its " +
				"version (Terraform then stores the value in the state, marked sensitive)."),
		}},
	})
}
