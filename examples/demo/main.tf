# The configuration `make demo` applies against the local sandbox. The provider reads its
# credentials from the OPENPROVIDER_*, ECURRING_* and KYC_* variables that
# `terraform-provider-customers sandbox` prints (KYC_SIGNING_KEY is a key it generates: every
# NOAH request of the demo is signed with it and verified by the sandbox).
terraform {
  required_providers {
    customers = { source = "customerhandles/customers" }
  }
}

provider "customers" {}

resource "openprovider_customer" "jane" {
  provider = customers

  name    = { initials = "J.", first_name = "Jane", prefix = "van der", last_name = "Doe" }
  address = { street = "Keizersgracht", number = "100", suffix = "A", zipcode = "1015 AA", city = "Amsterdam", country = "NL" }
  phone   = { country_code = "+31", area_code = "20", subscriber_number = "5551234" }
  email   = "jane@example.com"
  locale  = "nl_NL"
  tags    = [{ value = "VIP" }]

  additional_data = {
    birth_date      = "1970-01-31"
    birth_country   = "NL"
    passport_number = "NX1234567"
  }
}

resource "openprovider_customer" "acme" {
  provider = customers

  name         = { first_name = "John", last_name = "Smith" }
  company_name = "Acme B.V."
  vat          = "NL123456789B01"
  address      = { street = "Stationsplein", number = "1", zipcode = "3511 ED", city = "Utrecht", country = "NL" }
  phone        = { country_code = "+31", area_code = "30", subscriber_number = "5550000" }
  fax          = { country_code = "+31", area_code = "30", subscriber_number = "5550001" }
  email        = "billing@acme.example"

  extension_additional_data = [
    { name = "es", data = { company_registration_number = "B12345678" } },
  ]
}

resource "ecurring_customer" "jane" {
  provider = customers

  gender       = "f"
  first_name   = "Jane"
  middle_name  = "van der"
  last_name    = "Doe"
  email        = openprovider_customer.jane.email
  street       = openprovider_customer.jane.address.street
  house_number = openprovider_customer.jane.address.number
  postalcode   = "1015AA"
  city         = openprovider_customer.jane.address.city
  country_iso2 = openprovider_customer.jane.address.country
  iban         = "NL91ABNA0417164300"
  bank_holder  = "J. van der Doe"
}

data "ecurring_customers" "jane" {
  provider   = customers
  email      = ecurring_customer.jane.email
  depends_on = [ecurring_customer.jane]
}

resource "kyc_customer" "jane" {
  provider = customers

  customer_id   = "demo-jane-doe"
  full_name     = { first_name = "Jane", last_name = "Doe" }
  date_of_birth = "1970-01-31"
  email         = openprovider_customer.jane.email

  identities = [
    { issuing_country = "NL", id_type = "Passport", id_number = "NX1234567", issued_date = "2019-06-01", expiry_date = "2029-05-31" },
  ]

  primary_residence = {
    street    = "Keizersgracht 100A"
    city      = "Amsterdam"
    post_code = "1015 AA"
    state     = "Noord-Holland"
    country   = "NL"
  }
}

data "kyc_customer" "jane" {
  provider    = customers
  customer_id = kyc_customer.jane.customer_id
}

data "openprovider_customer" "jane" {
  provider = customers
  handle   = openprovider_customer.jane.handle
}

output "handles" {
  value = {
    jane = openprovider_customer.jane.handle
    acme = openprovider_customer.acme.handle
  }
}

output "kyc_verification_status" {
  value = data.kyc_customer.jane.verification_status
}

output "ecurring_payment_method" {
  value = ecurring_customer.jane.payment_method
}

output "ecurring_customer_ids" {
  value = data.ecurring_customers.jane.customers[*].id
}

output "jane_full_name" {
  value = data.openprovider_customer.jane.name.full_name
}
