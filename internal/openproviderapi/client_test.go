package openproviderapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// Unit tests of the API client against the emulator and, for answers the emulator never gives,
// small stub servers. Every client has sessions of its own unless a test shares them.

const (
	testUser      = "unit-user"
	testPassword  = "unit-Pa55word-never-shown"
	wrongPassword = "wrong-Pa55word-never-shown"
	// stubToken is the token every stub hands out; like the password it must stay out of errors.
	stubToken = "0123456789abcdef0123456789abcdef"

	loginRoute    = "POST /openprovider/v1beta/auth/login"
	createRoute   = "POST /openprovider/v1beta/customers"
	getRoute      = "GET /openprovider/v1beta/customers/{handle}"
	deleteRoute   = "DELETE /openprovider/v1beta/customers/{handle}"
	unknownHandle = "ZZ999999-NL" // well-formed, never created
)

var (
	elapsed  = regexp.MustCompile(` in [0-9.]+m?s: `)
	bearerRE = regexp.MustCompile(`^Bearer ([0-9a-f]{32})$`)
	handleRE = regexp.MustCompile(`^[A-Z]{2}\d{6}-NL$`)
)

//nolint:unparam // tests vary the password against testUser; the username is spelled out alongside
func newTestClient(baseURL, username, password string) *Client {
	c, err := New(Settings{BaseURL: baseURL, Username: username, Password: password,
		// A cap rather than retries until a deadline keeps tests of failing answers short; unit
		// tests need not wait for gateways before a look-up.
		HTTP: httpclient.Config{UserAgent: "test", MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, MaxRetries: new(4), LookupPause: time.Nanosecond}})
	if err != nil {
		panic(err) // the tests' base URLs are their own servers'
	}
	return c
}

// newSandbox serves a fresh emulator that knows testUser/testPassword and returns its base URL.
func newSandbox(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	srv := sandbox.New(sandbox.Options{OpenproviderUsername: testUser, OpenproviderPassword: testPassword})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, sandbox.OpenproviderBaseURL(ts.URL)
}

// newSandboxClient is newSandbox plus a client with the right credentials.
func newSandboxClient(t *testing.T) (*sandbox.Server, *Client) {
	t.Helper()
	srv, base := newSandbox(t)
	return srv, newTestClient(base, testUser, testPassword)
}

// sandboxTokens returns every bearer token the emulator has been shown.
func sandboxTokens(srv *sandbox.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		if m := bearerRE.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

// noSecrets returns the function a test passes every client error through. When the test ends
// it fails if any error shows a password or a token; tokens() is called then, so tokens issued
// after an error was collected still count.
func noSecrets(t *testing.T, tokens func() []string) func(error) error {
	t.Helper()
	var mu sync.Mutex
	var errs []error
	t.Cleanup(func() {
		secrets := append(tokens(), testPassword, wrongPassword, stubToken)
		for _, err := range errs {
			for _, s := range secrets {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error shows secret %q: %v", s, err)
				}
			}
		}
	})
	return func(err error) error {
		if err != nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
		return err
	}
}

// minimalCustomer carries only what the API requires.
func minimalCustomer(lastName string) *Customer {
	return &Customer{
		Name:    &Name{FirstName: "Jane", LastName: lastName},
		Address: Address{Street: "Main Street", Number: "1", Zipcode: "1234 AB", City: "Amsterdam", Country: "NL"},
		Phone:   Phone{CountryCode: "+31", SubscriberNumber: "1234567"},
		Email:   "jane@example.com",
	}
}

