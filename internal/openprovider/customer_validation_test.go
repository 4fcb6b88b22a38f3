package openprovider_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

func TestAccCustomer_invalidConfigFailsAtPlan(t *testing.T) {
	valid := func(extra string) string { return customerConfig("Doe", extra) }
	acctest.PlanFailsWithoutAPICalls(t, acctest.PreCheckOpenprovider, map[string]acctest.BadConfig{
		"country": {Config: strings.Replace(valid(""), `country = "NL"`, `country = "Netherlands"`, 1),
			Want: `Attribute address.country must be an ISO 3166-1 alpha-2 country code in upper case, such as "NL" or "US", got: "Netherlands".`},
		"email": {Config: strings.Replace(valid(""), `"jane@example.com"`, `"jane.example.com"`, 1),
			Want: `Attribute email must be an e-mail address alone: a name, "@" and a domain with a dot, such as "jane@example.com"; this one has no "@", got: "jane.example.com".`},
		"phone country code": {Config: strings.Replace(valid(""), `"+31"`, `"0031"`, 1),
			Want: `Attribute phone.country_code must be "+" followed by 1 to 3 digits, such as "+31", got: 0031`},
		"subscriber digits": {Config: strings.Replace(valid(""), `"1234567"`, `"123-4567"`, 1),
			Want: `Attribute phone.subscriber_number must contain digits only, got: 123-4567`},
		"birth date": {Config: valid(`  additional_data = { birth_date = "31-01-1970" }`),
			Want: `Attribute additional_data.birth_date must be a date written YYYY-MM-DD, such as "1970-01-31", got: "31-01-1970".`},
		"impossible date": {Config: valid(`  additional_data = { company_registration_subscription_date = "2023-02-30" }`),
			Want: `Attribute additional_data.company_registration_subscription_date must be a date written YYYY-MM-DD`},
		"headquarters country": {Config: valid(`  additional_data = { headquarters_country = "nl" }`),
			Want: `Attribute additional_data.headquarters_country must be an ISO 3166-1 alpha-2 country code`},
		"passport number twice": {Config: valid(`  additional_data = {
    passport_number            = "P-1"
    passport_number_wo         = "P-2"
    passport_number_wo_version = 1
  }`),
			Want: `Set additional_data.passport_number or additional_data.passport_number_wo, not both. ` +
				`additional_data.passport_number_wo is write-only: Terraform sends it to the vendor and stores it in neither the ` +
				`state nor the plan. additional_data.passport_number is stored in the state (marked sensitive). Remove one of them.`},
		"social security number without version": {Config: valid(`  additional_data = { social_security_number_wo = "S-1" }`),
			Want: `additional_data.social_security_number_wo needs additional_data.social_security_number_wo_version: set it to a ` +
				`number, such as 1, and raise it whenever the value of additional_data.social_security_number_wo changes. ` +
				`Terraform stores no write-only value, so the version is how it knows to send a new one.`},
		"locale": {Config: valid(`  locale = "nl-NL"`),
			Want: `Attribute locale must look like "nl_NL"`},
		"empty first name": {Config: strings.Replace(valid(""), `first_name = "Jane"`, `first_name = ""`, 1),
			Want: `Attribute name.first_name UTF-8 character count must be between 1 and 255, got: 0`},
		"empty optional": {Config: valid(`  comments = ""`),
			Want: `Attribute comments must not be empty: leave the attribute out or set it to null (an empty value from a CSV file: use a conditional such as x == "" ? null : x).`},
		"empty name prefix": {Config: strings.Replace(valid(""), `first_name = "Jane"`, `first_name = "Jane", prefix = ""`, 1),
			Want: `Attribute name.prefix must not be empty: leave the attribute out or set it to null (an empty value from a CSV file: use a conditional such as x == "" ? null : x).`},
		"empty additional data date": {Config: valid(`  additional_data = { birth_date = "" }`),
			Want: `Attribute additional_data.birth_date must not be empty: leave the attribute out or set it to null (an empty value from a CSV file: use a conditional such as x == "" ? null : x).`},
		"missing last name": {Config: strings.Replace(valid(""), `, last_name = "Doe"`, ``, 1),
			Want: `attribute "last_name" is required`},
		"tag key": {Config: valid(`  tags = [{ key = "reseller", value = "VIP" }]`),
			Want: `key value must be one of: ["customer"], got: "reseller"`},
		"fax area code": {Config: valid(`  fax = { country_code = "+31", area_code = "0x", subscriber_number = "1" }`),
			Want: `Attribute fax.area_code must contain digits only, got: 0x`},
		"extension tld": {Config: valid(`  extension_additional_data = [{ name = ".ru", data = { a = "b" } }]`),
			Want: `Attribute extension_additional_data[0].name must be a TLD in lower case without a leading dot`},
		"plain http base url": {Config: `
provider "customers" {
  openprovider = { base_url = "http://api.sandbox.openprovider.nl:8480/v1beta" }
}
` + valid(""),
			Want: `Attribute openprovider.base_url must use https:// (http:// is allowed only for loopback hosts such as 127.0.0.1 or localhost)`},
	})
}

