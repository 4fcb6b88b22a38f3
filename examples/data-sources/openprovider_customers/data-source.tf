# Find the Openprovider customer handles with an e-mail address at example.com.
data "openprovider_customers" "example_com" {
  provider = customers
  email    = "*@example.com"
}

output "example_com_handles" {
  value = data.openprovider_customers.example_com.customers[*].handle
}
