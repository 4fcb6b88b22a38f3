# terraform query (Terraform 1.14 and later) lists the newest 500 NOAH customers; NOAH's list has
# no filters.
list "kyc_customer" "newest" {
  provider = customers
  limit    = 500
}