// fullCustomer sets every field the client knows; its full_name is not what the server derives.
func fullCustomer() *Customer {
	company := "Example B.V."
	return &Customer{
		Name:        &Name{Initials: "J.", FirstName: "Jane", Prefix: "van der", LastName: "Doe", FullName: "sent, but ignored"},
		CompanyName: &company,
		Vat:         "NL123456789B01",
		Address:     Address{Street: "Main Street", Number: "1", Suffix: "A", Zipcode: "1234 AB", City: "Amsterdam", Country: "NL", State: "Noord-Holland"},
		Phone:       Phone{CountryCode: "+31", AreaCode: "20", SubscriberNumber: "1234567"},
		Fax:         Phone{CountryCode: "+31", AreaCode: "20", SubscriberNumber: "7654321"},
		Email:       "jane@example.com",
		Locale:      "nl_NL",
		Comments:    "Managed by Terraform",
		Tags:        []Tag{{Key: "customer", Value: "VIP"}},
		AdditionalData: AdditionalData{
			AttachedFiles:                       []AttachedFile{{Description: "Passport scan", DocType: "passport", Path: "/docs/passport.pdf"}},
			BirthAddress:                        "Birth Street 45",
			BirthCity:                           "Utrecht",
			BirthCountry:                        "NL",
			BirthDate:                           "1970-01-01",
			BirthState:                          "Utrecht",
			BirthZipcode:                        "3511 AA",
			CifNifNumber:                        "B12345678",
			CompanyRegistrationCity:             "Amsterdam",
			CompanyRegistrationNumber:           "12345678",
			CompanyRegistrationSubscriptionDate: "2000-01-01",
			CompanyURL:                          "https://example.com",
			CostCategory:                        "domains",
			CostCenter:                          "IT",
			HeadquartersAddress:                 "HQ Street 5",
			HeadquartersCity:                    "Amsterdam",
			HeadquartersCountry:                 "NL",
			HeadquartersState:                   "Noord-Holland",
			HeadquartersZipcode:                 "1011 AB",
			InternalReference:                   "REF-1",
			PassportNumber:                      "PASSPORT-123",
			ProjectCode:                         "PRJ-9",
			PurchaseOrderNumber:                 "PO-42",
			SocialSecurityNumber:                "SSN-456",
			TradingName:                         "Example",
		},
		ExtensionAdditionalData: []ExtensionAdditionalData{{Name: "ru", Data: map[string]string{"mobile_phone_number": "+7.9001234567", "passport_number": "EXT-789"}}},
	}
}

// reply is one canned HTTP answer; contentType defaults to application/json.
type reply struct {
	status      int
	contentType string
	body        string
}

var loginOK = reply{status: http.StatusOK, body: `{"code":0,"desc":"","data":{"token":"` + stubToken + `","reseller_id":1}}`}

// stub stands in for Openprovider: login gets the login reply, any other call answer(r). It
// counts the two kinds apart.
type stub struct {
	URL           string
	logins, calls atomic.Int32
}

func newStub(t *testing.T, login reply, answer func(*http.Request) reply) *stub {
	t.Helper()
	s := &stub{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var rep reply
		if r.Method == http.MethodPost && r.URL.Path == "/auth/login" {
			s.logins.Add(1)
			rep = login
		} else {
			s.calls.Add(1)
			rep = answer(r)
		}
		if rep.contentType == "" {
			rep.contentType = "application/json"
		}
		w.Header().Set("Content-Type", rep.contentType)
		w.WriteHeader(rep.status)
		_, _ = io.WriteString(w, rep.body)
	}))
	t.Cleanup(ts.Close)
	s.URL = ts.URL
	return s
}

func always(rep reply) func(*http.Request) reply {
	return func(*http.Request) reply { return rep }
}

func stubTokens() []string { return []string{stubToken} }

// asAPIError fails the test unless err is an *httpclient.APIError.
func asAPIError(t *testing.T, err error) *httpclient.APIError {
	t.Helper()
	var apiErr *httpclient.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v (%T) is not an *httpclient.APIError", err, err)
	}
	return apiErr
}

func TestClient_CreateGetRoundTrip(t *testing.T) {
	srv, c := newSandboxClient(t)
	check := noSecrets(t, func() []string { return sandboxTokens(srv) })

	handle, err := c.CreateCustomer(t.Context(), fullCustomer())
	if check(err) != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	if !handleRE.MatchString(handle) {
		t.Fatalf("handle = %q, want like JD100001-NL", handle)
	}
	got, err := c.GetCustomer(t.Context(), handle)
	if check(err) != nil {
		t.Fatalf("GetCustomer: %v", err)
	}
	want := fullCustomer()
	want.ID = 1 // the emulator's first customer
	want.Handle = handle
	want.Name.FullName = "Jane van der Doe" // derived by the server from the parts
	if !reflect.DeepEqual(got, want) {
		gotJSON, _ := json.MarshalIndent(got, "", " ")
		wantJSON, _ := json.MarshalIndent(want, "", " ")
		t.Fatalf("read back:\n%s\nwant:\n%s", gotJSON, wantJSON)
	}

	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("got %d requests, want login, create, read", len(reqs))
	}
	login, create, read := reqs[0], reqs[1], reqs[2]
	if login.Path != "/openprovider/v1beta/auth/login" || !strings.Contains(string(login.Body), `"ip":"0.0.0.0"`) {
		t.Errorf("login %s body %s: want an ip of 0.0.0.0", login.Path, login.Body)
	}
	if h := login.Header.Get("Authorization"); h != "" {
		t.Errorf("login carries Authorization %q", h)
	}
	for _, r := range []sandbox.RecordedRequest{create, read} {
		if !bearerRE.MatchString(r.Header.Get("Authorization")) {
			t.Errorf("%s %s: Authorization %q, want Bearer and 32 hex digits", r.Method, r.Path, r.Header.Get("Authorization"))
		}
	}
	if create.Header.Get("Authorization") != read.Header.Get("Authorization") {
		t.Error("create and read used different tokens; the session should be reused")
	}
	if read.RawQuery != "with_additional_data=true" {
		t.Errorf("read query = %q, want with_additional_data=true", read.RawQuery)
	}
	// The create body on the wire decodes back to exactly what was passed in.
	var sent Customer
	if err := json.Unmarshal(create.Body, &sent); err != nil {
		t.Fatalf("create body %s: %v", create.Body, err)
	}
	if !reflect.DeepEqual(&sent, fullCustomer()) {
		t.Errorf("create body %s does not carry every field", create.Body)
	}
}

