package ecurring_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"os"
	"regexp"
	"slices"
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
	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

const addr = "ecurring_customer.test"

// config renders one customer; extra is HCL placed inside the resource block.
func config(firstName, extra string) string {
	return fmt.Sprintf(`
resource "ecurring_customer" "test" {
  provider   = customers
  first_name = %q
  last_name  = "Test"
  email      = "customer.test@example.com"
%s
}
`, firstName, extra)
}

// full sets every attribute a configuration can set besides those config always sets.
var full = map[string]string{
	"gender":           "f",
	"middle_name":      "van",
	"company_name":     "Example B.V.",
	"vat_number":       "NL123456789B01",
	"iban":             "NL91ABNA0417164300",
	"bank_holder":      "C. Test",
	"postalcode":       "1000AA",
	"house_number":     "1",
	"house_number_add": "A",
	"street":           "Payment lane",
	"city":             "Amsterdam",
	"country_iso2":     "NL",
	"language":         "en",
	"telephone":        "+31202616739",
}

// fullAttributes is full as HCL for config's extra.
var fullAttributes = func() string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(full)) {
		fmt.Fprintf(&b, "  %s = %q\n", name, full[name])
	}
	return b.String()
}()

// customerIDs is the id of every element of ecurring_customers' customers, for
// statecheck.CompareValueCollection.
var customerIDs = []tfjsonpath.Path{tfjsonpath.New("customers"), tfjsonpath.New("id")}

// vendorFilled checks an attribute eCurring fills in itself: the emulator's value, or in live
// mode any value, since the real vendor may choose differently.
func vendorFilled(attribute, emulated string) statecheck.StateCheck {
	if acctest.Live() {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attribute), acctest.NonEmptyString())
	}
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attribute), knownvalue.StringExact(emulated))
}

// storedRecord is customer id as eCurring holds it, attribute name → value (nil for null): the
// emulator's own record, or in live mode what the API reads back.
func storedRecord(id string) (map[string]any, error) {
	if acctest.Sandbox != nil {
		record, ok := acctest.Sandbox.Ecurring.Customer(id)
		if !ok {
			return nil, fmt.Errorf("customer %s is not in the sandbox", id)
		}
		return record, nil
	}
	c, err := envClient().GetCustomer(context.Background(), id)
	if err != nil {
		return nil, err
	}
	var record map[string]any
	raw, _ := json.Marshal(c)
	err = json.Unmarshal(raw, &record)
	return record, err
}

// checkStored checks that eCurring holds each attribute of want, and that the state does too.
func checkStored(want map[string]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var id string
		if err := saveID(&id)(s); err != nil {
			return err
		}
		record, err := storedRecord(id)
		if err != nil {
			return err
		}
		attributes := s.RootModule().Resources[addr].Primary.Attributes
		for _, name := range slices.Sorted(maps.Keys(want)) {
			if record[name] != want[name] {
				return fmt.Errorf("eCurring holds %s = %#v, the configuration sets %q", name, record[name], want[name])
			}
			if attributes[name] != want[name] {
				return fmt.Errorf("the state holds %s = %q, the configuration sets %q", name, attributes[name], want[name])
			}
		}
		return nil
	}
}

func TestAccEcurringCustomer_full(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckEcurring(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkStillExists,
		Steps: []resource.TestStep{
			{
				Config: config("Customer", fullAttributes),
				Check: resource.ComposeAggregateTestCheckFunc(
					// Every configured attribute reached eCurring and came back into the state.
					checkStored(maps2(full, map[string]string{"first_name": "Customer", "last_name": "Test", "email": "customer.test@example.com"})),
					checkRemote(func(c *ecurringapi.Customer) error {
						if c.BankHolder != "C. Test" || c.Street != "Payment lane" || c.Telephone != "+31202616739" {
							return fmt.Errorf("remote customer does not hold the configuration: %+v", c)
						}
						return nil
					}),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					vendorFilled("payment_method", "directdebit"),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9]+$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("gender"), knownvalue.StringExact("f")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("middle_name"), knownvalue.StringExact("van")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("iban"), knownvalue.StringExact("NL91ABNA0417164300")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("house_number_add"), knownvalue.StringExact("A")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("language"), knownvalue.StringExact("en")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("card_number"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$`))),
				},
			},
			{
				Config: config("Customer", fullAttributes),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccEcurringCustomer_minimalThenUpdateInPlace(t *testing.T) {
	t.Parallel()
	var id string
	idStays := statecheck.CompareValue(compare.ValuesSame())
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckEcurring(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// Only the required attributes: eCurring fills in the language and payment method.
				Config: config("Customer", ""),
				Check:  saveID(&id),
				ConfigStateChecks: []statecheck.StateCheck{
					idStays.AddStateValue(addr, tfjsonpath.New("id")),
					vendorFilled("language", "nl"),
					vendorFilled("payment_method", "directdebit"),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("middle_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("house_number_add"), knownvalue.Null()), // "" in eCurring
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("iban"), knownvalue.Null()),
				},
			},
			{
				Config: config("Customer", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// A name and the address change in place: nothing about a customer is immutable.
				Config: config("Renamed", `
  street       = "Payment lane"
  house_number = "1"
  city         = "Amsterdam"
  postalcode   = "1000AA"
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkRemote(func(c *ecurringapi.Customer) error {
						if c.FirstName != "Renamed" || c.City != "Amsterdam" || c.Postalcode != "1000AA" {
							return fmt.Errorf("remote customer not updated: %+v", c)
						}
						return nil
					}),
					// The PATCH carries what changed, never what eCurring filled in.
					func(*terraform.State) error {
						if acctest.Sandbox == nil {
							return nil
						}
						attrs := lastPatchAttributes(t, acctest.Sandbox.Requests(), id)
						if got := slices.Sorted(maps.Keys(attrs)); !slices.Equal(got, []string{"city", "first_name", "house_number", "postalcode", "street"}) {
							return fmt.Errorf("PATCH attributes = %s", marshal(attrs))
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					idStays.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("first_name"), knownvalue.StringExact("Renamed")),
				},
			},
		},
	})
}

