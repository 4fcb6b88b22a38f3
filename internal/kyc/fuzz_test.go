package kyc

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

	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
)

// Fuzz tests of the decoders of NOAH's answers, of the HCL↔API mapping and of request signing.
// Their seeds run in every `go test`; `make fuzz` explores further.

func FuzzCustomerRoundTrip(f *testing.F) {
	f.Add([]byte{}, "", "", "")
	f.Add([]byte{4}, "Ada", "Lovelace", "+14155550123")
	f.Add([]byte{1, 2, 3, 0, 1, 2, 3, 0, 4}, "Jane", "1 Market Street", "P1")
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "x", "y", "z")
	f.Add([]byte{1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 9, 14}, "Ünïcödé ✓", `quote " \ <&>`, "2024-04-16")
	f.Add([]byte{3, 7, 11, 2, 5, 13}, "US", "Passport", "jane@example.com")
	f.Fuzz(func(t *testing.T, sel []byte, a, b, c string) {
		p := &kycFuzzPicker{t: t, sel: sel, pool: [3]string{a, b, c}}
		m := p.customer()
		const created = "2026-11-21T10:00:00Z"

		in := m.toAPI()
		// What NOAH answers for what was put: the record without e-mail and phone number, plus
		// its own CustomerID, Created and Verification.
		raw, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		var stored kycapi.Customer
		if err := json.Unmarshal(raw, &stored); err != nil {
			t.Fatalf("cannot decode %s: %v", raw, err)
		}
		stored.CustomerID, stored.Created = m.CustomerID.ValueString(), created
		stored.Verification = &kycapi.Verification{Status: "Approved"}

		// The state a create leaves: created and verification_status null until a refresh.
		m.Created, m.VerificationStatus = types.StringNull(), types.StringNull()
		got := customerFromAPI(&stored, &m)
		want := m
		want.Created, want.VerificationStatus = types.StringValue(created), types.StringValue("Approved")
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("the round trip changed the model:\n got %+v\nwant %+v\n(put %s)", got, want, raw)
		}
		// E-mail and phone number travel when set, and an import cannot know them.
		var sent map[string]json.RawMessage
		if err := json.Unmarshal(raw, &sent); err != nil {
			t.Fatal(err)
		}
		if _, ok := sent["Email"]; ok == m.Email.IsNull() {
			t.Fatalf("e-mail %v, PUT %s", m.Email, raw)
		}
		if imported := customerFromAPI(&stored, nil); !imported.Email.IsNull() || !imported.PhoneNumber.IsNull() {
			t.Fatalf("an import knows e-mail %v and phone %v", imported.Email, imported.PhoneNumber)
		}
	})
}

// kycFuzzStrings are the schema's string attributes by dotted path ("primary_residence.city").
var kycFuzzStrings = sync.OnceValue(func() map[string]schema.StringAttribute {
	out := map[string]schema.StringAttribute{}
	var collect func(attributes map[string]schema.Attribute, prefix string)
	collect = func(attributes map[string]schema.Attribute, prefix string) {
		for name, a := range attributes {
			switch a := a.(type) {
			case schema.StringAttribute:
				out[prefix+name] = a
			case schema.SingleNestedAttribute:
				collect(a.Attributes, prefix+name+".")
			case schema.ListNestedAttribute:
				collect(a.NestedObject.Attributes, prefix+name+".")
			}
		}
	}
	collect(customerSchema().Attributes, "")
	return out
})

// kycFuzzPicker builds a configuration from fuzzed bytes: per attribute, a selector byte says
// null (optional attributes only), one of the three fuzzed strings, or a realistic default.
// Values the schema's validators refuse never reach the API and become the default.
type kycFuzzPicker struct {
	t    *testing.T
	sel  []byte
	next int
	pool [3]string
}

func (p *kycFuzzPicker) byte() byte {
	if len(p.sel) == 0 {
		return 4
	}
	b := p.sel[p.next%len(p.sel)]
	p.next++
	return b
}

func (p *kycFuzzPicker) str(attr, def string) types.String {
	p.t.Helper()
	a, ok := kycFuzzStrings()[attr]
	if !ok {
		p.t.Fatalf("no string attribute %s in the schema", attr)
	}
	if !kycAccepted(a, def) {
		p.t.Fatalf("the default %q of %s is not valid", def, attr)
	}
	choice := p.byte() % 5
	if choice == 0 && a.Optional && a.Default == nil {
		return types.StringNull()
	}
	if choice >= 1 && choice <= 3 && kycAccepted(a, p.pool[choice-1]) {
		return types.StringValue(p.pool[choice-1])
	}
	return types.StringValue(def)
}

