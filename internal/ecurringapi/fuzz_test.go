package ecurringapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

// Fuzz tests of the decoders of eCurring's answers and of the PATCH semantics of updates. Their
// seeds run in every `go test`; `make fuzz` explores further.

func FuzzAPIError(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{422, `{"errors":[{"status":"422","title":"Unprocessable Entity","detail":"The email is invalid.","source":{"pointer":"/data/attributes/email"}},` +
			`{"status":"422","title":"Unprocessable Entity","detail":"Unknown gender.","source":{"pointer":"/data/attributes/gender"}}]}`},
		{422, `{"errors":[{"status":"422","title":"Unprocessable Entity","detail":"bank_holder is required when iban is set","source":{"pointer":"/data/attributes/bank_holder"}}]}`},
		{422, `{"errors":[{"status":"422","title":"Unprocessable Entity","detail":"read-only attribute","source":{"pointer":"/data/attributes/created_at"}}]}`},
		{404, `{"errors":[{"status":"404","title":"Not Found","detail":"Customer not found"}]}`},
		{401, `{"errors":[{"status":"401","title":"Unauthorized","detail":"missing or invalid X-Authorization API key"}]}`},
		{400, `{"errors":[{"status":"400","title":"Bad Request","detail":"page[size] must be at most 50","source":{"parameter":"page[size]"}}]}`},
		{400, `{"errors":[{"status":"400","title":"Bad Request","detail":"data.id must be a string","source":{"pointer":"/data/id"}}]}`},
		{409, `{"errors":[{"status":"409","title":"Conflict","detail":"data.type must be \"customer\", got \"x\"","source":{"pointer":"/data/type"}}]}`},
		{405, `{"errors":[{"status":"405","title":"Method Not Allowed","detail":"customers cannot be deleted through the API"}]}`},
		{422, `{"errors":[{"code":"E42","title":"","detail":"   ","source":{"pointer":"/data/attributes/"}}]}`},
		{500, `{"errors":[{"status":"500","title":"Internal Server Error","detail":"Something went wrong"}]}`},
		{502, `<html><body>502 Bad Gateway</body></html>`},
		{503, ``},
		{429, `{"errors":[]}`},
		{400, `{"errors":{"status":"400"}}`},
		{422, `null`},
	} {
		f.Add(seed.status, []byte(seed.body))
	}
	attributes := (&Customer{}).writable()
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = fuzzStatus(status)
		resp := &httpclient.Response{StatusCode: status, Header: http.Header{"Content-Type": {mediaType}}, Body: body}
		err := refusal("update customer 1", resp)
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
		if apiErr.StatusCode != status || apiErr.NotFound != (status == http.StatusNotFound) {
			t.Fatalf("HTTP %d: %+v", status, apiErr)
		}
		// eCurring gives no verdict with a 5xx: every one is server trouble, and nothing else is.
		if apiErr.Transient != (status >= 500) || Transient(resp) != (status >= 500) {
			t.Fatalf("HTTP %d: Transient = %v", status, apiErr.Transient)
		}
		if strings.Contains(apiErr.Error(), testKey) && !strings.Contains(string(body), testKey) {
			t.Fatalf("the error shows the API key: %v", apiErr)
		}
		var doc errorDocument
		if json.Unmarshal(body, &doc) != nil || len(doc.Errors) == 0 {
			if len(apiErr.Fields) != 0 || apiErr.Code != "" {
				t.Fatalf("no JSON:API errors, yet %+v", apiErr)
			}
			return
		}
		if first := doc.Errors[0]; apiErr.Code != first.Code && (first.Code != "" || apiErr.Code != first.Title) {
			t.Fatalf("code %q, first error %+v", apiErr.Code, first)
		}
		if len(apiErr.Fields) > len(doc.Errors) {
			t.Fatalf("%d field problems from %d errors", len(apiErr.Fields), len(doc.Errors))
		}
		for _, e := range doc.Errors {
			text := strings.TrimSpace(e.Detail)
			if text == "" {
				text = e.Title
			}
			// An error about an attribute is reported on that attribute.
			if name, ok := strings.CutPrefix(e.Source.Pointer, attributePointer); ok && name != "" &&
				!slices.Contains(apiErr.Fields, httpclient.FieldProblem{Field: name, Problem: text}) {
				t.Fatalf("the error on %s (%q) is not a field problem of %s: %+v", e.Source.Pointer, text, name, apiErr.Fields)
			}
			// Every error is reported, on a field or in the message.
			if !strings.Contains(apiErr.Error(), text) {
				t.Fatalf("error text %q is lost: %v", text, apiErr)
			}
		}
		// A field problem shows beside an attribute (see addAPIError) only when eCurring's pointer
		// addresses that attribute. Not JSON pointers (no leading "/") and query parameters are
		// taken as they come: eCurring sends neither for the provider's requests.
		for _, fp := range apiErr.Fields {
			if _, named := attributes[fp.Field]; !named {
				continue
			}
			if !slices.ContainsFunc(doc.Errors, func(e errorObject) bool {
				p := e.Source.Pointer
				return p == attributePointer+fp.Field || p == fp.Field || p == "" && e.Source.Parameter == fp.Field
			}) {
				t.Fatalf("field problem %+v names an attribute no pointer addressed: %s", fp, body)
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

func FuzzDocument(f *testing.F) {
	f.Add([]byte(fuzzCustomerDocument))
	f.Add([]byte(`{"data":{"type":"customer","id":"1","attributes":{"street":"Payment lane","house_number":"1","city":"Amsterdam","postalcode":"1000AA"}}}`))
	f.Add([]byte(`{"data":{"type":"customer","id":"42","attributes":{"id":"7","first_name":"Jane","language":"nl","email":"jane@example.com"}}}`))
	f.Add([]byte(`{"data":{"type":"customer","id":"","attributes":{}}}`))
	f.Add([]byte(`{"data":{"type":"subscription","id":"1","attributes":{}}}`))
	f.Add([]byte(`{"data":{"type":"customer","id":"1","attributes":null}}`))
	f.Add([]byte(`{"data":{"type":"customer","id":1,"attributes":{}}}`))
	f.Add([]byte(`{"data":[{"type":"customer","id":"1","attributes":{"first_name":"A"}},{"type":"customer","id":"2","attributes":{"first_name":"B"}}],` +
		`"links":{"self":"https://api.ecurring.com/customers?page[number]=1","next":"https://api.ecurring.com/customers?page[number]=2","prev":null,"last":"https://api.ecurring.com/customers?page[number]=2"}}`))
	f.Add([]byte(`{"meta":{"total":0},"links":{"next":null},"data":[]}`))
	f.Add([]byte(`{"data":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var doc document
		if json.Unmarshal(body, &doc) == nil {
			checkCustomerOf(t, doc.Data)
		}
		var list listDocument
		if json.Unmarshal(body, &list) == nil {
			for _, r := range list.Data {
				checkCustomerOf(t, r)
			}
		}
	})
}

// checkCustomerOf: customerOf accepts exactly a customer with an id and attributes, whose id is
// the resource's (never an "id" among the attributes), and which survives the wire again.
func checkCustomerOf(t *testing.T, r resourceObject) {
	t.Helper()
	id, typ, hasAttributes := r.ID, r.Type, r.Attributes != nil
	c, err := customerOf("read customer", r)
	if valid := typ == "customer" && id != "" && hasAttributes; valid != (err == nil) {
		t.Fatalf("type %q, id %q, attributes %v: customer %+v, error %v", typ, id, hasAttributes, c, err)
	}
	if err != nil {
		var apiErr *httpclient.APIError
		if !errors.As(err, &apiErr) || apiErr.NotFound || apiErr.Transient {
			t.Fatalf("refusal %#v", err)
		}
		return
	}
	if c.ID != id {
		t.Fatalf("id %q became %q", id, c.ID)
	}
	raw, err := json.Marshal(document{Data: resourceObject{Type: typ, ID: c.ID, Attributes: c}})
	if err != nil {
		t.Fatal(err)
	}
	var again document
	if err := json.Unmarshal(raw, &again); err != nil {
		t.Fatalf("cannot decode %s: %v", raw, err)
	}
	c2, err := customerOf("read customer", again.Data)
	if err != nil || !reflect.DeepEqual(c2, c) {
		t.Fatalf("the customer did not survive the wire:\n got %+v, %v\nwant %+v", c2, err, c)
	}
	// A lost create is adopted: a customer matches the attributes a plan for it would send.
	sent := Attributes{}
	for name, value := range c.writable() {
		if value != "" {
			sent[name] = &value
		}
	}
	if c.Language != "" && !sameAttributes(sent, c) {
		t.Fatalf("customer %+v does not match its own attributes", c)
	}
}

// TestConcurrentCustomers is for `make race` (go test -race): one client, as the provider shares
// it between resources, creates, reads, updates and lists many customers at once.
func TestConcurrentCustomers(t *testing.T) {
	_, c := newSandboxClient(t)
	const n = 40
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			email := fmt.Sprintf("customer.%02d@example.com", i)
			created, err := c.CreateCustomer(t.Context(), Attributes{AttrFirstName: ptr("Customer"), AttrLastName: ptr(fmt.Sprint("Test", i)), AttrEmail: &email})
			if err != nil {
				t.Errorf("create #%d: %v", i, err)
				return
			}
			ids[i] = created.ID
			city := fmt.Sprintf("City %d", i)
			if updated, err := c.UpdateCustomer(t.Context(), created.ID, Attributes{AttrCity: &city}); err != nil || updated.City != city {
				t.Errorf("update %s: %+v, %v", created.ID, updated, err)
				return
			}
			got, err := c.GetCustomer(t.Context(), created.ID)
			if err != nil || got.Email != email || got.City != city {
				t.Errorf("read %s: %+v, %v", created.ID, got, err)
			}
			if _, err := httpclient.All(c.Customers(t.Context(), "")); err != nil {
				t.Errorf("list: %v", err)
			}
		})
	}
	wg.Wait()
	all, err := httpclient.All(c.Customers(t.Context(), ""))
	if err != nil || len(all) != n {
		t.Fatalf("list: %d customers, %v; want %d", len(all), err, n)
	}
	if slices.Sort(ids); len(slices.Compact(slices.Clone(ids))) != n {
		t.Fatalf("ids are not distinct: %v", ids)
	}
}

// fuzzCustomerDocument is eCurring's answer to "Update customer" in its API reference.
const fuzzCustomerDocument = `{"links":{"self":"https://api.ecurring.com/customers/1"},"data":{"type":"customer","id":"1",` +
	`"links":{"self":"https://api.ecurring.com/customers/1"},"attributes":{"gender":"f","first_name":"Customer","middle_name":null,` +
	`"last_name":"Test","company_name":null,"vat_number":null,"bank_holder":null,"iban":null,"payment_method":"directdebit",` +
	`"bank_verification_method":null,"card_holder":"C Test","card_number":"1854","postalcode":"1000AA","house_number":"1",` +
	`"house_number_add":null,"street":"Payment lane","city":"Amsterdam","country_iso2":"NL","language":"nl",` +
	`"email":"customer.test@ecurring.com","telephone":"+31202616739","archived":false,"created_at":"2018-02-01T11:21:09+01:00",` +
	`"updated_at":"2018-02-05T13:00:00+01:00"},"relationships":{"subscriptions":{"links":{"related":` +
	`"https://api.ecurring.com/customers/1/subscriptions"},"data":[]}}}}`