func TestClient_UpdateClearsTheFieldsItNames(t *testing.T) {
	srv, c := newSandboxClient(t)
	check := noSecrets(t, func() []string { return sandboxTokens(srv) })

	handle, err := c.CreateCustomer(t.Context(), fullCustomer())
	if check(err) != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	// Only what is set is sent; what is not wanted any more is named to be cleared.
	update := &Customer{
		Address:        Address{Street: "Other Street", Number: "2", Zipcode: "5678 CD", City: "Utrecht", Country: "NL"},
		Phone:          Phone{CountryCode: "+31", SubscriberNumber: "7654321"},
		Email:          "new@example.com",
		Locale:         "nl_NL",
		AdditionalData: AdditionalData{BirthCity: "Delft"},
	}
	toClear := []string{"vat", "comments", "fax", "tags", "extension_additional_data", "phone.area_code", "additional_data.passport_number", "additional_data.attached_files"}
	if err := c.UpdateCustomer(t.Context(), handle, update, toClear...); check(err) != nil {
		t.Fatalf("UpdateCustomer: %v", err)
	}
	got, err := c.GetCustomer(t.Context(), handle)
	if check(err) != nil {
		t.Fatalf("GetCustomer: %v", err)
	}
	want := *update
	want.ID = 1 // the emulator's first customer
	want.Handle = handle
	orig := fullCustomer()
	want.Name, want.CompanyName = orig.Name, orig.CompanyName // immutable, kept by the server
	want.Name.FullName = "Jane van der Doe"
	if !reflect.DeepEqual(got, &want) {
		gotJSON, _ := json.MarshalIndent(got, "", " ")
		t.Fatalf("after update:\n%s", gotJSON)
	}

	var put *sandbox.RecordedRequest
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPut {
			put = &r
		}
	}
	if put == nil {
		t.Fatal("no PUT on the wire")
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(put.Body, &body); err != nil {
		t.Fatalf("PUT body %s: %v", put.Body, err)
	}
	for _, k := range []string{"name", "company_name", "handle", "id", "is_deleted"} {
		if _, ok := body[k]; ok {
			t.Errorf("PUT body carries %q: %s", k, put.Body)
		}
	}
	for k, v := range map[string]string{
		"fax":                       `{"area_code":"","country_code":"","subscriber_number":""}`,
		"vat":                       `""`,
		"comments":                  `""`,
		"tags":                      `[]`,
		"extension_additional_data": `[]`,
		"phone":                     `{"area_code":"","country_code":"+31","subscriber_number":"7654321"}`,
		"additional_data":           `{"attached_files":[],"birth_city":"Delft","passport_number":""}`,
		"address":                   `{"city":"Utrecht","country":"NL","number":"2","street":"Other Street","zipcode":"5678 CD"}`,
	} {
		if string(body[k]) != v {
			t.Errorf("PUT body %s = %s, want %s", k, body[k], v)
		}
	}

	if err := c.UpdateCustomer(t.Context(), handle, update, "name.initials"); err == nil || !strings.Contains(err.Error(), `cannot clear "name.initials"`) {
		t.Errorf("clearing a field that is not optional: %v", err)
	}
}

