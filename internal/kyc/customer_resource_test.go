package kyc_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	tfacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
)

const addr = "kyc_customer.test"

func newID() string { return "tf-acc-" + tfacctest.RandString(12) }

// config renders one customer; residence and identities are HCL for those attributes.
func config(id, residence, identities, extra string) string {
	return fmt.Sprintf(`
resource "kyc_customer" "test" {
  provider          = customers
  customer_id       = %q
  full_name         = { first_name = "Jane", last_name = "Doe" }
  date_of_birth     = "1990-04-16"
  primary_residence = %s
  identities        = %s
%s
}
`, id, residence, identities, extra)
}

const (
	residenceSF = `{ street = "1 Market Street", city = "San Francisco", post_code = "94105", state = "CA", country = "US" }`
	residenceNY = `{ street = "350 Fifth Avenue", street2 = "Floor 21", city = "New York", post_code = "10118", state = "NY", country = "US" }`
	passport    = `[{ issuing_country = "US", id_number = "P-SECRET-123456", issued_date = "2020-01-15", expiry_date = "2030-01-14", id_type = "Passport" }]`
	twoIDs      = `[
    { issuing_country = "US", id_number = "P-SECRET-123456", issued_date = "2020-01-15", expiry_date = "2030-01-14", id_type = "Passport" },
    { issuing_country = "US", id_number = "DL-SECRET-98765", id_type = "DrivingLicense" },
  ]`
	contact = `  email        = "jane@example.com"
  phone_number = "+14155550123"`
)

// fullConfig sets every attribute; fullRecord is the customer it means at NOAH. fullConfigB and
// fullRecordB differ from them in every attribute but customer_id.
func fullConfig(id string) string {
	return fmt.Sprintf(`
resource "kyc_customer" "test" {
  provider      = customers
  customer_id   = %q
  full_name     = { first_name = "Jane", middle_name = "Quinn", last_name = "Doe" }
  date_of_birth = "1990-04-16"
  email         = "jane@example.com"
  phone_number  = "+14155550123"
  identities = [
    { issuing_country = "US", id_number = "P-SECRET-123456", issued_date = "2020-01-15", expiry_date = "2030-01-14", id_type = "Passport" },
  ]
  primary_residence = { street = "1 Market Street", street2 = "Suite 300", city = "San Francisco", post_code = "94105", state = "CA", country = "US" }
}
`, id)
}

var fullRecord = map[string]any{
	"Type":        "Individual",
	"FullName":    map[string]any{"FirstName": "Jane", "MiddleName": "Quinn", "LastName": "Doe"},
	"DateOfBirth": "1990-04-16",
	"Email":       "jane@example.com",
	"PhoneNumber": "+14155550123",
	"Identities": []any{
		map[string]any{"IssuingCountry": "US", "IDNumber": "P-SECRET-123456", "IssuedDate": "2020-01-15", "ExpiryDate": "2030-01-14", "IDType": "Passport"},
	},
	"PrimaryResidence": map[string]any{"Street": "1 Market Street", "Street2": "Suite 300", "City": "San Francisco", "PostCode": "94105", "State": "CA", "Country": "US"},
}

func fullConfigB(id string) string {
	return fmt.Sprintf(`
resource "kyc_customer" "test" {
  provider      = customers
  customer_id   = %q
  full_name     = { first_name = "Janet", middle_name = "Q.", last_name = "Doe-Smith" }
  date_of_birth = "1990-04-17"
  email         = "janet@example.org"
  phone_number  = "+442071234567"
  identities = [
    { issuing_country = "GB", id_number = "DL-SECRET-98765", issued_date = "2021-02-01", expiry_date = "2031-01-31", id_type = "DrivingLicense" },
    { issuing_country = "US", id_number = "T-SECRET-4242", issued_date = "2019-03-03", expiry_date = "2029-03-02", id_type = "TaxID" },
  ]
  primary_residence = { street = "10 Downing Street", street2 = "Flat 2", city = "London", post_code = "SW1A 2AA", state = "Greater London", country = "GB" }
}
`, id)
}

var fullRecordB = map[string]any{
	"Type":        "Individual",
	"FullName":    map[string]any{"FirstName": "Janet", "MiddleName": "Q.", "LastName": "Doe-Smith"},
	"DateOfBirth": "1990-04-17",
	"Email":       "janet@example.org",
	"PhoneNumber": "+442071234567",
	"Identities": []any{
		map[string]any{"IssuingCountry": "GB", "IDNumber": "DL-SECRET-98765", "IssuedDate": "2021-02-01", "ExpiryDate": "2031-01-31", "IDType": "DrivingLicense"},
		map[string]any{"IssuingCountry": "US", "IDNumber": "T-SECRET-4242", "IssuedDate": "2019-03-03", "ExpiryDate": "2029-03-02", "IDType": "TaxID"},
	},
	"PrimaryResidence": map[string]any{"Street": "10 Downing Street", "Street2": "Flat 2", "City": "London", "PostCode": "SW1A 2AA", "State": "Greater London", "Country": "GB"},
}

