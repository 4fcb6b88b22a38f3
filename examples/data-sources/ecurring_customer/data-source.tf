# Read one eCurring customer by its ID.
data "ecurring_customer" "payer" {
  provider = customers
  id       = "42"
}

output "payer_payment_method" {
  value = data.ecurring_customer.payer.payment_method
}
