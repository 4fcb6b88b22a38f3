package openprovider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

// configAs renders count customers managed with the credentials of a dedicated API user, so
// that the user's login counter belongs to this test alone.
func configAs(user, password string, count int, email string) string {
	return fmt.Sprintf(`
provider "customers" {
  openprovider = { username = %q, password = %q }
}

resource "openprovider_customer" "test" {
  provider = customers
  count    = %d
  name     = { first_name = "Jane", last_name = "Doe${count.index}" }
  address  = { street = "Main Street", number = "1", zipcode = "1234 AB", city = "Amsterdam", country = "NL" }
  phone    = { country_code = "+31", subscriber_number = "1234567" }
  email    = %q
}
`, user, password, count, email)
}

func TestAccCustomer_oneLoginPerProcess(t *testing.T) {
	t.Parallel()
	sb := acctest.NeedsSandbox(t)
	const user, password = "one-login", "one-login-Secret-1"
	sb.Openprovider.AddUser(user, password)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: configAs(user, password, 8, "a@example.com")},
			{
				Config: configAs(user, password, 8, "b@example.com"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("openprovider_customer.test[7]", plancheck.ResourceActionUpdate)},
				},
			},
		},
	})
	// Eight customers created, refreshed many times, updated and destroyed by one provider
	// process: one login.
	if got := sb.Openprovider.Logins(user); got != 1 {
		t.Fatalf("logins = %d, want 1", got)
	}
}

// Not parallel: expiring tokens hits every user of the emulator, and would add a login to the
// tests that count theirs.
func TestAccCustomer_expiredTokenIsRenewed(t *testing.T) {
	sb := acctest.NeedsSandbox(t)
	const user, password = "expiry", "expiry-Secret-2"
	sb.Openprovider.AddUser(user, password)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: configAs(user, password, 1, "a@example.com")},
			{
				PreConfig: sb.Openprovider.ExpireTokens,
				Config:    configAs(user, password, 1, "b@example.com"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("openprovider_customer.test[0]", tfjsonpath.New("email"), knownvalue.StringExact("b@example.com")),
				},
			},
		},
	})
	if got := sb.Openprovider.Logins(user); got != 2 {
		t.Fatalf("logins = %d, want 2 (the first, and one renewal after the expiry)", got)
	}
}

// TestAccCustomer_noSecretsInTraceLog runs a lifecycle with TF_LOG=TRACE and searches the
// provider's and Terraform's logs for every secret involved.
func TestAccCustomer_noSecretsInTraceLog(t *testing.T) {
	acctest.NeedsSandbox(t)
	acctest.TestWithoutSecretsInTraceLog(t, []resource.TestStep{
		{Config: fullConfig},
		{Config: strings.Replace(fullConfig, "PASSPORT-SECRET-123", "PASSPORT-SECRET-999", 1)},
		{ResourceName: addr, ImportState: true, ImportStateIdFunc: handleOf(addr), ImportStateVerify: true, ImportStateVerifyIdentifierAttribute: "handle"},
	},
		[]string{acctest.OpenproviderPassword, "PASSPORT-SECRET-123", "PASSPORT-SECRET-999", "SSN-SECRET-456", "EXT-SECRET-789"},
		func() []string {
			return acctest.HeaderValues("Authorization", regexp.MustCompile(`^Bearer ([0-9a-f]{32})$`))
		})
}
