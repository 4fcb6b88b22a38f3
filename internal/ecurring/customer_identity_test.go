package ecurring_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

// An ecurring_customer's identity is its id (Terraform 1.12 and later).
func TestAccEcurringCustomer_identity(t *testing.T) {
	t.Parallel()
	acctest.IdentityTest{
		Address:   addr,
		Attribute: "id",
		ID:        knownvalue.StringRegexp(regexp.MustCompile(`^[0-9]+$`)),
		Config:    config("Identity", ""),
		Updated:   config("Identified", ""),
		PreCheck:  acctest.PreCheckEcurring,
	}.Run(t)
}
