# Import an existing customer by its numeric eCurring ID, with an import block's identity
# (Terraform 1.12 and later). The resource block must say provider = customers, and so must the
# import block.
import {
  provider = customers
  to       = ecurring_customer.jane
  identity = {
    id = "42"
  }
}
