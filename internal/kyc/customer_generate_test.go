package kyc_test

import (
	"context"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
)

// TestAccKYCCustomer_generatedConfig imports a customer made outside Terraform with an import
// block and -generate-config-out. The identity numbers are sensitive and the user's to supply;
// e-mail and phone number are not returned by NOAH, so they are not generated at all.
func TestAccKYCCustomer_generatedConfig(t *testing.T) {
	acctest.PreCheckKYC(t)
	id := newID()
	err := envClient().PutCustomer(context.Background(), id, &kycapi.CustomerInput{
		Type: "Individual", FullName: kycapi.FullName{FirstName: "Jane", LastName: "Generated"}, DateOfBirth: "1985-07-04",
		Identities:       []kycapi.Identity{{IssuingCountry: "CA", IDNumber: "ID-GEN-42", IDType: "NationalIDCard", ExpiryDate: "2031-01-01"}},
		PrimaryResidence: kycapi.Address{Street: "1 Rue Sainte-Catherine", City: "Montréal", PostCode: "H2X 1K4", State: "QC", Country: "CA"},
	})
	if err != nil {
		t.Fatal(err)
	}
	acctest.GeneratedConfigTest{
		Type:      "kyc_customer",
		ID:        id,
		Sensitive: map[string]string{"id_number": `"ID-GEN-42"`, "id_number_wo": "null"},
		// id_number is optional beside id_number_wo: kyc_customer's own check asks for one of them.
		MissingError: "Missing document number",
		Contains:     []string{`customer_id   = "` + id + `"`, `date_of_birth = "1985-07-04"`},
	}.Run(t)
}
