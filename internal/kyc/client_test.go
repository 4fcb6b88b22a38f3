package kyc

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

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

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
	c, err := NewClient(Config{BaseURL: baseURL, APIKey: "apikey_sandbox_unit", Signer: signer},
		httpclient.New(httpclient.Config{Service: service, UserAgent: "test", MaxRetries: new(0)}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The client signs exactly the bytes, method and full path (base URL prefix included) it sends.
func TestClientSignsWhatItSends(t *testing.T) {
	key := genEC(t, elliptic.P384())
	signer := mustSigner(t, pemPKCS8(t, key)).WithClock(fixedClock)
	ts, seen := stubServer(t, http.StatusCreated, "")
	c := testClient(t, ts.URL+"/v1", signer)

	m := sampleModel()
	created, err := c.PutCustomer(context.Background(), "cust-1", m.toAPI())
	if err != nil || !created {
		t.Fatalf("PutCustomer = %v, %v; want created", created, err)
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
	m := sampleModel()
	created, err := testClient(t, ts.URL, nil).PutCustomer(context.Background(), "c", m.toAPI())
	if err != nil || created {
		t.Fatalf("PutCustomer = %v, %v; want updated (204)", created, err)
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

func TestAttributePath(t *testing.T) {
	for field, want := range map[string]path.Path{
		"FullName.FirstName":           path.Root("full_name").AtName("first_name"),
		"Identities[1].IDNumber":       path.Root("identities").AtListIndex(1).AtName("id_number"),
		"Identities.0.ExpiryDate":      path.Root("identities").AtListIndex(0).AtName("expiry_date"),
		"PrimaryResidence.PostCode":    path.Root("primary_residence").AtName("post_code"),
		"DateOfBirth":                  path.Root("date_of_birth"),
		"CustomerID":                   path.Root("customer_id"),
		"PrimaryResidence.Street2":     path.Root("primary_residence").AtName("street2"),
		"Identities[0].IssuingCountry": path.Root("identities").AtListIndex(0).AtName("issuing_country"),
	} {
		got, ok := attributePath(field)
		if !ok || !got.Equal(want) {
			t.Errorf("attributePath(%q) = %s, %v; want %s", field, got, ok, want)
		}
	}
	for _, field := range []string{"", "Metadata.x", "FullName.Nickname", "0"} {
		if p, ok := attributePath(field); ok {
			t.Errorf("attributePath(%q) = %s, want no path", field, p)
		}
	}
}

func sampleModel() customerModel {
	s := types.StringValue
	return customerModel{
		CustomerID:  s("cust-1"),
		FullName:    &fullNameModel{FirstName: s("Jane"), LastName: s("Doe"), MiddleName: types.StringNull()},
		DateOfBirth: s("1990-04-16"),
		Email:       s("jane@example.com"),
		PhoneNumber: s("+14155550123"),
		Identities: []identityModel{{IssuingCountry: s("US"), IDNumber: s("P1"), IssuedDate: s("2020-01-15"),
			ExpiryDate: s("2030-01-14"), IDType: s("Passport")}},
		PrimaryResidence: &addressModel{Street: s("1 Market Street"), Street2: types.StringNull(), City: s("San Francisco"),
			PostCode: s("94105"), State: s("CA"), Country: s("US")},
		Created:            s("2026-11-21T10:00:00Z"),
		VerificationStatus: s("Approved"),
	}
}

// What NOAH returns for what was put maps back to the configuration, e-mail and phone kept.
func TestCustomerMappingRoundTrip(t *testing.T) {
	m := sampleModel()
	in := m.toAPI()
	out := &Customer{Type: in.Type, CustomerID: "cust-1", Created: "2026-11-21T10:00:00Z", DateOfBirth: in.DateOfBirth,
		FullName: in.FullName, Identities: in.Identities, PrimaryResidence: in.PrimaryResidence,
		Verification: &Verification{Model: "Reliance", Status: "Approved"}}
	if got := customerFromAPI(out, &m); !reflect.DeepEqual(got, m) {
		t.Fatalf("round trip changed the model:\n got %+v\nwant %+v", got, m)
	}
	imported := customerFromAPI(out, nil)
	if !imported.Email.IsNull() || !imported.PhoneNumber.IsNull() {
		t.Fatal("an import cannot know e-mail and phone: they must be null")
	}
}

// Destroy cannot delete at the vendor: Delete calls nothing (it has no client) and adds nothing
// to the warning the plan gave.
func TestDeleteCallsNothing(t *testing.T) {
	ctx := context.Background()
	s := customerSchema()
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	resp := &resource.DeleteResponse{State: state}
	(&customerResource{}).Delete(ctx, resource.DeleteRequest{State: state}, resp)
	if len(resp.Diagnostics) != 0 {
		t.Fatalf("diagnostics = %v, want none", resp.Diagnostics)
	}
}
