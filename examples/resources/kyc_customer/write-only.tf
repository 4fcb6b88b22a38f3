# The passport number sent write-only (Terraform 1.11 or later, OpenTofu 1.11 or later): NOAH
# receives it, but neither the plan nor the state holds it. An ephemeral input variable keeps it
# out of saved plan files too: set it with TF_VAR_john_passport_number or -var.
variable "john_passport_number" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "kyc_customer" "john" {
  provider = customers

  customer_id   = "8d2e4b1a-7c3f-4e5a-9b6d-1f0a2c3e4d5b"
  full_name     = { first_name = "John", last_name = "Roe" }
  date_of_birth = "1988-11-02"

  identities = [
    {
      issuing_country      = "US"
      id_type              = "Passport"
      id_number_wo         = var.john_passport_number
      id_number_wo_version = 1 # raise it when the number changes: the next apply sends the new one
    },
  ]

  primary_residence = {
    street    = "350 Fifth Avenue"
    city      = "New York"
    post_code = "10118"
    state     = "NY"
    country   = "US"
  }
}
