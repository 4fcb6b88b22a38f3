package openprovider_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

// An openprovider_customer's identity is its handle (Terraform 1.12 and later).
func TestAccCustomer_identity(t *testing.T) {
	t.Parallel()
	acctest.IdentityTest{
		Address:   addr,
		Attribute: "handle",
		ID:        knownvalue.StringRegexp(handlePattern),
		Config:    requiredConfig(),
		Updated:   strings.Replace(requiredConfig(), "jane@example.com", "jane.doe@example.com", 1),
		PreCheck:  acctest.PreCheckOpenprovider,
	}.Run(t)
}

// An import block's identity is checked as an import ID is: a malformed handle fails the plan,
// in words, before any API call.
func TestAccCustomer_malformedIdentityFailsAtPlan(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		PreCheck:                 func() { acctest.PreCheckOpenprovider(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
import {
  provider = customers
  to       = openprovider_customer.test
  identity = {
    handle = "JD123456/NL"
  }
}
` + requiredConfig(),
			PlanOnly:    true,
			ExpectError: acctest.Phrase(`"JD123456/NL" is not an Openprovider customer handle.`),
		}},
	})
}
