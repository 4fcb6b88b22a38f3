# Find the eCurring customers with a given e-mail address (all customers without `email`).
data "ecurring_customers" "jane" {
  provider = customers
  email    = "jane@example.com"
}

output "jane_customer_ids" {
  value = data.ecurring_customers.jane.customers[*].id
}
