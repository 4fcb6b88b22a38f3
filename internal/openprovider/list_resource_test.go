package openprovider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tfacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// listFixture is three customers made outside Terraform whose names, companies and e-mail
// addresses carry a random tag, so that the filters find them and no other test's customers.
type listFixture struct {
	tag     string
	handles [3]string
}

func newListFixture(t *testing.T) listFixture {
	t.Helper()
	acctest.PreCheckOpenprovider(t)
	f := listFixture{tag: strings.ToUpper(tfacctest.RandString(8))}
	for i, c := range []struct{ first, last, company, email string }{
		{"Ann", "L" + f.tag + "one", "Q" + f.tag + " Alpha", "q" + f.tag + "-1@example.com"},
		{"Bob", "L" + f.tag + "two", "Q" + f.tag + " Alpha", "q" + f.tag + "-2@example.com"},
		{"Ann", "L" + f.tag + "three", "Q" + f.tag + " Beta", "q" + f.tag + "-3@example.org"},
	} {
		handle, err := envClient().CreateCustomer(context.Background(), &openproviderapi.Customer{
			Name:        &openproviderapi.Name{FirstName: c.first, LastName: c.last},
			CompanyName: &c.company,
			Address:     openproviderapi.Address{Street: "Main Street", Number: "1", Zipcode: "1234 AB", City: "Amsterdam", Country: "NL"},
			Phone:       openproviderapi.Phone{CountryCode: "+31", AreaCode: "20", SubscriberNumber: "1234567"},
			Fax:         openproviderapi.Phone{CountryCode: "+31", AreaCode: "20", SubscriberNumber: "7654321"},
			Vat:         "NL123456789B01",
			Email:       c.email,
			// Additional data reaches the data source's customers as the resource's does.
			AdditionalData: openproviderapi.AdditionalData{BirthCity: "Utrecht", PassportNumber: "P-" + f.tag},
		})
		if err != nil {
			t.Fatal(err)
		}
		f.handles[i] = handle
		t.Cleanup(func() { _ = envClient().DeleteCustomer(context.Background(), handle) })
	}
	return f
}

// filters are list configs and the customers (by index) each must find.
func (f listFixture) filters() map[string]struct {
	config string
	want   []int
} {
	return map[string]struct {
		config string
		want   []int
	}{
		"by_email":      {fmt.Sprintf(`email = "q%s-*@example.com"`, f.tag), []int{0, 1}},
		"by_first_name": {fmt.Sprintf(`first_name = "Ann"`+"\n"+`last_name = "L%s*"`, f.tag), []int{0, 2}},
		"by_last_name":  {fmt.Sprintf(`last_name = "L%stwo"`, f.tag), []int{1}},
		"by_company":    {fmt.Sprintf(`company_name = "Q%s Beta"`, f.tag), []int{2}},
		"by_handle":     {fmt.Sprintf(`handle = %q`, f.handles[0]), []int{0}},
		"by_all": {fmt.Sprintf("email = \"q%[1]s-*\"\nfirst_name = \"Bob\"\nlast_name = \"L%[1]s*\"\ncompany_name = \"Q%[1]s *\"\nhandle = %[2]q",
			f.tag, f.handles[1]), []int{1}},
		"none": {fmt.Sprintf(`last_name = "L%s-nobody"`, f.tag), nil},
	}
}

// TestAccOpenproviderCustomerList_filters: a query with each filter finds exactly the matching
// customers, each with its identity and its handle as display name; include_resource gives the
// whole customer (fax and VAT number included, which the list itself leaves out).
func TestAccOpenproviderCustomerList_filters(t *testing.T) {
	f := newListFixture(t)
	var config strings.Builder
	var checks []querycheck.QueryResultCheck
	for name, c := range f.filters() {
		fmt.Fprintf(&config, "list \"openprovider_customer\" %q {\n  provider = customers\n  config {\n%s\n  }\n}\n", name, c.config)
		address := "openprovider_customer." + name
		checks = append(checks, querycheck.ExpectLength(address, len(c.want)))
		for _, i := range c.want {
			checks = append(checks,
				querycheck.ExpectIdentity(address, map[string]knownvalue.Check{"handle": knownvalue.StringExact(f.handles[i])}),
				querycheck.ExpectResourceDisplayName(address, byHandle(f.handles[i]), knownvalue.StringExact(f.handles[i])))
		}
		for i, handle := range f.handles {
			if !contains(c.want, i) {
				checks = append(checks, querycheck.ExpectNoIdentity(address, map[string]knownvalue.Check{"handle": knownvalue.StringExact(handle)}))
			}
		}
	}
	fmt.Fprintf(&config, `
list "openprovider_customer" "full" {
  provider         = customers
  include_resource = true
  config {
    handle = %q
  }
}
`, f.handles[2])
	checks = append(checks, querycheck.ExpectLength("openprovider_customer.full", 1),
		querycheck.ExpectResourceKnownValues("openprovider_customer.full", byHandle(f.handles[2]), []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("email"), KnownValue: knownvalue.StringExact("q" + f.tag + "-3@example.org")},
			{Path: tfjsonpath.New("company_name"), KnownValue: knownvalue.StringExact("Q" + f.tag + " Beta")},
			{Path: tfjsonpath.New("vat"), KnownValue: knownvalue.StringExact("NL123456789B01")},
			{Path: tfjsonpath.New("fax").AtMapKey("subscriber_number"), KnownValue: knownvalue.StringExact("7654321")},
			{Path: tfjsonpath.New("name").AtMapKey("first_name"), KnownValue: knownvalue.StringExact("Ann")},
			{Path: tfjsonpath.New("timeouts"), KnownValue: knownvalue.Null()},
		}))

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			// terraform query needs the provider in the root module's configuration as well.
			{Config: `provider "customers" {}`},
			{Query: true, Config: config.String(), QueryResultChecks: checks},
		},
	})
}

