# The configuration `make demo` applies against the local sandbox. The provider reads its
# credentials from the OPENPROVIDER_* variables that `terraform-provider-customers sandbox` prints.
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

output "jane_full_name" {
  value = data.openprovider_customer.jane.name.full_name
}
