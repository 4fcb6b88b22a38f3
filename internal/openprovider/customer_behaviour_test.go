package openprovider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// requiredConfig sets only the attributes the schema requires.
func requiredConfig() string {
	return `
resource "openprovider_customer" "test" {
  provider = customers
  name     = { first_name = "Jane", last_name = "Doe" }
  address  = { street = "Main Street", number = "1", zipcode = "1234 AB", city = "Amsterdam", country = "NL" }
  phone    = { country_code = "+31", subscriber_number = "1234567" }
  email    = "jane@example.com"
}
`
}

// checkServerLocale checks the locale Openprovider filled in: the sandbox account's en_GB, or in
// live mode whatever the real account's default is.
func checkServerLocale() statecheck.StateCheck {
	if acctest.Live() {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New("locale"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z]{2}_[A-Z]{2}$`)))
	}
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("locale"), knownvalue.StringExact("en_GB"))
}

func TestAccCustomer_requiredOnly(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheckOpenprovider(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: requiredConfig(),
				Check:  checkVendorHoldsState(),
				ConfigStateChecks: []statecheck.StateCheck{
					checkServerLocale(),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("phone").AtMapKey("area_code"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("company_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("address").AtMapKey("suffix"), knownvalue.Null()),
				},
			},
			{
				Config:           requiredConfig(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccCustomer_importVendorDefaults imports a customer made outside Terraform, with only what
// the API requires, so that Openprovider filled in its defaults; a configuration of the same
// required values imports without any change.
func TestAccCustomer_importVendorDefaults(t *testing.T) {
	t.Parallel()
	acctest.PreCheckOpenprovider(t)
	handle, err := envClient().CreateCustomer(context.Background(), &openproviderapi.Customer{
		Name:    &openproviderapi.Name{FirstName: "Jane", LastName: "Doe"},
		Address: openproviderapi.Address{Street: "Main Street", Number: "1", Zipcode: "1234 AB", City: "Amsterdam", Country: "NL"},
		Phone:   openproviderapi.Phone{CountryCode: "+31", SubscriberNumber: "1234567"},
		Email:   "jane@example.com",
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = envClient().DeleteCustomer(context.Background(), handle) })
	importBlock := fmt.Sprintf(`
import {
  provider = customers
  to       = openprovider_customer.test
  id       = %q
}
`, handle)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: importBlock + requiredConfig(),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					checkServerLocale(),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("handle"), knownvalue.StringExact(handle)),
				},
			},
			{
				Config:           requiredConfig(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// vendorRecord is the customer as Openprovider stores it: the sandbox's own record, or live the
// raw answer of a GET.
func vendorRecord(handle string) (map[string]any, error) {
	if acctest.Sandbox != nil {
		rec, ok := acctest.Sandbox.Openprovider.Customer(handle)
		if !ok {
			return nil, fmt.Errorf("the sandbox holds no customer %s", handle)
		}
		return rec, nil
	}
	c, err := envClient().GetCustomer(context.Background(), handle)
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	var rec map[string]any
	err = json.Unmarshal(raw, &rec)
	return rec, err
}

// flatten writes v in the state's flat form: "address.city", "tags.0.value".
func flatten(prefix string, v any, out map[string]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			flatten(prefix+k+".", e, out)
		}
	case []any:
		for i, e := range v {
			flatten(fmt.Sprintf("%s%d.", prefix, i), e, out)
		}
	default:
		out[strings.TrimSuffix(prefix, ".")] = fmt.Sprint(v)
	}
}

// serverOnly are the read-only fields of Openprovider's record that the resource does not model.
var serverOnly = regexp.MustCompile(`^(id|reseller_id|is_deleted|deleted_at|email_verification_status|comments_last_changed_at|inn)$`)

// checkVendorHoldsState compares every attribute in the state with what Openprovider stores, both
// ways: a value the provider never sent, or one it did not read back, fails.
func checkVendorHoldsState() resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		rec, err := vendorRecord(rs.Primary.Attributes["handle"])
		if err != nil {
			return err
		}
		stored := map[string]string{}
		flatten("", rec, stored)
		var problems []string
		for _, k := range slices.Sorted(maps.Keys(rs.Primary.Attributes)) {
			if k == "id" || strings.HasSuffix(k, "%") || strings.HasSuffix(k, "#") {
				continue // the test framework's id and its counts of elements
			}
			if got, ok := stored[k]; !ok || got != rs.Primary.Attributes[k] {
				problems = append(problems, fmt.Sprintf("%s: the state holds a value, Openprovider %s", k, map[bool]string{true: "another", false: "none"}[ok]))
			}
		}
		for _, k := range slices.Sorted(maps.Keys(stored)) {
			// Openprovider answers "" for some unset fields, such as company_name.
			if _, ok := rs.Primary.Attributes[k]; !ok && !serverOnly.MatchString(k) && stored[k] != "" {
				problems = append(problems, k+": Openprovider holds a value the state lacks")
			}
		}
		if len(problems) > 0 {
			// Values stay out of the message: some are secrets.
			return fmt.Errorf("state and Openprovider's record differ:\n%s", strings.Join(problems, "\n"))
		}
		return nil
	}
}

// behaviourTest runs steps under every variant, with the sandbox switched to it. Such tests
// must not be parallel: the sandbox is shared.
func behaviourTest[V any](t *testing.T, variants map[string]V, set func(V) sandbox.OpenproviderBehaviour, steps func(V) []resource.TestStep) {
	t.Helper()
	sb := acctest.NeedsSandbox(t)
	for _, name := range slices.Sorted(maps.Keys(variants)) {
		t.Run(name, func(t *testing.T) {
			v := variants[name]
			t.Cleanup(sb.Openprovider.SetBehaviour(set(v)))
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories(), Steps: steps(v)})
		})
	}
}

func TestAccCustomer_removingOptionalValuesUnderEveryClearing(t *testing.T) {
	withOptional := strings.Replace(customerConfig("Doe", `
  fax      = { country_code = "+31", area_code = "20", subscriber_number = "7654321" }
  vat      = "NL123456789B01"
  comments = "Managed by Terraform"
  tags     = [{ value = "VIP" }]
`), `number = "1",`, `number = "1", suffix = "A",`, 1)
	cleared := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("fax"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("vat"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("comments"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("address").AtMapKey("suffix"), knownvalue.Null()),
	}
	behaviourTest(t, map[string]sandbox.OpenproviderClearing{
		"empty value clears":  sandbox.OpenproviderEmptyClears,
		"empty value ignored": sandbox.OpenproviderEmptyIgnored,
		"PUT replaces":        sandbox.OpenproviderPutReplaces,
	}, func(c sandbox.OpenproviderClearing) sandbox.OpenproviderBehaviour {
		return sandbox.OpenproviderBehaviour{Clearing: c}
	}, func(c sandbox.OpenproviderClearing) []resource.TestStep {
		removeAll := resource.TestStep{Config: customerConfig("Doe", ""), Check: checkVendorHoldsState(), ConfigStateChecks: cleared}
		if c == sandbox.OpenproviderEmptyIgnored {
			// Openprovider keeps what it was asked to remove: each attribute gets its own error.
			// Terraform 1.16 prints the errors in the order of the configuration lines they point at.
			removeAll = resource.TestStep{Config: customerConfig("Doe", ""), ExpectError: acctest.InAnyOrder(
				regexp.MustCompile(`Openprovider did not apply address\.suffix`), regexp.MustCompile(`Openprovider did not apply comments`),
				regexp.MustCompile(`Openprovider did not apply fax`), regexp.MustCompile(`Openprovider did not apply tags`),
				regexp.MustCompile(`Openprovider did not apply vat`), acctest.Phrase(`make the configuration match what it holds`))}
		}
		return []resource.TestStep{
			{Config: withOptional, Check: checkVendorHoldsState(), ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("address").AtMapKey("suffix"), knownvalue.StringExact("A")),
			}},
			removeAll,
		}
	})
}

func TestAccCustomer_emptyFaxUnderEveryVariant(t *testing.T) {
	const fax = `  fax = { country_code = "+31", subscriber_number = "7654321" }`
	behaviourTest(t, map[string]sandbox.OpenproviderEmptyFax{
		"accepted as no fax":      sandbox.OpenproviderEmptyFaxIsNone,
		"rejected as invalid fax": sandbox.OpenproviderEmptyFaxRejected,
	}, func(v sandbox.OpenproviderEmptyFax) sandbox.OpenproviderBehaviour {
		return sandbox.OpenproviderBehaviour{EmptyFax: v}
	}, func(v sandbox.OpenproviderEmptyFax) []resource.TestStep {
		noFax := []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("fax"), knownvalue.Null())}
		removeFax := resource.TestStep{Config: customerConfig("Doe", ""), ConfigStateChecks: noFax}
		if v == sandbox.OpenproviderEmptyFaxRejected {
			removeFax.ConfigStateChecks, removeFax.ExpectError = nil, regexp.MustCompile(`(?s)code 133.*`+
				acctest.Phrase(`The update removed fax by sending empty values. If Openprovider refuses them`).String())
		}
		return []resource.TestStep{
			// No fax is ever sent unless one is set, so create and update without one work.
			{Config: customerConfig("Doe", ""), ConfigStateChecks: noFax},
			{Config: customerConfig("Doe", `  comments = "changed"`), ConfigStateChecks: noFax},
			{Config: customerConfig("Doe", fax), ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("fax").AtMapKey("subscriber_number"), knownvalue.StringExact("7654321")),
			}},
			removeFax,
		}
	})
}

func TestAccCustomer_unlistedAdditionalDataUnderEveryVariant(t *testing.T) {
	// cost_center is in Openprovider's example of an update, not in its spec.
	config := customerConfig("Doe", `  additional_data = { birth_city = "Utrecht", cost_center = "IT" }`)
	behaviourTest(t, map[string]sandbox.OpenproviderUnlistedKeys{
		"stored":   sandbox.OpenproviderUnlistedStored,
		"dropped":  sandbox.OpenproviderUnlistedDropped,
		"rejected": sandbox.OpenproviderUnlistedRejected,
	}, func(v sandbox.OpenproviderUnlistedKeys) sandbox.OpenproviderBehaviour {
		return sandbox.OpenproviderBehaviour{UnlistedAdditionalData: v}
	}, func(v sandbox.OpenproviderUnlistedKeys) []resource.TestStep {
		switch v {
		case sandbox.OpenproviderUnlistedDropped:
			return []resource.TestStep{
				// The create warns and the refresh after it finds cost_center gone...
				{Config: config, ExpectNonEmptyPlan: true, ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("additional_data").AtMapKey("birth_city"), knownvalue.StringExact("Utrecht")),
				}},
				// ...and the update that sets it again fails on that attribute.
				{Config: config, ExpectError: regexp.MustCompile(`(?s)Openprovider did not apply additional_data.cost_center.*` +
					acctest.Phrase(`no value for additional_data.cost_center, which the configuration sets`).String())},
			}
		case sandbox.OpenproviderUnlistedRejected:
			return []resource.TestStep{{Config: config, ExpectError: acctest.Phrase(`code 151: additional_data.cost_center is not a known field`)}}
		}
		return []resource.TestStep{
			{Config: config, Check: checkVendorHoldsState(), ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("additional_data").AtMapKey("cost_center"), knownvalue.StringExact("IT")),
			}},
		}
	})
}

func TestAccCustomer_deletedOutsideUnderEveryVariant(t *testing.T) {
	behaviourTest(t, map[string]sandbox.OpenproviderDeletedRead{
		"not found":          sandbox.OpenproviderDeletedNotFound,
		"read as is_deleted": sandbox.OpenproviderDeletedFlagged,
	}, func(v sandbox.OpenproviderDeletedRead) sandbox.OpenproviderBehaviour {
		return sandbox.OpenproviderBehaviour{DeletedRead: v}
	}, func(sandbox.OpenproviderDeletedRead) []resource.TestStep {
		return recreatedAfterOutsideDelete(t, func(handle string) error {
			if !acctest.Sandbox.Openprovider.DeleteOutOfBand(handle) {
				return fmt.Errorf("the sandbox holds no live customer %s", handle)
			}
			return nil
		})
	})
}