// requiredConfig sets only the required attributes; requiredRecord is the customer it means.
func requiredConfig(id string) string {
	return fmt.Sprintf(`
resource "kyc_customer" "test" {
  provider          = customers
  customer_id       = %q
  full_name         = { first_name = "Ann", last_name = "Lee" }
  date_of_birth     = "1985-12-31"
  identities        = [{ issuing_country = "US", id_number = "D123", id_type = "DrivingLicense" }]
  primary_residence = { street = "1 Infinite Loop", city = "Cupertino", post_code = "95014", state = "CA", country = "US" }
}
`, id)
}

var requiredRecord = map[string]any{
	"Type":             "Individual",
	"FullName":         map[string]any{"FirstName": "Ann", "LastName": "Lee"},
	"DateOfBirth":      "1985-12-31",
	"Identities":       []any{map[string]any{"IssuingCountry": "US", "IDNumber": "D123", "IDType": "DrivingLicense"}},
	"PrimaryResidence": map[string]any{"Street": "1 Infinite Loop", "City": "Cupertino", "PostCode": "95014", "State": "CA", "Country": "US"},
}

func TestAccKYCCustomer_lifecycle(t *testing.T) {
	t.Parallel()
	id := newID()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckKYC(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkStillExists(id),
		Steps: []resource.TestStep{
			{
				Config: fullConfig(id),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: checkStored(id, fullRecord),
				ConfigStateChecks: []statecheck.StateCheck{
					checkStatus(addr),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("customer_id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created"), knownvalue.StringRegexp(createdPattern)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("email"), knownvalue.StringExact("jane@example.com")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("identities").AtSliceIndex(0).AtMapKey("id_number"), knownvalue.StringExact("P-SECRET-123456")),
				},
			},
			{
				// E-mail and phone are not returned by NOAH; the kept values must not show as drift.
				Config: fullConfig(id),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					checkStatus(addr),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created"), knownvalue.StringRegexp(createdPattern)),
				},
			},
			{
				Config: fullConfigB(id),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: checkStored(id, fullRecordB),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("primary_residence").AtMapKey("street2"), knownvalue.StringExact("Flat 2")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("identities"), knownvalue.ListSizeExact(2)),
				},
			},
			{
				ResourceName:                         addr,
				ImportState:                          true,
				ImportStateId:                        id,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "customer_id",
				// NOAH never returns them, so an import cannot know them.
				ImportStateVerifyIgnore: []string{"email", "phone_number"},
			},
		},
	})
}

// Only the required attributes: the customer holds nothing else, the next plan is empty and an
// import reads back the same state.
func TestAccKYCCustomer_requiredAttributesOnly(t *testing.T) {
	t.Parallel()
	id := newID()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckKYC(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: requiredConfig(id),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkStored(id, requiredRecord),
			},
			{
				Config:           requiredConfig(id),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName: addr, ImportState: true, ImportStateId: id,
				ImportStateVerify: true, ImportStateVerifyIdentifierAttribute: "customer_id",
			},
		},
	})
}

// A customer created at NOAH by someone else (with NOAH's defaults, such as its verification)
// imports with an import block and a configuration that matches it, planning no change.
func TestAccKYCCustomer_importVendorCreated(t *testing.T) {
	t.Parallel()
	testImportVendorCreated(t)
}

func testImportVendorCreated(t *testing.T) {
	t.Helper()
	acctest.PreCheckKYC(t)
	id := newID()
	in := &kycapi.CustomerInput{Type: "Individual", FullName: kycapi.FullName{FirstName: "Ann", LastName: "Lee"}, DateOfBirth: "1985-12-31",
		Identities:       []kycapi.Identity{{IssuingCountry: "US", IDNumber: "D123", IDType: "DrivingLicense"}},
		PrimaryResidence: kycapi.Address{Street: "1 Infinite Loop", City: "Cupertino", PostCode: "95014", State: "CA", Country: "US"}}
	if err := envClient().PutCustomer(context.Background(), id, in); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// An import block of our own: the harness's (ImportBlockWithID) names no provider,
				// and OpenTofu binds the block by its own provider argument.
				Config: fmt.Sprintf("import {\n  provider = customers\n  to       = %s\n  id       = %q\n}\n", addr, id) + requiredConfig(id),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
				},
			},
		},
	})
}

