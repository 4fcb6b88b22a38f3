package kycapi

import (
	"context"
	"crypto/elliptic"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

// recorded is what a stub server saw of one request.
type recorded struct {
	method, path, apiKey, signature string
	body                            []byte
}

func stubServer(t *testing.T, status int, answer string) (*httptest.Server, *[]recorded) {
	t.Helper()
	var seen []recorded
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		seen = append(seen, recorded{r.Method, r.URL.EscapedPath(), r.Header.Get("X-Api-Key"), r.Header.Get("Api-Signature"), body})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, answer)
	}))
	t.Cleanup(ts.Close)
	return ts, &seen
}

func testClient(t *testing.T, baseURL string, signer *Signer) *Client {
	t.Helper()
	c, err := New(Settings{BaseURL: baseURL, APIKey: "apikey_sandbox_unit", Signer: signer,
		HTTP: httpclient.Config{UserAgent: "test", MaxRetries: new(0)}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The client signs exactly the bytes, method and full path (base URL prefix included) it sends.
func TestClientSignsWhatItSends(t *testing.T) {
	key := genEC(t, elliptic.P384())
	signer := atFixedTime(mustSigner(t, pemPKCS8(t, key)))
	ts, seen := stubServer(t, http.StatusCreated, "")
	c := testClient(t, ts.URL+"/v1", signer)

	if err := c.PutCustomer(context.Background(), "cust-1", sampleInput()); err != nil {
		t.Fatalf("PutCustomer: %v", err)
	}
	r := (*seen)[0]
	if r.method != http.MethodPut || r.path != "/v1/customers/cust-1" || r.apiKey != "apikey_sandbox_unit" {
		t.Fatalf("request = %s %s key %q", r.method, r.path, r.apiKey)
	}
	if err := verify(t, &key.PublicKey, r.signature, r.method, r.path, nil, r.body, fixedNow); err != nil {
		t.Fatalf("the signature does not match the request sent: %v", err)
	}
	var sent map[string]any
	if err := json.Unmarshal(r.body, &sent); err != nil || sent["Type"] != "Individual" {
		t.Fatalf("body %s: Type must be Individual", r.body)
	}
}

func TestClientWithoutSignerSendsNoSignature(t *testing.T) {
	ts, seen := stubServer(t, http.StatusNoContent, "")
	if err := testClient(t, ts.URL, nil).PutCustomer(context.Background(), "c", sampleInput()); err != nil {
		t.Fatalf("PutCustomer: %v", err)
	}
	if (*seen)[0].signature != "" {
		t.Fatal("an unsigned client sent Api-Signature")
	}
}

func TestClientErrors(t *testing.T) {
	cases := []struct {
		name, answer, want string
		status             int
		notFound           bool
		fields             []httpclient.FieldProblem
	}{
		{name: "not found", status: 404, notFound: true,
			answer: `{"Type":"ResourceNotFound","Instance":"ab12","Detail":"customer not found"}`,
			want:   "kyc: read customer c failed: HTTP 404, code ResourceNotFound: customer not found (instance ab12)"},
		{name: "schema", status: 400,
			answer: `{"Type":"InvalidMessage","Instance":"cd34","Detail":"invalid body","RequestExtension":{"Body":[{"Field":"FullName.FirstName","Reason":"SchemaValidation","Description":"too long"}]}}`,
			want:   "kyc: read customer c failed: HTTP 400, code InvalidMessage: invalid body (instance cd34)\n  - FullName.FirstName: SchemaValidation: too long",
			fields: []httpclient.FieldProblem{{Field: "FullName.FirstName", Problem: "SchemaValidation: too long"}}},
		{name: "unauthorized", status: 401,
			answer: `{"Type":"Unauthorized","Instance":"ef56","Detail":"invalid signature: signature does not verify"}`,
			want: "kyc: read customer c failed: HTTP 401, code Unauthorized: invalid signature: signature does not verify (instance ef56). " +
				"Check the API key, and that the signing key is the private half of the public key registered with it at NOAH"},
		{name: "not json", status: 502, answer: `<html/>`,
			want: "kyc: read customer c failed: HTTP 502: Bad Gateway (7 bytes of application/json)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ts, _ := stubServer(t, tc.status, tc.answer)
			_, err := testClient(t, ts.URL, nil).GetCustomer(context.Background(), "c")
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error\n got %v\nwant %s", err, tc.want)
			}
			if httpclient.IsNotFound(err) != tc.notFound {
				t.Errorf("IsNotFound = %v", !tc.notFound)
			}
			var apiErr *httpclient.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %T is not an *httpclient.APIError", err)
			}
			if !reflect.DeepEqual(apiErr.Fields, tc.fields) {
				t.Errorf("fields = %v, want %v", apiErr.Fields, tc.fields)
			}
		})
	}
}

// sampleInput is a complete customer as the provider puts it.
func sampleInput() *CustomerInput {
	return &CustomerInput{Type: "Individual", FullName: FullName{FirstName: "Jane", LastName: "Doe"}, DateOfBirth: "1990-04-16",
		Email: "jane@example.com", PhoneNumber: "+14155550123",
		Identities:       []Identity{{IssuingCountry: "US", IDNumber: "P1", IssuedDate: "2020-01-15", ExpiryDate: "2030-01-14", IDType: "Passport"}},
		PrimaryResidence: Address{Street: "1 Market Street", City: "San Francisco", PostCode: "94105", State: "CA", Country: "US"}}
}
