package acctest

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// IdentityTest proves a resource's identity (Terraform 1.12 and later): its one attribute, the
// resource's ID attribute, is set by a create, stays through an update, imports the customer by
// the test harness's import block with identity and by an import block of our own, and plans no
// change after either import. Below Terraform 1.12 the test skips, saying so.
type IdentityTest struct {
	Address   string           // such as "openprovider_customer.test"
	Attribute string           // the identity's attribute, the resource's ID attribute: "handle"
	ID        knownvalue.Check // what an ID looks like
	Config    string           // creates the customer at Address
	Updated   string           // Config with a change made in place
	PreCheck  func(*testing.T)
}

// Run performs the test with the real CLI of TF_ACC_TERRAFORM_PATH.
func (it IdentityTest) Run(t *testing.T) {
	t.Helper()
	var id string
	sameID := lazyString{&id}
	identity := func(check knownvalue.Check) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectIdentity(it.Address, map[string]knownvalue.Check{it.Attribute: check}),
			statecheck.ExpectIdentityValueMatchesState(it.Address, tfjsonpath.New(it.Attribute)),
		}
	}
	// The customer leaves the state but stays at the vendor, to be imported again.
	forget := fmt.Sprintf("removed {\n  from = %s\n  lifecycle {\n    destroy = false\n  }\n}\n", it.Address)
	importByIdentity := fmt.Sprintf(`
variable "id" {
  type = string
}

import {
  provider = customers
  to       = %s
  identity = {
    %s = var.id
  }
}
`, it.Address, it.Attribute)
	// The harness writes an import block with the identity of the state it had and fails unless
	// the import plans no change and keeps that identity. Its block names no provider, which
	// OpenTofu needs for a provider with another local name; there the next import block, which
	// names it, shows the same.
	harnessImport := resource.TestStep{ResourceName: it.Address, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity}
	if OpenTofu() {
		t.Log("OpenTofu: the harness's import block names no provider; the step with an import block that names it imports by identity")
		harnessImport = resource.TestStep{Config: it.Updated, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}}
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		PreCheck:                 func() { it.PreCheck(t) },
		ProtoV6ProviderFactories: ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:            it.Config,
				ConfigStateChecks: identity(it.ID),
				Check: func(s *terraform.State) error {
					rs, ok := s.RootModule().Resources[it.Address]
					if !ok {
						return fmt.Errorf("%s not in state", it.Address)
					}
					id = rs.Primary.Attributes[it.Attribute]
					return nil
				},
			},
			{
				Config: it.Updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(it.Address, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: identity(sameID),
			},
			harnessImport,
			{Config: forget},
			{
				Config:          importByIdentity + it.Updated,
				ConfigVariables: config.Variables{"id": sameID},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(identity(sameID),
					statecheck.ExpectKnownValue(it.Address, tfjsonpath.New(it.Attribute), sameID)),
			},
			{
				Config:           it.Updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// lazyString is a string known only once an earlier step has run: a configuration variable that
// is written when its step starts, and a check of a value that is compared when its step ends.
type lazyString struct{ s *string }

func (l lazyString) MarshalJSON() ([]byte, error) { return json.Marshal(*l.s) }

func (l lazyString) CheckValue(v any) error {
	if s, ok := v.(string); !ok || s != *l.s {
		return fmt.Errorf("expected value %q for StringExact check, got: %v", *l.s, v)
	}
	return nil
}

func (l lazyString) String() string { return *l.s }
