package kycapi

import (
	"crypto/elliptic"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

func idsOf(customers []*Customer) []string {
	out := make([]string, len(customers))
	for i, c := range customers {
		out[i] = c.CustomerID
	}
	return out
}

// newSandboxClient serves a fresh emulator that checks every signature, and a client that signs.
func newSandboxClient(t *testing.T) (*sandbox.Server, *Client) {
	t.Helper()
	key := genEC(t, elliptic.P384())
	srv := sandbox.New(sandbox.Options{KYCAPIKey: "apikey_sandbox_unit", KYCPublicKey: &key.PublicKey})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, testClient(t, sandbox.KYCBaseURL(ts.URL), mustSigner(t, pemPKCS8(t, key)))
}

// Customers pages by 100 with signed requests until a page has no token, however the last page
// says it is the last.
func TestCustomersPages(t *testing.T) {
	for _, n := range []int{0, 1, 100, 101, 250} {
		for name, last := range map[string]sandbox.KYCLastPage{
			"no token": sandbox.KYCLastPageNoToken, "empty token": sandbox.KYCLastPageEmptyToken, "full page token": sandbox.KYCFullPageToken,
		} {
			t.Run(fmt.Sprintf("%d customers, %s", n, name), func(t *testing.T) {
				srv, c := newSandboxClient(t)
				srv.KYC.SetBehaviour(sandbox.KYCBehaviour{LastPage: last})
				ids, err := srv.SeedCustomers(sandbox.ServiceKYC, n)
				if err != nil {
					t.Fatal(err)
				}
				got, err := httpclient.All(c.Customers(t.Context()))
				if err != nil {
					t.Fatal(err)
				}
				slices.Reverse(ids) // newest first
				if !slices.Equal(idsOf(got), ids) {
					t.Errorf("listed %v, want %v", idsOf(got), ids)
				}
				want := max(1, (n+99)/100)
				if last == sandbox.KYCFullPageToken && n > 0 && n%100 == 0 {
					want++ // the empty page after a full last one
				}
				if srv.ListCalls(sandbox.ServiceKYC) != want {
					t.Errorf("%d list calls, want %d", srv.ListCalls(sandbox.ServiceKYC), want)
				}
			})
		}
	}
}

// A consumer that stops reading stops the listing: no further page is requested.
func TestCustomersStopsWithTheConsumer(t *testing.T) {
	srv, c := newSandboxClient(t)
	if _, err := srv.SeedCustomers(sandbox.ServiceKYC, 250); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ read, calls int }{{1, 1}, {100, 1}, {101, 2}, {201, 3}} {
		srv.ResetCounts()
		read := 0
		for _, err := range c.Customers(t.Context()) {
			if err != nil {
				t.Fatal(err)
			}
			if read++; read == tc.read {
				break
			}
		}
		if n := srv.ListCalls(sandbox.ServiceKYC); n != tc.calls {
			t.Errorf("reading %d: %d list calls, want %d", tc.read, n, tc.calls)
		}
	}
}

// A refused page (an unsigned request here) ends the listing with the error.
func TestCustomersError(t *testing.T) {
	srv, _ := newSandboxClient(t)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	got, err := httpclient.All(testClient(t, sandbox.KYCBaseURL(ts.URL), nil).Customers(t.Context()))
	if err == nil || len(got) != 0 {
		t.Fatalf("%d customers, %v", len(got), err)
	}
}