func byHandle(handle string) queryfilter.QueryFilter {
	return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"handle": knownvalue.StringExact(handle)})
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// TestAccOpenproviderCustomersDataSource: the data source with each filter finds exactly the
// matching customers (Terraform 1.11 and later, no list blocks needed).
func TestAccOpenproviderCustomersDataSource(t *testing.T) {
	f := newListFixture(t)
	var config strings.Builder
	var checks []statecheck.StateCheck
	for name, c := range f.filters() {
		fmt.Fprintf(&config, "data \"openprovider_customers\" %q {\n  provider = customers\n%s\n}\n", name, c.config)
		var handles []knownvalue.Check
		for _, i := range c.want {
			handles = append(handles, knownvalue.ObjectPartial(map[string]knownvalue.Check{"handle": knownvalue.StringExact(f.handles[i])}))
		}
		checks = append(checks, statecheck.ExpectKnownValue("data.openprovider_customers."+name, tfjsonpath.New("customers"), knownvalue.ListExact(handles)))
	}
	checks = append(checks, statecheck.ExpectKnownValue("data.openprovider_customers.by_company", tfjsonpath.New("customers").AtSliceIndex(0),
		knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"email":        knownvalue.StringExact("q" + f.tag + "-3@example.org"),
			"company_name": knownvalue.StringExact("Q" + f.tag + " Beta"),
			"name":         knownvalue.ObjectPartial(map[string]knownvalue.Check{"first_name": knownvalue.StringExact("Ann")}),
			"additional_data": knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"birth_city": knownvalue.StringExact("Utrecht"), "passport_number": knownvalue.StringExact("P-" + f.tag),
			}),
		})))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config.String(), ConfigStateChecks: checks},
		},
	})
}

// TestAccOpenproviderCustomerList_generatedConfig: terraform query -generate-config-out writes the
// configuration and import blocks of the customers a list finds (fax and VAT number included,
// which only a read shows), which import as no-ops once the user supplies the sensitive values the
// CLI cannot write: passport and social-security numbers and the extension data.
func TestAccOpenproviderCustomerList_generatedConfig(t *testing.T) {
	srv, root := acctest.OwnSandbox(t)
	baseURL := sandbox.OpenproviderBaseURL(root)
	client, err := openproviderapi.New(openproviderapi.Settings{BaseURL: baseURL, Username: acctest.OpenproviderUsername,
		Password: acctest.OpenproviderPassword, HTTP: httpclient.Config{UserAgent: "acctest"}})
	if err != nil {
		t.Fatal(err)
	}
	company := "Generated B.V."
	for _, first := range []string{"Jane", "John"} {
		if _, err := client.CreateCustomer(context.Background(), &openproviderapi.Customer{
			Name:        &openproviderapi.Name{Initials: "J.", FirstName: first, Prefix: "van der", LastName: "Listed"},
			CompanyName: &company,
			Address:     openproviderapi.Address{Street: "Main Street", Number: "1", Suffix: "A", Zipcode: "1234 AB", City: "Amsterdam", Country: "NL"},
			Phone:       openproviderapi.Phone{CountryCode: "+31", AreaCode: "20", SubscriberNumber: "1234567"},
			Fax:         openproviderapi.Phone{CountryCode: "+31", AreaCode: "20", SubscriberNumber: "7654321"},
			Vat:         "NL123456789B01",
			Email:       strings.ToLower(first) + "@example.com",
			Locale:      "nl_NL",
			Comments:    "Listed",
			Tags:        []openproviderapi.Tag{{Key: "customer", Value: "VIP"}},
			AdditionalData: openproviderapi.AdditionalData{BirthDate: "1970-01-01", PassportNumber: "P-GEN-1", SocialSecurityNumber: "S-GEN-2",
				AttachedFiles: []openproviderapi.AttachedFile{{DocType: "passport", Path: "https://files.example.com/p.pdf"}}},
			ExtensionAdditionalData: []openproviderapi.ExtensionAdditionalData{{Name: "ru", Data: map[string]string{"passport_number": "EXT-GEN-3"}}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := srv.SeedCustomers(sandbox.ServiceOpenprovider, 5); err != nil {
		t.Fatal(err)
	}
	acctest.QueryGeneratedConfigTest{
		Type:     "openprovider_customer",
		Provider: fmt.Sprintf("provider \"customers\" {\n  openprovider = { base_url = %q }\n}\n", baseURL),
		List:     "  config {\n    last_name = \"Listed\"\n  }\n",
		Want:     2,
		Sensitive: map[string]string{
			"passport_number":           `"P-GEN-1"`,
			"social_security_number":    `"S-GEN-2"`,
			"data":                      `{ passport_number = "EXT-GEN-3" }`,
			"passport_number_wo":        "null",
			"social_security_number_wo": "null",
		},
		Contains: []string{`email = "jane@example.com"`, `vat = "NL123456789B01"`, `company_name = "Generated B.V."`},
	}.Run(t)
}
