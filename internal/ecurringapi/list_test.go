package ecurringapi

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

func idsOf(customers []*Customer) []string {
	out := make([]string, len(customers))
	for i, c := range customers {
		out[i] = c.ID
	}
	return out
}

// Customers follows the next links in pages of 50, under every answer to a large page and to a
// filter (the client sends none).
func TestCustomersPages(t *testing.T) {
	for _, n := range []int{0, 1, 50, 51, 120} {
		for name, b := range map[string]sandbox.EcurringBehaviour{
			"default":         {},
			"clamped":         {LargePage: sandbox.EcurringLargePageClamped},
			"up to 100":       {LargePage: sandbox.EcurringLargePageUpTo100},
			"filter refused":  {Filter: sandbox.EcurringFilterRefused},
			"filter honoured": {Filter: sandbox.EcurringFilterEmail},
			"newest first":    {ListNewestFirst: true},
		} {
			t.Run(fmt.Sprintf("%d customers, %s", n, name), func(t *testing.T) {
				srv, c := newSandboxClient(t)
				srv.Ecurring.SetBehaviour(b)
				ids, err := srv.SeedCustomers(sandbox.ServiceEcurring, n)
				if err != nil {
					t.Fatal(err)
				}
				got, err := httpclient.All(c.Customers(t.Context(), ""))
				if err != nil {
					t.Fatal(err)
				}
				if b.ListNewestFirst {
					slices.Reverse(ids)
				}
				if !slices.Equal(idsOf(got), ids) {
					t.Errorf("listed %v, want %v", idsOf(got), ids)
				}
				if want := max(1, (n+49)/50); srv.ListCalls(sandbox.ServiceEcurring) != want {
					t.Errorf("%d list calls, want %d", srv.ListCalls(sandbox.ServiceEcurring), want)
				}
			})
		}
	}
}

// The e-mail filter is exact (without regard to case), applied by the client on every page.
func TestCustomersEmailFilter(t *testing.T) {
	srv, c := newSandboxClient(t)
	ids, err := srv.SeedCustomers(sandbox.ServiceEcurring, 120)
	if err != nil {
		t.Fatal(err)
	}
	for email, want := range map[string][]string{
		"seed000077@example.com": {ids[76]},
		"SEED000101@Example.COM": {ids[100]},
		"seed00007@example.com":  nil, // no partial match
		"seed*@example.com":      nil, // no wildcard
		"nobody@example.com":     nil,
	} {
		srv.ResetCounts()
		got, err := httpclient.All(c.Customers(t.Context(), email))
		if err != nil || !slices.Equal(idsOf(got), want) {
			t.Errorf("%s: %v, %v; want %v", email, idsOf(got), err, want)
		}
		if n := srv.ListCalls(sandbox.ServiceEcurring); n != 3 {
			t.Errorf("%s: %d list calls, want 3", email, n)
		}
	}
	for _, r := range srv.Requests() {
		if strings.Contains(r.RawQuery, "filter") {
			t.Errorf("the client sent a filter: %s", r.RawQuery)
		}
	}
}

// A consumer that stops reading stops the listing: no further page is requested.
func TestCustomersStopsWithTheConsumer(t *testing.T) {
	srv, c := newSandboxClient(t)
	if _, err := srv.SeedCustomers(sandbox.ServiceEcurring, 120); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ read, calls int }{{1, 1}, {50, 1}, {51, 2}, {101, 3}} {
		srv.ResetCounts()
		read := 0
		for _, err := range c.Customers(t.Context(), "") {
			if err != nil {
				t.Fatal(err)
			}
			if read++; read == tc.read {
				break
			}
		}
		if n := srv.ListCalls(sandbox.ServiceEcurring); n != tc.calls {
			t.Errorf("reading %d: %d list calls, want %d", tc.read, n, tc.calls)
		}
	}
}
