package openprovider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// TestAccOpenproviderCustomerList_apiCalls measures the list requests of a query of N customers
// on a sandbox of the test's own: one page of up to 1000 serves Terraform's default limit of 100,
// a limit of 1000 and a filter, whatever N; the listing stops at the limit, so 2500 customers
// under a limit of 1000 are one request too.
func TestAccOpenproviderCustomerList_apiCalls(t *testing.T) {
	for _, n := range []int{100, 300, 1000, 2500} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			srv, root := acctest.OwnSandbox(t)
			if _, err := srv.SeedCustomers(sandbox.ServiceOpenprovider, n); err != nil {
				t.Fatal(err)
			}
			provider := fmt.Sprintf("provider \"customers\" {\n  openprovider = { base_url = %q }\n}\n", sandbox.OpenproviderBaseURL(root))
			query := func(name, body string, results, calls int) resource.TestStep {
				return resource.TestStep{
					Query:  true,
					Config: "list \"openprovider_customer\" \"q\" {\n  provider = customers\n" + body + "}\n",
					QueryResultChecks: []querycheck.QueryResultCheck{
						querycheck.ExpectLength("openprovider_customer.q", results),
						acctest.ExpectListCalls(t, srv, sandbox.ServiceOpenprovider, fmt.Sprintf("N=%d, %s", n, name), calls),
					},
				}
			}
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{
					{Config: provider},
					query("default limit", "", min(n, 100), 1),
					query("limit 1000", "  limit = 1000\n", min(n, 1000), 1),
					query("last name filter", fmt.Sprintf("  config {\n    last_name = \"Customer%06d\"\n  }\n", n), 1, 1),
				},
			})
		})
	}
}
