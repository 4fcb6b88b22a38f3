package openprovider_test

import (
	"context"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
)

// TestAccCustomer_generatedConfig imports a customer made outside Terraform with an import block
// and -generate-config-out. The user must supply the passport and social-security numbers and the
// extension data, which are sensitive; everything else is generated.
func TestAccCustomer_generatedConfig(t *testing.T) {
	acctest.PreCheckOpenprovider(t)
	company := "Generated B.V."
	handle, err := envClient().CreateCustomer(context.Background(), &openproviderapi.Customer{
		Name:        &openproviderapi.Name{Initials: "J.", FirstName: "Jane", Prefix: "van der", LastName: "Doe"},
		CompanyName: &company,
		Address:     openproviderapi.Address{Street: "Main Street", Number: "1", Suffix: "A", Zipcode: "1234 AB", City: "Amsterdam", Country: "NL"},
		Phone:       openproviderapi.Phone{CountryCode: "+31", AreaCode: "20", SubscriberNumber: "1234567"},
		Email:       "jane@example.com",
		Locale:      "nl_NL",
		Tags:        []openproviderapi.Tag{{Key: "customer", Value: "VIP"}},
		AdditionalData: openproviderapi.AdditionalData{BirthDate: "1970-01-01", PassportNumber: "P-GEN-1", SocialSecurityNumber: "S-GEN-2",
			AttachedFiles: []openproviderapi.AttachedFile{{DocType: "passport", Path: "https://files.example.com/p.pdf"}}},
		ExtensionAdditionalData: []openproviderapi.ExtensionAdditionalData{{Name: "ru", Data: map[string]string{"passport_number": "EXT-GEN-3"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = envClient().DeleteCustomer(context.Background(), handle) })

	acctest.GeneratedConfigTest{
		Type: "openprovider_customer",
		ID:   handle,
		Sensitive: map[string]string{
			"passport_number":        `"P-GEN-1"`,
			"social_security_number": `"S-GEN-2"`,
			// The write-only twins are generated as sensitive nulls too: the plain forms are used.
			"passport_number_wo":        "null",
			"social_security_number_wo": "null",
			"data":                      `{ passport_number = "EXT-GEN-3" }`,
		},
		Contains: []string{`email        = "jane@example.com"`, `company_name = "Generated B.V."`},
	}.Run(t)
}
