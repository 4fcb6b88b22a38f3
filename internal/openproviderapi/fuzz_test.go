package openproviderapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

// Fuzz tests of the decoders of Openprovider's answers and of the HCL↔API mapping. Their seeds
// run in every `go test`; `make fuzz` explores further (one -fuzz target per go invocation).

// The credentials a client would be configured with. No answer decoder knows them, so an error
// may only show them when the server itself wrote them into the answer.
const (
	fuzzPassword = "fz-Pa55word-never-shown"
	fuzzToken    = "fz-sess-T0KEN-never-shown"
)

// fuzzCustomerJSON is a customer as Openprovider returns it (its knowledge base's example).
const fuzzCustomerJSON = `{"id":1042,"handle":"XX123456-XX","name":{"initials":"T.","first_name":"Test","prefix":"van","last_name":"Person","full_name":"Test van Person"},` +
	`"company_name":"Example company","vat":"NL123456789X11",` +
	`"address":{"city":"Test city","country":"NL","number":"1","state":"Testprovince","street":"Test street","suffix":"A","zipcode":"0123"},` +
	`"phone":{"area_code":"10","country_code":"+01","subscriber_number":"123456"},"fax":{"area_code":"001","country_code":"+01","subscriber_number":"123456"},` +
	`"email":"test@mail.tld","locale":"nl_NL","comments":"Some comment here","tags":[{"key":"customer","value":"VIP"},{"key":"customer","value":"gold"}],` +
	`"additional_data":{"birth_address":"test street 45","birth_city":"Test city","birth_country":"NL","birth_date":"1970-01-01","birth_state":"Testprovince",` +
	`"birth_zipcode":"0123","cif_nif_number":"","company_registration_city":"Testcity","company_registration_number":"12345678",` +
	`"company_registration_subscription_date":"2000-01-01","passport_number":"0123456","social_security_number":"6543210",` +
	`"attached_files":[{"description":"scan","doc_type":"passport","path":"https://files.example/p.pdf"}]},` +
	`"extension_additional_data":[{"name":"ru","data":{"birth_date":"1970-01-01","passport_number":"12345678","hr_member":""}}]}`

