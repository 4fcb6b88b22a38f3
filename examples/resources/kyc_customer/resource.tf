# An individual customer whose identity your own KYC checks have verified (NOAH's Reliance
# model). Resource blocks must say `provider = customers`: the type name does not start with
# the provider's name.
resource "kyc_customer" "jane" {
  provider = customers

  customer_id   = "3f0c2a6e-5d1b-4b9e-9a53-0c7d2f1e8b41"
  full_name     = { first_name = "Jane", middle_name = "Quinn", last_name = "Doe" }
  date_of_birth = "1990-04-16"
  email         = "jane@example.com"
  phone_number  = "+14155550123"

  identities = [
    {
      issuing_country = "US"
      id_type         = "Passport"
      id_number       = var.jane_passport_number
      issued_date     = "2020-01-15"
      expiry_date     = "2030-01-14"
    },
  ]

  primary_residence = {
    street    = "1 Market Street"
    street2   = "Suite 300"
    city      = "San Francisco"
    post_code = "94105"
    state     = "CA" # ISO 3166-2 code in the US and Canada
    country   = "US"
  }
}

variable "jane_passport_number" {
  type      = string
  sensitive = true
}
