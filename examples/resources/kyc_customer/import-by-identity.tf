# Import an existing NOAH customer by its customer_id, with an import block's identity (Terraform
# 1.12 and later). The resource block must say provider = customers, and so must the import block.
import {
  provider = customers
  to       = kyc_customer.jane
  identity = {
    customer_id = "3f0c2a6e-5d1b-4b9e-9a53-0c7d2f1e8b41"
  }
}