func FuzzDecodeEnvelope(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{200, `{"code":0,"desc":"","data":{"token":"` + fuzzToken + `","reseller_id":1}}`},
		{200, `{"code":0,"desc":"","data":{"handle":"XX123456-XX"}}`},
		{200, `{"code":0,"desc":"","data":{"success":true}}`},
		{200, `{"code":0,"desc":"","data":{"success":"true"}}`},
		{200, `{"code":0,"desc":"","data":{"success":false}}`},
		{200, `{"code":0,"desc":"","data":` + fuzzCustomerJSON + `}`},
		{200, `{"code":0,"desc":"","data":{"results":[` + fuzzCustomerJSON + `],"total":1}}`},
		{200, `{"code":0,"desc":"","data":{"success":true},"warnings":[{"code":399,"desc":"Customer has been updated partially"}]}`},
		{200, `{"code":0}`},
		{200, `{"code":176,"desc":"Customer handle not found","data":""}`},
		{200, `{"code":196,"desc":"Authentication/Authorization Failed","data":""}`},
		{401, `{"code":196,"desc":"Authentication/Authorization Failed","data":""}`},
		{500, `{"code":195,"desc":"Invalid handle","data":""}`},
		{500, `{"code":193,"desc":"Handle not recognized","data":""}`},
		{500, `{"code":6200,"desc":"Customer still has domains","data":""}`},
		{500, `{"code":187,"desc":"Handle is attached to domains","data":""}`},
		{200, `{"code":10006,"desc":"Two-factor authentication is enabled","data":""}`},
		{500, `{"code":105,"desc":"Invalid value","data":"  name.last_name is empty "}`},
		{500, `{"code":1,"desc":"Internal error","data":"","maintenance":true}`},
		{500, `{"code":1,"desc":"Internal error","data":{"x":"y"}}`},
		{500, `{"code":1,"desc":"Wrong password ` + fuzzPassword + `","data":""}`},
		{503, `{"code":0}`},
		{502, `<html><body><h1>502 Bad Gateway</h1></body></html>`},
		{500, ``},
		{200, `null`},
		{200, `{"error":"x"}`},
		{200, `{"code":0,"data":null}`},
		{200, `{"code":"0"}`},
		{200, `{"code":0.0}`},
		{200, `{"CODE":0,"Desc":"case"}`},
		{200, `{"code":-5,"desc":"negative"}`},
		{404, `{"code":0,"desc":"","data":[]}`},
		{429, `Too Many Requests`},
	} {
		f.Add(seed.status, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = fuzzStatus(status)
		resp := &httpclient.Response{StatusCode: status, Header: http.Header{"Content-Type": {"text/html"}}, Body: body}
		const op = "read customer XX123456-XX"
		err := refusal(op, resp)

		// What an envelope is, decoded independently of refusal's embedding trick.
		var want struct {
			Code *int            `json:"code"`
			Desc string          `json:"desc"`
			Data json.RawMessage `json:"data"`
		}
		if json.Unmarshal(body, &want) != nil || want.Code == nil {
			apiErr := mustAPIError(t, err)
			if apiErr.StatusCode != status || apiErr.NotFound || apiErr.Code != "" {
				t.Fatalf("refusal %+v of an answer that is no envelope", apiErr)
			}
			// Not an envelope: server trouble exactly when it came with a 5xx (Transient's rule).
			if apiErr.Transient != (status >= 500) {
				t.Fatalf("HTTP %d without an envelope: Transient = %v", status, apiErr.Transient)
			}
			// Nothing of a non-envelope answer is repeated: it may be a proxy page echoing the request.
			for _, secret := range []string{fuzzPassword, fuzzToken} {
				if strings.Contains(err.Error(), secret) {
					t.Fatalf("the error repeats a credential from a non-envelope answer: %v", err)
				}
			}
			return
		}
		success := status >= 200 && status <= 299
		switch {
		case *want.Code == 0 && success:
			if err != nil {
				t.Fatalf("HTTP %d with code 0 must succeed, got %v", status, err)
			}
			// The success flag of update and delete never panics, and true (or none) is success.
			var data successData
			if json.Unmarshal(want.Data, &data) == nil {
				flag := strings.Trim(string(data.Success), `"`)
				if checkErr := data.check(op); checkErr != nil && slices.Contains([]string{"true", "1", ""}, flag) {
					t.Fatalf("success %s refused: %v", data.Success, checkErr)
				}
			}
			return
		case *want.Code == 0:
			// An HTTP error without an error code (a gateway's answer, say) is still an error.
			if err == nil {
				t.Fatalf("HTTP %d with code 0 must fail", status)
			}
		default:
			if err == nil {
				t.Fatalf("code %d must fail", *want.Code)
			}
		}
		apiErr := mustAPIError(t, err)
		wantCode := ""
		if *want.Code > 0 {
			wantCode = strconv.Itoa(*want.Code)
		}
		notFound := *want.Code == codeHandleUnknown || *want.Code == codeCustomerMissing
		if apiErr.StatusCode != status || apiErr.Code != wantCode || apiErr.NotFound != notFound || apiErr.Transient ||
			!strings.HasPrefix(apiErr.Message, want.Desc) {
			t.Fatalf("code %d, HTTP %d, desc %q: got %+v", *want.Code, status, want.Desc, apiErr)
		}
		if (InUseReason(apiErr) != "") != (inUseCodes[wantCode] != "") {
			t.Fatalf("code %q: InUseReason %q", wantCode, InUseReason(apiErr))
		}
		// The error repeats the server's words only: a credential shows only where the server
		// wrote it into desc or into data.
		for _, secret := range []string{fuzzPassword, fuzzToken} {
			if strings.Contains(apiErr.Error(), secret) && !strings.Contains(want.Desc, secret) && !strings.Contains(errorDetail(want.Data), secret) {
				t.Fatalf("the error shows a credential the answer did not contain: %v", apiErr)
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

func mustAPIError(t *testing.T, err error) *httpclient.APIError {
	t.Helper()
	var apiErr *httpclient.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("%T is not an *httpclient.APIError: %v", err, err)
	}
	return apiErr
}

func FuzzSameListedCustomer(f *testing.F) {
	f.Add([]byte(fuzzCustomerJSON), uint8(0))
	f.Add([]byte(fuzzCustomerJSON), uint8(1))
	f.Add([]byte(`{"handle":"JD100001-NL","name":{"first_name":"Jane","last_name":"Doe"},"address":{"country":"NL"},"email":"jane@example.com","tags":[],"extension_additional_data":[]}`), uint8(2))
	f.Add([]byte(`{"company_name":"","tags":null,"additional_data":{"attached_files":[]},"extension_additional_data":[{"name":"ru","data":{}}]}`), uint8(3))
	f.Add([]byte(`{"tags":[{"key":"customer","value":"b"},{"key":"customer","value":"a"},{"key":"customer","value":"a"}]}`), uint8(7))
	f.Add([]byte(`{}`), uint8(0))
	f.Fuzz(func(t *testing.T, body []byte, rot uint8) {
		var c Customer
		if json.Unmarshal(body, &c) != nil {
			return
		}
		before := fuzzClone(t, &c)
		if !sameListedCustomer(&c, &c) {
			t.Fatalf("a customer does not match itself: %+v", c)
		}
		if !reflect.DeepEqual(fuzzClone(t, &c), before) {
			t.Fatal("sameListedCustomer changed its argument")
		}
		again := fuzzClone(t, &c)
		if !sameListedCustomer(&c, again) || !sameListedCustomer(again, &c) {
			t.Fatalf("a customer does not match its JSON round trip:\n%+v\n%+v", c, *again)
		}
		// What the list leaves out or the server makes, and the order of tags, never matter.
		other := fuzzClone(t, &c)
		other.ID, other.Handle, other.Vat, other.Fax = c.ID+1, c.Handle+"-X", c.Vat+"X", Phone{CountryCode: "+1", SubscriberNumber: "5"}
		if other.Name != nil {
			other.Name.FullName += " (full)"
		}
		if n := len(other.Tags); n > 0 {
			k := int(rot) % n
			other.Tags = slices.Concat(other.Tags[k:], other.Tags[:k])
		}
		if !sameListedCustomer(&c, other) {
			t.Fatalf("server-made values or the order of tags made a difference:\n%+v\n%+v", c, *other)
		}
		// A listed field does matter.
		changed := fuzzClone(t, &c)
		changed.Email += "x"
		if sameListedCustomer(&c, changed) {
			t.Fatalf("customers with e-mail addresses %q and %q match", c.Email, changed.Email)
		}
	})
}

// fuzzClone is a deep copy of c through JSON, the way the list answer would carry it.
func fuzzClone(t *testing.T, c *Customer) *Customer {
	t.Helper()
	raw, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var out Customer
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("cannot decode %s: %v", raw, err)
	}
	return &out
}

// TestConcurrentCustomerLifecycles is for `make race` (go test -race): one client, as the
// provider shares it between resources, carries the whole life of many customers at once.
func TestConcurrentCustomerLifecycles(t *testing.T) {
	srv, c := newSandboxClient(t)
	check := noSecrets(t, func() []string { return sandboxTokens(srv) })
	const n = 40
	handles := make([]string, n)
	runConcurrently(n, func(i int) {
		want := minimalCustomer(fmt.Sprintf("Doe%02d", i))
		want.Email = fmt.Sprintf("jane.%02d@example.com", i)
		handle, err := c.CreateCustomer(t.Context(), want)
		if check(err) != nil {
			t.Errorf("create #%d: %v", i, err)
			return
		}
		handles[i] = handle
		update := *want
		update.Name, update.Comments = nil, fmt.Sprintf("customer %d", i)
		if err := c.UpdateCustomer(t.Context(), handle, &update); check(err) != nil {
			t.Errorf("update %s: %v", handle, err)
			return
		}
		got, err := c.GetCustomer(t.Context(), handle)
		if check(err) != nil || got.Email != want.Email || got.Comments != update.Comments || got.Name.LastName != want.Name.LastName {
			t.Errorf("read %s: %+v, %v", handle, got, err)
			return
		}
		if err := c.DeleteCustomer(t.Context(), handle); check(err) != nil {
			t.Errorf("delete %s: %v", handle, err)
			return
		}
		if _, err := c.GetCustomer(t.Context(), handle); !httpclient.IsNotFound(err) {
			t.Errorf("read of deleted %s: %v", handle, err)
		}
	})
	if slices.Sort(handles); len(slices.Compact(slices.Clone(handles))) != n {
		t.Fatalf("handles are not distinct: %v", handles)
	}
}
