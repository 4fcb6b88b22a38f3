package openprovider

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func fullModel() customerModel {
	s := types.StringValue
	return customerModel{
		Handle:      s("JD123456-NL"),
		Name:        &nameModel{Initials: s("J."), FirstName: s("Jane"), Prefix: s("van der"), LastName: s("Doe"), FullName: s("Jane van der Doe")},
		CompanyName: s("Example B.V."),
		Vat:         s("NL123456789B01"),
		Address:     &addressModel{Street: s("Main"), Number: s("1"), Suffix: s("A"), Zipcode: s("1234 AB"), City: s("Amsterdam"), Country: s("NL"), State: s("NH")},
		Phone:       &phoneModel{CountryCode: s("+31"), AreaCode: s("20"), SubscriberNumber: s("1234567")},
		Fax:         &phoneModel{CountryCode: s("+31"), AreaCode: types.StringNull(), SubscriberNumber: s("7654321")},
		Email:       s("jane@example.com"),
		Locale:      s("nl_NL"),
		Comments:    s("note"),
		Tags:        []tagModel{{Key: s("customer"), Value: s("VIP")}},
		AdditionalData: &additionalDataModel{
			AttachedFiles: []attachedFileModel{{Description: types.StringNull(), DocType: s("passport"), Path: s("https://f/p.pdf")}},
			BirthDate:     s("1970-01-01"), PassportNumber: s("P1"), SocialSecurityNumber: s("S1"), TradingName: s("Ex"),
			BirthAddress: types.StringNull(), BirthCity: types.StringNull(), BirthCountry: types.StringNull(), BirthState: types.StringNull(),
			BirthZipcode: types.StringNull(), CifNifNumber: types.StringNull(), CompanyRegistrationCity: types.StringNull(),
			CompanyRegistrationNumber: types.StringNull(), CompanyRegistrationSubscriptionDate: types.StringNull(), CompanyURL: types.StringNull(),
			CostCategory: types.StringNull(), CostCenter: types.StringNull(), HeadquartersAddress: types.StringNull(), HeadquartersCity: types.StringNull(),
			HeadquartersCountry: types.StringNull(), HeadquartersState: types.StringNull(), HeadquartersZipcode: types.StringNull(),
			InternalReference: types.StringNull(), ProjectCode: types.StringNull(), PurchaseOrderNumber: types.StringNull(),
		},
		ExtensionAdditionalData: []extensionModel{{Name: s("ru"), Data: map[string]string{"passport_number": "X", "hr_member": ""}}},
	}
}

// serverEcho is what the API answers for a body it stored: the body, with the handle and the
// derived full name.
func serverEcho(t *testing.T, sent *Customer, handle, fullName string) *Customer {
	t.Helper()
	raw, err := json.Marshal(sent)
	if err != nil {
		t.Fatal(err)
	}
	var got Customer
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	got.Handle = handle
	if got.Name != nil {
		got.Name.FullName = fullName
	}
	return &got
}

func TestCustomerMappingRoundTrip(t *testing.T) {
	m := fullModel()
	got := customerFromAPI(serverEcho(t, m.toAPI(), "JD123456-NL", "Jane van der Doe"), &m)
	if !reflect.DeepEqual(got, m) {
		t.Fatalf("round trip changed the model:\n got %+v\nwant %+v", got, m)
	}
}

func TestCustomerMappingImportHasNoPrior(t *testing.T) {
	m := fullModel()
	m.Tags, m.ExtensionAdditionalData = []tagModel{}, []extensionModel{}
	m.AdditionalData = &additionalDataModel{AttachedFiles: []attachedFileModel{}}
	m.Fax = nil
	api := serverEcho(t, m.toAPI(), "JD123456-NL", "Jane van der Doe")

	imported := customerFromAPI(api, nil)
	if imported.Tags != nil || imported.ExtensionAdditionalData != nil || imported.AdditionalData != nil || imported.Fax != nil {
		t.Errorf("empty values read without a prior value must be null: tags %v, ext %v, additional %v, fax %v",
			imported.Tags, imported.ExtensionAdditionalData, imported.AdditionalData, imported.Fax)
	}
	// With the configuration as prior, explicitly empty values stay empty (no perpetual diff).
	kept := customerFromAPI(api, &m)
	if kept.Tags == nil || len(kept.Tags) != 0 || kept.ExtensionAdditionalData == nil || kept.AdditionalData == nil || kept.AdditionalData.AttachedFiles == nil {
		t.Errorf("empty configured values must stay empty, not null: %+v", kept)
	}
	if !kept.AdditionalData.BirthCity.IsNull() {
		t.Errorf("unset additional data must be null, got %v", kept.AdditionalData.BirthCity)
	}
}

// TestUpdateBodyClearsWhatIsUnset pins the wire form of "unset": the API keeps omitted keys, so
// an update must send empty values for everything the configuration no longer sets.
func TestUpdateBodyClearsWhatIsUnset(t *testing.T) {
	m := customerModel{
		Email:   types.StringValue("jane@example.com"),
		Address: &addressModel{Country: types.StringValue("NL")},
		Phone:   &phoneModel{CountryCode: types.StringValue("+31"), SubscriberNumber: types.StringValue("1")},
	}
	body := m.toAPI()
	body.Name, body.CompanyName = nil, nil
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"vat":""`, `"comments":""`, `"locale":""`, `"tags":[]`, `"extension_additional_data":[]`,
		`"fax":{"country_code":"","area_code":"","subscriber_number":""}`,
		`"attached_files":[]`, `"passport_number":""`, `"suffix":""`, `"area_code":""`,
	} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("update body lacks %s: %s", want, raw)
		}
	}
	for _, absent := range []string{`"name"`, `"company_name"`, `"handle"`} {
		if strings.Contains(string(raw), absent) {
			t.Errorf("update body carries %s: %s", absent, raw)
		}
	}
}

func BenchmarkCustomerMapping(b *testing.B) {
	m := fullModel()
	b.ReportAllocs()
	for b.Loop() {
		raw, err := json.Marshal(m.toAPI())
		if err != nil {
			b.Fatal(err)
		}
		var c Customer
		if err := json.Unmarshal(raw, &c); err != nil {
			b.Fatal(err)
		}
		_ = customerFromAPI(&c, &m)
	}
}