func TestClient_BodiesCarryOnlyWhatIsSet(t *testing.T) {
	raw, err := json.Marshal(minimalCustomer("Doe"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":{"first_name":"Jane","last_name":"Doe"},"address":{"street":"Main Street","number":"1","zipcode":"1234 AB","city":"Amsterdam","country":"NL"},` +
		`"phone":{"country_code":"+31","subscriber_number":"1234567"},"email":"jane@example.com"}`
	if string(raw) != want {
		t.Errorf("create body\n got %s\nwant %s", raw, want)
	}
}

func TestClient_DeletedHandleIsNotFound(t *testing.T) {
	srv, c := newSandboxClient(t)
	srv.Openprovider.SetBehaviour(sandbox.OpenproviderBehaviour{DeletedRead: sandbox.OpenproviderDeletedFlagged})
	handle, err := c.CreateCustomer(t.Context(), minimalCustomer("Doe"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteCustomer(t.Context(), handle); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCustomer(t.Context(), handle); !httpclient.IsNotFound(err) || !strings.Contains(err.Error(), "is_deleted") {
		t.Errorf("GetCustomer of a deleted handle read back with is_deleted: %v", err)
	}
	if err := c.DeleteCustomer(t.Context(), handle); err != nil {
		t.Errorf("deleting it again: %v", err)
	}
}

func TestClient_UpdateRefusesImmutableFieldsBeforeAnyRequest(t *testing.T) {
	srv, c := newSandboxClient(t)
	company := "Other B.V."
	for name, customer := range map[string]*Customer{
		"name":         {Name: &Name{FirstName: "Jane", LastName: "Doe"}},
		"company_name": {CompanyName: &company},
		"both":         {Name: &Name{FirstName: "Jane", LastName: "Doe"}, CompanyName: &company},
	} {
		t.Run(name, func(t *testing.T) {
			err := c.UpdateCustomer(t.Context(), "JD100001-NL", customer)
			if err == nil || err.Error() != "openprovider: update customer: name and company_name cannot be changed" {
				t.Fatalf("err = %v", err)
			}
		})
	}
	// Not even a login: the refusal is local.
	if n := srv.TotalRequests(); n != 0 {
		t.Fatalf("%d requests sent, want 0: %v", n, srv.Counts())
	}
}

func TestClient_GetMissingHandleIsNotFound(t *testing.T) {
	srv, c := newSandboxClient(t)
	check := noSecrets(t, func() []string { return sandboxTokens(srv) })

	deleted, err := c.CreateCustomer(t.Context(), minimalCustomer("Doe"))
	if check(err) != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	srv.Openprovider.DeleteOutOfBand(deleted)

	for _, handle := range []string{unknownHandle, deleted} {
		t.Run(handle, func(t *testing.T) {
			_, err := c.GetCustomer(t.Context(), handle)
			if !httpclient.IsNotFound(check(err)) {
				t.Fatalf("IsNotFound(%v) = false", err)
			}
			// The emulator, like the API, reports it as a business error with HTTP 500.
			want := "openprovider: read customer " + handle + " failed: HTTP 500, code 193: The handle is not recognized"
			if err.Error() != want {
				t.Fatalf("err = %q\nwant  %q", err, want)
			}
		})
	}
}

func TestClient_GetErrorCodes(t *testing.T) {
	tests := []struct {
		name         string
		answer       reply
		wantNotFound bool
		wantErr      string
	}{
		{
			name:         "176 with HTTP 200 is not found",
			answer:       reply{status: http.StatusOK, body: `{"code":176,"desc":"Customer handle not found","data":""}`},
			wantNotFound: true,
			wantErr:      "openprovider: read customer JD100001-NL failed: HTTP 200, code 176: Customer handle not found",
		},
		{
			name:    "195 invalid handle is another error",
			answer:  reply{status: http.StatusInternalServerError, body: `{"code":195,"desc":"Invalid handle","data":""}`},
			wantErr: "openprovider: read customer JD100001-NL failed: HTTP 500, code 195: Invalid handle",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStub(t, loginOK, always(tt.answer))
			check := noSecrets(t, stubTokens)
			_, err := newTestClient(s.URL, testUser, testPassword).GetCustomer(t.Context(), "JD100001-NL")
			if check(err) == nil {
				t.Fatal("no error")
			}
			if got := httpclient.IsNotFound(err); got != tt.wantNotFound {
				t.Errorf("IsNotFound = %v, want %v", got, tt.wantNotFound)
			}
			if err.Error() != tt.wantErr {
				t.Errorf("err = %q\nwant  %q", err, tt.wantErr)
			}
			// Deterministic business errors are not retried.
			if n := s.calls.Load(); n != 1 {
				t.Errorf("%d GETs, want 1", n)
			}
		})
	}
}

func TestClient_DeleteOfMissingHandleSucceeds(t *testing.T) {
	srv, c := newSandboxClient(t)
	check := noSecrets(t, func() []string { return sandboxTokens(srv) })

	handle, err := c.CreateCustomer(t.Context(), minimalCustomer("Doe"))
	if check(err) != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	for i, h := range []string{handle, handle, unknownHandle} {
		if err := c.DeleteCustomer(t.Context(), h); check(err) != nil {
			t.Fatalf("delete #%d of %s: %v", i+1, h, err)
		}
	}
	if _, ok := srv.Openprovider.Customer(handle); ok {
		t.Fatalf("%s still exists", handle)
	}
	// Each delete really went to the server (the later two answered 193).
	if n := srv.Count(deleteRoute); n != 3 {
		t.Fatalf("%d DELETEs, want 3", n)
	}
}

func TestClient_DeleteInUse(t *testing.T) {
	srv, c := newSandboxClient(t)
	check := noSecrets(t, func() []string { return sandboxTokens(srv) })

	for _, code := range []int{6200, 6206, 187, 186} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			handle, err := c.CreateCustomer(t.Context(), minimalCustomer("Doe"))
			if check(err) != nil {
				t.Fatalf("CreateCustomer: %v", err)
			}
			srv.Openprovider.MarkInUse(handle, code)

			err = check(c.DeleteCustomer(t.Context(), handle))
			if err == nil {
				t.Fatal("delete of a handle in use succeeded")
			}
			if reason := InUseReason(err); reason == "" || reason != inUseCodes[fmt.Sprint(code)] {
				t.Errorf("InUseReason = %q, want %q", reason, inUseCodes[fmt.Sprint(code)])
			}
			if want := fmt.Sprintf("HTTP 500, code %d", code); !strings.Contains(err.Error(), want) {
				t.Errorf("err = %q, want it to contain %q", err, want)
			}
			if httpclient.IsNotFound(err) {
				t.Error("an in-use refusal reads as not found")
			}
			if _, ok := srv.Openprovider.Customer(handle); !ok {
				t.Error("the handle was deleted anyway")
			}
		})
	}
}

