package kycapi

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// Fuzz tests of the decoders of NOAH's answers, of the HCL↔API mapping and of request signing.
// Their seeds run in every `go test`; `make fuzz` explores further.

func FuzzAPIError(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{404, `{"Type":"ResourceNotFound","Instance":"ab12","Action":"GetCustomer","Detail":"customer not found"}`},
		{400, `{"Type":"InvalidMessage","Instance":"cd34","Action":"PutCustomer","Detail":"invalid body","RequestExtension":{"Body":[` +
			`{"Field":"FullName.FirstName","Reason":"SchemaValidation","Description":"too long"},` +
			`{"Field":"Identities[0].IDNumber","Reason":"SchemaValidation","Description":"IDNumber must be 1 to 36 characters long"},` +
			`{"Field":"Identities.1.ExpiryDate","Reason":"","Description":"before IssuedDate"}]}}`},
		{400, `{"Type":"InvalidMessage","Instance":"ef01","Action":"GetCustomer","Detail":"invalid path parameter","RequestExtension":{"Body":[` +
			`{"Field":"CustomerID","Reason":"SchemaValidation","Description":"CustomerID must be 1 to 42 characters long, got 43"}]}}`},
		{401, `{"Type":"Unauthorized","Instance":"ef56","Action":"PutCustomer","Detail":"invalid signature: signature does not verify"}`},
		{403, `{"Type":"Forbidden","Instance":"aa11","Detail":"the API key may not do this"}`},
		{409, `{"Type":"Conflict","Detail":"customer is being updated"}`},
		{429, `{"Type":"TooManyRequests","Detail":"slow down"}`},
		{500, `{"Type":"Unexpected","Instance":"ff00","Detail":"internal error"}`},
		{500, `{"Type":"InvalidState","Instance":"ff01","Detail":"the customer cannot change now"}`},
		{502, `<html><body>502 Bad Gateway</body></html>`},
		{503, ``},
		{400, `{"Type":"","Detail":"no type"}`},
		{400, `{"Type":"InvalidMessage","RequestExtension":{"Body":{"Field":"x"}}}`},
		{404, `null`},
	} {
		f.Add(seed.status, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = fuzzStatus(status)
		resp := &httpclient.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}}, Body: body}
		err := refusal("put customer cust-1", resp)
		if resp.Success() {
			if err != nil {
				t.Fatalf("HTTP %d refused: %v", status, err)
			}
			return
		}
		var apiErr *httpclient.APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("%T is not an *httpclient.APIError: %v", err, err)
		}
		var noah errorBody
		isNOAH := json.Unmarshal(body, &noah) == nil && noah.Type != ""
		if apiErr.StatusCode != status {
			t.Fatalf("HTTP %d became %d", status, apiErr.StatusCode)
		}
		if status == http.StatusNotFound && !apiErr.NotFound || apiErr.NotFound && status != http.StatusNotFound && noah.Type != "ResourceNotFound" {
			t.Fatalf("HTTP %d, type %q: NotFound = %v", status, noah.Type, apiErr.NotFound)
		}
		// Server trouble is a 5xx, and only NOAH's "Unexpected" or a foreign body makes one so.
		wantTransient := status >= 500 && (!isNOAH || noah.Type == "Unexpected")
		if apiErr.Transient != wantTransient || Transient(resp) != wantTransient {
			t.Fatalf("HTTP %d, type %q: Transient = %v", status, noah.Type, apiErr.Transient)
		}
		if strings.Contains(apiErr.Error(), fuzzAPIKey) && !strings.Contains(string(body), fuzzAPIKey) {
			t.Fatalf("the error shows the API key: %v", apiErr)
		}
		if !isNOAH {
			if len(apiErr.Fields) != 0 || apiErr.Code != "" {
				t.Fatalf("no NOAH error body, yet %+v", apiErr)
			}
			return
		}
		if apiErr.Code != noah.Type || !strings.HasPrefix(apiErr.Message, noah.Detail) {
			t.Fatalf("type %q, detail %q: %+v", noah.Type, noah.Detail, apiErr)
		}
		// One field problem per entry of RequestExtension.Body, in order, each with its text.
		if len(apiErr.Fields) != len(noah.RequestExtension.Body) {
			t.Fatalf("%d field problems from %d entries", len(apiErr.Fields), len(noah.RequestExtension.Body))
		}
		for i, fp := range apiErr.Fields {
			entry := noah.RequestExtension.Body[i]
			if fp.Field != entry.Field || !strings.HasSuffix(fp.Problem, entry.Description) || !strings.HasPrefix(fp.Problem, entry.Reason) {
				t.Fatalf("entry %+v became %+v", entry, fp)
			}
		}
	})
}

