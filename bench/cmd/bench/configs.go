package main

import (
	"fmt"
	"strings"
)

// kinds are the measured resource types, each with the sandbox service it talks to and a body
// of typical, fully filled-in attributes (the examples' customers). Every instance differs
// (count.index), and kyc_customer ids are unique within a sandbox, which starts empty for each
// measurement.
var kinds = []struct {
	typ, service, body string
}{
	{"openprovider_customer", "openprovider", `
  name    = { initials = "J.", first_name = "Jane", prefix = "van der", last_name = "Doe ${count.index}" }
  address = { street = "Keizersgracht", number = "${100 + count.index}", suffix = "A", zipcode = "1015 AA", city = "Amsterdam", country = "NL" }
  phone   = { country_code = "+31", area_code = "20", subscriber_number = "5551234" }
  email   = "jane${count.index}@example.com"
  locale  = "nl_NL"
  tags    = [{ value = "VIP" }]

  additional_data = {
    birth_date      = "1970-01-31"
    birth_country   = "NL"
    passport_number = "NX1234567"
  }
`},
	{"ecurring_customer", "ecurring", `
  gender       = "f"
  first_name   = "Jane"
  middle_name  = "van der"
  last_name    = "Doe ${count.index}"
  email        = "jane${count.index}@example.com"
  telephone    = "+31205551234"
  street       = "Keizersgracht"
  house_number = "${100 + count.index}"
  postalcode   = "1015AA"
  city         = "Amsterdam"
  country_iso2 = "NL"
  language     = "en"
`},
	{"kyc_customer", "kyc", `
  customer_id   = "bench-${count.index}"
  full_name     = { first_name = "Jane", middle_name = "Quinn", last_name = "Doe ${count.index}" }
  date_of_birth = "1990-04-16"
  email         = "jane${count.index}@example.com"
  phone_number  = "+14155550123"

  identities = [
    { issuing_country = "US", id_type = "Passport", id_number = "P${10000000 + count.index}", issued_date = "2020-01-15", expiry_date = "2030-01-14" },
  ]

  primary_residence = {
    street    = "1 Market Street"
    street2   = "Suite 300"
    city      = "San Francisco"
    post_code = "94105"
    state     = "CA"
    country   = "US"
  }
`},
}

// configHeader selects the provider; its settings come from the sandbox's environment variables.
const configHeader = `terraform {
  required_providers {
    customers = { source = "customerhandles/customers" }
  }
}

provider "customers" {}
`

// config is the Terraform configuration of n customers of type typ.
func config(typ, body string, n int) string {
	var b strings.Builder
	b.WriteString(configHeader + "\n")
	fmt.Fprintf(&b, "resource %q \"c\" {\n  provider = customers\n  count    = %d\n%s}\n", typ, n, body)
	return b.String()
}
