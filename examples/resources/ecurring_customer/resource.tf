# A customer of recurring billing. Resource blocks must say `provider = customers`: the type
# name does not start with the provider's name.
resource "ecurring_customer" "jane" {
  provider = customers

  gender       = "f"
  first_name   = "Jane"
  middle_name  = "van der"
  last_name    = "Doe"
  email        = "jane@example.com"
  telephone    = "+31205551234"
  street       = "Keizersgracht"
  house_number = "100"
  postalcode   = "1015AA"
  city         = "Amsterdam"
  country_iso2 = "NL"
  language     = "en"
}

# A company paying by direct debit. eCurring marks iban and bank_holder deprecated.
resource "ecurring_customer" "acme" {
  provider = customers

  first_name   = "John"
  last_name    = "Smith"
  company_name = "Acme B.V."
  vat_number   = "NL123456789B01"
  email        = "billing@acme.example"
  iban         = var.acme_iban
  bank_holder  = "Acme B.V."
}

variable "acme_iban" {
  type      = string
  sensitive = true
}