// fuzzStatus maps any int to an HTTP status code, 100 to 999.
func fuzzStatus(status int) int {
	if status >= 100 && status <= 999 {
		return status
	}
	if status < 0 {
		status = -(status + 1)
	}
	return 100 + status%900
}

func FuzzSignVerify(f *testing.F) {
	f.Add("PUT", "/v1/customers/cust-1", "", []byte(testBody), false)
	f.Add("GET", "/v1/customers/cust-1", "", []byte{}, true)
	f.Add("get", "/customers", "PageSize=50&SortDirection=DESC", []byte(nil), false)
	f.Add(" post ", "/v1/customers/a b/ü", "a=1&a=2&b=&c", []byte(`{}`), true)
	f.Add("DELETE", "", "x=%zz", []byte("x"), false)
	f.Add("", "/", "", []byte(nil), true)
	f.Add("GET", "/v1/%2F/customers", "q=a%26b&r=1;2", []byte{0, 1, 2}, false)
	f.Add("OPTIONS", "/v1/customers/~.-_", "&&=&", []byte("\xff\xfe"), true)
	es384 := genEC(f, elliptic.P384())
	es256 := genEC(f, elliptic.P256())
	signers := map[bool]*Signer{
		false: atFixedTime(mustSigner(f, pemPKCS8(f, es384))),
		true:  atFixedTime(mustSigner(f, pemSEC1(f, es256))),
	}
	keys := map[bool]*ecdsa.PublicKey{false: &es384.PublicKey, true: &es256.PublicKey}
	f.Fuzz(func(t *testing.T, method, rawPath, rawQuery string, body []byte, p256 bool) {
		if !strings.HasPrefix(rawPath, "/") {
			rawPath = "/" + rawPath // what the client builds: base URL joined with segments
		}
		u := &url.URL{Scheme: "https", Host: "api.noah.com", Path: rawPath, RawQuery: rawQuery}
		token, err := signers[p256].Sign(method, u, body)

		wantMethod := strings.ToUpper(strings.TrimSpace(method))
		query, queryErr := url.ParseQuery(rawQuery)
		if wantMethod == "" || queryErr != nil {
			if err == nil {
				t.Fatalf("signed a request without a method or with a malformed query (%q %q)", method, rawQuery)
			}
			return
		}
		if err != nil {
			t.Fatalf("Sign(%q, %s, %d bytes): %v", method, u, len(body), err)
		}
		// JWT claims are JSON, whose strings are Unicode: a method, or a decoded query name or
		// value, that is not UTF-8 cannot be bound (the client sends neither; see the report).
		if !utf8.ValidString(wantMethod) || !validUTF8Query(query) {
			return
		}
		// The token binds the request as it goes on the wire: net/http's request line.
		wirePath, _, _ := strings.Cut(u.RequestURI(), "?")
		if err := verify(t, keys[p256], token, wantMethod, wirePath, query, body, fixedNow); err != nil {
			t.Fatalf("%s %s (%d bytes): %v", wantMethod, u.RequestURI(), len(body), err)
		}
		// ... and as a Go server reads that request line back (what the sandbox checks).
		if back, err := url.ParseRequestURI(u.RequestURI()); err == nil && back.EscapedPath() != wirePath {
			t.Fatalf("path %q is read back as %q", wirePath, back.EscapedPath())
		}
		// Another body, method or path does not verify.
		if verify(t, keys[p256], token, wantMethod, wirePath, query, append(slices.Clone(body), 'x'), fixedNow) == nil {
			t.Fatal("the token verifies for another body")
		}
		if verify(t, keys[p256], token, wantMethod+"X", wirePath, query, body, fixedNow) == nil {
			t.Fatal("the token verifies for another method")
		}
		if verify(t, keys[p256], token, wantMethod, wirePath+"x", query, body, fixedNow) == nil {
			t.Fatal("the token verifies for another path")
		}
	})
}

func validUTF8Query(query url.Values) bool {
	for name, values := range query {
		if !utf8.ValidString(name) || slices.ContainsFunc(values, func(v string) bool { return !utf8.ValidString(v) }) {
			return false
		}
	}
	return true
}