// kycAccepted reports whether a plan could hold v for a: valid UTF-8 and passing its validators.
func kycAccepted(a schema.StringAttribute, v string) bool {
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

func (p *kycFuzzPicker) customer() customerModel {
	m := customerModel{
		CustomerID: p.str("customer_id", "cust-1"),
		FullName: &fullNameModel{
			FirstName:  p.str("full_name.first_name", "Jane"),
			LastName:   p.str("full_name.last_name", "Doe"),
			MiddleName: p.str("full_name.middle_name", "Q"),
		},
		DateOfBirth: p.str("date_of_birth", "1990-04-16"),
		Email:       p.str("email", "jane@example.com"),
		PhoneNumber: p.str("phone_number", "+14155550123"),
		PrimaryResidence: &addressModel{
			Street:   p.str("primary_residence.street", "1 Market Street"),
			Street2:  p.str("primary_residence.street2", "Suite 5"),
			City:     p.str("primary_residence.city", "San Francisco"),
			PostCode: p.str("primary_residence.post_code", "94105"),
			State:    p.str("primary_residence.state", "CA"),
			Country:  p.str("primary_residence.country", "US"),
		},
	}
	for range 1 + int(p.byte())%3 {
		m.Identities = append(m.Identities, identityModel{IdentityFields: IdentityFields{IssuingCountry: p.str("identities.issuing_country", "US"), IDNumber: p.str("identities.id_number", "P1"), IssuedDate: p.str("identities.issued_date", "2020-01-15"), ExpiryDate: p.str("identities.expiry_date", "2030-01-14"), IDType: p.str("identities.id_type", "Passport")}})
		// Each identity needs an id_number or an id_number_wo (TestIDNumberWriteOnly covers that).
		if last := &m.Identities[len(m.Identities)-1]; last.IDNumber.IsNull() {
			last.IDNumber = types.StringValue("P1")
		}
	}
	return m
}

func FuzzAttributePath(f *testing.F) {
	for _, field := range []string{
		"FullName.FirstName", "Identities[0].IDNumber", "Identities.1.ExpiryDate", "PrimaryResidence.PostCode",
		"CustomerID", "DateOfBirth", "Email", "PhoneNumber", "Identities", "Identities[2]", "FullName",
		"", ".", "[0]", "0", "Identities[x].IDNumber", "Identities[0]]", "PageSize", "SortDirection", "Created",
	} {
		f.Add(field)
	}
	// Regression seeds: attributePath once mapped each name on its own, so a nested name at the
	// root ("City"), an index after an index or on an object ("Identities.0.0", "FullName[0]")
	// gave paths that are not attributes. The fuzzer found "Identities.0.0".
	f.Add("City")
	f.Add("Identities.0.0")
	f.Add("FullName[0]")
	f.Fuzz(func(t *testing.T, field string) {
		p, ok := attributePath(field)
		if !ok {
			return
		}
		if !inCustomerSchema(p) {
			t.Fatalf("attributePath(%q) = %s, which is not an attribute of kyc_customer", field, p)
		}
	})
}

// FuzzNOAHFieldPath: every field path NOAH can report about a request body maps to the
// attribute it concerns, whichever of its two index notations NOAH uses.
func FuzzNOAHFieldPath(f *testing.F) {
	f.Add(uint8(0), uint8(0), false)
	f.Add(uint8(4), uint8(2), true)
	f.Add(uint8(5), uint8(1), false)
	f.Add(uint8(6), uint8(3), true)
	// Type is always "Individual": no attribute sets it, so a problem with it stays on the resource.
	fields := slices.DeleteFunc(noahFieldPaths(reflect.TypeFor[kycapi.CustomerInput](), ""), func(s string) bool { return s == "Type" })
	f.Fuzz(func(t *testing.T, which, index uint8, dotted bool) {
		field := fields[int(which)%len(fields)]
		notation := "[" + string(rune('0'+index%10)) + "]"
		if dotted {
			notation = "." + string(rune('0'+index%10))
		}
		field = strings.ReplaceAll(field, "[]", notation)
		p, ok := attributePath(field)
		if !ok || !inCustomerSchema(p) {
			t.Fatalf("attributePath(%q) = %s, %v; want an attribute of kyc_customer", field, p, ok)
		}
	})
}

// noahFieldPaths lists the JSON names of the wire type t as NOAH writes field paths
// ("Identities[].IDNumber", with [] where an index goes).
func noahFieldPaths(t reflect.Type, prefix string) []string {
	var out []string
	for field := range t.Fields() {
		name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
		out = append(out, prefix+name)
		switch ft := field.Type; ft.Kind() {
		case reflect.Struct:
			out = append(out, noahFieldPaths(ft, prefix+name+".")...)
		case reflect.Slice:
			out = append(out, noahFieldPaths(ft.Elem(), prefix+name+"[].")...)
		}
	}
	return out
}

// inCustomerSchema reports whether p addresses an attribute of customerSchema(), or an element of
// one of its lists.
func inCustomerSchema(p path.Path) bool {
	steps := p.Steps()
	attributes := customerSchema().Attributes
	var current schema.Attribute
	for _, step := range steps {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			a, ok := attributes[string(s)]
			if !ok {
				return false
			}
			current, attributes = a, nil
			if nested, ok := a.(schema.SingleNestedAttribute); ok {
				attributes = nested.Attributes
			}
		case path.PathStepElementKeyInt:
			list, ok := current.(schema.ListNestedAttribute)
			if !ok || s < 0 {
				return false
			}
			current, attributes = nil, list.NestedObject.Attributes
		default:
			return false
		}
	}
	return len(steps) > 0
}