func TestInUseReason_OtherErrors(t *testing.T) {
	inUse := &httpclient.APIError{Service: service, StatusCode: 500, Code: "6200"}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"plain error", errors.New("boom"), ""},
		{"transport error", &httpclient.TransportError{Method: "DELETE", URL: "http://x", Attempts: 1, Err: io.EOF}, ""},
		{"not found", &httpclient.APIError{Service: service, StatusCode: 500, Code: "193", NotFound: true}, ""},
		{"validation code", &httpclient.APIError{Service: service, StatusCode: 500, Code: "105"}, ""},
		{"no code", &httpclient.APIError{Service: service, StatusCode: 502}, ""},
		{"in use", inUse, "the customer still has domains"},
		{"in use, wrapped", fmt.Errorf("deleting: %w", inUse), "the customer still has domains"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := InUseReason(tt.err); got != tt.want {
				t.Fatalf("InUseReason = %q, want %q", got, tt.want)
			}
		})
	}
}

// runConcurrently calls f(0..n-1) in n goroutines released together.
func runConcurrently(n int, f func(i int)) {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(n)
	for i := range n {
		done.Go(func() {
			ready.Done()
			<-start
			f(i)
		})
	}
	ready.Wait()
	close(start)
	done.Wait()
}

func TestClient_ConcurrentFirstCallsLogInOnce(t *testing.T) {
	srv, c := newSandboxClient(t)
	check := noSecrets(t, func() []string { return sandboxTokens(srv) })

	runConcurrently(50, func(i int) {
		if i%2 == 0 {
			if _, err := c.CreateCustomer(t.Context(), minimalCustomer(fmt.Sprint("Doe", i))); check(err) != nil {
				t.Errorf("CreateCustomer #%d: %v", i, err)
			}
			return
		}
		if _, err := c.GetCustomer(t.Context(), unknownHandle); !httpclient.IsNotFound(check(err)) {
			t.Errorf("GetCustomer #%d: %v, want not found", i, err)
		}
	})
	if n := srv.Openprovider.Logins(testUser); n != 1 {
		t.Errorf("%d logins, want 1", n)
	}
	if n := srv.Count(loginRoute); n != 1 {
		t.Errorf("%d login requests, want 1", n)
	}
	if n := len(srv.Openprovider.Customers()); n != 25 {
		t.Errorf("%d customers, want 25", n)
	}
}

