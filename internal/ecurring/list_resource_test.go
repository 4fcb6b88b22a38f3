package ecurring_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// ownSandbox is a sandbox of the test's own holding n seeded customers (seed%06d@example.com,
// Seed Customer%06d), and the provider block that points eCurring at it.
func ownSandbox(t *testing.T, n int) (srv *sandbox.Server, ids []string, baseURL, provider string) {
	t.Helper()
	srv, root := acctest.OwnSandbox(t)
	ids, err := srv.SeedCustomers(sandbox.ServiceEcurring, n)
	if err != nil {
		t.Fatal(err)
	}
	baseURL = sandbox.EcurringBaseURL(root)
	return srv, ids, baseURL, fmt.Sprintf("provider \"customers\" {\n  ecurring = { base_url = %q }\n}\n", baseURL)
}

func byID(id string) queryfilter.QueryFilter {
	return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)})
}

// TestAccEcurringCustomerList_email: the e-mail filter finds exactly the customers with that
// address (whatever its case), each with its identity and its id as display name, on any page;
// include_resource gives the customer as the resource reads it.
func TestAccEcurringCustomerList_email(t *testing.T) {
	srv, ids, baseURL, provider := ownSandbox(t, 120)
	client, err := ecurringapi.New(ecurringapi.Settings{BaseURL: baseURL, APIKey: acctest.EcurringAPIKey,
		HTTP: httpclient.Config{UserAgent: "acctest"}})
	if err != nil {
		t.Fatal(err)
	}
	var twins []string
	for range 2 {
		email, first, last := "twin@example.com", "Twin", "Doe"
		c, err := client.CreateCustomer(context.Background(), ecurringapi.Attributes{"email": &email, "first_name": &first, "last_name": &last})
		if err != nil {
			t.Fatal(err)
		}
		twins = append(twins, c.ID)
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: provider},
			{
				Query: true,
				Config: `
list "ecurring_customer" "twins" {
  provider = customers
  config {
    email = "TWIN@example.com"
  }
}

list "ecurring_customer" "one" {
  provider         = customers
  include_resource = true
  config {
    email = "seed000077@example.com"
  }
}

list "ecurring_customer" "nobody" {
  provider = customers
  config {
    email = "seed00007@example.com"
  }
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("ecurring_customer.twins", 2),
					querycheck.ExpectIdentity("ecurring_customer.twins", map[string]knownvalue.Check{"id": knownvalue.StringExact(twins[0])}),
					querycheck.ExpectIdentity("ecurring_customer.twins", map[string]knownvalue.Check{"id": knownvalue.StringExact(twins[1])}),
					querycheck.ExpectResourceDisplayName("ecurring_customer.twins", byID(twins[0]), knownvalue.StringExact(twins[0])),
					querycheck.ExpectLength("ecurring_customer.one", 1),
					querycheck.ExpectIdentity("ecurring_customer.one", map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[76])}),
					querycheck.ExpectResourceKnownValues("ecurring_customer.one", byID(ids[76]), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(ids[76])},
						{Path: tfjsonpath.New("first_name"), KnownValue: knownvalue.StringExact("Seed")},
						{Path: tfjsonpath.New("last_name"), KnownValue: knownvalue.StringExact("Customer000077")},
						{Path: tfjsonpath.New("email"), KnownValue: knownvalue.StringExact("seed000077@example.com")},
						{Path: tfjsonpath.New("timeouts"), KnownValue: knownvalue.Null()},
					}),
					querycheck.ExpectLength("ecurring_customer.nobody", 0),
					// Three lists of 122 customers, every page read for each: eCurring cannot filter.
					acctest.ExpectListCalls(t, srv, sandbox.ServiceEcurring, "three e-mail filters over 122 customers", 9),
				},
			},
		},
	})
}

// TestAccEcurringCustomerList_apiCalls measures the list requests of a query of N customers:
// Terraform's default limit of 100 stops after two pages whatever N is; a limit of 1000 and an
// e-mail filter read every page (50 customers each).
func TestAccEcurringCustomerList_apiCalls(t *testing.T) {
	for _, n := range []int{100, 300, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			srv, _, _, provider := ownSandbox(t, n)
			pages := (n + 49) / 50
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{
					{Config: provider},
					{
						Query:  true,
						Config: "list \"ecurring_customer\" \"all\" {\n  provider = customers\n}\n",
						QueryResultChecks: []querycheck.QueryResultCheck{
							querycheck.ExpectLength("ecurring_customer.all", min(n, 100)),
							acctest.ExpectListCalls(t, srv, sandbox.ServiceEcurring, fmt.Sprintf("N=%d, default limit", n), 2),
						},
					},
					{
						Query:  true,
						Config: "list \"ecurring_customer\" \"all\" {\n  provider = customers\n  limit    = 1000\n}\n",
						QueryResultChecks: []querycheck.QueryResultCheck{
							querycheck.ExpectLength("ecurring_customer.all", n),
							acctest.ExpectListCalls(t, srv, sandbox.ServiceEcurring, fmt.Sprintf("N=%d, limit 1000", n), pages),
						},
					},
					{
						Query:  true,
						Config: fmt.Sprintf("list \"ecurring_customer\" \"one\" {\n  provider = customers\n  config {\n    email = \"seed%06d@example.com\"\n  }\n}\n", n),
						QueryResultChecks: []querycheck.QueryResultCheck{
							querycheck.ExpectLength("ecurring_customer.one", 1),
							acctest.ExpectListCalls(t, srv, sandbox.ServiceEcurring, fmt.Sprintf("N=%d, e-mail filter", n), pages),
						},
					},
				},
			})
		})
	}
}

// TestAccEcurringCustomerList_generatedConfig: terraform query -generate-config-out writes the
// configuration and import blocks of the customers a list finds, which then import as no-ops.
func TestAccEcurringCustomerList_generatedConfig(t *testing.T) {
	_, _, _, provider := ownSandbox(t, 3)
	acctest.QueryGeneratedConfigTest{
		Type: "ecurring_customer", Provider: provider, Want: 3,
		Contains: []string{`email = "seed000002@example.com"`, `last_name = "Customer000003"`, `id = "1"`},
	}.Run(t)
}
