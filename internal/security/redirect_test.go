package security

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// What must never reach another origin: credentials and personal data.
const (
	opUser      = "sec-user"
	opPassword  = "sec-Pa55word-never-elsewhere"
	ecurringKey = "sec-ecurring-key-never-elsewhere"
	kycKey      = "apikey_sec_never_elsewhere"
	email       = "jane.secret@example.com"
	lastName    = "Secretlast"
	idNumber    = "IDN-SECRET-4711"
)

// recorder is the second origin: it answers 200 to anything and keeps what arrived, which must be
// nothing.
type recorder struct {
	srv  *httptest.Server
	mu   sync.Mutex
	seen []string
}

// newRecorder serves on host (127.0.0.2 is another host than the vendor's 127.0.0.1).
func newRecorder(t *testing.T, host string) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.srv = serveOn(t, host, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		rec.mu.Lock()
		rec.seen = append(rec.seen, fmt.Sprintf("%s %s %v %s", r.Method, r.URL, r.Header, body))
		rec.mu.Unlock()
		_, _ = io.WriteString(w, "{}")
	}), false)
	return rec
}

func (rec *recorder) check(t *testing.T) {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.seen) != 0 {
		t.Errorf("the second origin received %d requests, the first: %.300s", len(rec.seen), rec.seen[0])
	}
}

// serveOn starts h on an ephemeral port of host, with TLS when tls is set.
func serveOn(t *testing.T, host string, h http.Handler, tls bool) *httptest.Server {
	t.Helper()
	l, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are what some tests cause
	_ = srv.Listener.Close()
	srv.Listener = l
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv
}

// vendor is the first origin: the sandbox, except that requests redirect() picks answer 307 to
// the same path at target, and requests drop() picks lose their connection unanswered.
type vendor struct {
	srv      *httptest.Server
	redirect func(*http.Request) bool
	drop     func(*http.Request) bool
}

func newVendor(t *testing.T, tls bool, target string, redirect, drop func(*http.Request) bool) *vendor {
	t.Helper()
	box := sandbox.New(sandbox.Options{OpenproviderUsername: opUser, OpenproviderPassword: opPassword, EcurringAPIKey: ecurringKey, KYCAPIKey: kycKey})
	v := &vendor{redirect: redirect, drop: drop}
	v.srv = serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case redirect(r):
			//nolint:gosec // G710: redirecting elsewhere is the attack this test plays
			http.Redirect(w, r, target+r.URL.RequestURI(), http.StatusTemporaryRedirect)
		case drop != nil && drop(r):
			_, _ = io.Copy(io.Discard, r.Body)
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		default:
			box.ServeHTTP(w, r)
		}
	}), tls)
	return v
}

func route(method, pathPrefix string) func(*http.Request) bool {
	return func(r *http.Request) bool {
		return r.Method == method && strings.HasPrefix(r.URL.Path, pathPrefix)
	}
}

// httpClient trusts the vendor's test certificate when it serves https, and retries briefly.
func httpClient(v *vendor) httpclient.Config {
	cfg := httpclient.Config{UserAgent: "security-test", MaxRetries: new(2), MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond}
	if v.srv.TLS != nil {
		cfg.Transport = v.srv.Client().Transport
	}
	return cfg
}

func opCustomer() *openproviderapi.Customer {
	return &openproviderapi.Customer{
		Name:    &openproviderapi.Name{FirstName: "Jane", LastName: lastName},
		Address: openproviderapi.Address{Street: "Main", Number: "1", Zipcode: "1234AB", City: "Amsterdam", Country: "NL"},
		Phone:   openproviderapi.Phone{CountryCode: "+31", AreaCode: "20", SubscriberNumber: "1234567"},
		Email:   email,
	}
}

func kycInput() *kycapi.CustomerInput {
	return &kycapi.CustomerInput{
		Type:             "Individual",
		FullName:         kycapi.FullName{FirstName: "Jane", LastName: lastName},
		DateOfBirth:      "1980-01-02",
		Email:            email,
		Identities:       []kycapi.Identity{{IssuingCountry: "NL", IDNumber: idNumber, IDType: "Passport"}},
		PrimaryResidence: kycapi.Address{Street: "Main 1", City: "Amsterdam", PostCode: "1234AB", State: "NH", Country: "NL"},
	}
}

