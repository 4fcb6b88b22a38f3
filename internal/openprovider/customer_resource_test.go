package openprovider_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
)

const addr = "openprovider_customer.test"

// handlePattern is what an Openprovider customer handle looks like, such as "JD123456-NL".
var handlePattern = regexp.MustCompile(`^[A-Z]{2}[0-9]{6}-[A-Z]{2}$`)

// customerConfig renders one customer; extra is HCL placed inside the resource block.
func customerConfig(lastName, extra string) string {
	return fmt.Sprintf(`
resource "openprovider_customer" "test" {
  provider = customers
  name     = { first_name = "Jane", last_name = %q }
  address  = { street = "Main Street", number = "1", zipcode = "1234 AB", city = "Amsterdam", country = "NL" }
  phone    = { country_code = "+31", area_code = "20", subscriber_number = "1234567" }
  email    = "jane@example.com"
%s
}
`, lastName, extra)
}

const fullConfig = `
resource "openprovider_customer" "test" {
  provider     = customers
  name         = { initials = "J.", first_name = "Jane", prefix = "van der", last_name = "Doe" }
  company_name = "Example B.V."
  vat          = "NL123456789B01"
  address = {
    street  = "Main Street"
    number  = "1"
    suffix  = "A"
    zipcode = "1234 AB"
    city    = "Amsterdam"
    country = "NL"
    state   = "Noord-Holland"
  }
  phone    = { country_code = "+31", area_code = "20", subscriber_number = "1234567" }
  fax      = { country_code = "+31", area_code = "20", subscriber_number = "7654321" }
  email    = "jane@example.com"
  locale   = "nl_NL"
  comments = "Managed by Terraform"
  tags     = [{ value = "VIP" }]
  additional_data = {
    birth_address                          = "Birth Street 45"
    birth_city                             = "Utrecht"
    birth_country                          = "NL"
    birth_date                             = "1970-01-01"
    birth_state                            = "Utrecht"
    birth_zipcode                          = "3511 AA"
    cif_nif_number                         = "B12345678"
    company_registration_city              = "Amsterdam"
    company_registration_number            = "12345678"
    company_registration_subscription_date = "2000-01-01"
    company_url                            = "https://example.com"
    cost_category                          = "domains"
    cost_center                            = "IT"
    headquarters_address                   = "HQ Street 5"
    headquarters_city                      = "Amsterdam"
    headquarters_country                   = "NL"
    headquarters_state                     = "Noord-Holland"
    headquarters_zipcode                   = "1011 AB"
    internal_reference                     = "REF-1"
    passport_number                        = "PASSPORT-SECRET-123"
    project_code                           = "PRJ-9"
    purchase_order_number                  = "PO-42"
    social_security_number                 = "SSN-SECRET-456"
    trading_name                           = "Example"
    attached_files = [
      { description = "Passport scan", doc_type = "passport", path = "https://files.example.com/passport.pdf" },
    ]
  }
  extension_additional_data = [
    { name = "ru", data = { birth_date = "1970-01-01", passport_number = "EXT-SECRET-789" } },
  ]
}
`

func TestAccCustomer_full(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckOpenprovider(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: fullConfig,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					// Every configured attribute is what Openprovider stores.
					checkVendorHoldsState(),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("handle"), knownvalue.StringRegexp(handlePattern)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name").AtMapKey("full_name"), knownvalue.StringExact("Jane van der Doe")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name").AtMapKey("initials"), knownvalue.StringExact("J.")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("company_name"), knownvalue.StringExact("Example B.V.")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("address").AtMapKey("suffix"), knownvalue.StringExact("A")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("address").AtMapKey("state"), knownvalue.StringExact("Noord-Holland")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("fax").AtMapKey("subscriber_number"), knownvalue.StringExact("7654321")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("locale"), knownvalue.StringExact("nl_NL")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("customer"), "value": knownvalue.StringExact("VIP")}),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("additional_data").AtMapKey("passport_number"), knownvalue.StringExact("PASSPORT-SECRET-123")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("additional_data").AtMapKey("attached_files").AtSliceIndex(0).AtMapKey("doc_type"), knownvalue.StringExact("passport")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("extension_additional_data").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("ru")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("extension_additional_data").AtSliceIndex(0).AtMapKey("data").AtMapKey("passport_number"), knownvalue.StringExact("EXT-SECRET-789")),
				},
			},
			{
				// A second plan of the same configuration changes nothing.
				Config: fullConfig,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:                         addr,
				ImportState:                          true,
				ImportStateVerify:                    true,
				ImportStateIdFunc:                    handleOf(addr),
				ImportStateVerifyIdentifierAttribute: "handle",
			},
		},
	})
}

