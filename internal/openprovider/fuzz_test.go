package openprovider

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Fuzz tests of the decoders of Openprovider's answers and of the HCL↔API mapping. Their seeds
// run in every `go test`; `make fuzz` explores further (one -fuzz target per go invocation).

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
	var m customerModel
	m.Handle = types.StringNull()
	m.Name = &nameModel{
		Initials:  p.str("name.initials", "J."),
		FirstName: p.str("name.first_name", "Jane"),
		Prefix:    p.str("name.prefix", "van der"),
		LastName:  p.str("name.last_name", "Doe"),
		FullName:  types.StringNull(),
	}
	m.CompanyName = p.str("company_name", "Example B.V.")
	m.Vat = p.str("vat", "NL123456789B01")
	m.Address = &addressModel{
		Street:  p.str("address.street", "Main street"),
		Number:  p.str("address.number", "1"),
		Suffix:  p.str("address.suffix", "A"),
		Zipcode: p.str("address.zipcode", "1234 AB"),
		City:    p.str("address.city", "Amsterdam"),
		Country: p.str("address.country", "NL"),
		State:   p.str("address.state", "NH"),
	}
	m.Phone = p.phone("phone")
	m.Email = p.str("email", "jane@example.com")
	m.Locale = p.str("locale", "nl_NL")
	m.Comments = p.str("comments", "note")
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
	d := &additionalDataModel{AdditionalDataFields: AdditionalDataFields{BirthAddress: p.str("additional_data.birth_address", "test street 45"), BirthCity: p.str("additional_data.birth_city", "Test city"), BirthCountry: p.str("additional_data.birth_country", "NL"), BirthDate: p.str("additional_data.birth_date", "1970-01-01"), BirthState: p.str("additional_data.birth_state", "Testprovince"), BirthZipcode: p.str("additional_data.birth_zipcode", "0123"), CifNifNumber: p.str("additional_data.cif_nif_number", "B12345678"), CompanyRegistrationCity: p.str("additional_data.company_registration_city", "Testcity"), CompanyRegistrationNumber: p.str("additional_data.company_registration_number", "12345678"), CompanyRegistrationSubscriptionDate: p.str("additional_data.company_registration_subscription_date", "2000-01-01"), CompanyURL: p.str("additional_data.company_url", "https://example.com"), CostCategory: p.str("additional_data.cost_category", "IT"), CostCenter: p.str("additional_data.cost_center", "42"), HeadquartersAddress: p.str("additional_data.headquarters_address", "Test street 5"), HeadquartersCity: p.str("additional_data.headquarters_city", "Testcity"), HeadquartersCountry: p.str("additional_data.headquarters_country", "NL"), HeadquartersState: p.str("additional_data.headquarters_state", "Testprovince"), HeadquartersZipcode: p.str("additional_data.headquarters_zipcode", "0123"), InternalReference: p.str("additional_data.internal_reference", "ref-1"), PassportNumber: p.str("additional_data.passport_number", "0123456"), ProjectCode: p.str("additional_data.project_code", "P-7"), PurchaseOrderNumber: p.str("additional_data.purchase_order_number", "PO-9"), SocialSecurityNumber: p.str("additional_data.social_security_number", "6543210"), TradingName: p.str("additional_data.trading_name", "Example")}}
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
