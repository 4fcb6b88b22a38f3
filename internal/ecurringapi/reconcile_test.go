package ecurringapi

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// serveFaultyCreates serves the emulator, but fault(n) decides what happens to the n-th create:
// "drop" (handled, then the connection closed), "502" (refused by a gateway) or "" (normal).
func serveFaultyCreates(t *testing.T, srv *sandbox.Server, fault func(n int32) string) (string, *atomic.Int32) {
	t.Helper()
	var creates atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			srv.ServeHTTP(w, r)
			return
		}
		switch fault(creates.Add(1)) {
		case "drop":
			srv.ServeHTTP(httptest.NewRecorder(), r)
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				_ = conn.Close()
			}
		case "502":
			w.WriteHeader(http.StatusBadGateway)
		default:
			srv.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	return sandbox.EcurringBaseURL(ts.URL), &creates
}

func TestCreateAdoptsTheCustomerALostCreateMade(t *testing.T) {
	srv := sandbox.New(sandbox.Options{EcurringAPIKey: testKey})
	base, creates := serveFaultyCreates(t, srv, func(n int32) string {
		if n == 61 {
			return "drop"
		}
		return ""
	})
	c := newTestClient(t, base)
	// 60 customers first, two pages' worth: the lost create lands on the last page. One of them
	// is an exact twin, older, which must not be the one adopted.
	want := Attributes{AttrFirstName: ptr("Jane"), AttrLastName: ptr("Doe"), AttrEmail: ptr("jane@example.com"), AttrCity: ptr("Utrecht")}
	for i := range 60 {
		attrs := Attributes{AttrFirstName: ptr("Filler"), AttrLastName: ptr("Customer"), AttrEmail: ptr("filler@example.com")}
		if i == 10 {
			attrs = want
		}
		if _, err := c.CreateCustomer(t.Context(), attrs); err != nil {
			t.Fatal(err)
		}
	}
	got, err := c.CreateCustomer(t.Context(), want)
	if err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	if creates.Load() != 61 || srv.Ecurring.CustomerCount() != 61 || got.ID != "61" {
		t.Fatalf("%d creates, %d customers, adopted %s: want 61, 61 and the newest, 61", creates.Load(), srv.Ecurring.CustomerCount(), got.ID)
	}
}

func TestCreateIsSentAgainWhenTheLostCreateMadeNothing(t *testing.T) {
	srv := sandbox.New(sandbox.Options{EcurringAPIKey: testKey})
	base, creates := serveFaultyCreates(t, srv, func(n int32) string {
		if n == 1 {
			return "502"
		}
		return ""
	})
	got, err := newTestClient(t, base).CreateCustomer(t.Context(),
		Attributes{AttrFirstName: ptr("Jane"), AttrLastName: ptr("Doe"), AttrEmail: ptr("jane@example.com")})
	if err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	if creates.Load() != 2 || srv.Ecurring.CustomerCount() != 1 || got.ID != "1" {
		t.Fatalf("%d creates, %d customers: want 2 creates and exactly one customer", creates.Load(), srv.Ecurring.CustomerCount())
	}
}
