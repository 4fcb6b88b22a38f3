package functions_test

import (
	"fmt"
	"testing"

	tfacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

// Provider-defined functions need Terraform 1.8.
var needsFunctions = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}

func phone(countryCode string, areaCode knownvalue.Check, subscriber string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"country_code":      knownvalue.StringExact(countryCode),
		"area_code":         areaCode,
		"subscriber_number": knownvalue.StringExact(subscriber),
	})
}

func TestAccFunctionsInOutputs(t *testing.T) {
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   needsFunctions,
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
output "amsterdam" {
  value = provider::customers::openprovider_phone("+31 20 555 1234")
}
output "london" {
  value = provider::customers::openprovider_phone("(+44) 20 7946 0958")
}
output "madrid" {
  value = provider::customers::openprovider_phone("0034 91 123 45 67")
}
output "san_francisco" {
  value = provider::customers::e164("+1-415-555-0100")
}
locals {
  berlin = provider::customers::openprovider_phone("+49 (0)30 1234 5678")
}
output "e164_of_parts" {
  value = provider::customers::e164("${local.berlin.country_code} ${local.berlin.area_code} ${local.berlin.subscriber_number}")
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("amsterdam", phone("+31", knownvalue.StringExact("20"), "5551234")),
				statecheck.ExpectKnownOutputValue("london", phone("+44", knownvalue.StringExact("20"), "79460958")),
				statecheck.ExpectKnownOutputValue("madrid", phone("+34", knownvalue.Null(), "911234567")),
				statecheck.ExpectKnownOutputValue("san_francisco", knownvalue.StringExact("+14155550100")),
				statecheck.ExpectKnownOutputValue("e164_of_parts", knownvalue.StringExact("+493012345678")),
			},
		}},
	})
}

// TestAccFunctionsFeedCustomers assigns the functions' results to openprovider_customer's phone
// and fax, as they are, and to kyc_customer's phone_number, and checks what the vendors stored.
func TestAccFunctionsFeedCustomers(t *testing.T) {
	id := "tf-acc-" + tfacctest.RandString(12)
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			acctest.PreCheckOpenprovider(t)
			acctest.PreCheckKYC(t)
		},
		TerraformVersionChecks:   needsFunctions,
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
locals {
  phone = "+31 (0)20 555 1234"
  fax   = "+34 91 123 45 67"
}

resource "openprovider_customer" "test" {
  provider = customers
  name     = { first_name = "Jane", last_name = "Doe" }
  address  = { street = "Keizersgracht", number = "100", zipcode = "1015 AA", city = "Amsterdam", country = "NL" }
  phone    = provider::customers::openprovider_phone(local.phone)
  fax      = provider::customers::openprovider_phone(local.fax)
  email    = "jane@example.com"
}

resource "kyc_customer" "test" {
  provider          = customers
  customer_id       = %q
  full_name         = { first_name = "Jane", last_name = "Doe" }
  date_of_birth     = "1990-04-16"
  phone_number      = provider::customers::e164(local.phone)
  identities        = [{ issuing_country = "NL", id_number = "NL-SECRET-1234", id_type = "Passport" }]
  primary_residence = { street = "Keizersgracht 100", city = "Amsterdam", post_code = "1015 AA", state = "Noord-Holland", country = "NL" }
}
`, id),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("openprovider_customer.test", tfjsonpath.New("phone"), phone("+31", knownvalue.StringExact("20"), "5551234")),
				statecheck.ExpectKnownValue("openprovider_customer.test", tfjsonpath.New("fax"), phone("+34", knownvalue.Null(), "911234567")),
				statecheck.ExpectKnownValue("kyc_customer.test", tfjsonpath.New("phone_number"), knownvalue.StringExact("+31205551234")),
			},
			Check: checkStored(id),
		}},
	})
}

// checkStored checks the customers as the sandbox holds them (nothing to check in live mode).
func checkStored(id string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if acctest.Sandbox == nil {
			return nil
		}
		handle := s.RootModule().Resources["openprovider_customer.test"].Primary.Attributes["handle"]
		op, ok := acctest.Sandbox.Openprovider.Customer(handle)
		if !ok {
			return fmt.Errorf("openprovider customer %q is not in the sandbox", handle)
		}
		if got, want := fmt.Sprint(op["phone"]), "map[area_code:20 country_code:+31 subscriber_number:5551234]"; got != want {
			return fmt.Errorf("openprovider stored phone %s, want %s", got, want)
		}
		if got, want := fmt.Sprint(op["fax"]), "map[area_code: country_code:+34 subscriber_number:911234567]"; got != want {
			return fmt.Errorf("openprovider stored fax %s, want %s", got, want)
		}
		kyc, ok := acctest.Sandbox.KYC.Customer(id)
		if !ok {
			return fmt.Errorf("NOAH customer %q is not in the sandbox", id)
		}
		if got, want := fmt.Sprint(kyc["PhoneNumber"]), "+31205551234"; got != want {
			return fmt.Errorf("NOAH stored PhoneNumber %s, want %s", got, want)
		}
		return nil
	}
}

// TestAccFunctionsInvalidNumber shows the error Terraform prints for a number without a country
// code, before any API call.
func TestAccFunctionsInvalidNumber(t *testing.T) {
	const want = `Invalid value for "number" parameter: "020 555 1234" has no country code (it must start with "+" or "00"); ` +
		`expected an international phone number: "+" (or "00"), the country code and the number, such as "+31 20 555 1234".`
	var before int
	if acctest.Sandbox != nil {
		before = acctest.Sandbox.TotalRequests()
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   needsFunctions,
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      `output "phone" { value = provider::customers::e164("020 555 1234") }`,
				ExpectError: acctest.Phrase(want),
			},
			{
				Config: `
resource "openprovider_customer" "test" {
  provider = customers
  name     = { first_name = "Jane", last_name = "Doe" }
  address  = { street = "Keizersgracht", number = "100", zipcode = "1015 AA", city = "Amsterdam", country = "NL" }
  phone    = provider::customers::openprovider_phone("020 555 1234")
  email    = "jane@example.com"
}
`,
				PlanOnly:    true,
				ExpectError: acctest.Phrase(want),
			},
		},
	})
	if acctest.Sandbox != nil {
		if calls := acctest.Sandbox.TotalRequests() - before; calls != 0 {
			t.Errorf("an invalid number made %d API calls, want 0", calls)
		}
	}
}