// Limits count characters: 30 Cyrillic letters (60 bytes) and a 45-character city with accents
// pass, and NOAH holds them as written.
func TestAccKYCCustomer_limitsCountCharacters(t *testing.T) {
	t.Parallel()
	id := newID()
	lastName := strings.Repeat("Ж", 30)
	city := strings.Repeat("Ñ", 5) + strings.Repeat("é", 40)
	cfg := strings.NewReplacer(`last_name = "Lee"`, `last_name = "`+lastName+`"`, `city = "Cupertino"`, `city = "`+city+`"`).Replace(requiredConfig(id))
	want := map[string]any{}
	for k, v := range requiredRecord {
		want[k] = v
	}
	want["FullName"] = map[string]any{"FirstName": "Ann", "LastName": lastName}
	want["PrimaryResidence"] = map[string]any{"Street": "1 Infinite Loop", "City": city, "PostCode": "95014", "State": "CA", "Country": "US"}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckKYC(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check:  checkStored(id, want),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("full_name").AtMapKey("last_name"), knownvalue.StringExact(lastName)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("primary_residence").AtMapKey("city"), knownvalue.StringExact(city)),
				},
			},
		},
	})
}

// A create reads the customer back, so created and verification_status are planned as known
// after apply and known in the apply that creates the customer: an output of the status has its
// value right away, and the plan right after the create is empty, outputs included.
func TestAccKYCCustomer_computedValuesKnownAfterCreate(t *testing.T) {
	t.Parallel()
	cfg := config(newID(), residenceSF, passport, "") + `
output "verification_status" {
  value = kyc_customer.test.verification_status
}

resource "terraform_data" "uses" {
  input = { created = kyc_customer.test.created }
}
`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckKYC(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("created")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("verification_status")),
						plancheck.ExpectUnknownOutputValue("verification_status"),
					},
					// The test framework also requires this plan, run right after the apply, to be empty.
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(s *terraform.State) error {
						out, status := s.RootModule().Outputs["verification_status"], s.RootModule().Resources[addr].Primary.Attributes["verification_status"]
						if out == nil || out.Value != status {
							return fmt.Errorf("output verification_status = %v, want %q", out, status)
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created"), knownvalue.StringRegexp(createdPattern)),
					statecheck.CompareValuePairs("terraform_data.uses", tfjsonpath.New("output").AtMapKey("created"), addr, tfjsonpath.New("created"), compare.ValuesSame()),
					checkStatus(addr),
				},
			},
		},
	})
}

func TestAccKYCCustomer_changingIDReplaces(t *testing.T) {
	t.Parallel()
	first, second := newID(), newID()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckKYC(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config(first, residenceSF, passport, "")},
			{
				Config: config(second, residenceSF, passport, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					// The old customer cannot be deleted: it stays at NOAH.
					func(*terraform.State) error { return checkStillExists(first)(nil) },
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("customer_id"), knownvalue.StringExact(second)),
				},
			},
		},
	})
}

func TestAccKYCCustomer_createOverExistingIDFails(t *testing.T) {
	t.Parallel()
	id := newID()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckKYC(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					in := &kycapi.CustomerInput{Type: "Individual", FullName: kycapi.FullName{FirstName: "Someone", LastName: "Else"},
						DateOfBirth: "1970-01-01", Identities: []kycapi.Identity{{IssuingCountry: "NL", IDNumber: "X1", IDType: "Passport"}},
						PrimaryResidence: kycapi.Address{Street: "Dam 1", City: "Amsterdam", PostCode: "1012JS", State: "NH", Country: "NL"}}
					if err := envClient().PutCustomer(context.Background(), id, in); err != nil {
						t.Fatal(err)
					}
				},
				Config:      config(id, residenceSF, passport, ""),
				ExpectError: acctest.Phrase(fmt.Sprintf(`A customer with customer_id %q already exists at NOAH. Creating it would overwrite that record, so the provider refuses. To manage it with Terraform, import it instead: terraform import kyc_customer.<name> %s`, id, id)),
			},
		},
		CheckDestroy: checkRemoteUnchanged(id, "Someone"),
	})
}