func TestClient_ExpiredTokenIsRenewedOnce(t *testing.T) {
	srv, c := newSandboxClient(t)
	check := noSecrets(t, func() []string { return sandboxTokens(srv) })

	handle, err := c.CreateCustomer(t.Context(), minimalCustomer("Doe"))
	if check(err) != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	srv.Openprovider.ExpireTokens()
	if _, err := c.GetCustomer(t.Context(), handle); check(err) != nil {
		t.Fatalf("GetCustomer after expiry: %v", err)
	}
	if n := srv.Openprovider.Logins(testUser); n != 2 {
		t.Errorf("%d logins, want 2 (the first and one renewal)", n)
	}
	// One GET refused with the old token, one repeated with the new.
	if n := srv.Count(getRoute); n != 2 {
		t.Errorf("%d GETs, want 2", n)
	}
	if tokens := sandboxTokens(srv); len(tokens) != 3 || tokens[1] != tokens[0] || tokens[2] == tokens[1] {
		t.Errorf("tokens used = %v, want old, old, new", tokens)
	}
}

func TestClient_ExpiredTokenBurstRenewsOnce(t *testing.T) {
	srv, c := newSandboxClient(t)
	check := noSecrets(t, func() []string { return sandboxTokens(srv) })

	handle, err := c.CreateCustomer(t.Context(), minimalCustomer("Doe"))
	if check(err) != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	srv.Openprovider.ExpireTokens()
	// Every request of the burst may be refused; only the first refusal may log in again.
	runConcurrently(20, func(i int) {
		if _, err := c.GetCustomer(t.Context(), handle); check(err) != nil {
			t.Errorf("GetCustomer #%d: %v", i, err)
		}
	})
	if n := srv.Openprovider.Logins(testUser); n != 2 {
		t.Errorf("%d logins, want 2 (the first and one renewal)", n)
	}
}

func TestClient_PersistentAuthFailureRelogsInOnce(t *testing.T) {
	s := newStub(t, loginOK, always(reply{status: http.StatusUnauthorized, body: `{"code":196,"desc":"Authentication/Authorization Failed","data":""}`}))
	check := noSecrets(t, stubTokens)

	_, err := newTestClient(s.URL, testUser, testPassword).GetCustomer(t.Context(), "JD100001-NL")
	if check(err) == nil {
		t.Fatal("no error")
	}
	want := "openprovider: read customer JD100001-NL failed: HTTP 401, code 196: Authentication/Authorization Failed"
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
	if l, n := s.logins.Load(), s.calls.Load(); l != 2 || n != 2 {
		t.Errorf("%d logins and %d customer requests, want 2 and 2", l, n)
	}
}

func TestClient_BadCredentialsAreNotRetried(t *testing.T) {
	srv, base := newSandbox(t)
	c := newTestClient(base, testUser, wrongPassword)
	check := noSecrets(t, func() []string { return sandboxTokens(srv) })

	// The emulator, like the API, refuses bad credentials with HTTP 200 and code 196.
	want := "openprovider: log in failed: HTTP 200, code 196: Authentication/Authorization Failed: check the Openprovider username and password"
	_, err1 := c.GetCustomer(t.Context(), unknownHandle)
	_, err2 := c.CreateCustomer(t.Context(), minimalCustomer("Doe"))
	for i, err := range []error{err1, err2} {
		if check(err) == nil || err.Error() != want {
			t.Errorf("call #%d: err = %v\nwant %s", i+1, err, want)
		}
	}
	// The refusal is remembered: repeating it only eats into the failed-login limit.
	if n := srv.Count(loginRoute); n != 1 {
		t.Errorf("%d login requests, want 1", n)
	}
	if n := srv.TotalRequests(); n != 1 {
		t.Errorf("%d requests, want only the login: %v", n, srv.Counts())
	}
}

func TestClient_LoginRefusalHints(t *testing.T) {
	for _, tt := range []struct {
		code   string
		status int
	}{
		{"10005", http.StatusOK},
		{"10006", http.StatusOK},
		{"10008", http.StatusInternalServerError},
	} {
		t.Run(tt.code, func(t *testing.T) {
			s := newStub(t, reply{status: tt.status, body: `{"code":` + tt.code + `,"desc":"Refused","data":""}`}, always(reply{status: http.StatusTeapot}))
			check := noSecrets(t, stubTokens)
			c := newTestClient(s.URL, testUser, testPassword)

			want := fmt.Sprintf("openprovider: log in failed: HTTP %d, code %s: Refused: %s", tt.status, tt.code, loginHints[tt.code])
			for i := range 2 {
				_, err := c.GetCustomer(t.Context(), "JD100001-NL")
				if check(err) == nil || err.Error() != want {
					t.Errorf("call #%d: err = %v\nwant %s", i+1, err, want)
				}
			}
			if l, n := s.logins.Load(), s.calls.Load(); l != 1 || n != 0 {
				t.Errorf("%d logins and %d customer requests, want 1 and 0", l, n)
			}
		})
	}
}