// A malformed handle in an import block is refused before any call, in words, instead of
// Openprovider's (or the sandbox's) answer for a path that holds no handle.
func TestAccCustomer_malformedImportIDFailsAtPlan(t *testing.T) {
	acctest.PlanFailsWithoutAPICalls(t, acctest.PreCheckOpenprovider, map[string]acctest.BadConfig{
		"slash": {Config: `
import {
  provider = customers
  to       = openprovider_customer.test
  id       = "JD123456/NL"
}
` + customerConfig("Doe", ""),
			Want: `"JD123456/NL" is not an Openprovider customer handle. A handle is upper-case letters, digits, "-" and upper-case letters, such as "JD123456-NL": import the customer by the handle Openprovider shows for it.`},
	})
}

func TestAccCustomer_missingCredentialsFailAtPlan(t *testing.T) {
	t.Setenv("OPENPROVIDER_PASSWORD", "")
	acctest.PlanFailsWithoutAPICalls(t, acctest.PreCheckOpenprovider, map[string]acctest.BadConfig{
		"no password": {Config: customerConfig("Doe", ""),
			Want: `Openprovider credentials are missing: set "password" in the provider's openprovider block or the OPENPROVIDER_PASSWORD environment variable.`},
	})
}

func TestAccCustomer_insecureBaseURLFromEnvironment(t *testing.T) {
	t.Setenv("OPENPROVIDER_BASE_URL", "http://api.example.com/v1beta")
	acctest.PlanFailsWithoutAPICalls(t, acctest.PreCheckOpenprovider, map[string]acctest.BadConfig{
		"env base url": {Config: customerConfig("Doe", ""),
			Want: `OPENPROVIDER_BASE_URL must use https:// (http:// is allowed only for loopback hosts`},
	})
}

// TestAccCustomer_nameLengthCountsCharacters: Openprovider's limits are in characters, and a
// non-ASCII letter takes two bytes.
func TestAccCustomer_nameLengthCountsCharacters(t *testing.T) {
	atLimit := strings.Replace(customerConfig("Doe", ""), `first_name = "Jane"`, `first_name = "`+strings.Repeat("é", 255)+`"`, 1)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckOpenprovider(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps:                    []resource.TestStep{{Config: atLimit, PlanOnly: true, ExpectNonEmptyPlan: true}},
	})
	acctest.PlanFailsWithoutAPICalls(t, acctest.PreCheckOpenprovider, map[string]acctest.BadConfig{
		"one over": {Config: strings.Replace(atLimit, "é", "éé", 1),
			Want: `Attribute name.first_name UTF-8 character count must be between 1 and 255, got: 256`},
	})
}
