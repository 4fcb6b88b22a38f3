# Read a customer handle managed elsewhere, for example to reuse its address.
data "openprovider_customer" "registrant" {
  provider = customers
  handle   = "JD123456-NL"
}

output "registrant_city" {
  value = data.openprovider_customer.registrant.address.city
}
