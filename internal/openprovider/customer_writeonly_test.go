package openprovider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
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

// writeOnlyConfig sends the passport and social-security numbers write-only from ephemeral input
// variables, at their versions; ssnVersion 0 leaves the social-security number out.
func writeOnlyConfig(lastName string, passportVersion, ssnVersion int) string {
	ssn := ""
	if ssnVersion > 0 {
		ssn = fmt.Sprintf(`
    social_security_number_wo         = var.social_security_number
    social_security_number_wo_version = %d`, ssnVersion)
	}
	return `
variable "passport_number" {
  type      = string
  ephemeral = true
}
variable "social_security_number" {
  type      = string
  ephemeral = true
  default   = null
}
` + customerConfig(lastName, fmt.Sprintf(`  additional_data = {
    birth_city                 = "Rotterdam"
    passport_number_wo         = var.passport_number
    passport_number_wo_version = %d%s
  }`, passportVersion, ssn))
}

// checkStoredAdditional checks passport_number and social_security_number as Openprovider holds
// them ("" for none).
func checkStoredAdditional(passport, ssn string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		handle, err := handleOf(addr)(s)
		if err != nil {
			return err
		}
		record, err := vendorRecord(handle)
		if err != nil {
			return err
		}
		data, _ := record["additional_data"].(map[string]any)
		gotPassport, _ := data["passport_number"].(string)
		gotSSN, _ := data["social_security_number"].(string)
		if gotPassport != passport || gotSSN != ssn {
			return fmt.Errorf("Openprovider holds passport_number %q and social_security_number %q, want %q and %q", gotPassport, gotSSN, passport, ssn)
		}
		return nil
	}
}

// TestAccCustomer_writeOnlyAdditionalData: passport_number_wo and social_security_number_wo from
// ephemeral variables reach Openprovider with the create and with every update (the PUT carries
// the whole record) and are in neither the plan, nor the state file, nor `terraform show -json`.
// A new value under the same version plans no change; a new version sends it; dropping the
// write-only form clears the value.
func TestAccCustomer_writeOnlyAdditionalData(t *testing.T) {
	acctest.PreCheckOpenprovider(t)
	t.Parallel()
	lastName := "WriteOnly" + tfacctest.RandString(8)
	const passport1, passport2, ssn = "WO-PASS-11111", "WO-PASS-22222", "WO-SSN-33333"
	secrets := func(passport string) config.Variables {
		return config.Variables{"passport_number": config.StringVariable(passport), "social_security_number": config.StringVariable(ssn)}
	}
	absent := func(check resource.TestCheckFunc) resource.TestCheckFunc {
		return resource.ComposeAggregateTestCheckFunc(check, acctest.StateFileLacks(lastName, passport1, passport2, ssn))
	}
	additional := func(name string) tfjsonpath.Path { return tfjsonpath.New("additional_data").AtMapKey(name) }
	stateChecks := []statecheck.StateCheck{
		acctest.ShownStateLacks(passport1, passport2, ssn),
		statecheck.ExpectKnownValue(addr, additional("passport_number"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, additional("passport_number_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, additional("social_security_number"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, additional("social_security_number_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, additional("birth_city"), knownvalue.StringExact("Rotterdam")),
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				Config:            writeOnlyConfig(lastName, 1, 1),
				ConfigVariables:   secrets(passport1),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{acctest.PlanLacks(passport1, ssn)}},
				ConfigStateChecks: stateChecks,
				Check:             absent(checkStoredAdditional(passport1, ssn)),
			},
			{
				// A new value under the same version: Terraform cannot see it, and plans nothing.
				Config:           writeOnlyConfig(lastName, 1, 1),
				ConfigVariables:  secrets(passport2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            absent(checkStoredAdditional(passport1, ssn)),
			},
			{
				// A new version sends the new value; the PUT sends the social-security number again.
				Config:          writeOnlyConfig(lastName, 2, 1),
				ConfigVariables: secrets(passport2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate), acctest.PlanLacks(passport1, passport2, ssn),
				}},
				ConfigStateChecks: append(stateChecks, statecheck.ExpectKnownValue(addr, additional("passport_number_wo_version"), knownvalue.Int64Exact(2))),
				Check:             absent(checkStoredAdditional(passport2, ssn)),
			},
			{
				// Dropping social_security_number_wo and its version clears the number.
				Config:            writeOnlyConfig(lastName, 2, 0),
				ConfigVariables:   secrets(passport2),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{acctest.PlanLacks(passport1, passport2, ssn)}},
				ConfigStateChecks: stateChecks,
				Check:             absent(checkStoredAdditional(passport2, "")),
			},
		},
	})
}
