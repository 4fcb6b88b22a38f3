package openprovider_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

// phrase matches text in Terraform's output, where long lines wrap at any space.
func phrase(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// planFailsWithoutAPICalls runs each config as a plan that must fail with want, and checks that
// not one request reached the API. These tests are not parallel, so the counter is theirs alone.
func planFailsWithoutAPICalls(t *testing.T, cases map[string]struct{ config, want string }) {
	t.Helper()
	before := -1
	if acctest.Sandbox != nil {
		before = acctest.Sandbox.TotalRequests()
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.config, PlanOnly: true, ExpectError: phrase(tc.want)})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckOpenprovider(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps:                    steps,
	})
	if before >= 0 {
		if calls := acctest.Sandbox.TotalRequests() - before; calls != 0 {
			t.Fatalf("invalid configurations made %d API calls, want 0: %v", calls, acctest.Sandbox.Counts())
		}
	}
}

func TestAccCustomer_invalidConfigFailsAtPlan(t *testing.T) {
	valid := func(extra string) string { return customerConfig("Doe", extra) }
	planFailsWithoutAPICalls(t, map[string]struct{ config, want string }{
		"country": {strings.Replace(valid(""), `country = "NL"`, `country = "Netherlands"`, 1),
			`Attribute address.country must be an ISO 3166-1 alpha-2 country code in upper case, such as "NL" or "US", got: "Netherlands".`},
		"email": {strings.Replace(valid(""), `"jane@example.com"`, `"jane.example.com"`, 1),
			`Attribute email must be an e-mail address such as "jane@example.com"`},
		"phone country code": {strings.Replace(valid(""), `"+31"`, `"0031"`, 1),
			`Attribute phone.country_code must be "+" followed by 1 to 3 digits, such as "+31", got: 0031`},
		"subscriber digits": {strings.Replace(valid(""), `"1234567"`, `"123-4567"`, 1),
			`Attribute phone.subscriber_number must contain digits only, got: 123-4567`},
		"birth date": {valid(`  additional_data = { birth_date = "31-01-1970" }`),
			`Attribute additional_data.birth_date must be a date written YYYY-MM-DD, such as "1970-01-31", got: "31-01-1970".`},
		"impossible date": {valid(`  additional_data = { company_registration_subscription_date = "2023-02-30" }`),
			`Attribute additional_data.company_registration_subscription_date must be a date written YYYY-MM-DD`},
		"headquarters country": {valid(`  additional_data = { headquarters_country = "nl" }`),
			`Attribute additional_data.headquarters_country must be an ISO 3166-1 alpha-2 country code`},
		"locale": {valid(`  locale = "nl-NL"`),
			`Attribute locale must look like "nl_NL"`},
		"empty first name": {strings.Replace(valid(""), `first_name = "Jane"`, `first_name = ""`, 1),
			`Attribute name.first_name string length must be between 1 and 255, got: 0`},
		"empty optional": {valid(`  comments = ""`),
			`Attribute comments string length must be between 1 and 4000, got: 0`},
		"missing last name": {strings.Replace(valid(""), `, last_name = "Doe"`, ``, 1),
			`attribute "last_name" is required`},
		"tag key": {valid(`  tags = [{ key = "reseller", value = "VIP" }]`),
			`key value must be one of: ["customer"], got: "reseller"`},
		"fax area code": {valid(`  fax = { country_code = "+31", area_code = "0x", subscriber_number = "1" }`),
			`Attribute fax.area_code must contain digits only, got: 0x`},
		"extension tld": {valid(`  extension_additional_data = [{ name = ".ru", data = { a = "b" } }]`),
			`Attribute extension_additional_data[0].name must be a TLD in lower case without a leading dot`},
		"plain http base url": {`
provider "customers" {
  openprovider = { base_url = "http://api.sandbox.openprovider.nl:8480/v1beta" }
}
` + valid(""),
			`Attribute openprovider.base_url must use https:// (http:// is allowed only for loopback hosts such as 127.0.0.1 or localhost)`},
	})
}

func TestAccCustomer_missingCredentialsFailAtPlan(t *testing.T) {
	t.Setenv("OPENPROVIDER_PASSWORD", "")
	planFailsWithoutAPICalls(t, map[string]struct{ config, want string }{
		"no password": {customerConfig("Doe", ""),
			`Openprovider credentials are missing: set "password" in the provider's openprovider block or the OPENPROVIDER_PASSWORD environment variable.`},
	})
}

func TestAccCustomer_insecureBaseURLFromEnvironment(t *testing.T) {
	t.Setenv("OPENPROVIDER_BASE_URL", "http://api.example.com/v1beta")
	planFailsWithoutAPICalls(t, map[string]struct{ config, want string }{
		"env base url": {customerConfig("Doe", ""),
			`OPENPROVIDER_BASE_URL must use https:// (http:// is allowed only for loopback hosts`},
	})
}
