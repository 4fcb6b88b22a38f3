# One customer of each kind with everything else from the environment: the provider block sets
# nothing, so the OPENPROVIDER_*, ECURRING_* and KYC_* variables (for example those the local
# sandbox prints) configure all three services.
terraform {
  required_providers {
    customers = { source = "customerhandles/customers" }
  }
}

provider "customers" {}

resource "openprovider_customer" "jane" {
  provider = customers
  name     = { first_name = "Jane", last_name = "Doe" }
  address  = { street = "Damrak", number = "1", zipcode = "1012 LG", city = "Amsterdam", country = "NL" }
  phone    = { country_code = "+31", area_code = "20", subscriber_number = "5551234" }
  email    = "jane@example.com"
}

resource "ecurring_customer" "jane" {
  provider   = customers
  first_name = "Jane"
  last_name  = "Doe"
  email      = "jane@example.com"
}

resource "kyc_customer" "jane" {
  provider      = customers
  customer_id   = "jane-doe-0001"
  full_name     = { first_name = "Jane", last_name = "Doe" }
  date_of_birth = "1990-04-16"
  identities    = [{ issuing_country = "NL", id_type = "Passport", id_number = "NX1234567" }]
  primary_residence = {
    street    = "Damrak 1"
    city      = "Amsterdam"
    post_code = "1012 LG"
    state     = "Noord-Holland"
    country   = "NL"
  }
}
