# terraform query (Terraform 1.14 and later) lists the Openprovider customers of a domain; with
# -generate-config-out=imported.tf it also writes their resource and import blocks.
list "openprovider_customer" "example_com" {
  provider = customers

  config {
    email     = "*@example.com" # Openprovider patterns: * is any run of characters
    last_name = "Doe*"
  }
}
