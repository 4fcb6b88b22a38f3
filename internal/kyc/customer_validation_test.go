package kyc_test

import (
	"strings"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

func TestAccKYCCustomer_invalidConfigFailsAtPlan(t *testing.T) {
	id := "tf-acc-invalid"
	valid := func(extra string) string { return config(id, residenceSF, passport, extra) }
	withIDs := func(identities string) string { return config(id, residenceSF, identities, "") }
	withResidence := func(residence string) string { return config(id, residence, passport, "") }
	acctest.PlanFailsWithoutAPICalls(t, acctest.PreCheckKYC, map[string]acctest.BadConfig{
		"long id": {Config: config(strings.Repeat("a", 43), residenceSF, passport, ""),
			Want: `Attribute customer_id UTF-8 character count must be between 1 and 42, got: 43`},
		"id not url-safe": {Config: config("cust/1", residenceSF, passport, ""),
			Want: `Attribute customer_id must contain only letters, digits, '-', '_', '.' and '~', got: cust/1`},
		"birth date": {Config: strings.Replace(valid(""), "1990-04-16", "16-04-1990", 1),
			Want: `Attribute date_of_birth must be a date written YYYY-MM-DD`},
		"email":       {Config: valid(`  email = "jane@"`), Want: `Attribute email must be an e-mail address alone: a name, "@" and a domain with a dot, such as "jane@example.com"; this one has no domain after the "@", got: "jane@".`},
		"empty email": {Config: valid(`  email = ""`), Want: `Attribute email must not be empty: leave the attribute out or set it to null (an empty value from a CSV file: use a conditional such as x == "" ? null : x).`},
		"phone": {Config: valid(`  phone_number = "0415550123"`),
			Want: `Attribute phone_number must be "+" followed by 6 to 15 digits, such as "+14155550123", got: 0415550123`},
		"id type": {Config: withIDs(`[{ issuing_country = "US", id_number = "1", id_type = "Visa" }]`),
			Want: `Attribute identities[0].id_type value must be one of:`},
		"issuing country": {Config: withIDs(`[{ issuing_country = "USA", id_number = "1", id_type = "Passport" }]`),
			Want: `Attribute identities[0].issuing_country must be an ISO 3166-1 alpha-2 country code`},
		"expiry before issue": {Config: withIDs(`[{ issuing_country = "US", id_number = "1", id_type = "Passport", issued_date = "2020-01-15", expiry_date = "2019-01-01" }]`),
			Want: `Attribute identities[0].expiry_date must be after the issue date 2020-01-15, got: 2019-01-01.`},
		"id number twice": {Config: withIDs(`[{ issuing_country = "US", id_number = "1", id_number_wo = "2", id_number_wo_version = 1, id_type = "Passport" }]`),
			Want: `Set identities[0].id_number or identities[0].id_number_wo, not both. identities[0].id_number_wo is write-only: ` +
				`Terraform sends it to the vendor and stores it in neither the state nor the plan. identities[0].id_number is stored ` +
				`in the state (marked sensitive). Remove one of them.`},
		"no id number": {Config: withIDs(`[{ issuing_country = "US", id_type = "Passport" }]`),
			Want: `identities[0] needs the document's number: set identities[0].id_number, or identities[0].id_number_wo with ` +
				`identities[0].id_number_wo_version to keep the number out of the state.`},
		"write-only id number without version": {Config: withIDs(`[{ issuing_country = "US", id_number_wo = "2", id_type = "Passport" }]`),
			Want: `identities[0].id_number_wo needs identities[0].id_number_wo_version: set it to a number, such as 1, and raise it ` +
				`whenever the value of identities[0].id_number_wo changes. Terraform stores no write-only value, so the version is ` +
				`how it knows to send a new one.`},
		"version without write-only id number": {Config: withIDs(`[{ issuing_country = "US", id_number = "1", id_number_wo_version = 1, id_type = "Passport" }]`),
			Want: `identities[0].id_number_wo_version only tells Terraform when to send identities[0].id_number_wo again. Set ` +
				`identities[0].id_number_wo too, or remove identities[0].id_number_wo_version.`},
		"no identities": {Config: withIDs(`[]`), Want: `Attribute identities list must contain at least 1 elements, got: 0`},
		"long id number": {Config: withIDs(`[{ issuing_country = "US", id_number = "` + strings.Repeat("9", 37) + `", id_type = "Passport" }]`),
			Want: `Attribute identities[0].id_number UTF-8 character count must be between 1 and 36, got: 37`},
		"us state": {Config: withResidence(strings.Replace(residenceSF, `state = "CA"`, `state = "California"`, 1)),
			Want: `Attribute primary_residence.state must be the ISO 3166-2 code of a state or province of US without the country prefix`},
		"first name of 51 characters": {Config: strings.Replace(valid(""), `first_name = "Jane"`, `first_name = "`+strings.Repeat("Ж", 51)+`"`, 1),
			Want: `Attribute full_name.first_name UTF-8 character count must be between 1 and 50, got: 51`},
		"short street": {Config: withResidence(strings.Replace(residenceSF, `"1 Market Street"`, `"X"`, 1)),
			Want: `Attribute primary_residence.street UTF-8 character count must be between 2 and 200, got: 1`},
		"bad signing key": {Config: `
provider "customers" {
  kyc = { signing_key = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n" }
}
` + valid(""), Want: `The signing key from kyc.signing_key or KYC_SIGNING_KEY cannot be used`},
	})
}
