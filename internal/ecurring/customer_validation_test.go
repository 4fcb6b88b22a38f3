package ecurring_test

import (
	"strings"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

func TestAccEcurringCustomer_invalidConfigFailsAtPlan(t *testing.T) {
	valid := func(extra string) string { return config("Customer", extra) }
	acctest.PlanFailsWithoutAPICalls(t, acctest.PreCheckEcurring, map[string]acctest.BadConfig{
		"gender":        {Config: valid(`  gender = "x"`), Want: `Attribute gender value must be one of: ["m" "f"], got: "x"`},
		"language":      {Config: valid(`  language = "es"`), Want: `Attribute language value must be one of: ["nl" "en" "nl-be" "de" "fr"], got: "es"`},
		"country":       {Config: valid(`  country_iso2 = "NLD"`), Want: `Attribute country_iso2 must be an ISO 3166-1 alpha-2 country code`},
		"email":         {Config: strings.Replace(valid(""), "customer.test@example.com", "customer.test@", 1), Want: `Attribute email must be an e-mail address alone: a name, "@" and a domain with a dot, such as "jane@example.com"; this one has no domain after the "@", got: "customer.test@".`},
		"iban checksum": {Config: valid(`  iban = "NL92ABNA0417164300"` + "\n" + `  bank_holder = "C. Test"`), Want: `Attribute iban must be an IBAN in capitals without spaces`},
		"iban twice": {Config: valid("  iban = \"NL91ABNA0417164300\"\n  iban_wo = \"NL91ABNA0417164300\"\n  iban_wo_version = 1\n  bank_holder = \"C. Test\""),
			Want: `Set iban or iban_wo, not both. iban_wo is write-only: Terraform sends it to the vendor and stores it in neither the ` +
				`state nor the plan. iban is stored in the state (marked sensitive). Remove one of them.`},
		"iban version alone": {Config: valid(`  iban_wo_version = 1`),
			Want: `iban_wo_version only tells Terraform when to send iban_wo again. Set iban_wo too, or remove iban_wo_version.`},
		"iban alone":            {Config: valid(`  iban = "NL91ABNA0417164300"`), Want: `Attribute "bank_holder" must be specified when "iban" is specified`},
		"empty name":            {Config: valid(`  middle_name = ""`), Want: `Attribute middle_name must not be empty: leave the attribute out or set it to null (an empty value from a CSV file: use a conditional such as x == "" ? null : x).`},
		"empty gender":          {Config: valid(`  gender = ""`), Want: `Attribute gender must not be empty: leave the attribute out or set it to null (an empty value from a CSV file: use a conditional such as x == "" ? null : x).`},
		"missing email":         {Config: strings.Replace(valid(""), `email      = "customer.test@example.com"`, "", 1), Want: `The argument "email" is required`},
		"long last name":        {Config: strings.Replace(valid(""), `"Test"`, `"`+strings.Repeat("x", 256)+`"`, 1), Want: `Attribute last_name UTF-8 character count must be between 1 and 255, got: 256`},
		"long non-ASCII city":   {Config: valid(`  city = "` + strings.Repeat("日", 256) + `"`), Want: `Attribute city UTF-8 character count must be between 1 and 255, got: 256`},
		"long non-ASCII holder": {Config: valid(`  bank_holder = "` + strings.Repeat("Ø", 256) + `"`), Want: `Attribute bank_holder UTF-8 character count must be between 1 and 255, got: 256`},
		"plain http": {Config: `
provider "customers" {
  ecurring = { base_url = "http://api.ecurring.com" }
}
` + valid(""), Want: `Attribute ecurring.base_url must use https://`},
	})
}

func TestAccEcurringCustomer_missingAPIKeyFailsAtPlan(t *testing.T) {
	t.Setenv("ECURRING_API_KEY", "")
	acctest.PlanFailsWithoutAPICalls(t, acctest.PreCheckEcurring, map[string]acctest.BadConfig{
		"no key": {Config: config("Customer", ""),
			Want: `eCurring credentials are missing: set "api_key" in the provider's ecurring block or the ECURRING_API_KEY environment variable.`},
	})
}
