package kyc_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	tfacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/kyc"
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

func TestAccKYCCustomer_lifecycle(t *testing.T) {
	t.Parallel()
	id := newID()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckKYC(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkStillExists(id),
		Steps: []resource.TestStep{
			{
				Config: config(id, residenceSF, passport, contact),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "customer_id", id),
					resource.TestCheckNoResourceAttr(addr, "verification_status"),
					resource.TestCheckNoResourceAttr(addr, "created"),
					resource.TestCheckResourceAttr(addr, "email", "jane@example.com"),
					resource.TestCheckResourceAttr(addr, "identities.0.id_number", "P-SECRET-123456"),
					checkRemote(id, func(c *kyc.Customer) error {
						if c.PrimaryResidence.City != "San Francisco" || len(c.Identities) != 1 || c.Identities[0].ExpiryDate != "2030-01-14" {
							return fmt.Errorf("remote customer does not hold the configuration: %+v", c)
						}
						return nil
					}),
				),
			},
			{
				// E-mail and phone are not returned by NOAH; the kept values must not show as drift.
				// The refresh reads what the create did not learn.
				Config: config(id, residenceSF, passport, contact),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "verification_status", "Approved"),
					resource.TestMatchResourceAttr(addr, "created", regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T`)),
				),
			},
			{
				Config: config(id, residenceNY, twoIDs, contact),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "primary_residence.street2", "Floor 21"),
					resource.TestCheckResourceAttr(addr, "identities.#", "2"),
					checkRemote(id, func(c *kyc.Customer) error {
						if c.PrimaryResidence.State != "NY" || c.PrimaryResidence.Street2 != "Floor 21" || len(c.Identities) != 2 || c.Identities[1].IDType != "DrivingLicense" {
							return fmt.Errorf("remote customer not updated: %+v", c)
						}
						return nil
					}),
				),
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

// A create does not read the customer back, so created and verification_status are planned null
// and stay null until the next refresh. The kyc_customer data source, read once the create is
// done, has them in the same apply; the next plan, which the test framework runs after every step
// and requires to be empty, fills them in without changing anything.
func TestAccKYCCustomer_computedValuesFromTheNextRefresh(t *testing.T) {
	t.Parallel()
	cfg := config(newID(), residenceSF, passport, "") + `
data "kyc_customer" "test" {
  provider    = customers
  customer_id = kyc_customer.test.customer_id
}

resource "terraform_data" "uses" {
  input = { created = data.kyc_customer.test.created, status = data.kyc_customer.test.verification_status }
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
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("created"), knownvalue.Null()),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("verification_status"), knownvalue.Null()),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckNoResourceAttr(addr, "created"),
					resource.TestCheckNoResourceAttr(addr, "verification_status"),
					resource.TestMatchResourceAttr("terraform_data.uses", "output.created", regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T`)),
					resource.TestCheckResourceAttr("terraform_data.uses", "output.status", "Approved"),
				),
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair(addr, "created", "data.kyc_customer.test", "created"),
					resource.TestCheckResourceAttr(addr, "verification_status", "Approved"),
				),
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
					resource.TestCheckResourceAttr(addr, "customer_id", second),
					// The old customer cannot be deleted: it stays at NOAH.
					func(*terraform.State) error { return checkStillExists(first)(nil) },
				),
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
					in := &kyc.CustomerInput{Type: "Individual", FullName: kyc.FullName{FirstName: "Someone", LastName: "Else"},
						DateOfBirth: "1970-01-01", Identities: []kyc.Identity{{IssuingCountry: "NL", IDNumber: "X1", IDType: "Passport"}},
						PrimaryResidence: kyc.Address{Street: "Dam 1", City: "Amsterdam", PostCode: "1012JS", State: "NH", Country: "NL"}}
					if _, err := envClient().PutCustomer(context.Background(), id, in); err != nil {
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
				Check: checkRemote(id, func(c *kyc.Customer) error {
					if c.PrimaryResidence.City != "San Francisco" {
						return fmt.Errorf("drift not corrected: %q", c.PrimaryResidence.City)
					}
					return nil
				}),
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
				Config: config(id, residenceNY, twoIDs, contact) + `
data "kyc_customer" "test" {
  provider    = customers
  customer_id = kyc_customer.test.customer_id
}
`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestMatchResourceAttr("data.kyc_customer.test", "created", regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T`)),
					resource.TestCheckResourceAttr("data.kyc_customer.test", "verification_status", "Approved"),
					resource.TestCheckResourceAttrPair("data.kyc_customer.test", "identities.1.id_number", addr, "identities.1.id_number"),
					resource.TestCheckResourceAttr("data.kyc_customer.test", "primary_residence.state", "NY"),
					resource.TestCheckNoResourceAttr("data.kyc_customer.test", "email"),
				),
			},
		},
	})
}

func checkRemote(id string, check func(*kyc.Customer) error) resource.TestCheckFunc {
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
	return checkRemote(id, func(*kyc.Customer) error { return nil })
}

func checkRemoteUnchanged(id, firstName string) resource.TestCheckFunc {
	return checkRemote(id, func(c *kyc.Customer) error {
		if c.FullName.FirstName != firstName {
			return fmt.Errorf("the existing customer was overwritten: %+v", c.FullName)
		}
		return nil
	})
}

// envClient is a client configured like the provider, for changes behind Terraform's back.
func envClient() *kyc.Client {
	signer, err := kyc.ParseSigningKey(os.Getenv("KYC_SIGNING_KEY"))
	if err != nil {
		panic(err) // the key comes from the test environment
	}
	c, err := kyc.NewClient(kyc.Config{BaseURL: os.Getenv("KYC_BASE_URL"), APIKey: os.Getenv("KYC_API_KEY"), Signer: signer},
		httpclient.New(httpclient.Config{Service: "kyc", UserAgent: "terraform-provider-customers/acctest"}))
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
