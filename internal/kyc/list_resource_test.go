package kyc_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// ownSandbox is a sandbox of the test's own holding n seeded customers (seed-%06d), and the
// provider block that points NOAH at it.
func ownSandbox(t *testing.T, n int) (*sandbox.Server, string) {
	t.Helper()
	srv, root := acctest.OwnSandbox(t)
	if _, err := srv.SeedCustomers(sandbox.ServiceKYC, n); err != nil {
		t.Fatal(err)
	}
	return srv, fmt.Sprintf("provider \"customers\" {\n  kyc = { base_url = %q }\n}\n", sandbox.KYCBaseURL(root))
}

// TestAccKYCCustomerList: NOAH's customers newest first, 100 a request, stopping at Terraform's
// limit; each with its identity and id as display name, and with include_resource as the
// resource reads it (e-mail and phone number null: NOAH never returns them).
func TestAccKYCCustomerList(t *testing.T) {
	srv, provider := ownSandbox(t, 150)
	newest := map[string]knownvalue.Check{"customer_id": knownvalue.StringExact("seed-000150")}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: provider},
			{
				Query:  true,
				Config: "list \"kyc_customer\" \"all\" {\n  provider = customers\n}\n",
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("kyc_customer.all", 100),
					querycheck.ExpectIdentity("kyc_customer.all", newest),
					querycheck.ExpectIdentity("kyc_customer.all", map[string]knownvalue.Check{"customer_id": knownvalue.StringExact("seed-000051")}),
					querycheck.ExpectNoIdentity("kyc_customer.all", map[string]knownvalue.Check{"customer_id": knownvalue.StringExact("seed-000050")}),
					querycheck.ExpectResourceDisplayName("kyc_customer.all", queryfilter.ByResourceIdentity(newest), knownvalue.StringExact("seed-000150")),
					acctest.ExpectListCalls(t, srv, sandbox.ServiceKYC, "150 customers, default limit", 1),
				},
			},
			{
				Query:  true,
				Config: "list \"kyc_customer\" \"all\" {\n  provider         = customers\n  include_resource = true\n  limit            = 1000\n}\n",
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("kyc_customer.all", 150),
					querycheck.ExpectResourceKnownValues("kyc_customer.all", queryfilter.ByResourceIdentity(newest), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("customer_id"), KnownValue: knownvalue.StringExact("seed-000150")},
						{Path: tfjsonpath.New("full_name").AtMapKey("last_name"), KnownValue: knownvalue.StringExact("Customer150")},
						{Path: tfjsonpath.New("date_of_birth"), KnownValue: knownvalue.StringExact("1980-01-01")},
						{Path: tfjsonpath.New("email"), KnownValue: knownvalue.Null()},
						{Path: tfjsonpath.New("timeouts"), KnownValue: knownvalue.Null()},
					}),
					acctest.ExpectListCalls(t, srv, sandbox.ServiceKYC, "150 customers, limit 1000", 2),
				},
			},
		},
	})
}

// TestAccKYCCustomersDataSource lists every customer, newest first, across pages.
func TestAccKYCCustomersDataSource(t *testing.T) {
	srv, provider := ownSandbox(t, 101)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: provider + "data \"kyc_customers\" \"all\" {\n  provider = customers\n}\n",
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.kyc_customers.all", tfjsonpath.New("customers"), knownvalue.ListSizeExact(101)),
					statecheck.ExpectKnownValue("data.kyc_customers.all", tfjsonpath.New("customers").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"customer_id":         knownvalue.StringExact("seed-000101"),
						"full_name":           knownvalue.ObjectPartial(map[string]knownvalue.Check{"first_name": knownvalue.StringExact("Seed")}),
						"verification_status": knownvalue.StringExact("Approved"),
					})),
					statecheck.ExpectKnownValue("data.kyc_customers.all", tfjsonpath.New("customers").AtSliceIndex(100).AtMapKey("customer_id"), knownvalue.StringExact("seed-000001")),
				},
			},
		},
	})
	if n := srv.ListCalls(sandbox.ServiceKYC); n < 2 {
		t.Errorf("%d list calls: the data source did not page", n)
	}
}

// TestAccKYCCustomerList_generatedConfig: terraform query -generate-config-out writes the
// configuration and import blocks of the customers a list finds, which import as no-ops once the
// user supplies the identity document numbers, which are sensitive.
func TestAccKYCCustomerList_generatedConfig(t *testing.T) {
	_, provider := ownSandbox(t, 1)
	acctest.QueryGeneratedConfigTest{
		Type: "kyc_customer", Provider: provider, Want: 1,
		Sensitive: map[string]string{"id_number": `"SEED000001"`, "id_number_wo": "null"},
		Contains:  []string{`customer_id = "seed-000001"`},
	}.Run(t)
}
