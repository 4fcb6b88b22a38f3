package ecurringapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

const testKey = "unit-ecurring-Key"

func newSandboxClient(t *testing.T) (*sandbox.Server, *Client) {
	t.Helper()
	srv := sandbox.New(sandbox.Options{EcurringAPIKey: testKey})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, newTestClient(t, sandbox.EcurringBaseURL(ts.URL))
}

func newTestClient(t *testing.T, baseURL string) *Client {
	t.Helper()
	c, err := New(Settings{BaseURL: baseURL, APIKey: testKey,
		// A cap rather than retries until a deadline keeps tests of failing answers short; unit
		// tests need not wait for gateways before a look-up.
		HTTP: httpclient.Config{UserAgent: "test", MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, MaxRetries: new(4), LookupPause: time.Nanosecond}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSeedPatchBody reproduces the example of eCurring's "Update customer" page: the address of
// customer 1 changes, and the PATCH on the wire carries exactly the seed's request body.
func TestSeedPatchBody(t *testing.T) {
	srv, c := newSandboxClient(t)
	ctx := context.Background()
	created, err := c.CreateCustomer(ctx, Attributes{AttrGender: ptr("f"), AttrFirstName: ptr("Customer"), AttrLastName: ptr("Test"),
		AttrEmail: ptr("customer.test@ecurring.com"), AttrCountryISO2: ptr("NL"), AttrTelephone: ptr("+31202616739")})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != "1" {
		t.Fatalf("first customer has id %q, want 1", created.ID)
	}

	update := Attributes{AttrStreet: ptr("Payment lane"), AttrHouseNumber: ptr("1"), AttrCity: ptr("Amsterdam"), AttrPostalcode: ptr("1000AA")}
	if _, err := c.UpdateCustomer(ctx, created.ID, update); err != nil {
		t.Fatal(err)
	}

	requests := srv.Requests()
	patch := requests[len(requests)-1]
	if patch.Method != http.MethodPatch || patch.Path != "/ecurring/customers/1" {
		t.Fatalf("last request is %s %s", patch.Method, patch.Path)
	}
	for header, want := range map[string]string{"Content-Type": mediaType, "Accept": mediaType, "X-Authorization": testKey} {
		if got := patch.Header.Get(header); got != want {
			t.Errorf("%s = %q, want %q", header, got, want)
		}
	}
	const seedBody = `{"data":{"type":"customer","id":"1","attributes":{"street":"Payment lane","house_number":"1","city":"Amsterdam","postalcode":"1000AA"}}}`
	var got, want any
	if err := json.Unmarshal(patch.Body, &got); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal([]byte(seedBody), &want)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("PATCH body\n got %s\nwant %s", patch.Body, seedBody)
	}
}

func TestAPIErrors(t *testing.T) {
	cases := []struct {
		name       string
		status     int
		body       string
		wantText   string
		wantFields []httpclient.FieldProblem
		notFound   bool
	}{
		{
			name:   "json:api errors with pointers",
			status: 422,
			body: `{"errors":[{"status":"422","title":"Unprocessable Entity","detail":"The email is invalid.","source":{"pointer":"/data/attributes/email"}},` +
				`{"status":"422","title":"Unprocessable Entity","detail":"Unknown gender.","source":{"pointer":"/data/attributes/gender"}}]}`,
			wantText:   "ecurring: read customer 1 failed: HTTP 422, code Unprocessable Entity\n  - email: The email is invalid.\n  - gender: Unknown gender.",
			wantFields: []httpclient.FieldProblem{{Field: "email", Problem: "The email is invalid."}, {Field: "gender", Problem: "Unknown gender."}},
		},
		{
			name:     "not found",
			status:   404,
			body:     `{"errors":[{"status":"404","title":"Not Found","detail":"Customer not found"}]}`,
			wantText: "ecurring: read customer 1 failed: HTTP 404, code Not Found: Customer not found",
			notFound: true,
		},
		{
			name:     "unauthorized",
			status:   401,
			body:     `{"errors":[{"status":"401","title":"Unauthorized","detail":"missing or invalid X-Authorization API key"}]}`,
			wantText: `ecurring: read customer 1 failed: HTTP 401, code Unauthorized: missing or invalid X-Authorization API key. Check the API key in ecurring.api_key or ECURRING_API_KEY: it is the key from the eCurring dashboard of the account that holds the customers, as-is (no "Bearer" prefix)`,
		},
		{
			name:     "unauthorized without a body",
			status:   401,
			wantText: `ecurring: read customer 1 failed: HTTP 401: Unauthorized (0 bytes of no content type). Check the API key in ecurring.api_key or ECURRING_API_KEY: it is the key from the eCurring dashboard of the account that holds the customers, as-is (no "Bearer" prefix)`,
		},
		{
			name:     "not json",
			status:   502,
			body:     `<html>bad gateway</html>`,
			wantText: "ecurring: read customer 1 failed: HTTP 502: Bad Gateway (24 bytes of text/html); gave up after 5 attempts in 0s: ecurring.max_retries allows 4 retries; to allow more, raise it, or remove it to retry until the resource's timeouts",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.status == 502 {
					w.Header().Set("Content-Type", "text/html")
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer ts.Close()
			_, err := newTestClient(t, ts.URL).GetCustomer(context.Background(), "1")
			// How long the retries took depends on the machine's load.
			if err == nil || regexp.MustCompile(` in [0-9.]+m?s: `).ReplaceAllString(err.Error(), " in 0s: ") != tc.wantText {
				t.Fatalf("error\n got %v\nwant %s", err, tc.wantText)
			}
			var apiErr *httpclient.APIError
			if !errors.As(err, &apiErr) || !reflect.DeepEqual(apiErr.Fields, tc.wantFields) {
				t.Errorf("fields = %v, want %v", apiErr, tc.wantFields)
			}
			if httpclient.IsNotFound(err) != tc.notFound {
				t.Errorf("IsNotFound = %v", !tc.notFound)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Error("the API key appears in the error")
			}
		})
	}
}

// A next link to another host would carry the API key there: the client refuses to follow it.
func TestListRefusesForeignNextLink(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"data":[],"links":{"next":"https://evil.example/customers?page[number]=2"}}`))
	}))
	defer ts.Close()
	_, err := httpclient.All(newTestClient(t, ts.URL).Customers(context.Background(), ""))
	if err == nil || !strings.Contains(err.Error(), `the next page link "https://evil.example/customers?page[number]=2" does not point at`) {
		t.Fatalf("err = %v", err)
	}
}

func ptr(s string) *string { return &s }

// TestWritableCoversEveryAttribute: every attribute a client may write is what writable reads
// back from a customer eCurring stored it in, so findCreated compares all of them.
func TestWritableCoversEveryAttribute(t *testing.T) {
	names := []string{AttrGender, AttrFirstName, AttrMiddleName, AttrLastName, AttrCompanyName, AttrVatNumber, AttrIBAN,
		AttrBankHolder, AttrPostalcode, AttrHouseNumber, AttrHouseNumberAdd, AttrStreet, AttrCity, AttrCountryISO2,
		AttrLanguage, AttrEmail, AttrTelephone}
	sent := Attributes{}
	want := map[string]string{}
	for _, name := range names {
		sent[name], want[name] = ptr("value of "+name), "value of "+name
	}
	body, err := json.Marshal(sent)
	if err != nil {
		t.Fatal(err)
	}
	var stored Customer
	if err := json.Unmarshal(body, &stored); err != nil {
		t.Fatal(err)
	}
	if got := stored.writable(); !reflect.DeepEqual(got, want) {
		t.Errorf("writable() = %v, want %v", got, want)
	}
}