func TestAccEcurringCustomer_clearingAnAttributeClearsItRemotely(t *testing.T) {
	t.Parallel()
	sb := acctest.NeedsSandbox(t)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config("Customer", `  middle_name = "van"`+"\n"+`  city = "Utrecht"`), Check: saveID(&id)},
			{
				Config: config("Customer", `  city = "Utrecht"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						remote, ok := sb.Ecurring.Customer(id)
						if !ok || remote["middle_name"] != nil || remote["city"] != "Utrecht" {
							return fmt.Errorf("middle_name not cleared remotely: %v", remote)
						}
						// The PATCH named the cleared attribute with null and left the others out.
						attrs := lastPatchAttributes(t, sb.Requests(), id)
						if len(attrs) != 1 || string(attrs["middle_name"]) != "null" {
							return fmt.Errorf("PATCH attributes = %s, want only middle_name: null", marshal(attrs))
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("middle_name"), knownvalue.Null()),
				},
			},
		},
	})
}

func TestAccEcurringCustomer_driftIsCorrected(t *testing.T) {
	t.Parallel()
	sb := acctest.NeedsSandbox(t)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config("Customer", `  city = "Utrecht"`), Check: saveID(&id)},
			{
				PreConfig: func() {
					city, empty := "Rotterdam", ""
					if !sb.Ecurring.SetOutOfBand(id, "city", &city) || !sb.Ecurring.SetOutOfBand(id, "telephone", &empty) {
						t.Fatal("cannot change the customer out of band")
					}
				},
				Config: config("Customer", `  city = "Utrecht"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: checkRemote(func(c *ecurringapi.Customer) error {
					if c.City != "Utrecht" {
						return fmt.Errorf("drift not corrected: city %q", c.City)
					}
					return nil
				}),
			},
			{
				// The telephone set to "" behind Terraform's back reads as unset, like null: no diff.
				Config: config("Customer", `  city = "Utrecht"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccEcurringCustomer_recreatedWhenVanished(t *testing.T) {
	t.Parallel()
	sb := acctest.NeedsSandbox(t)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config("Customer", ""), Check: saveID(&id)},
			{
				PreConfig: func() {
					if !sb.Ecurring.DeleteOutOfBand(id) {
						t.Fatal("cannot remove the customer")
					}
				},
				Config: config("Customer", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: func(s *terraform.State) error {
					if got := s.RootModule().Resources[addr].Primary.ID; got == id {
						return fmt.Errorf("customer %s was not recreated", got)
					}
					return nil
				},
			},
		},
	})
}

func TestAccEcurringCustomerDataSources(t *testing.T) {
	t.Parallel()
	email := "list-" + tfacctest.RandString(8) + "@example.com"
	cfg := fmt.Sprintf(`
resource "ecurring_customer" "test" {
  provider   = customers
  count      = 3
  first_name = "Customer${count.index}"
  last_name  = "Test"
  email      = %q
}

data "ecurring_customer" "one" {
  provider = customers
  id       = ecurring_customer.test[1].id
}

data "ecurring_customers" "by_email" {
  provider   = customers
  email      = upper(%q)
  depends_on = [ecurring_customer.test]
}
`, email, email)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckEcurring(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.ecurring_customer.one", tfjsonpath.New("first_name"), "ecurring_customer.test[1]", tfjsonpath.New("first_name"), compare.ValuesSame()),
					statecheck.CompareValuePairs("data.ecurring_customer.one", tfjsonpath.New("created_at"), "ecurring_customer.test[1]", tfjsonpath.New("created_at"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.ecurring_customers.by_email", tfjsonpath.New("customers"), knownvalue.ListSizeExact(3)),
					// The three are created in parallel, so their order in the list is the API's, not the index's.
					statecheck.CompareValueCollection("data.ecurring_customers.by_email", customerIDs, "ecurring_customer.test[0]", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValueCollection("data.ecurring_customers.by_email", customerIDs, "ecurring_customer.test[1]", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValueCollection("data.ecurring_customers.by_email", customerIDs, "ecurring_customer.test[2]", tfjsonpath.New("id"), compare.ValuesSame()),
				},
			},
		},
	})
}

// TestAccEcurringCustomer_listPagesThroughEverything has more customers than fit on a page.
func TestAccEcurringCustomer_listPagesThroughEverything(t *testing.T) {
	t.Parallel()
	sb := acctest.NeedsSandbox(t)
	email := "paging-" + tfacctest.RandString(8) + "@example.com"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "ecurring_customer" "many" {
  provider   = customers
  count      = 60
  first_name = "Customer${count.index}"
  last_name  = "Test"
  email      = %q
}
`, email),
			},
			{
				PreConfig: sb.ResetCounts,
				Config: fmt.Sprintf(`
data "ecurring_customers" "all" {
  provider = customers
  email    = %q
}
`, email),
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						if pages, want := sb.Count("GET /ecurring/customers"), (sb.Ecurring.CustomerCount()+49)/50; pages < want {
							return fmt.Errorf("listed %d pages, want at least %d", pages, want)
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.ecurring_customers.all", tfjsonpath.New("customers"), knownvalue.ListSizeExact(60)),
				},
			},
		},
	})
}

