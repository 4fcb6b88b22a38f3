# Every NOAH customer, newest first.
data "kyc_customers" "all" {
  provider = customers
}

output "pending_customer_ids" {
  value = [for c in data.kyc_customers.all.customers : c.customer_id if c.verification_status == "Pending"]
}
