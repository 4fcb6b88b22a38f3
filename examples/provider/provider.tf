terraform {
  required_providers {
    customers = { source = "customerhandles/customers" }
  }
}

# One provider, one nested object per service. Configure only the services you use; every
# attribute falls back to an environment variable (OPENPROVIDER_USERNAME, ECURRING_API_KEY, ...).
provider "customers" {
  openprovider = {
    username = var.openprovider_username
    password = var.openprovider_password
    # base_url = "https://api.cte.openprovider.eu/v1beta" # Openprovider's test environment
  }
  ecurring = {
    api_key = var.ecurring_api_key
  }
  kyc = {
    api_key     = var.kyc_api_key
    signing_key = file("noah-signing-key.pem")
    # base_url = "https://api.sandbox.noah.com/v1" # NOAH's sandbox; the default is production
  }
}

variable "openprovider_username" { type = string }
variable "openprovider_password" {
  type      = string
  sensitive = true
}
variable "ecurring_api_key" {
  type      = string
  sensitive = true
}
variable "kyc_api_key" {
  type      = string
  sensitive = true
}
