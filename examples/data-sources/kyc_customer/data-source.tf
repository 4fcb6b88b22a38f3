# Read a NOAH customer by its customer_id, for example to check its verification status.
data "kyc_customer" "jane" {
  provider    = customers
  customer_id = "3f0c2a6e-5d1b-4b9e-9a53-0c7d2f1e8b41"
}

output "jane_verification_status" {
  value = data.kyc_customer.jane.verification_status
}
