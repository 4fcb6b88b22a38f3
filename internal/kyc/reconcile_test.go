package kyc

import (
	"errors"
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
		httpclient.New(httpclient.Config{Service: service, UserAgent: "test", MinBackoff: 1, MaxBackoff: 2}))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c, &puts
}

// A PUT whose answer is lost is sent again (it is idempotent); the customer is created once.
func TestCreateSurvivesALostPut(t *testing.T) {
	srv, c, puts := sandboxClient(t, true)
	m := sampleModel()
	got, err := c.CreateCustomer(t.Context(), "cust-1", m.toAPI())
	if err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	if puts.Load() != 2 || srv.KYC.CustomerCount() != 1 || got.Created == "" {
		t.Fatalf("%d PUTs, %d customers, created %q: want 2, 1 and a creation time", puts.Load(), srv.KYC.CustomerCount(), got.Created)
	}
}

// A customer whose record already equals the configuration (an interrupted apply's) is adopted;
// a different one is refused.
func TestCreateAdoptsOnlyAnIdenticalRecord(t *testing.T) {
	_, c, _ := sandboxClient(t, false)
	m := sampleModel()
	in := m.toAPI()
	if _, err := c.PutCustomer(t.Context(), "cust-1", in); err != nil {
		t.Fatal(err)
	}
	if got, err := c.CreateCustomer(t.Context(), "cust-1", in); err != nil || got.CustomerID != "cust-1" {
		t.Fatalf("CreateCustomer over an identical record = %+v, %v; want it adopted", got, err)
	}
	other := *in
	other.FullName.FirstName = "Someone"
	var exists *ExistsError
	if _, err := c.CreateCustomer(t.Context(), "cust-1", &other); !errors.As(err, &exists) {
		t.Fatalf("CreateCustomer over a different record = %v, want ExistsError", err)
	}
}