// FuzzCustomerRequest: every customer_id the schema accepts addresses that customer, at
// <base URL>/customers/<id>, and the request's signature binds the path it was sent to.
func FuzzCustomerRequest(f *testing.F) {
	for _, id := range []string{"cust-1", "3f2b8c1e-5d6a-4e7f-9a0b-1c2d3e4f5a6b", "a.b", "~", "_-_", "...", strings.Repeat("x", 42)} {
		f.Add(id)
	}
	// Regression seeds: the customer_id validator once accepted "." and "..", which a URL path
	// resolves as dot segments, so the request went to <base>/customers or <base> instead of the
	// customer. The validator now refuses them (and this fuzzer skips what it refuses).
	f.Add(".")
	f.Add("..")
	key := genEC(f, elliptic.P384())
	signer := atFixedTime(mustSigner(f, pemPKCS8(f, key)))
	f.Fuzz(func(t *testing.T, id string) {
		var seen []*http.Request
		var bodies [][]byte
		transport := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			body := []byte{}
			if r.Body != nil {
				body, _ = io.ReadAll(r.Body)
			}
			seen, bodies = append(seen, r), append(bodies, body)
			answer, _ := json.Marshal(Customer{CustomerID: id})
			status := http.StatusOK
			if r.Method == http.MethodPut {
				status, answer = http.StatusCreated, nil
			}
			return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
				Body: io.NopCloser(bytes.NewReader(answer)), Request: r}, nil
		})
		c, err := New(Settings{BaseURL: "https://api.noah.com/v1", APIKey: fuzzAPIKey, Signer: signer,
			HTTP: httpclient.Config{UserAgent: "fuzz", MaxRetries: new(0), Transport: transport}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.GetCustomer(context.Background(), id); err != nil {
			// Only an id that is not one path segment is refused, and before anything is sent.
			if id != "" && id != "." && id != ".." && !strings.Contains(id, "/") || len(seen) != 0 {
				t.Fatalf("GetCustomer(%q): %v", id, err)
			}
			return
		}
		if err := c.PutCustomer(context.Background(), id, sampleInput()); err != nil {
			t.Fatalf("PutCustomer(%q): %v", id, err)
		}
		for i, r := range seen {
			if got, ok := strings.CutPrefix(r.URL.Path, "/v1/customers/"); !ok || got != id {
				t.Fatalf("%s for customer %q went to %s", r.Method, id, r.URL.EscapedPath())
			}
			var query url.Values
			if r.URL.RawQuery != "" {
				query = r.URL.Query()
			}
			if err := verify(t, &key.PublicKey, r.Header.Get("Api-Signature"), r.Method, r.URL.EscapedPath(), query, bodies[i], fixedNow); err != nil {
				t.Fatalf("%s %s: the signature does not bind the request sent: %v", r.Method, r.URL.EscapedPath(), err)
			}
		}
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

// TestConcurrentCustomers is for `make race` (go test -race): one signing client, as the provider
// shares it between resources, creates, replaces and reads many customers at once.
func TestConcurrentCustomers(t *testing.T) {
	key := genEC(t, elliptic.P384())
	srv := sandbox.New(sandbox.Options{KYCAPIKey: fuzzAPIKey, KYCPublicKey: &key.PublicKey})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c, err := New(Settings{BaseURL: sandbox.KYCBaseURL(ts.URL), APIKey: fuzzAPIKey, Signer: mustSigner(t, pemPKCS8(t, key)),
		HTTP: httpclient.Config{UserAgent: "test", MaxRetries: new(0)}})
	if err != nil {
		t.Fatal(err)
	}
	const n = 40
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			id := fmt.Sprintf("race-%02d", i)
			in := sampleInput()
			in.FullName.LastName = fmt.Sprint("Doe", i)
			if _, err := c.CreateCustomer(t.Context(), id, in); err != nil {
				t.Errorf("create %s: %v", id, err)
				return
			}
			in.PrimaryResidence.City = fmt.Sprint("City ", i)
			if err := c.PutCustomer(t.Context(), id, in); err != nil {
				t.Errorf("replace %s: %v", id, err)
				return
			}
			got, err := c.GetCustomer(t.Context(), id)
			if err != nil || got.CustomerID != id || got.FullName.LastName != in.FullName.LastName ||
				got.PrimaryResidence.City != in.PrimaryResidence.City {
				t.Errorf("read %s: %+v, %v", id, got, err)
			}
		})
	}
	wg.Wait()
}

const fuzzAPIKey = "apikey_fuzz_never_shown"

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
