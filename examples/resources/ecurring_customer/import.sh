# Import an existing customer by its numeric eCurring ID.
terraform import ecurring_customer.jane 42
