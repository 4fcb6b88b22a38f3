# Import an existing customer by its handle, with an import block's identity (Terraform 1.12 and
# later). The resource block must say provider = customers, and so must the import block.
import {
  provider = customers
  to       = openprovider_customer.jane
  identity = {
    handle = "JD123456-NL"
  }
}
