package openprovider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

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
		env, err := decodeEnvelope(op, resp)

		// What an envelope is, decoded independently of decodeEnvelope's embedding trick.
		var want struct {
			Code        *int            `json:"code"`
			Desc        string          `json:"desc"`
			Data        json.RawMessage `json:"data"`
			Maintenance bool            `json:"maintenance"`
			Warnings    []warning       `json:"warnings"`
		}
		isEnvelope := json.Unmarshal(body, &want) == nil && want.Code != nil

		if err != nil {
			if isEnvelope {
				t.Fatalf("an envelope was refused: %v", err)
			}
			apiErr := mustAPIError(t, err)
			if env != nil || apiErr.StatusCode != status || apiErr.NotFound || apiErr.Code != "" {
				t.Fatalf("refusal %+v, envelope %v", apiErr, env)
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
		if !isEnvelope {
			t.Fatalf("not an envelope, yet decoded: %+v", env)
		}
		if env.Desc != want.Desc || !bytes.Equal(env.Data, want.Data) || env.Maintenance != want.Maintenance {
			t.Fatalf("decoded %+v, want %+v", env, want)
		}
		success := status >= 200 && status <= 299
		apiErrOrNil := env.err(op, status)
		switch {
		case *want.Code == 0 && success:
			if apiErrOrNil != nil {
				t.Fatalf("HTTP %d with code 0 must succeed, got %v", status, apiErrOrNil)
			}
			// The success flag of update and delete never panics, and true (or none) is success.
			var data successData
			if json.Unmarshal(env.Data, &data) == nil {
				flag := strings.Trim(string(data.Success), `"`)
				if checkErr := data.check(op); checkErr != nil && slices.Contains([]string{"true", "1", ""}, flag) {
					t.Fatalf("success %s refused: %v", data.Success, checkErr)
				}
			}
			return
		case *want.Code == 0:
			// An HTTP error without an error code (a gateway's answer, say) is still an error.
			if apiErrOrNil == nil {
				t.Fatalf("HTTP %d with code 0 must fail", status)
			}
		default:
			if apiErrOrNil == nil {
				t.Fatalf("code %d must fail", *want.Code)
			}
		}
		apiErr := mustAPIError(t, apiErrOrNil)
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

func FuzzCustomerRoundTrip(f *testing.F) {
	f.Add([]byte{}, "", "", "")
	f.Add([]byte{4}, "Jane", "van der", "Doe")
	f.Add([]byte{1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 1, 2}, "Test", "Person", "Some comment here")
	f.Add([]byte{1, 3, 2, 1, 1, 2, 2, 2, 1, 1}, "Ünïcödé ✓", "<b>&amp;</b>", `quote " backslash \ tab	`)
	f.Add([]byte{3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, "x", "NL", "+31")
	f.Add([]byte{255, 254, 1, 7, 9, 200, 13, 42}, "12345678", "1970-01-01", "nl_NL")
	f.Add([]byte{2, 2, 2, 2, 2, 2, 2, 2}, "a\x00b", "\u2028line", "emoji 🇳🇱")
	f.Fuzz(func(t *testing.T, sel []byte, a, b, c string) {
		p := &fuzzPicker{t: t, sel: sel, pool: [3]string{a, b, c}}
		m := p.customer()
		const handle = "XX100001-NL"
		fullName := strings.Join(slices.DeleteFunc([]string{m.Name.FirstName.ValueString(), m.Name.Prefix.ValueString(), m.Name.LastName.ValueString()},
			func(s string) bool { return strings.TrimSpace(s) == "" }), " ")

		sent := m.toAPI()
		// The plan of a create: handle and full_name are the server's, unknown until it answers.
		m.Handle, m.Name.FullName = types.StringUnknown(), types.StringUnknown()
		got := customerFromAPI(serverEcho(t, sent, handle, fullName), &m)

		want := m
		name := *m.Name
		want.Handle, name.FullName, want.Name = types.StringValue(handle), types.StringValue(fullName), &name
		if !reflect.DeepEqual(got, want) {
			gotJSON, _ := json.Marshal(got.toAPI())
			t.Fatalf("the round trip changed the model:\n got %+v\nwant %+v\n(got as API %s)", got, want, gotJSON)
		}
		// A lost create is adopted: the customer the server made from this body matches it as listed.
		listed := serverEcho(t, sent, handle, fullName)
		listed.Vat, listed.Fax, listed.ID = "", Phone{}, 100001
		if !sameListedCustomer(sent, listed) {
			t.Fatalf("the customer created from %+v does not match it as listed: %+v", sent, listed)
		}
	})
}

// opFuzzStrings are the string attributes of the schema by dotted path ("address.country").
var opFuzzStrings = sync.OnceValue(func() map[string]schema.StringAttribute {
	out := map[string]schema.StringAttribute{}
	collectStringAttributes(customerSchema().Attributes, "", out)
	return out
})

func collectStringAttributes(attributes map[string]schema.Attribute, prefix string, out map[string]schema.StringAttribute) {
	for name, a := range attributes {
		switch a := a.(type) {
		case schema.StringAttribute:
			out[prefix+name] = a
		case schema.SingleNestedAttribute:
			collectStringAttributes(a.Attributes, prefix+name+".", out)
		case schema.ListNestedAttribute:
			collectStringAttributes(a.NestedObject.Attributes, prefix+name+".", out)
		case schema.SetNestedAttribute:
			collectStringAttributes(a.NestedObject.Attributes, prefix+name+".", out)
		}
	}
}

// fuzzPicker builds a configuration from fuzzed bytes: each selector byte says whether a value is
// left out (optional attributes only), one of the three fuzzed strings, or a realistic default.
// Values the schema's validators refuse never reach the API, so they are replaced by the default.
type fuzzPicker struct {
	t    *testing.T
	sel  []byte
	next int
	pool [3]string
}

func (p *fuzzPicker) byte() byte {
	if len(p.sel) == 0 {
		return 4
	}
	b := p.sel[p.next%len(p.sel)]
	p.next++
	return b
}

// count is 0 to n-1.
func (p *fuzzPicker) count(n int) int { return int(p.byte()) % n }

func (p *fuzzPicker) str(attr, def string) types.String {
	p.t.Helper()
	a, ok := opFuzzStrings()[attr]
	if !ok {
		p.t.Fatalf("no string attribute %s in the schema", attr)
	}
	if !accepted(a, def) {
		p.t.Fatalf("the default %q of %s is not valid", def, attr)
	}
	choice := p.byte() % 5
	// An attribute with a default is never null in a plan.
	if choice == 0 && a.Optional && a.Default == nil {
		return types.StringNull()
	}
	if choice >= 1 && choice <= 3 && accepted(a, p.pool[choice-1]) {
		return types.StringValue(p.pool[choice-1])
	}
	return types.StringValue(def)
}

// accepted reports whether a plan could hold v for a: valid UTF-8 (Terraform strings are) and
// passing each of the attribute's validators.
func accepted(a schema.StringAttribute, v string) bool {
	if !utf8.ValidString(v) {
		return false
	}
	for _, check := range a.Validators {
		var resp validator.StringResponse
		check.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("fuzz"), ConfigValue: types.StringValue(v)}, &resp)
		if resp.Diagnostics.HasError() {
			return false
		}
	}
	return true
}

func (p *fuzzPicker) phone(prefix string) *phoneModel {
	return &phoneModel{
		CountryCode:      p.str(prefix+".country_code", "+31"),
		AreaCode:         p.str(prefix+".area_code", "20"),
		SubscriberNumber: p.str(prefix+".subscriber_number", "1234567"),
	}
}

func (p *fuzzPicker) customer() customerModel {
	m := customerModel{
		Handle: types.StringNull(),
		Name: &nameModel{
			Initials:  p.str("name.initials", "J."),
			FirstName: p.str("name.first_name", "Jane"),
			Prefix:    p.str("name.prefix", "van der"),
			LastName:  p.str("name.last_name", "Doe"),
			FullName:  types.StringNull(),
		},
		CompanyName: p.str("company_name", "Example B.V."),
		Vat:         p.str("vat", "NL123456789B01"),
		Address: &addressModel{
			Street:  p.str("address.street", "Main street"),
			Number:  p.str("address.number", "1"),
			Suffix:  p.str("address.suffix", "A"),
			Zipcode: p.str("address.zipcode", "1234 AB"),
			City:    p.str("address.city", "Amsterdam"),
			Country: p.str("address.country", "NL"),
			State:   p.str("address.state", "NH"),
		},
		Phone:    p.phone("phone"),
		Email:    p.str("email", "jane@example.com"),
		Locale:   p.str("locale", "nl_NL"),
		Comments: p.str("comments", "note"),
	}
	if p.count(2) == 1 {
		m.Fax = p.phone("fax")
	}
	// tags: null, [] or a set of up to three (Terraform keeps one of equal elements).
	switch n := p.count(5); n {
	case 0:
	case 1:
		m.Tags = []tagModel{}
	default:
		for range n - 1 {
			tag := tagModel{Key: p.str("tags.key", "customer"), Value: p.str("tags.value", "VIP")}
			if !slices.Contains(m.Tags, tag) {
				m.Tags = append(m.Tags, tag)
			}
		}
	}
	if p.count(3) > 0 {
		m.AdditionalData = p.additionalData()
	}
	for range p.count(3) {
		e := extensionModel{Name: p.str("extension_additional_data.name", "ru"), Data: map[string]string{}}
		for range 1 + p.count(3) {
			e.Data[p.pool[p.count(3)]] = p.pool[p.count(3)]
		}
		if slices.ContainsFunc(slices.Concat(mapKeys(e.Data), mapValues(e.Data)), func(s string) bool { return !utf8.ValidString(s) }) {
			e.Data = map[string]string{"passport_number": "12345678"}
		}
		m.ExtensionAdditionalData = append(m.ExtensionAdditionalData, e)
	}
	return m
}

func (p *fuzzPicker) additionalData() *additionalDataModel {
	d := &additionalDataModel{
		BirthAddress:                        p.str("additional_data.birth_address", "test street 45"),
		BirthCity:                           p.str("additional_data.birth_city", "Test city"),
		BirthCountry:                        p.str("additional_data.birth_country", "NL"),
		BirthDate:                           p.str("additional_data.birth_date", "1970-01-01"),
		BirthState:                          p.str("additional_data.birth_state", "Testprovince"),
		BirthZipcode:                        p.str("additional_data.birth_zipcode", "0123"),
		CifNifNumber:                        p.str("additional_data.cif_nif_number", "B12345678"),
		CompanyRegistrationCity:             p.str("additional_data.company_registration_city", "Testcity"),
		CompanyRegistrationNumber:           p.str("additional_data.company_registration_number", "12345678"),
		CompanyRegistrationSubscriptionDate: p.str("additional_data.company_registration_subscription_date", "2000-01-01"),
		CompanyURL:                          p.str("additional_data.company_url", "https://example.com"),
		CostCategory:                        p.str("additional_data.cost_category", "IT"),
		CostCenter:                          p.str("additional_data.cost_center", "42"),
		HeadquartersAddress:                 p.str("additional_data.headquarters_address", "Test street 5"),
		HeadquartersCity:                    p.str("additional_data.headquarters_city", "Testcity"),
		HeadquartersCountry:                 p.str("additional_data.headquarters_country", "NL"),
		HeadquartersState:                   p.str("additional_data.headquarters_state", "Testprovince"),
		HeadquartersZipcode:                 p.str("additional_data.headquarters_zipcode", "0123"),
		InternalReference:                   p.str("additional_data.internal_reference", "ref-1"),
		PassportNumber:                      p.str("additional_data.passport_number", "0123456"),
		ProjectCode:                         p.str("additional_data.project_code", "P-7"),
		PurchaseOrderNumber:                 p.str("additional_data.purchase_order_number", "PO-9"),
		SocialSecurityNumber:                p.str("additional_data.social_security_number", "6543210"),
		TradingName:                         p.str("additional_data.trading_name", "Example"),
	}
	for range p.count(3) {
		d.AttachedFiles = append(d.AttachedFiles, attachedFileModel{
			Description: p.str("additional_data.attached_files.description", "scan"),
			DocType:     p.str("additional_data.attached_files.doc_type", "passport"),
			Path:        p.str("additional_data.attached_files.path", "https://files.example/p.pdf"),
		})
	}
	return d
}

func mapKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
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
