package reliability_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

var allKinds = []string{"openprovider_customer", "ecurring_customer", "kyc_customer"}

// TestFaultsConverge applies 300 customers of each kind while every service answers 20% of
// requests with 500/502/503, 10% with 429 and drops 5% of connections after handling them.
func TestFaultsConverge(t *testing.T) {
	e := newEnv(t)
	for _, service := range []string{sandbox.ServiceOpenprovider, sandbox.ServiceEcurring, sandbox.ServiceKYC} {
		if err := e.sb.SetFaults(service, sandbox.Faults{ServerErrors: 0.20, TooManyRequests: 0.10, DropAfterProcessing: 0.05, RetryAfter: time.Second}); err != nil {
			t.Fatal(err)
		}
	}
	// A request fails 35% of the time, and the apply and the refresh plan make about 1,800 reads:
	// with a fixed count of retries some runs lost a read and failed. Retried within each
	// operation's time limit instead, with the default settings, one apply converges.
	writeFile(t, filepath.Join(e.dir, "main.tf"), customers(300, "", allKinds...))
	e.apply("-parallelism=20")
	e.checkConverged(300, allKinds...)
	for _, service := range []string{sandbox.ServiceOpenprovider, sandbox.ServiceEcurring, sandbox.ServiceKYC} {
		s := e.sb.Stats(service)
		t.Logf("%s: %d requests, faults %v", service, s.Requests, s.Faulted)
		if s.Faulted["drop"] == 0 || s.Faulted["429"] == 0 || s.Faulted["502"] == 0 {
			t.Errorf("%s: the faults were not injected: %v", service, s.Faulted)
		}
	}
}

// TestInterruptedApplyConverges interrupts an apply half-way with SIGINT, as a user pressing
// Ctrl-C would, and applies again.
func TestInterruptedApplyConverges(t *testing.T) {
	e := newEnv(t)
	for _, service := range []string{sandbox.ServiceOpenprovider, sandbox.ServiceEcurring, sandbox.ServiceKYC} {
		if err := e.sb.SetFaults(service, sandbox.Faults{Latency: 40 * time.Millisecond}); err != nil {
			t.Fatal(err)
		}
	}
	const n = 200
	writeFile(t, filepath.Join(e.dir, "main.tf"), customers(n, "", allKinds...))
	cmd := e.command("apply", "-auto-approve", "-input=false")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	half := 3 * n / 2
	for created := 0; created < half; created = len(e.sb.Openprovider.Customers()) + e.sb.Ecurring.CustomerCount() + e.sb.KYC.CustomerCount() {
		select {
		case err := <-done:
			t.Fatalf("the apply ended (%v) before it could be interrupted half-way", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := <-done
	t.Logf("interrupted apply ended with %v; state: %v", err, counts(e.stateIDs()))
	if err == nil {
		t.Fatal("the interrupted apply reported success")
	}
	e.apply()
	e.checkConverged(n, allKinds...)
}

// TestOneLoginAtParallelism50WithinRateLimit: 300 Openprovider customers at parallelism 50 with
// a rate limit of 40 requests per second log in once per provider process and never exceed it,
// neither within any second nor within a 10-second window.
func TestOneLoginAtParallelism50WithinRateLimit(t *testing.T) {
	e := newEnv(t)
	const limit, window = 40, 10 * time.Second
	// Vendors enforce limits over windows (Openprovider's test environment: 50 calls per 100
	// seconds) and per second; the sandbox counts arrivals over both (a limit this high refuses
	// nothing).
	if err := e.sb.SetFaults(sandbox.ServiceOpenprovider, sandbox.Faults{RateLimit: 1 << 30, RateWindow: window}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(e.dir, "main.tf"), customers(300, "  openprovider = { rate_limit = 40 }", "openprovider_customer"))
	// Each command is measured on its own: every provider process has its own limiter.
	checkPeak := func(command string) {
		stats := e.sb.Stats(sandbox.ServiceOpenprovider)
		t.Logf("%s: %d requests, peak %d per second and %d per %s", command, stats.Requests, stats.PeakPerSecond, stats.PeakPerWindow, window)
		// +1: requests spaced 1/limit apart fit once more than limit times in a closed interval;
		// +2: arrivals delayed by up to 50 ms of scheduling join the next interval's, at either
		// end of a second or of a window alike (a run measured 402 in 10 seconds).
		if most := limit + 3; stats.PeakPerSecond > most || stats.PeakPerSecond < limit/2 {
			t.Errorf("%s: the sandbox saw %d requests within a second, want at most %d", command, stats.PeakPerSecond, most)
		}
		if most := limit*int(window/time.Second) + 3; stats.PeakPerWindow > most || stats.PeakPerWindow < most/2 {
			t.Errorf("%s: the sandbox saw %d requests within %s, want at most %d (%d per second)", command, stats.PeakPerWindow, window, most, limit)
		}
		e.sb.ResetCounts()
	}
	e.apply("-parallelism=50")
	checkPeak("apply")
	if out, err := e.terraform("plan", "-input=false", "-detailed-exitcode", "-parallelism=50"); err != nil {
		t.Fatalf("refresh plan: %v\n%s", err, lastLines(out, 20))
	}
	checkPeak("plan")
	logins, launches := e.sb.Openprovider.Logins(opUser), e.launches()
	// Two commands made API calls (the apply, and the plan's refresh): one login each.
	if logins != 2 || logins > launches {
		t.Errorf("%d logins in %d provider processes, want 2: one per process that called the API", logins, launches)
	}
	t.Logf("%d provider processes, %d logins", launches, logins)
	e.checkConverged(300, "openprovider_customer")
}

func counts(ids map[string]map[string]bool) map[string]int {
	out := map[string]int{}
	for kind, set := range ids {
		out[kind] = len(set)
	}
	return out
}