func TestClient_SuccessFlag(t *testing.T) {
	update := func(c *Client) error {
		return c.UpdateCustomer(t.Context(), "JD100001-NL", minimalCustomerNoName())
	}
	del := func(c *Client) error { return c.DeleteCustomer(t.Context(), "JD100001-NL") }
	tests := []struct {
		name    string
		call    func(*Client) error
		data    string
		wantErr string
	}{
		{"update true", update, `{"success":true}`, ""},
		{"update string true", update, `{"success":"true"}`, ""},
		{"update no flag", update, `{}`, ""},
		{"update false", update, `{"success":false}`, "openprovider: update customer JD100001-NL failed: HTTP 200: the API answered code 0 but success false"},
		{"update string false", update, `{"success":"false"}`, `openprovider: update customer JD100001-NL failed: HTTP 200: the API answered code 0 but success "false"`},
		{"delete string true", del, `{"success":"true"}`, ""},
		{"delete false", del, `{"success":false}`, "openprovider: delete customer JD100001-NL failed: HTTP 200: the API answered code 0 but success false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStub(t, loginOK, always(reply{status: http.StatusOK, body: `{"code":0,"desc":"","data":` + tt.data + `}`}))
			check := noSecrets(t, stubTokens)
			err := check(tt.call(newTestClient(s.URL, testUser, testPassword)))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("err = %v, want nil", err)
			case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
				t.Fatalf("err = %v\nwant  %s", err, tt.wantErr)
			}
		})
	}
}

// minimalCustomerNoName is a valid update body: no name, no company name.
func minimalCustomerNoName() *Customer {
	c := minimalCustomer("Doe")
	c.Name = nil
	return c
}

func TestClient_NonEnvelopeAnswers(t *testing.T) {
	get := func(c *Client) error { _, err := c.GetCustomer(t.Context(), "JD100001-NL"); return err }
	create := func(c *Client) error { _, err := c.CreateCustomer(t.Context(), minimalCustomer("Doe")); return err }
	html := reply{status: http.StatusBadGateway, contentType: "text/html", body: "<html><body>502 Bad Gateway</body></html>"}
	tests := []struct {
		name      string
		call      func(*Client) error
		answer    reply
		wantErr   string
		wantCalls int32
	}{
		{
			name: "502 HTML after retries", call: get, answer: html, wantCalls: 5, // 1 + MaxRetries 4
			wantErr: "openprovider: read customer JD100001-NL failed: HTTP 502: the answer is not an Openprovider JSON envelope (41 bytes of text/html); gave up after 5 attempts in 0s: openprovider.max_retries allows 4 retries; to allow more, raise it, or remove it to retry until the resource's timeouts",
		},
		{
			// The create may have happened: one POST, then the lookup (retried, as a GET).
			name: "502 HTML to a create, looked up, not sent again", call: create, answer: html, wantCalls: 6,
			wantErr: "openprovider: create customer failed: HTTP 502: the answer is not an Openprovider JSON envelope (41 bytes of text/html); " +
				"looking for the customer it may have created failed too, so check for a duplicate: " +
				"openprovider: look for a created customer failed: HTTP 502: the answer is not an Openprovider JSON envelope (41 bytes of text/html); gave up after 5 attempts in 0s: openprovider.max_retries allows 4 retries; to allow more, raise it, or remove it to retry until the resource's timeouts",
		},
		{
			name: "503 with code 0", call: get, answer: reply{status: http.StatusServiceUnavailable, body: `{"code":0}`}, wantCalls: 5,
			wantErr: "openprovider: read customer JD100001-NL failed: HTTP 503; gave up after 5 attempts in 0s: openprovider.max_retries allows 4 retries; to allow more, raise it, or remove it to retry until the resource's timeouts",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStub(t, loginOK, always(tt.answer))
			check := noSecrets(t, stubTokens)
			err := check(tt.call(newTestClient(s.URL, testUser, testPassword)))
			if err == nil {
				t.Fatal("no error")
			}
			apiErr := asAPIError(t, err)
			if apiErr.StatusCode != tt.answer.status || apiErr.Code != "" || apiErr.NotFound {
				t.Errorf("APIError %+v, want status %d, no code, not NotFound", apiErr, tt.answer.status)
			}
			// How long the retries took depends on the machine's load.
			if got := elapsed.ReplaceAllString(err.Error(), " in 0s: "); got != tt.wantErr {
				t.Errorf("err = %q\nwant  %q", got, tt.wantErr)
			}
			if n := s.calls.Load(); n != tt.wantCalls {
				t.Errorf("%d customer requests, want %d", n, tt.wantCalls)
			}
		})
	}
}

