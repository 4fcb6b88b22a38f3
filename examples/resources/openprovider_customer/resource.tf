# A person. Resource blocks must say `provider = customers`: the type name does not start with
# the provider's name, and without it Terraform looks for a provider "hashicorp/openprovider".
resource "openprovider_customer" "jane" {
  provider = customers

  name    = { initials = "J.", first_name = "Jane", prefix = "van der", last_name = "Doe" }
  address = { street = "Keizersgracht", number = "100", suffix = "A", zipcode = "1015 AA", city = "Amsterdam", country = "NL" }
  phone   = { country_code = "+31", area_code = "20", subscriber_number = "5551234" }
  email   = "jane@example.com"
  locale  = "nl_NL"
}

# A company, with the extra data some registries require.
resource "openprovider_customer" "acme" {
  provider = customers

  name         = { first_name = "John", last_name = "Smith" }
  company_name = "Acme B.V."
  vat          = "NL123456789B01"
  address      = { street = "Stationsplein", number = "1", zipcode = "3511 ED", city = "Utrecht", country = "NL", state = "Utrecht" }
  phone        = { country_code = "+31", area_code = "30", subscriber_number = "5550000" }
  fax          = { country_code = "+31", area_code = "30", subscriber_number = "5550001" }
  email        = "billing@acme.example"
  comments     = "Managed by Terraform"
  tags         = [{ value = "VIP" }]

  additional_data = {
    company_registration_number            = "12345678"
    company_registration_city              = "Utrecht"
    company_registration_subscription_date = "2001-05-17"
    headquarters_country                   = "NL"
    social_security_number                 = var.director_ssn
  }

  extension_additional_data = [
    { name = "es", data = { company_registration_number = "B12345678" } },
  ]
}

variable "director_ssn" {
  type      = string
  sensitive = true
}
