# Splits an international number into the parts of openprovider_customer's phone and fax.
# provider::customers::openprovider_phone("+31 20 555 1234") is
#   { country_code = "+31", area_code = "20", subscriber_number = "5551234" }
resource "openprovider_customer" "jane" {
  provider = customers

  name    = { first_name = "Jane", last_name = "Doe" }
  address = { street = "Keizersgracht", number = "100", zipcode = "1015 AA", city = "Amsterdam", country = "NL" }
  phone   = provider::customers::openprovider_phone("+31 20 555 1234")
  fax     = provider::customers::openprovider_phone("0031 (0)20 555 1299")
  email   = "jane@example.com"
}

# Spain's numbering plan has no area codes: area_code is null and subscriber_number is the whole
# national number, { country_code = "+34", area_code = null, subscriber_number = "911234567" }.
output "madrid" {
  value = provider::customers::openprovider_phone("+34 91 123 45 67")
}
