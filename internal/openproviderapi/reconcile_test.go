package openproviderapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// dropFirstCreate serves the emulator but closes the connection of the first create after the
// emulator handled it: the customer exists, and the client never hears so.
func dropFirstCreate(t *testing.T, srv *sandbox.Server) (baseURL string, creates *atomic.Int32) {
	t.Helper()
	creates = &atomic.Int32{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		isCreate := r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/customers")
		if !isCreate || creates.Add(1) > 1 {
			srv.ServeHTTP(w, r)
			return
		}
		srv.ServeHTTP(httptest.NewRecorder(), r)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		_ = conn.Close()
	}))
	t.Cleanup(ts.Close)
	return sandbox.OpenproviderBaseURL(ts.URL), creates
}

// TestCreateAdoptsTheCustomerALostCreateMade: the answer to a create is lost after the customer
// was made; the client finds it instead of making a second one.
func TestCreateAdoptsTheCustomerALostCreateMade(t *testing.T) {
	srv := sandbox.New(sandbox.Options{OpenproviderUsername: testUser, OpenproviderPassword: testPassword})
	base, creates := dropFirstCreate(t, srv)
	c := newTestClient(base, testUser, testPassword)

	// An older twin with the same details, and a near-twin with another e-mail address: the newest
	// exact match is the one the lost create made.
	twin := fullCustomer()
	direct := newTestClient(sandboxURL(t, srv), testUser, testPassword)
	for _, email := range []string{"other@example.com", twin.Email} {
		other := fullCustomer()
		other.Email = email
		if _, err := direct.createOnce(t.Context(), other); err != nil {
			t.Fatal(err)
		}
	}

	handle, err := c.CreateCustomer(t.Context(), fullCustomer())
	if err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	if got := creates.Load(); got != 1 {
		t.Fatalf("the client sent %d creates, want 1 (the lost one)", got)
	}
	customers := srv.Openprovider.Customers()
	if len(customers) != 3 || handle != customers[2] {
		t.Fatalf("adopted %s of %v, want the newest, %s", handle, customers, customers[len(customers)-1])
	}
}

// TestCreateAdoptsALostCreateTheServerFilledIn: a lost create that left locale to Openprovider
// made a customer with the account's default locale; it is still the one to adopt.
func TestCreateAdoptsALostCreateTheServerFilledIn(t *testing.T) {
	srv := sandbox.New(sandbox.Options{OpenproviderUsername: testUser, OpenproviderPassword: testPassword})
	base, creates := dropFirstCreate(t, srv)
	handle, err := newTestClient(base, testUser, testPassword).CreateCustomer(t.Context(), minimalCustomer("Doe"))
	if err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	if creates.Load() != 1 || len(srv.Openprovider.Customers()) != 1 || srv.Openprovider.Customers()[0] != handle {
		t.Fatalf("%d creates, customers %v, handle %s: want the lost create's customer adopted", creates.Load(), srv.Openprovider.Customers(), handle)
	}
}

// TestCreateIsSentAgainWhenTheLostCreateMadeNothing: a create answered by a gateway error made
// nothing; the lookup finds nothing, and only then is the create sent again.
func TestCreateIsSentAgainWhenTheLostCreateMadeNothing(t *testing.T) {
	srv := sandbox.New(sandbox.Options{OpenproviderUsername: testUser, OpenproviderPassword: testPassword})
	var creates atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/customers") && creates.Add(1) == 1 {
			w.WriteHeader(http.StatusBadGateway) // the gateway, before the API saw it
			return
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	handle, err := newTestClient(sandbox.OpenproviderBaseURL(ts.URL), testUser, testPassword).CreateCustomer(t.Context(), fullCustomer())
	if err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	if creates.Load() != 2 || len(srv.Openprovider.Customers()) != 1 || srv.Openprovider.Customers()[0] != handle {
		t.Fatalf("%d creates, customers %v, handle %s: want 2 creates and exactly one customer", creates.Load(), srv.Openprovider.Customers(), handle)
	}
}

func TestSameListedCustomer(t *testing.T) {
	want := fullCustomer()
	got := fullCustomer()
	got.ID, got.Handle, got.Vat, got.Fax = 7, "JD000007-NL", "", Phone{} // server-made, or not listed
	got.Name.FullName = "Jane van der Doe"
	got.Tags = append([]Tag{{Key: "customer", Value: "test"}}, got.Tags...)
	want.Tags = append(want.Tags, Tag{Key: "customer", Value: "test"})
	if !sameListedCustomer(want, got) {
		t.Fatal("the same customer, with server-made values and tags in another order, does not match")
	}
	got.Address.City = "Elsewhere"
	if sameListedCustomer(want, got) {
		t.Fatal("a customer in another city matches")
	}
	want, got = fullCustomer(), fullCustomer()
	got.Locale = "en_GB"
	if sameListedCustomer(want, got) {
		t.Fatal("a customer with another locale than the one sent matches")
	}
	want.Locale = ""
	if !sameListedCustomer(want, got) {
		t.Fatal("a create without a locale must match whatever locale Openprovider filled in")
	}
}

func sandboxURL(t *testing.T, srv *sandbox.Server) string {
	t.Helper()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return sandbox.OpenproviderBaseURL(ts.URL)
}
