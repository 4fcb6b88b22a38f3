package provider_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

func TestMain(m *testing.M) { acctest.Main(m) }

var services = []string{sandbox.ServiceOpenprovider, sandbox.ServiceEcurring, sandbox.ServiceKYC}

// TestAccRefreshUnderFaults is issue 12's case: 45 customers, 15 of each type, while every
// service answers 20% of requests with 500/502/503 and 10% with 429. With a fixed count of
// retries about one refresh plan in three failed; retried within the read timeout, six refresh
// plans in a row all succeed and find nothing to change.
func TestAccRefreshUnderFaults(t *testing.T) {
	sb := acctest.NeedsSandbox(t)
	setFaults := func(f sandbox.Faults) {
		for _, service := range services {
			if err := sb.SetFaults(service, f); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Cleanup(func() { setFaults(sandbox.Faults{}) })
	config := faultsConfig(15)
	refresh := resource.TestStep{Config: config, PlanOnly: true}
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			acctest.PreCheckOpenprovider(t)
			acctest.PreCheckEcurring(t)
			acctest.PreCheckKYC(t)
			sb.ResetCounts()
			setFaults(sandbox.Faults{ServerErrors: 0.20, TooManyRequests: 0.10})
		},
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config},
			refresh, refresh, refresh, refresh, refresh, refresh,
		},
	})
	for _, service := range services {
		s := sb.Stats(service)
		t.Logf("%s: %d requests, faults %v", service, s.Requests, s.Faulted)
		if s.Faulted["429"] == 0 || s.Faulted["502"] == 0 || s.Faulted["500"] == 0 || s.Faulted["503"] == 0 {
			t.Errorf("%s: the faults were not injected: %v", service, s.Faulted)
		}
	}
}

// faultsConfig renders n customers of each type, each with its own identifying details.
func faultsConfig(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `
resource "openprovider_customer" "c" {
  provider = customers
  count    = %[1]d
  name     = { first_name = "Flaky", last_name = "Doe${count.index}" }
  address  = { street = "Main Street", number = "${count.index + 1}", zipcode = "1234 AB", city = "Amsterdam", country = "NL" }
  phone    = { country_code = "+31", area_code = "20", subscriber_number = "1234567" }
  email    = "flaky-op${count.index}@example.com"
}

resource "ecurring_customer" "c" {
  provider   = customers
  count      = %[1]d
  first_name = "Flaky"
  last_name  = "Doe${count.index}"
  email      = "flaky-ec${count.index}@example.com"
}

resource "kyc_customer" "c" {
  provider      = customers
  count         = %[1]d
  customer_id   = "flaky-${count.index}"
  full_name     = { first_name = "Flaky", last_name = "Doe${count.index}" }
  date_of_birth = "1990-04-16"
  identities    = [{ issuing_country = "NL", id_type = "Passport", id_number = "FX${count.index}" }]
  primary_residence = { street = "Damrak 1", city = "Amsterdam", post_code = "1012 LG", state = "Noord-Holland", country = "NL" }
}
`, n)
	return b.String()
}
