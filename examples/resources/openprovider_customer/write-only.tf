# The passport and social-security numbers sent write-only (Terraform 1.11 or later, OpenTofu
# 1.11 or later): Openprovider receives them, but neither the plan nor the state holds them.
# Ephemeral input variables keep them out of saved plan files too: set them with TF_VAR_... or -var.
variable "john_passport_number" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "john_ssn" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "openprovider_customer" "john" {
  provider = customers

  name    = { first_name = "John", last_name = "Roe" }
  address = { street = "Damrak", number = "1", zipcode = "1012 LG", city = "Amsterdam", country = "NL" }
  phone   = { country_code = "+31", area_code = "20", subscriber_number = "5557890" }
  email   = "john@example.com"

  additional_data = {
    birth_date                        = "1988-11-02"
    passport_number_wo                = var.john_passport_number
    passport_number_wo_version        = 1 # raise it when the number changes: the next apply sends the new one
    social_security_number_wo         = var.john_ssn
    social_security_number_wo_version = 1
  }
}
