package ecurring_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	tfacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// vendorCustomer makes a customer outside Terraform, as eCurring would with its own defaults: in
// the emulator directly, or live through the API.
func vendorCustomer(t *testing.T, attrs map[string]string) string {
	t.Helper()
	if acctest.Sandbox != nil {
		id, err := acctest.Sandbox.Ecurring.AddCustomer(attrs)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	wire := ecurringapi.Attributes{}
	for name, v := range attrs {
		wire[name] = &v
	}
	c, err := envClient().CreateCustomer(context.Background(), wire)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// TestAccEcurringCustomer_importsWhatTheVendorMade: a customer eCurring made with its defaults
// imports under a configuration of the same attributes without a change.
func TestAccEcurringCustomer_importsWhatTheVendorMade(t *testing.T) {
	t.Parallel()
	acctest.PreCheckEcurring(t)
	email := "vendor-" + tfacctest.RandString(8) + "@example.com"
	id := vendorCustomer(t, map[string]string{"first_name": "Vendor", "last_name": "Made", "email": email, "city": "Utrecht"})
	cfg := fmt.Sprintf(`
import {
  provider = customers # OpenTofu binds an import block by its own provider argument
  to       = ecurring_customer.test
  id       = %q
}

resource "ecurring_customer" "test" {
  provider   = customers
  first_name = "Vendor"
  last_name  = "Made"
  email      = %q
  city       = "Utrecht"
}
`, id, email)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					vendorFilled("language", "nl"),
					vendorFilled("payment_method", "directdebit"),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("house_number_add"), knownvalue.Null()),
				},
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccEcurringCustomer_clearUnderEveryVariant removes middle_name from the configuration under
// every way eCurring may treat null and "" in a PATCH: the apply clears it, or fails with an error
// naming it, and never with "Provider produced inconsistent result after apply".
func TestAccEcurringCustomer_clearUnderEveryVariant(t *testing.T) {
	sb := acctest.NeedsSandbox(t)
	for _, c := range []struct {
		name      string
		behaviour sandbox.EcurringBehaviour
		fails     *regexp.Regexp
	}{
		{"null clears", sandbox.EcurringBehaviour{}, nil},
		{"null clears, empty refused", sandbox.EcurringBehaviour{EmptyString: sandbox.EcurringEmptyRefused}, nil},
		{"null ignored", sandbox.EcurringBehaviour{PatchNull: sandbox.EcurringNullIgnored}, nil},
		{"null ignored, empty refused", sandbox.EcurringBehaviour{PatchNull: sandbox.EcurringNullIgnored, EmptyString: sandbox.EcurringEmptyRefused},
			acctest.Phrase("eCurring did not apply middle_name")},
		{"null refused", sandbox.EcurringBehaviour{PatchNull: sandbox.EcurringNullRefused}, nil},
		{"null refused, empty refused", sandbox.EcurringBehaviour{PatchNull: sandbox.EcurringNullRefused, EmptyString: sandbox.EcurringEmptyRefused},
			acctest.Phrase("eCurring refused to clear middle_name, both with null and with an empty value")},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Cleanup(sb.Ecurring.SetBehaviour(c.behaviour))
			var id string
			cleared := resource.TestStep{
				Config: config("Customer", `  city = "Delft"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						if record, _ := sb.Ecurring.Customer(id); record["middle_name"] != nil && record["middle_name"] != "" {
							return fmt.Errorf("middle_name not cleared: %v", record["middle_name"])
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("middle_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("city"), knownvalue.StringExact("Delft")),
				},
			}
			if c.fails != nil {
				cleared = resource.TestStep{Config: cleared.Config, ExpectError: c.fails}
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{
					{Config: config("Customer", `  middle_name = "van"`+"\n"+`  city = "Utrecht"`), Check: saveID(&id)},
					cleared,
				},
			})
		})
	}
}

// TestAccEcurringCustomers_listUnderEveryOrder: the list data source finds every customer whatever
// order eCurring lists them in.
func TestAccEcurringCustomers_listUnderEveryOrder(t *testing.T) {
	sb := acctest.NeedsSandbox(t)
	email := "order-" + tfacctest.RandString(8) + "@example.com"
	var ids []string
	for i := range 3 {
		ids = append(ids, vendorCustomer(t, map[string]string{"first_name": fmt.Sprint("Order", i), "last_name": "Test", "email": email}))
	}
	for _, newestFirst := range []bool{false, true} {
		t.Run(fmt.Sprint("newest first ", newestFirst), func(t *testing.T) {
			t.Cleanup(sb.Ecurring.SetBehaviour(sandbox.EcurringBehaviour{ListNewestFirst: newestFirst}))
			// Three customers, each of ids once, in any order: SetExact compares the list's elements
			// without regard to their order.
			var each []knownvalue.Check
			for _, id := range ids {
				each = append(each, knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)}))
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
data "ecurring_customers" "all" {
  provider = customers
  email    = %q
}
`, email),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.ecurring_customers.all", tfjsonpath.New("customers"), knownvalue.SetExact(each)),
					},
				}},
			})
		})
	}
}

// TestAccEcurringCustomer_characterLimits: limits count characters, not bytes: 255 two-byte or
// three-byte characters pass the plan.
func TestAccEcurringCustomer_characterLimits(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckEcurring(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: config(strings.Repeat("é", 255), fmt.Sprintf("  middle_name = %q\n  city = %q\n  bank_holder = %q\n",
				strings.Repeat("ß", 255), strings.Repeat("日", 255), strings.Repeat("Ø", 255))),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
}
