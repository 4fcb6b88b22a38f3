# terraform query (Terraform 1.14 and later) lists the eCurring customers with an e-mail address;
# without config, every customer (up to limit, 100 by default).
list "ecurring_customer" "jane" {
  provider = customers

  config {
    email = "jane@example.com" # the whole address, without regard to case
  }
}