func signer(t *testing.T) *kycapi.Signer {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	s, err := kycapi.ParseSigningKey(string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func str(s string) *string { return &s }

// redirectCase is one request kind of one service: which request the vendor redirects, the call
// that makes it, and the method and path (below the base URL) the error names.
type redirectCase struct {
	service, kind string
	redirect      func(*http.Request) bool
	drop          func(*http.Request) bool
	call          func(ctx context.Context, c clients) error
	op, method    string
	path          string
	// wrapped is what the vendor client says before the redirect error, given the base URL.
	wrapped func(baseURL string) string
}

var redirectCases = []redirectCase{
	{
		service: "openprovider", kind: "login", redirect: route("POST", "/openprovider/v1beta/auth/login"),
		call: func(ctx context.Context, c clients) error {
			_, err := c.op.GetCustomer(ctx, "JD000001-NL")
			return err
		},
		op: "log in", method: "POST", path: "/auth/login",
	},
	{
		service: "openprovider", kind: "create", redirect: route("POST", "/openprovider/v1beta/customers"),
		call: func(ctx context.Context, c clients) error {
			_, err := c.op.CreateCustomer(ctx, opCustomer())
			return err
		},
		op: "create customer", method: "POST", path: "/customers",
	},
	{
		service: "openprovider", kind: "read", redirect: route("GET", "/openprovider/v1beta/customers/"),
		call: func(ctx context.Context, c clients) error {
			_, err := c.op.GetCustomer(ctx, "JD000001-NL")
			return err
		},
		op: "read customer JD000001-NL", method: "GET", path: "/customers/JD000001-NL",
	},
	{
		service: "openprovider", kind: "update", redirect: route("PUT", "/openprovider/v1beta/customers/"),
		call: func(ctx context.Context, c clients) error {
			update := opCustomer()
			update.Name = nil // immutable: an update leaves it out
			return c.op.UpdateCustomer(ctx, "JD000001-NL", update)
		},
		op: "update customer JD000001-NL", method: "PUT", path: "/customers/JD000001-NL",
	},
	{
		// Openprovider's only list is the lookup after a create whose outcome is unknown.
		service: "openprovider", kind: "list", redirect: route("GET", "/openprovider/v1beta/customers"),
		drop: route("POST", "/openprovider/v1beta/customers"),
		call: func(ctx context.Context, c clients) error {
			_, err := c.op.CreateCustomer(ctx, opCustomer())
			return err
		},
		op: "look for a created customer", method: "GET", path: "/customers",
		wrapped: func(baseURL string) string {
			return "create customer: POST " + baseURL + "/customers: no response after 1 attempt: EOF; the request may have been processed; " +
				"looking for the customer it may have created failed too, so check for a duplicate: "
		},
	},
	{
		service: "ecurring", kind: "create", redirect: route("POST", "/ecurring/customers"),
		call: func(ctx context.Context, c clients) error {
			_, err := c.ec.CreateCustomer(ctx, ecurringapi.Attributes{"last_name": str(lastName), "email": str(email)})
			return err
		},
		op: "create customer", method: "POST", path: "/customers",
	},
	{
		service: "ecurring", kind: "read", redirect: route("GET", "/ecurring/customers/"),
		call: func(ctx context.Context, c clients) error {
			_, err := c.ec.GetCustomer(ctx, "1")
			return err
		},
		op: "read customer 1", method: "GET", path: "/customers/1",
	},
	{
		service: "ecurring", kind: "update", redirect: route("PATCH", "/ecurring/customers/"),
		call: func(ctx context.Context, c clients) error {
			_, err := c.ec.UpdateCustomer(ctx, "1", ecurringapi.Attributes{"email": str(email)})
			return err
		},
		op: "update customer 1", method: "PATCH", path: "/customers/1",
	},
	{
		service: "ecurring", kind: "list", redirect: route("GET", "/ecurring/customers"),
		call: func(ctx context.Context, c clients) error {
			for _, err := range c.ec.Customers(ctx, "") {
				if err != nil {
					return err
				}
			}
			return nil
		},
		op: "list customers", method: "GET", path: "/customers",
	},
	{
		service: "kyc", kind: "create", redirect: route("PUT", "/noah/"),
		call: func(ctx context.Context, c clients) error {
			_, err := c.kyc.CreateCustomer(ctx, "cust-sec-1", kycInput())
			return err
		},
		op: "put customer cust-sec-1", method: "PUT", path: "/customers/cust-sec-1",
	},
	{
		service: "kyc", kind: "read", redirect: route("GET", "/noah/"),
		call: func(ctx context.Context, c clients) error {
			_, err := c.kyc.GetCustomer(ctx, "cust-sec-1")
			return err
		},
		op: "read customer cust-sec-1", method: "GET", path: "/customers/cust-sec-1",
	},
	{
		service: "kyc", kind: "update", redirect: route("PUT", "/noah/"),
		call: func(ctx context.Context, c clients) error {
			err := c.kyc.PutCustomer(ctx, "cust-sec-1", kycInput())
			return err
		},
		op: "put customer cust-sec-1", method: "PUT", path: "/customers/cust-sec-1",
	},
}

// clients are the three vendor clients, all configured with the same base URL.
type clients struct {
	op  *openproviderapi.Client
	ec  *ecurringapi.Client
	kyc *kycapi.Client
}

func newClients(t *testing.T, baseURL string, v *vendor) clients {
	t.Helper()
	ec, err := ecurringapi.New(ecurringapi.Settings{BaseURL: baseURL, APIKey: ecurringKey, HTTP: httpClient(v)})
	if err != nil {
		t.Fatal(err)
	}
	k, err := kycapi.New(kycapi.Settings{BaseURL: baseURL, APIKey: kycKey, Signer: signer(t), HTTP: httpClient(v)})
	if err != nil {
		t.Fatal(err)
	}
	op, err := openproviderapi.New(openproviderapi.Settings{BaseURL: baseURL, Username: opUser, Password: opPassword, HTTP: httpClient(v)})
	if err != nil {
		t.Fatal(err)
	}
	return clients{op: op, ec: ec, kyc: k}
}

func baseURL(service, root string) string {
	switch service {
	case "openprovider":
		return sandbox.OpenproviderBaseURL(root)
	case "ecurring":
		return sandbox.EcurringBaseURL(root)
	}
	return sandbox.KYCBaseURL(root)
}

// Every service and request kind, over http to another host and over https downgraded to http:
// the call fails with the words below and nothing arrives at the second origin.
func TestRedirectToAnotherOriginIsNotFollowed(t *testing.T) {
	for _, scheme := range []string{"http", "https"} {
		for _, tc := range redirectCases {
			t.Run(scheme+"/"+tc.service+"/"+tc.kind, func(t *testing.T) {
				rec := newRecorder(t, "127.0.0.2")
				v := newVendor(t, scheme == "https", rec.srv.URL, tc.redirect, tc.drop)
				base := baseURL(tc.service, v.srv.URL)
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer cancel()

				err := tc.call(ctx, newClients(t, base, v))

				rec.check(t)
				if err == nil {
					t.Fatal("the call succeeded")
				}
				location := rec.srv.URL + strings.TrimPrefix(base+tc.path, v.srv.URL)
				want := tc.service + ": " + tc.op + ": " + tc.method + " " + base + tc.path + ": HTTP 307 redirect to " + location +
					" not followed: it leads to another origin (scheme, host or port), where the credentials must not go; " +
					"the configured base URL is " + base + ": fix " + tc.service + ".base_url (or " + strings.ToUpper(tc.service) +
					"_BASE_URL) to the address the service answers at"
				if tc.wrapped != nil {
					want = tc.wrapped(base) + want
				}
				if got := err.Error(); got != want {
					t.Errorf("error\n got: %s\nwant: %s", got, want)
				}
				for _, secret := range []string{opPassword, ecurringKey, kycKey, email, lastName, idNumber} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("the error shows %q", secret)
					}
				}
			})
		}
	}
}
