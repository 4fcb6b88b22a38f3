# Import an existing NOAH customer by its customer_id.
terraform import kyc_customer.jane 3f0c2a6e-5d1b-4b9e-9a53-0c7d2f1e8b41
