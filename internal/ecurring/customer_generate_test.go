package ecurring_test

import (
	"context"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
)

// TestAccEcurringCustomer_generatedConfig imports a customer made outside Terraform with an
// import block and -generate-config-out. The user supplies the IBAN and bank holder: Terraform
// generates neither, because eCurring marks both deprecated (and the IBAN is sensitive as well).
func TestAccEcurringCustomer_generatedConfig(t *testing.T) {
	acctest.PreCheckEcurring(t)
	s := func(v string) *string { return &v }
	created, err := envClient().CreateCustomer(context.Background(), ecurringapi.Attributes{
		ecurringapi.AttrGender: s("f"), ecurringapi.AttrFirstName: s("Jane"), ecurringapi.AttrLastName: s("Generated"),
		ecurringapi.AttrEmail: s("generated@example.com"), ecurringapi.AttrCity: s("Utrecht"), ecurringapi.AttrCountryISO2: s("NL"),
		ecurringapi.AttrIBAN: s("NL91ABNA0417164300"), ecurringapi.AttrBankHolder: s("J. Generated"), ecurringapi.AttrLanguage: s("en"),
		// eCurring answers some unset values with "": they must not appear as attributes to set.
		ecurringapi.AttrTelephone: s(""),
	})
	if err != nil {
		t.Fatal(err)
	}
	acctest.GeneratedConfigTest{
		Type:       "ecurring_customer",
		ID:         created.ID,
		Sensitive:  map[string]string{},
		Deprecated: map[string]string{"iban": `"NL91ABNA0417164300"`, "bank_holder": `"J. Generated"`},
		Contains:   []string{`email            = "generated@example.com"`, `language         = "en"`, `telephone        = null`},
	}.Run(t)
}
