# Import an existing customer by its handle.
terraform import openprovider_customer.jane JD123456-NL