func TestClient_ErrorEnvelopeDetails(t *testing.T) {
	tests := []struct {
		name, body, wantErr string
	}{
		{
			name:    "string detail",
			body:    `{"code":105,"desc":"Invalid value","data":"  name.last_name is empty "}`,
			wantErr: "openprovider: read customer JD100001-NL failed: HTTP 500, code 105: Invalid value (name.last_name is empty)",
		},
		{
			name:    "maintenance",
			body:    `{"code":1,"desc":"Internal error","data":"","maintenance":true}`,
			wantErr: "openprovider: read customer JD100001-NL failed: HTTP 500, code 1: Internal error (the API is in maintenance)",
		},
		{
			name:    "object data is no detail",
			body:    `{"code":1,"desc":"Internal error","data":{"x":"y"}}`,
			wantErr: "openprovider: read customer JD100001-NL failed: HTTP 500, code 1: Internal error",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStub(t, loginOK, always(reply{status: http.StatusInternalServerError, body: tt.body}))
			check := noSecrets(t, stubTokens)
			_, err := newTestClient(s.URL, testUser, testPassword).GetCustomer(t.Context(), "JD100001-NL")
			if check(err) == nil || err.Error() != tt.wantErr {
				t.Fatalf("err = %v\nwant  %s", err, tt.wantErr)
			}
		})
	}
}

// A login that fails for a passing reason (maintenance here) must not block later calls.
func TestClient_TransientLoginFailureIsNotRemembered(t *testing.T) {
	var loginAttempts atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/auth/login" {
			if loginAttempts.Add(1) == 1 {
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = io.WriteString(w, `{"code":1,"desc":"Internal error","data":"","maintenance":true}`)
				return
			}
			_, _ = io.WriteString(w, loginOK.body)
			return
		}
		_, _ = io.WriteString(w, `{"code":0,"desc":"","data":{"handle":"JD100001-NL"}}`)
	}))
	t.Cleanup(ts.Close)
	c := newTestClient(ts.URL, testUser, testPassword)
	if _, err := c.GetCustomer(t.Context(), "JD100001-NL"); err == nil {
		t.Fatal("first call succeeded during maintenance")
	}
	if _, err := c.GetCustomer(t.Context(), "JD100001-NL"); err != nil {
		t.Fatalf("after maintenance: %v (login requests: %d, want 2)", err, loginAttempts.Load())
	}
}

// A 401 from something in front of the API (HTML, no envelope) still renews the token once.
func TestClient_UnauthorizedWithoutEnvelopeRenewsToken(t *testing.T) {
	var served atomic.Int32
	s := newStub(t, loginOK, func(*http.Request) reply {
		if served.Add(1) == 1 {
			return reply{status: http.StatusUnauthorized, contentType: "text/html", body: "<html>401</html>"}
		}
		return reply{status: http.StatusOK, body: `{"code":0,"desc":"","data":{"handle":"JD100001-NL"}}`}
	})
	c := newTestClient(s.URL, testUser, testPassword)
	if _, err := c.GetCustomer(t.Context(), "JD100001-NL"); err != nil {
		t.Fatal(err)
	}
	if got := s.logins.Load(); got != 2 {
		t.Fatalf("logins = %d, want 2", got)
	}
}

// HTTP 200 with a body that is not an answer of Openprovider is an error, never a success.
func TestClient_OKWithoutAnAnswerIsAnError(t *testing.T) {
	for _, body := range []string{`null`, `{"error":"x"}`, `{"code":0,"data":null}`, `{"code":0,"desc":""}`} {
		t.Run(body, func(t *testing.T) {
			s := newStub(t, loginOK, always(reply{status: http.StatusOK, body: body}))
			c := newTestClient(s.URL, testUser, testPassword)
			_, err := c.GetCustomer(t.Context(), "JD100001-NL")
			var apiErr *httpclient.APIError
			if !errors.As(err, &apiErr) || httpclient.IsNotFound(err) {
				t.Fatalf("GetCustomer = %v, want an APIError", err)
			}
		})
	}
	s := newStub(t, loginOK, always(reply{status: http.StatusOK, body: `{"error":"x"}`}))
	if err := newTestClient(s.URL, testUser, testPassword).DeleteCustomer(t.Context(), "JD100001-NL"); err == nil {
		t.Fatal("DeleteCustomer succeeded on a body without a code")
	}
}
