package kyc_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

// A kyc_customer's identity is its customer_id (Terraform 1.12 and later).
func TestAccKYCCustomer_identity(t *testing.T) {
	t.Parallel()
	id := newID()
	acctest.IdentityTest{
		Address:   addr,
		Attribute: "customer_id",
		ID:        knownvalue.StringExact(id),
		Config:    requiredConfig(id),
		Updated:   strings.Replace(requiredConfig(id), `"Ann"`, `"Anne"`, 1),
		PreCheck:  acctest.PreCheckKYC,
	}.Run(t)
}
