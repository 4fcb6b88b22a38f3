package kyc

import (
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

func sandboxClient(t *testing.T, dropFirstPut bool) (*sandbox.Server, *Client, *atomic.Int32) {
	t.Helper()
	srv := sandbox.New(sandbox.Options{KYCAPIKey: "apikey_sandbox_unit"})
	var puts atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut && puts.Add(1) == 1 && dropFirstPut {
			srv.ServeHTTP(httptest.NewRecorder(), r)
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				_ = conn.Close()
			}
			return
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	c, err := NewClient(Config{BaseURL: sandbox.KYCBaseURL(ts.URL), APIKey: "apikey_sandbox_unit"},
		// A cap rather than retries until a deadline keeps tests of failing answers short.
		httpclient.New(httpclient.Config{Service: service, UserAgent: "test", MinBackoff: 1, MaxBackoff: 2, MaxRetries: 4}))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c, &puts
}

// A create is two requests: the read that finds the id free, and the PUT.
func TestCreateIsTwoRequests(t *testing.T) {
	srv, c, _ := sandboxClient(t, false)
	m := sampleModel()
	if err := c.CreateCustomer(t.Context(), "cust-1", m.toAPI()); err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	want := map[string]int{"GET /noah/v1/customers/{id}": 1, "PUT /noah/v1/customers/{id}": 1}
	if got := srv.Counts(); !maps.Equal(got, want) || srv.KYC.CustomerCount() != 1 {
		t.Fatalf("requests %v and %d customers, want %v and 1", got, srv.KYC.CustomerCount(), want)
	}
}

// A PUT whose answer is lost is sent again (it is idempotent); the customer is created once.
func TestCreateSurvivesALostPut(t *testing.T) {
	srv, c, puts := sandboxClient(t, true)
	m := sampleModel()
	if err := c.CreateCustomer(t.Context(), "cust-1", m.toAPI()); err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	if puts.Load() != 2 || srv.KYC.CustomerCount() != 1 {
		t.Fatalf("%d PUTs and %d customers, want 2 and 1", puts.Load(), srv.KYC.CustomerCount())
	}
}

// A customer whose record already equals the configuration (an interrupted apply's) is adopted;
// a different one is refused.
func TestCreateAdoptsOnlyAnIdenticalRecord(t *testing.T) {
	srv, c, _ := sandboxClient(t, false)
	m := sampleModel()
	in := m.toAPI()
	if _, err := c.PutCustomer(t.Context(), "cust-1", in); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateCustomer(t.Context(), "cust-1", in); err != nil || srv.KYC.CustomerCount() != 1 {
		t.Fatalf("CreateCustomer over an identical record = %v with %d customers; want it adopted", err, srv.KYC.CustomerCount())
	}
	other := *in
	other.FullName.FirstName = "Someone"
	var exists *ExistsError
	if err := c.CreateCustomer(t.Context(), "cust-1", &other); !errors.As(err, &exists) {
		t.Fatalf("CreateCustomer over a different record = %v, want ExistsError", err)
	}
}