// envClient calls the API the tests run against; PreCheckEcurring makes sure the base URL is set.
func envClient() *ecurringapi.Client {
	c, err := ecurringapi.New(ecurringapi.Settings{BaseURL: os.Getenv("ECURRING_BASE_URL"), APIKey: os.Getenv("ECURRING_API_KEY"), HTTP: httpclient.Config{UserAgent: "terraform-provider-customers/acctest"}})
	if err != nil {
		panic(err) // the base URL comes from the test environment
	}
	return c
}

func saveID(dst *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		*dst = rs.Primary.ID
		return nil
	}
}

// checkRemote reads the customer of addr through the API.
func checkRemote(check func(*ecurringapi.Customer) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var id string
		if err := saveID(&id)(s); err != nil {
			return err
		}
		c, err := envClient().GetCustomer(context.Background(), id)
		if err != nil {
			return err
		}
		return check(c)
	}
}

// checkStillExists is the CheckDestroy of eCurring customers: destroy must leave them in place.
func checkStillExists(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "ecurring_customer" {
			continue
		}
		if _, err := envClient().GetCustomer(context.Background(), rs.Primary.ID); err != nil {
			return fmt.Errorf("customer %s is gone after destroy: %w", rs.Primary.ID, err)
		}
	}
	return nil
}

// lastPatchAttributes returns the attributes of the last PATCH of customer id the sandbox received.
func lastPatchAttributes(t *testing.T, requests []sandbox.RecordedRequest, id string) map[string]json.RawMessage {
	t.Helper()
	for i := len(requests) - 1; i >= 0; i-- {
		r := requests[i]
		if r.Method == http.MethodPatch && strings.HasSuffix(r.Path, "/customers/"+id) {
			var doc struct {
				Data struct {
					Attributes map[string]json.RawMessage `json:"attributes"`
				} `json:"data"`
			}
			if err := json.Unmarshal(r.Body, &doc); err != nil {
				t.Fatalf("PATCH body: %v", err)
			}
			return doc.Data.Attributes
		}
	}
	t.Fatalf("no PATCH of customer %s recorded", id)
	return nil
}

func maps2(a, b map[string]string) map[string]string {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

func marshal(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestAccEcurringCustomer_noSecretsInTraceLog: the API key and the IBAN never reach a log line.
func TestAccEcurringCustomer_noSecretsInTraceLog(t *testing.T) {
	acctest.NeedsSandbox(t)
	acctest.TestWithoutSecretsInTraceLog(t, []resource.TestStep{
		{Config: config("Customer", fullAttributes)},
		{Config: config("Customer", strings.Replace(fullAttributes, "NL91ABNA0417164300", "DE89370400440532013000", 1))},
		{ResourceName: addr, ImportState: true, ImportStateVerify: true},
	}, []string{acctest.EcurringAPIKey, "NL91ABNA0417164300", "DE89370400440532013000"}, nil)
}
