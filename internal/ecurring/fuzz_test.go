package ecurring

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
)

// Fuzz tests of the decoders of eCurring's answers and of the PATCH semantics of updates. Their
// seeds run in every `go test`; `make fuzz` explores further.

func FuzzChangedAttributes(f *testing.F) {
	f.Add([]byte{}, "", "", "")
	f.Add([]byte{4, 1}, "Jane", "NL91ABNA0417164300", "J. Doe")
	f.Add([]byte{0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1}, "Payment lane", "Amsterdam", "1000AA")
	f.Add([]byte{1, 2}, "DE89370400440532013000", "NL91ABNA0417164300", "M. Holder")
	f.Add([]byte{5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, "x", "y", "z")
	f.Add([]byte{3, 3, 3, 1, 1, 1, 2, 2, 2}, "Ünïcödé", "", "null")
	f.Fuzz(func(t *testing.T, sel []byte, a, b, c string) {
		p := &ecFuzzPicker{t: t, sel: sel, pool: [3]string{a, b, c}}
		prior, plan := p.model(true), p.model(false)

		patch := plan.changedAttributes(&prior)

		// Apply the PATCH as eCurring does, from the bytes on the wire: a member sets its
		// attribute, null clears it, a missing member keeps the stored value.
		raw, err := json.Marshal(map[string]any{"data": map[string]any{"type": "customer", "id": "1", "attributes": patch}})
		if err != nil {
			t.Fatal(err)
		}
		var wire struct {
			Data struct {
				Attributes map[string]*string `json:"attributes"`
			} `json:"data"`
		}
		if err := json.Unmarshal(raw, &wire); err != nil {
			t.Fatalf("cannot decode %s: %v", raw, err)
		}
		stored := values(prior.writable())
		for name, v := range wire.Data.Attributes {
			if v == nil {
				delete(stored, name)
			} else {
				stored[name] = *v
			}
		}
		if want := values(plan.writable()); !maps.Equal(stored, want) {
			t.Fatalf("PATCH %s on %v gives %v, want %v", raw, values(prior.writable()), stored, want)
		}
		// Only what changed travels, except the bank holder that goes with a new IBAN.
		before := prior.writable()
		for name, v := range plan.writable() {
			_, sent := patch[name]
			changed := !v.Equal(before[name])
			bankHolderRule := name == ecurringapi.AttrBankHolder && !changed && sent
			if bankHolderRule {
				_, ibanSent := patch[ecurringapi.AttrIBAN]
				if !ibanSent || plan.BankHolder.IsNull() {
					t.Fatalf("unchanged bank_holder sent without a new IBAN: %s", raw)
				}
				continue
			}
			if sent != changed {
				t.Fatalf("%s: changed %v, sent %v (PATCH %s)", name, changed, sent, raw)
			}
		}
		for name := range patch {
			if _, writable := before[name]; !writable {
				t.Fatalf("PATCH carries %s, which is not writable: %s", name, raw)
			}
		}
	})
}

// values is the set attributes of a model as strings; null ones are absent.
func values(m map[string]types.String) map[string]string {
	out := map[string]string{}
	for name, v := range m {
		if !v.IsNull() {
			out[name] = v.ValueString()
		}
	}
	return out
}

// ecFuzzStrings are the schema's string attributes by name.
var ecFuzzStrings = sync.OnceValue(func() map[string]schema.StringAttribute {
	out := map[string]schema.StringAttribute{}
	for name, a := range customerSchema().Attributes {
		if s, ok := a.(schema.StringAttribute); ok {
			out[name] = s
		}
	}
	return out
})

// ecFuzzPicker builds models from fuzzed bytes: per attribute, a selector byte says null, one of
// the three fuzzed strings, or a realistic default. A plan holds only what the validators accept;
// a prior state is what eCurring returned, where anything may be.
type ecFuzzPicker struct {
	t    *testing.T
	sel  []byte
	next int
	pool [3]string
}

func (p *ecFuzzPicker) byte() byte {
	if len(p.sel) == 0 {
		return 4
	}
	b := p.sel[p.next%len(p.sel)]
	p.next++
	return b
}

func (p *ecFuzzPicker) str(name, def string, fromAPI bool) types.String {
	p.t.Helper()
	a, ok := ecFuzzStrings()[name]
	if !ok {
		p.t.Fatalf("no string attribute %s in the schema", name)
	}
	if !ecAccepted(a, def) {
		p.t.Fatalf("the default %q of %s is not valid", def, name)
	}
	choice := p.byte() % 5
	if fromAPI {
		// What customerFromAPI makes of anything the API returns.
		v := def
		switch choice {
		case 0:
			v = ""
		case 1, 2, 3:
			v = p.pool[choice-1]
		}
		if a.Required {
			return types.StringValue(v)
		}
		if v == "" {
			return types.StringNull()
		}
		return types.StringValue(v)
	}
	if choice == 0 && a.Optional && a.Default == nil {
		return types.StringNull()
	}
	if choice >= 1 && choice <= 3 && ecAccepted(a, p.pool[choice-1]) {
		return types.StringValue(p.pool[choice-1])
	}
	return types.StringValue(def)
}

// ecAccepted reports whether a plan could hold v for a. Validators that look at other attributes
// (iban's AlsoRequires bank_holder) need a whole configuration and are left out: the picker may
// set iban without bank_holder, which only makes the bank holder rule's test harder.
func ecAccepted(a schema.StringAttribute, v string) bool {
	if !utf8.ValidString(v) {
		return false
	}
	for _, check := range a.Validators {
		if strings.Contains(fmt.Sprintf("%T", check), "AlsoRequires") {
			continue
		}
		var resp validator.StringResponse
		check.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("fuzz"), ConfigValue: types.StringValue(v)}, &resp)
		if resp.Diagnostics.HasError() {
			return false
		}
	}
	return true
}

func (p *ecFuzzPicker) model(fromAPI bool) customerModel {
	s := func(name, def string) types.String { return p.str(name, def, fromAPI) }
	return customerModel{
		ID:             types.StringValue("1"),
		Gender:         s(ecurringapi.AttrGender, "f"),
		FirstName:      s(ecurringapi.AttrFirstName, "Customer"),
		MiddleName:     s(ecurringapi.AttrMiddleName, "van"),
		LastName:       s(ecurringapi.AttrLastName, "Test"),
		CompanyName:    s(ecurringapi.AttrCompanyName, "Example B.V."),
		VatNumber:      s(ecurringapi.AttrVatNumber, "NL123456789B01"),
		IBAN:           s(ecurringapi.AttrIBAN, "NL91ABNA0417164300"),
		BankHolder:     s(ecurringapi.AttrBankHolder, "C. Test"),
		Postalcode:     s(ecurringapi.AttrPostalcode, "1000AA"),
		HouseNumber:    s(ecurringapi.AttrHouseNumber, "1"),
		HouseNumberAdd: s(ecurringapi.AttrHouseNumberAdd, "A"),
		Street:         s(ecurringapi.AttrStreet, "Payment lane"),
		City:           s(ecurringapi.AttrCity, "Amsterdam"),
		CountryISO2:    s(ecurringapi.AttrCountryISO2, "NL"),
		Language:       s(ecurringapi.AttrLanguage, "nl"),
		Email:          s(ecurringapi.AttrEmail, "customer.test@ecurring.com"),
		Telephone:      s(ecurringapi.AttrTelephone, "+31202616739"),
	}
}