func TestAccCustomer_minimalThenUpdateInPlace(t *testing.T) {
	t.Parallel()
	var handle string
	handleStays := statecheck.CompareValue(compare.ValuesSame())
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckOpenprovider(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkDestroyed(&handle),
		Steps: []resource.TestStep{
			{
				Config: customerConfig("Doe", ""),
				Check:  saveHandle(&handle),
				ConfigStateChecks: []statecheck.StateCheck{
					handleStays.AddStateValue(addr, tfjsonpath.New("handle")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name").AtMapKey("full_name"), knownvalue.StringExact("Jane Doe")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name").AtMapKey("initials"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("fax"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("vat"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("additional_data"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.Null()),
				},
			},
			{
				Config: customerConfig("Doe", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Address, phone, e-mail and additional data change in place; the handle stays.
				Config: customerConfig("Doe", `
  additional_data = { birth_city = "Utrecht", passport_number = "PASSPORT-SECRET-123" }
  fax             = { country_code = "+31", subscriber_number = "999" }
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("name").AtMapKey("full_name"), knownvalue.StringExact("Jane Doe")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					handleStays.AddStateValue(addr, tfjsonpath.New("handle")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("additional_data").AtMapKey("birth_city"), knownvalue.StringExact("Utrecht")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("fax").AtMapKey("subscriber_number"), knownvalue.StringExact("999")),
				},
			},
			{
				Config: `
resource "openprovider_customer" "test" {
  provider = customers
  name     = { first_name = "Jane", last_name = "Doe" }
  address  = { street = "Canal Street", number = "22", zipcode = "3511 AB", city = "Utrecht", country = "NL", state = "Utrecht" }
  phone    = { country_code = "+44", subscriber_number = "2071234567" }
  email    = "jane.doe@example.org"
  additional_data = { birth_city = "Rotterdam" }
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: checkRemote(func(c *openproviderapi.Customer) error {
					// Cleared values are cleared remotely too, not just forgotten by Terraform.
					if c.Email != "jane.doe@example.org" || c.Address.Street != "Canal Street" || c.Phone.AreaCode != "" ||
						!c.Fax.IsZero() || c.AdditionalData.PassportNumber != "" || c.AdditionalData.BirthCity != "Rotterdam" {
						return fmt.Errorf("remote customer not updated: %+v", c)
					}
					return nil
				}),
				ConfigStateChecks: []statecheck.StateCheck{
					handleStays.AddStateValue(addr, tfjsonpath.New("handle")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("address").AtMapKey("city"), knownvalue.StringExact("Utrecht")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("phone").AtMapKey("country_code"), knownvalue.StringExact("+44")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("phone").AtMapKey("area_code"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("fax"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("additional_data").AtMapKey("passport_number"), knownvalue.Null()),
				},
			},
		},
	})
}

func TestAccCustomer_driftIsCorrected(t *testing.T) {
	t.Parallel()
	sb := acctest.NeedsSandbox(t)
	var handle string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: customerConfig("Doe", ""), Check: saveHandle(&handle)},
			{
				PreConfig: func() {
					if !sb.Openprovider.SetOutOfBand(handle, "address.city", "Rotterdam") {
						t.Fatal("cannot change the customer out of band")
					}
				},
				Config: customerConfig("Doe", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: checkRemote(func(c *openproviderapi.Customer) error {
					if c.Address.City != "Amsterdam" {
						return fmt.Errorf("drift not corrected: city %q", c.Address.City)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccCustomer_replaceOnNameOrCompanyChange(t *testing.T) {
	t.Parallel()
	var first, second string
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckOpenprovider(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: customerConfig("Doe", ""), Check: saveHandle(&first)},
			{
				Config: customerConfig("Smith", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					saveHandle(&second),
					checkGone(&first),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name").AtMapKey("full_name"), knownvalue.StringExact("Jane Smith")),
				},
			},
			{
				Config: customerConfig("Smith", `  company_name = "Smith Holding"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
				},
				Check: checkGone(&second),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("company_name"), knownvalue.StringExact("Smith Holding")),
				},
			},
		},
	})
}

func TestAccCustomer_recreatedWhenDeletedOutside(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckOpenprovider(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: recreatedAfterOutsideDelete(t, func(handle string) error {
			return envClient().DeleteCustomer(context.Background(), handle)
		}),
	})
}

// recreatedAfterOutsideDelete are the steps that create a customer, delete it behind
// Terraform's back with deleteOutside, and check that the next apply creates a new handle.
func recreatedAfterOutsideDelete(t *testing.T, deleteOutside func(handle string) error) []resource.TestStep {
	t.Helper()
	var handle string
	return []resource.TestStep{
		{Config: customerConfig("Doe", ""), Check: saveHandle(&handle)},
		{
			PreConfig: func() {
				if err := deleteOutside(handle); err != nil {
					t.Fatalf("deleting %s behind Terraform's back: %v", handle, err)
				}
			},
			Config: customerConfig("Doe", ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
			},
			Check: func(s *terraform.State) error {
				if h := s.RootModule().Resources[addr].Primary.Attributes["handle"]; h == handle {
					return fmt.Errorf("handle %s was not recreated", h)
				}
				return nil
			},
		},
	}
}

func TestAccCustomer_deleteInUseKeepsState(t *testing.T) {
	t.Parallel()
	sb := acctest.NeedsSandbox(t)
	var handle string
	handleStays := statecheck.CompareValue(compare.ValuesSame())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:            customerConfig("Doe", ""),
				Check:             saveHandle(&handle),
				ConfigStateChecks: []statecheck.StateCheck{handleStays.AddStateValue(addr, tfjsonpath.New("handle"))},
			},
			{
				PreConfig: func() { sb.Openprovider.MarkInUse(handle, 6200) },
				Config:    customerConfig("Doe", ""),
				Destroy:   true,
				ExpectError: regexp.MustCompile(`(?s)` +
					acctest.Phrase(`because the customer still has domains. Move the domains and other objects that use the handle to another handle, then destroy again; the customer stays in the Terraform state until then.`).String() +
					`.*` + acctest.Phrase(`failed: HTTP 500, code 6200: Customer has domains`).String()),
			},
			{
				// The failed destroy kept the customer in the state: nothing to do.
				PreConfig: func() { sb.Openprovider.MarkInUse(handle, 0) },
				Config:    customerConfig("Doe", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{handleStays.AddStateValue(addr, tfjsonpath.New("handle"))},
			},
		},
	})
}

func TestAccCustomerDataSource(t *testing.T) {
	t.Parallel()
	const ds = "data.openprovider_customer.test"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckOpenprovider(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: fullConfig + `
data "openprovider_customer" "test" {
  provider = customers
  handle   = openprovider_customer.test.handle
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(ds, tfjsonpath.New("handle"), addr, tfjsonpath.New("handle"), compare.ValuesSame()),
					statecheck.CompareValuePairs(ds, tfjsonpath.New("address").AtMapKey("zipcode"), addr, tfjsonpath.New("address").AtMapKey("zipcode"), compare.ValuesSame()),
					statecheck.CompareValuePairs(ds, tfjsonpath.New("additional_data").AtMapKey("social_security_number"),
						addr, tfjsonpath.New("additional_data").AtMapKey("social_security_number"), compare.ValuesSame()),
					statecheck.CompareValuePairs(ds, tfjsonpath.New("extension_additional_data").AtSliceIndex(0).AtMapKey("data").AtMapKey("birth_date"),
						addr, tfjsonpath.New("extension_additional_data").AtSliceIndex(0).AtMapKey("data").AtMapKey("birth_date"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("name").AtMapKey("full_name"), knownvalue.StringExact("Jane van der Doe")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("tags").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("VIP")),
				},
			},
			{
				Config: `
data "openprovider_customer" "missing" {
  provider = customers
  handle   = "ZZ999999-ZZ"
}
`,
				ExpectError: regexp.MustCompile(`No customer with handle "ZZ999999-ZZ" exists`),
			},
		},
	})
}

// envClient is a client configured like the provider, for changes behind Terraform's back.
func envClient() *openproviderapi.Client {
	c, err := openproviderapi.New(openproviderapi.Settings{
		BaseURL:  os.Getenv("OPENPROVIDER_BASE_URL"),
		Username: os.Getenv("OPENPROVIDER_USERNAME"),
		Password: os.Getenv("OPENPROVIDER_PASSWORD"), HTTP: httpclient.Config{UserAgent: "terraform-provider-customers/acctest"}})
	if err != nil {
		panic(err) // the base URL comes from the test environment
	}
	return c
}

//nolint:unparam // the call sites name the resource whose handle they import
func handleOf(name string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return "", fmt.Errorf("%s not in state", name)
		}
		return rs.Primary.Attributes["handle"], nil
	}
}

func saveHandle(dst *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		h, err := handleOf(addr)(s)
		*dst = h
		return err
	}
}

// checkRemote reads the customer of addr through the API and applies check to it.
func checkRemote(check func(*openproviderapi.Customer) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		handle, err := handleOf(addr)(s)
		if err != nil {
			return err
		}
		c, err := envClient().GetCustomer(context.Background(), handle)
		if err != nil {
			return err
		}
		return check(c)
	}
}

// checkGone asserts that the handle no longer exists remotely.
func checkGone(handle *string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		_, err := envClient().GetCustomer(context.Background(), *handle)
		if !httpclient.IsNotFound(err) {
			return fmt.Errorf("customer %s still exists (err %w)", *handle, err)
		}
		return nil
	}
}

func checkDestroyed(handle *string) resource.TestCheckFunc {
	return func(s *terraform.State) error { return checkGone(handle)(s) }
}
