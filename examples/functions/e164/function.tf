# Writes an international number in E.164 form, the form kyc_customer's phone_number requires:
# provider::customers::e164("+1 (415) 555-0123") is "+14155550123".
resource "kyc_customer" "jane" {
  provider = customers

  customer_id   = "3f0c2a6e-5d1b-4b9e-9a53-0c7d2f1e8b41"
  full_name     = { first_name = "Jane", last_name = "Doe" }
  date_of_birth = "1990-04-16"
  phone_number  = provider::customers::e164("+1 (415) 555-0123")

  identities        = [{ issuing_country = "US", id_type = "Passport", id_number = var.jane_passport_number }]
  primary_residence = { street = "1 Market Street", city = "San Francisco", post_code = "94105", state = "CA", country = "US" }
}

# eCurring documents telephone numbers in the same form.
resource "ecurring_customer" "jane" {
  provider = customers

  first_name = "Jane"
  last_name  = "Doe"
  email      = "jane@example.com"
  telephone  = provider::customers::e164("0031 20 555 1234")
}

variable "jane_passport_number" {
  type      = string
  sensitive = true
}
