# Customers from a spreadsheet: one openprovider_customer and one ecurring_customer per row of
# customers.csv, whose phone numbers are written as people write them ("+49 (0)30 1234 5678",
# "+1-415-555-0100"). The functions split and normalise them; an invalid number fails the plan
# with an error that quotes it. An empty fax cell means no fax (Openprovider does not take "").
locals {
  customers = { for row in csvdecode(file("${path.module}/customers.csv")) : row.key => row }
}

resource "openprovider_customer" "from_csv" {
  provider = customers
  for_each = local.customers

  name    = { first_name = each.value.first_name, last_name = each.value.last_name }
  address = { street = each.value.street, number = each.value.number, zipcode = each.value.zipcode, city = each.value.city, country = each.value.country }
  phone   = provider::customers::openprovider_phone(each.value.phone)
  fax     = each.value.fax == "" ? null : provider::customers::openprovider_phone(each.value.fax)
  email   = each.value.email
}

resource "ecurring_customer" "from_csv" {
  provider = customers
  for_each = local.customers

  first_name   = each.value.first_name
  last_name    = each.value.last_name
  email        = each.value.email
  street       = each.value.street
  house_number = each.value.number
  postalcode   = each.value.zipcode
  city         = each.value.city
  country_iso2 = each.value.country
  telephone    = provider::customers::e164(each.value.phone)
}

output "phones" {
  value = { for key, customer in openprovider_customer.from_csv : key => customer.phone }
}
