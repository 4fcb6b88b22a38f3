package openprovider_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// interruptible serves the provider with an apply whose context the test cancels, as Ctrl-C
// cancels Terraform's: terraform-plugin-testing cannot send an interrupt itself.
type interruptible struct {
	tfprotov6.ProviderServer
	interrupt *atomic.Pointer[context.CancelFunc]
}

func (p interruptible) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p.interrupt.Store(&cancel)
	return p.ProviderServer.ApplyResourceChange(ctx, req)
}

// slowOpenprovider is a private, slow Openprovider emulator that interrupts the apply when the
// read after a create arrives, and refuses that read while refuseReads is set.
type slowOpenprovider struct {
	url         string
	interrupts  atomic.Int32
	refuseReads atomic.Bool
	factories   map[string]func() (tfprotov6.ProviderServer, error)
}

func newSlowOpenprovider(t *testing.T) *slowOpenprovider {
	t.Helper()
	srv := sandbox.New(sandbox.Options{OpenproviderUsername: "interrupt-user", OpenproviderPassword: "interrupt-Pa55word"})
	if err := srv.SetFaults(sandbox.ServiceOpenprovider, sandbox.Faults{Latency: 200 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	s := &slowOpenprovider{}
	var interrupt atomic.Pointer[context.CancelFunc]
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/customers/") {
			if cancel := interrupt.Swap(nil); cancel != nil {
				s.interrupts.Add(1)
				(*cancel)() // the create has been answered and the read sent: the user presses Ctrl-C
			}
			if s.refuseReads.Load() {
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(`{"code":101,"desc":"Read refused by the test"}`))
				return
			}
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	s.url = sandbox.OpenproviderBaseURL(ts.URL)
	serve := acctest.ProviderFactories()["customers"]
	s.factories = map[string]func() (tfprotov6.ProviderServer, error){"customers": func() (tfprotov6.ProviderServer, error) {
		p, err := serve()
		return interruptible{p, &interrupt}, err
	}}
	return s
}

func (s *slowOpenprovider) config() string {
	return `
provider "customers" {
  openprovider = { base_url = "` + s.url + `", username = "interrupt-user", password = "interrupt-Pa55word" }
}
` + customerConfig("Interrupted", "")
}

func (s *slowOpenprovider) checkInterrupted(*terraform.State) error {
	if s.interrupts.Load() != 1 {
		return fmt.Errorf("the apply was interrupted %d times, want once", s.interrupts.Load())
	}
	return nil
}

// Ctrl-C during an apply, while the customer is read back after its create: the read still
// finishes, the customer is in the state untainted with what Openprovider filled in, and the plan
// after it (which the test framework requires to be empty) replaces nothing.
func TestAccOpenproviderCustomer_interruptedApplyKeepsTheCustomer(t *testing.T) {
	t.Parallel()
	acctest.NeedsSandbox(t)
	s := newSlowOpenprovider(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: s.factories,
		Steps: []resource.TestStep{{
			Config: s.config(),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: s.checkInterrupted,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("handle"), knownvalue.StringRegexp(handlePattern)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("name").AtMapKey("full_name"), knownvalue.StringExact("Jane Interrupted")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("locale"), knownvalue.StringExact("en_GB")),
			},
		}},
	})
}

// When the read after the create fails too, the customer is still in the state untainted (a
// warning, not an error): the handle and the planned values, with full_name and locale null until
// the next refresh reads them; the plan after that refresh is empty, with no replacement.
func TestAccOpenproviderCustomer_failedReadBackKeepsTheCustomer(t *testing.T) {
	t.Parallel()
	acctest.NeedsSandbox(t)
	s := newSlowOpenprovider(t)
	s.refuseReads.Store(true)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: s.factories,
		Steps: []resource.TestStep{
			{
				Config: s.config(),
				Check: resource.ComposeAggregateTestCheckFunc(
					s.checkInterrupted,
					func(*terraform.State) error { s.refuseReads.Store(false); return nil },
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("handle"), knownvalue.StringRegexp(handlePattern)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("email"), knownvalue.StringExact("jane@example.com")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name").AtMapKey("full_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("locale"), knownvalue.Null()),
				},
			},
			{
				Config: s.config(),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name").AtMapKey("full_name"), knownvalue.StringExact("Jane Interrupted")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("locale"), knownvalue.StringExact("en_GB")),
				},
			},
		},
	})
}
