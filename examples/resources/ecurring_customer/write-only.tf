# The IBAN sent write-only (Terraform 1.11 or later, OpenTofu 1.11 or later): eCurring receives
# it, but neither the plan nor the state holds it. An ephemeral input variable keeps it out of
# saved plan files too: set it with TF_VAR_roe_iban or -var.
variable "roe_iban" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "ecurring_customer" "roe" {
  provider = customers

  first_name      = "John"
  last_name       = "Roe"
  company_name    = "Roe Trading B.V."
  email           = "billing@roe.example"
  iban_wo         = var.roe_iban
  iban_wo_version = 1 # raise it when the IBAN changes: the next apply sends the new one
  bank_holder     = "Roe Trading B.V."
}