func TestAccKYCCustomer_recreatedWhenVanished(t *testing.T) {
	t.Parallel()
	sb := acctest.NeedsSandbox(t)
	id := newID()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config(id, residenceSF, passport, "")},
			{
				PreConfig: func() {
					if !sb.KYC.DeleteOutOfBand(id) {
						t.Fatal("cannot remove the customer")
					}
				},
				Config: config(id, residenceSF, passport, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: func(*terraform.State) error { return checkStillExists(id)(nil) },
			},
		},
	})
}

func TestAccKYCCustomer_driftIsCorrected(t *testing.T) {
	t.Parallel()
	sb := acctest.NeedsSandbox(t)
	id := newID()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config(id, residenceSF, passport, "")},
			{
				PreConfig: func() {
					if !sb.KYC.SetOutOfBand(id, "PrimaryResidence.City", "Oakland") {
						t.Fatal("cannot change the customer")
					}
				},
				Config: config(id, residenceSF, passport, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: checkRemote(id, func(c *kycapi.Customer) error {
					if c.PrimaryResidence.City != "San Francisco" {
						return fmt.Errorf("drift not corrected: %q", c.PrimaryResidence.City)
					}
					return nil
				}),
			},
			{
				// NOAH decides the verification by itself: a refresh shows it, no apply is needed.
				PreConfig: func() {
					if !sb.KYC.SetVerificationStatus(id, "Declined") {
						t.Fatal("cannot change the verification")
					}
				},
				Config:           config(id, residenceSF, passport, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification_status"), knownvalue.StringExact("Declined")),
				},
			},
		},
	})
}

func TestAccKYCCustomer_wrongSigningKeyIsRefused(t *testing.T) {
	t.Parallel()
	sb := acctest.NeedsSandbox(t)
	other, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	id := newID()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "customers" {
  kyc = { signing_key = %q }
}
`, acctest.PEMPrivateKey(other)) + config(id, residenceSF, passport, ""),
				ExpectError: regexp.MustCompile(`(?s)` + acctest.Phrase(`Error: Cannot create NOAH customer`).String() + `.*` +
					acctest.Phrase(`failed: HTTP 401, code Unauthorized: invalid signature: signature does not verify`).String() + `.*` +
					acctest.Phrase(`Check the API key, and that the signing key is the private half of the public key registered with it at NOAH`).String()),
			},
		},
	})
	if _, ok := sb.KYC.Customer(id); ok {
		t.Fatal("a request signed with the wrong key created the customer")
	}
	rejections := strings.Join(sb.KYC.Rejections(), "\n")
	if !strings.Contains(rejections, "signature does not verify") {
		t.Fatalf("the sandbox did not reject a bad signature; rejections: %s", rejections)
	}
}

func TestAccKYCCustomerDataSource(t *testing.T) {
	t.Parallel()
	id := newID()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckKYC(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: fullConfigB(id) + `
data "kyc_customer" "test" {
  provider    = customers
  customer_id = kyc_customer.test.customer_id
}
`,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkSameAttributes("data.kyc_customer.test", addr, "email", "phone_number", "created", "verification_status", "timeouts"),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.kyc_customer.test", tfjsonpath.New("created"), knownvalue.StringRegexp(createdPattern)),
					acctest.ExpectNoValue("data.kyc_customer.test", tfjsonpath.New("email")), // the data source has no e-mail: NOAH never returns it
					checkStatus("data.kyc_customer.test"),
				},
			},
		},
	})
}

// checkStatus checks verification_status: the sandbox's default approves a new customer at once; NOAH itself may still be
// deciding (or have declined) when a live test reads it.
func checkStatus(name string) statecheck.StateCheck {
	if acctest.Live() {
		return statecheck.ExpectKnownValue(name, tfjsonpath.New("verification_status"), knownvalue.StringRegexp(regexp.MustCompile(`^(Approved|Pending|Declined)$`)))
	}
	return statecheck.ExpectKnownValue(name, tfjsonpath.New("verification_status"), knownvalue.StringExact("Approved"))
}

// createdPattern is how a customer's created time starts.
var createdPattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T`)

// checkStored compares the customer NOAH holds with want, the PUT body the configuration means:
// every member of the body, present or absent. Live, e-mail and phone number cannot be read back
// and are not compared.
func checkStored(id string, want map[string]any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := storedRecord(id)
		if err != nil {
			return err
		}
		for _, name := range []string{"Type", "FullName", "DateOfBirth", "Email", "PhoneNumber", "Identities", "PrimaryResidence"} {
			if acctest.Live() && (name == "Email" || name == "PhoneNumber") {
				continue
			}
			g, has := got[name]
			w, wanted := want[name]
			if has != wanted || !reflect.DeepEqual(g, w) {
				return fmt.Errorf("NOAH holds %s = %v (present %t); the configuration means %v (present %t)", name, g, has, w, wanted)
			}
		}
		return nil
	}
}

