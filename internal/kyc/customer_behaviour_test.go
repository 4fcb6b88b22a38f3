package kyc_test

import (
	"regexp"
	"testing"

	tfacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// The provider under every variant of NOAH's unknown or varying behaviours (see
// sandbox.KYCBehaviour). These tests switch the shared sandbox's behaviour, so none is parallel.

const readByDataSource = `
data "kyc_customer" "test" {
  provider    = customers
  customer_id = kyc_customer.test.customer_id
}
`

const dataAddr = "data.kyc_customer.test"

// refreshStep re-applies cfg, which must plan nothing; its refresh reads a verification NOAH
// decided since, so that an import can be compared with the state.
func refreshStep(cfg string) resource.TestStep {
	return resource.TestStep{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}}
}

// importStep imports the customer and expects the state the steps before left.
func importStep(id string) resource.TestStep {
	return resource.TestStep{ResourceName: addr, ImportState: true, ImportStateId: id, ImportStateVerify: true,
		ImportStateVerifyIdentifierAttribute: "customer_id"}
}

// Whatever course NOAH's verification takes, a create, the refreshes after it (which show the
// decision as a change outside Terraform, never as a planned one), the data source and imports work.
func TestAccKYCCustomer_verificationCourses(t *testing.T) {
	sb := acctest.NeedsSandbox(t)
	for _, c := range []struct {
		name        string
		course      sandbox.KYCVerification
		first, then string // the status of the first read, and of later ones
	}{
		{"approved at once", sandbox.KYCApprovedAtOnce, "Approved", "Approved"},
		{"pending then approved", sandbox.KYCPendingThenApproved, "Pending", "Approved"},
		{"pending then declined", sandbox.KYCPendingThenDeclined, "Pending", "Declined"},
		{"stays pending", sandbox.KYCStaysPending, "Pending", "Pending"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Cleanup(sb.KYC.SetBehaviour(sandbox.KYCBehaviour{Verification: c.course}))
			id := newID()
			cfg := requiredConfig(id) + readByDataSource
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{
					{
						// The create's read-back is the first read; the data source, in the same apply, the second.
						Config: cfg,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification_status"), knownvalue.StringExact(c.first)),
							statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("verification_status"), knownvalue.StringExact(c.then)),
						},
					},
					{
						Config:           cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification_status"), knownvalue.StringExact(c.then)),
							statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("verification_status"), knownvalue.StringExact(c.then)),
						},
					},
					importStep(id),
				},
			})
			// A customer someone else created on this course imports without a change.
			testImportVendorCreated(t)
		})
	}
}

// Verifications as an object or an array, with or without the deprecated Verification: the
// status comes from whichever NOAH sends; with neither, it is null.
func TestAccKYCCustomer_verificationsForms(t *testing.T) {
	sb := acctest.NeedsSandbox(t)
	for _, c := range []struct {
		name   string
		b      sandbox.KYCBehaviour
		status string // "" for null
	}{
		{"object", sandbox.KYCBehaviour{Verification: sandbox.KYCStaysPending}, "Pending"},
		{"array", sandbox.KYCBehaviour{Verification: sandbox.KYCStaysPending, Verifications: sandbox.KYCVerificationsArray}, "Pending"},
		{"only the deprecated member", sandbox.KYCBehaviour{Verification: sandbox.KYCStaysPending, Verifications: sandbox.KYCVerificationsAbsent}, "Pending"},
		{"object without the deprecated member", sandbox.KYCBehaviour{NoDeprecatedVerification: true}, "Approved"},
		{"array without the deprecated member", sandbox.KYCBehaviour{Verifications: sandbox.KYCVerificationsArray, NoDeprecatedVerification: true}, "Approved"},
		{"neither", sandbox.KYCBehaviour{Verifications: sandbox.KYCVerificationsAbsent, NoDeprecatedVerification: true}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Cleanup(sb.KYC.SetBehaviour(c.b))
			id := newID()
			var status knownvalue.Check = knownvalue.StringExact(c.status)
			if c.status == "" {
				status = knownvalue.Null()
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{
					{Config: requiredConfig(id)},
					{
						Config:           requiredConfig(id),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification_status"), status),
						},
					},
					importStep(id),
				},
			})
		})
	}
}

// The provider leaves bodyHash out of the signatures of GETs, as NOAH's documentation says. A
// NOAH that wanted the hash of "" instead would refuse every read, with a clear error.
func TestAccKYCCustomer_bodylessHash(t *testing.T) {
	sb := acctest.NeedsSandbox(t)
	for _, c := range []struct {
		name string
		b    sandbox.KYCBodylessHash
		err  *regexp.Regexp
	}{
		{"either", sandbox.KYCBodylessHashEither, nil},
		{"omitted", sandbox.KYCBodylessHashOmitted, nil},
		{"hash of empty", sandbox.KYCBodylessHashOfEmpty, regexp.MustCompile(`(?s)` + acctest.Phrase(`Error: Cannot create NOAH customer`).String() +
			`.*` + acctest.Phrase(`HTTP 401, code Unauthorized: invalid signature: bodyHash missing`).String())},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Cleanup(sb.KYC.SetBehaviour(sandbox.KYCBehaviour{BodylessHash: c.b}))
			id := newID()
			steps := []resource.TestStep{{Config: requiredConfig(id), ExpectError: c.err}}
			if c.err == nil {
				steps = append(steps, refreshStep(requiredConfig(id)), importStep(id))
			}
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories(), Steps: steps})
			if _, created := sb.KYC.Customer(id); created != (c.err == nil) {
				t.Fatalf("customer created: %t", created)
			}
		})
	}
}

// customer_id may have 42 characters, as NOAH's current OpenAPI file says. A NOAH that kept the
// older reference's 36 refuses a longer one with an error on customer_id; 36 pass either way.
func TestAccKYCCustomer_customerIDLength(t *testing.T) {
	sb := acctest.NeedsSandbox(t)
	for _, c := range []struct {
		name  string
		short bool
	}{{"42 characters", false}, {"36 characters", true}} {
		t.Run(c.name, func(t *testing.T) {
			t.Cleanup(sb.KYC.SetBehaviour(sandbox.KYCBehaviour{ShortCustomerIDs: c.short}))
			id36, id40 := "tf-acc-"+tfacctest.RandString(29), "tf-acc-"+tfacctest.RandString(33)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: requiredConfig(id36)}, refreshStep(requiredConfig(id36)), importStep(id36)},
			})
			var err *regexp.Regexp
			if c.short {
				err = regexp.MustCompile(`(?s)` + acctest.Phrase(`Error: Cannot create NOAH customer`).String() + `.*` +
					acctest.Phrase(`customer_id = "`+id40+`"`).String() + `.*` +
					acctest.Phrase(`NOAH rejected CustomerID: SchemaValidation: CustomerID must be 1 to 36 characters long, got 40`).String())
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: requiredConfig(id40), ExpectError: err}},
			})
		})
	}
}