// storedRecord is customer id as the sandbox stores it (e-mail and phone number included), or
// live as NOAH's GET shows it, as generic JSON.
func storedRecord(id string) (map[string]any, error) {
	if acctest.Sandbox != nil {
		c, ok := acctest.Sandbox.KYC.Customer(id)
		if !ok {
			return nil, fmt.Errorf("customer %q not found in the sandbox", id)
		}
		return c, nil
	}
	c, err := envClient().GetCustomer(context.Background(), id)
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	err = json.Unmarshal(raw, &out)
	return out, err
}

// checkSameAttributes compares every attribute of a with b's, but those named in except.
func checkSameAttributes(a, b string, except ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		ra, rb := s.RootModule().Resources[a], s.RootModule().Resources[b]
		if ra == nil || rb == nil {
			return fmt.Errorf("%s or %s not in the state", a, b)
		}
		skip := func(key string) bool {
			for _, e := range except {
				if key == e || strings.HasPrefix(key, e+".") {
					return true
				}
			}
			// The resource's identities have id_number_wo and its version too, which the data
			// source has not: their attribute counts (identities.0.%) differ.
			return key == "id" || key == "%" || strings.HasSuffix(key, ".%") || strings.Contains(key, "_wo")
		}
		seen := 0
		for key, va := range ra.Primary.Attributes {
			if skip(key) {
				continue
			}
			if vb, ok := rb.Primary.Attributes[key]; !ok || va != vb {
				return fmt.Errorf("%s.%s = %q, %s.%s = %q", a, key, va, b, key, vb)
			}
			seen++
		}
		for key := range rb.Primary.Attributes {
			if _, ok := ra.Primary.Attributes[key]; !ok && !skip(key) {
				return fmt.Errorf("%s.%s is set, %s has no %s", b, key, a, key)
			}
		}
		if seen == 0 {
			return fmt.Errorf("%s has no attributes to compare", a)
		}
		return nil
	}
}

func checkRemote(id string, check func(*kycapi.Customer) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c, err := envClient().GetCustomer(context.Background(), id)
		if err != nil {
			return err
		}
		return check(c)
	}
}

// checkStillExists is the CheckDestroy of NOAH customers: destroy must leave them in place.
func checkStillExists(id string) resource.TestCheckFunc {
	return checkRemote(id, func(*kycapi.Customer) error { return nil })
}

func checkRemoteUnchanged(id, firstName string) resource.TestCheckFunc {
	return checkRemote(id, func(c *kycapi.Customer) error {
		if c.FullName.FirstName != firstName {
			return fmt.Errorf("the existing customer was overwritten: %+v", c.FullName)
		}
		return nil
	})
}

// envClient is a client configured like the provider, for changes behind Terraform's back.
func envClient() *kycapi.Client {
	signer, err := kycapi.ParseSigningKey(os.Getenv("KYC_SIGNING_KEY"))
	if err != nil {
		panic(err) // the key comes from the test environment
	}
	c, err := kycapi.New(kycapi.Settings{BaseURL: os.Getenv("KYC_BASE_URL"), APIKey: os.Getenv("KYC_API_KEY"), Signer: signer, HTTP: httpclient.Config{UserAgent: "terraform-provider-customers/acctest"}})
	if err != nil {
		panic(err)
	}
	return c
}

// TestAccKYCCustomer_noSecretsInTraceLog: the API key, the signing key, the signatures and the
// identity numbers never reach a log line.
func TestAccKYCCustomer_noSecretsInTraceLog(t *testing.T) {
	acctest.NeedsSandbox(t)
	id := newID()
	keyLines := strings.Split(strings.TrimSpace(acctest.KYCSigningKey), "\n")
	acctest.TestWithoutSecretsInTraceLog(t, []resource.TestStep{
		{Config: config(id, residenceSF, passport, contact)},
		{Config: config(id, residenceNY, twoIDs, contact)},
		{ResourceName: addr, ImportState: true, ImportStateId: id, ImportStateVerify: true,
			ImportStateVerifyIdentifierAttribute: "customer_id", ImportStateVerifyIgnore: []string{"email", "phone_number"}},
	},
		append([]string{acctest.KYCAPIKey, "P-SECRET-123456", "DL-SECRET-98765"}, keyLines[1:len(keyLines)-1]...),
		func() []string { return acctest.HeaderValues("Api-Signature", regexp.MustCompile(`^\S{40,}$`)) })
}
