package openprovider

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/internal/mappingtest"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
)

func fullModel() customerModel {
	s := types.StringValue
	return customerModel{
		customerFields: customerFields{
			Handle:                  s("JD123456-NL"),
			Name:                    &nameModel{Initials: s("J."), FirstName: s("Jane"), Prefix: s("van der"), LastName: s("Doe"), FullName: s("Jane van der Doe")},
			CompanyName:             s("Example B.V."),
			Address:                 &addressModel{Street: s("Main"), Number: s("1"), Suffix: s("A"), Zipcode: s("1234 AB"), City: s("Amsterdam"), Country: s("NL"), State: s("NH")},
			Phone:                   &phoneModel{CountryCode: s("+31"), AreaCode: s("20"), SubscriberNumber: s("1234567")},
			Email:                   s("jane@example.com"),
			Locale:                  s("nl_NL"),
			Comments:                s("note"),
			Tags:                    []tagModel{{Key: s("customer"), Value: s("VIP")}},
			ExtensionAdditionalData: []extensionModel{{Name: s("ru"), Data: map[string]string{"passport_number": "X", "hr_member": ""}}},
		},
		Vat:            s("NL123456789B01"),
		Fax:            &phoneModel{CountryCode: s("+31"), AreaCode: types.StringNull(), SubscriberNumber: s("7654321")},
		AdditionalData: &additionalDataModel{AdditionalDataFields: AdditionalDataFields{AttachedFiles: []attachedFileModel{{Description: types.StringNull(), DocType: s("passport"), Path: s("https://f/p.pdf")}}, BirthDate: s("1970-01-01"), PassportNumber: s("P1"), SocialSecurityNumber: s("S1"), TradingName: s("Ex"), BirthAddress: types.StringNull(), BirthCity: types.StringNull(), BirthCountry: types.StringNull(), BirthState: types.StringNull(), BirthZipcode: types.StringNull(), CifNifNumber: types.StringNull(), CompanyRegistrationCity: types.StringNull(), CompanyRegistrationNumber: types.StringNull(), CompanyRegistrationSubscriptionDate: types.StringNull(), CompanyURL: types.StringNull(), CostCategory: types.StringNull(), CostCenter: types.StringNull(), HeadquartersAddress: types.StringNull(), HeadquartersCity: types.StringNull(), HeadquartersCountry: types.StringNull(), HeadquartersState: types.StringNull(), HeadquartersZipcode: types.StringNull(), InternalReference: types.StringNull(), ProjectCode: types.StringNull(), PurchaseOrderNumber: types.StringNull()}},
	}
}

// serverEcho is what the API answers for a body it stored: the body, with the handle and the
// derived full name.
func serverEcho(t *testing.T, sent *openproviderapi.Customer, handle, fullName string) *openproviderapi.Customer {
	t.Helper()
	raw, err := json.Marshal(sent)
	if err != nil {
		t.Fatal(err)
	}
	var got openproviderapi.Customer
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
	m.AdditionalData = &additionalDataModel{AdditionalDataFields: AdditionalDataFields{AttachedFiles: []attachedFileModel{}}}
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

// TestCustomerMappingCoversEveryField fails when a line of toAPI or customerFromAPI is lost: a
// model with every attribute set must map to a request with every field set, and back to a model
// with every attribute set.
func TestCustomerMappingCoversEveryField(t *testing.T) {
	var m customerModel
	mappingtest.Fill(&m)
	// The write-only twins never come back (TestWriteOnlyMapping).
	d := m.AdditionalData
	d.PassportNumberWO, d.SocialSecurityNumberWO = types.StringNull(), types.StringNull()
	d.PassportNumberWOVersion, d.SocialSecurityNumberWOVersion = types.Int64Null(), types.Int64Null()
	sent := m.toAPI()
	// Set by the server, never sent.
	if missing := mappingtest.Unset(sent, "Customer.ID", "Customer.Handle", "Customer.Name.FullName", "Customer.IsDeleted"); len(missing) > 0 {
		t.Errorf("toAPI leaves out %v", missing)
	}
	got := customerFromAPI(serverEcho(t, sent, "JD123456-NL", "Full Name"), nil)
	if missing := mappingtest.Unset(got, writeOnlyFields...); len(missing) > 0 {
		t.Errorf("customerFromAPI leaves out %v", missing)
	}
	m.Handle, m.Name.FullName = types.StringValue("JD123456-NL"), types.StringValue("Full Name")
	if !reflect.DeepEqual(got, m) {
		t.Errorf("round trip changed the model:\n got %+v\nwant %+v", got, m)
	}
}

var writeOnlyFields = []string{
	"customerModel.AdditionalData.PassportNumberWO", "customerModel.AdditionalData.PassportNumberWOVersion",
	"customerModel.AdditionalData.SocialSecurityNumberWO", "customerModel.AdditionalData.SocialSecurityNumberWOVersion",
}

// TestWriteOnlyMapping: a value set write-only is sent, and what Openprovider returns for it is
// not kept, while the version is; the plain attribute stays null.
func TestWriteOnlyMapping(t *testing.T) {
	m := customerModel{AdditionalData: &additionalDataModel{AdditionalDataFields: AdditionalDataFields{BirthCity: types.StringValue("Rotterdam"), PassportNumber: types.StringNull(), SocialSecurityNumber: types.StringValue("S-PLAIN-2")}, PassportNumberWO: types.StringValue("P-WO-1"), PassportNumberWOVersion: types.Int64Value(3), SocialSecurityNumberWO: types.StringNull(), SocialSecurityNumberWOVersion: types.Int64Null()}}
	sent := m.toAPI()
	if sent.AdditionalData.PassportNumber != "P-WO-1" || sent.AdditionalData.SocialSecurityNumber != "S-PLAIN-2" {
		t.Fatalf("sent passport %q, social security %q", sent.AdditionalData.PassportNumber, sent.AdditionalData.SocialSecurityNumber)
	}
	for name, prior := range map[string]*customerModel{"after a write": &m, "refresh": {AdditionalData: &additionalDataModel{PassportNumberWOVersion: types.Int64Value(3)}}} {
		got := customerFromAPI(serverEcho(t, sent, "JD123456-NL", "Full Name"), prior).AdditionalData
		if !got.PassportNumber.IsNull() || !got.PassportNumberWO.IsNull() || !got.PassportNumberWOVersion.Equal(types.Int64Value(3)) {
			t.Errorf("%s: passport_number %v, _wo %v, _wo_version %v; want null, null, 3", name, got.PassportNumber, got.PassportNumberWO, got.PassportNumberWOVersion)
		}
		if !got.SocialSecurityNumber.Equal(types.StringValue("S-PLAIN-2")) || !got.SocialSecurityNumberWOVersion.IsNull() {
			t.Errorf("%s: social_security_number %v, _wo_version %v", name, got.SocialSecurityNumber, got.SocialSecurityNumberWOVersion)
		}
	}
	// Import: no prior, so what Openprovider holds shows.
	if got := customerFromAPI(serverEcho(t, sent, "JD123456-NL", "Full Name"), nil).AdditionalData; !got.PassportNumber.Equal(types.StringValue("P-WO-1")) {
		t.Errorf("import: passport_number %v", got.PassportNumber)
	}
}

// rawModel is m as Terraform holds it, in the resource's schema without timeouts.
func rawModel(t *testing.T, m *customerModel) tftypes.Value {
	t.Helper()
	state := tfsdk.State{Schema: customerSchema()}
	if diags := state.Set(t.Context(), m); diags.HasError() {
		t.Fatalf("%v", diags)
	}
	return state.Raw
}

func TestRemovedFields(t *testing.T) {
	var full customerModel
	mappingtest.Fill(&full)
	required := customerModel{customerFields: customerFields{
		Handle: full.Handle, Name: full.Name, CompanyName: full.CompanyName, Email: full.Email,
		Address: &addressModel{Street: full.Address.Street, Number: full.Address.Number, Zipcode: full.Address.Zipcode, City: full.Address.City, Country: full.Address.Country},
		Phone:   &phoneModel{CountryCode: full.Phone.CountryCode, SubscriberNumber: full.Phone.SubscriberNumber},
		// A value the server fills in is unknown in a plan that leaves it to the server.
		Locale: types.StringUnknown(),
	}}
	removed := removedFields("", rawModel(t, &full), rawModel(t, &required))
	want := []string{"additional_data", "address.state", "address.suffix", "comments", "extension_additional_data", "fax", "phone.area_code", "tags", "vat"}
	if !slices.Equal(removed, want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	// Every field the resource can remove is one the client knows how to clear.
	client, handle := sandboxCustomer(t)
	clearFields := func(fields []string) {
		t.Helper()
		valid := fullModel()
		c := valid.toAPI()
		c.Name, c.CompanyName = nil, nil // fixed at create; the resource never sends them in an update
		if err := client.UpdateCustomer(context.Background(), handle, c, fields...); err != nil {
			t.Error(err)
		}
	}
	clearFields(removed)

	// Within objects, each part that goes; an empty set goes whole.
	partly := full
	partly.Tags = []tagModel{}
	fax := *full.Fax
	fax.AreaCode = types.StringNull()
	partly.Fax = &fax
	additional := *full.AdditionalData
	additional.AttachedFiles, additional.PassportNumber = nil, types.StringNull()
	partly.AdditionalData = &additional
	removed = removedFields("", rawModel(t, &full), rawModel(t, &partly))
	want = []string{"additional_data.attached_files", "additional_data.passport_number", "fax.area_code", "tags"}
	if !slices.Equal(removed, want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	clearFields(removed)
	// Every text field of additional_data can be cleared.
	var textFields []string
	for _, field := range reflect.VisibleFields(reflect.TypeFor[additionalDataModel]()) {
		if name := field.Tag.Get("tfsdk"); !field.Anonymous && name != "attached_files" && !strings.Contains(name, "_wo") {
			textFields = append(textFields, "additional_data."+name)
		}
	}
	clearFields(textFields)

	if removed := removedFields("", rawModel(t, &full), rawModel(t, &full)); len(removed) != 0 {
		t.Errorf("nothing removed, yet %v", removed)
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
		var c openproviderapi.Customer
		if err := json.Unmarshal(raw, &c); err != nil {
			b.Fatal(err)
		}
		_ = customerFromAPI(&c, &m)
	}
}

// Openprovider may answer an empty attached_files list rather than leave it out; without other
// additional data that is no additional data.
func TestEmptyAttachedFilesReadAsNoAdditionalData(t *testing.T) {
	var c openproviderapi.Customer
	if err := json.Unmarshal([]byte(`{"handle":"JD123456-NL","additional_data":{"attached_files":[]}}`), &c); err != nil {
		t.Fatal(err)
	}
	if got := customerFromAPI(&c, nil); got.AdditionalData != nil {
		t.Errorf("additional_data = %+v, want null", got.AdditionalData)
	}
}

// TestRemovedFieldsWriteOnly: moving a value to its write-only form removes nothing; dropping the
// write-only form (its version) without setting the plain attribute removes the value.
func TestRemovedFieldsWriteOnly(t *testing.T) {
	plain := customerModel{AdditionalData: &additionalDataModel{AdditionalDataFields: AdditionalDataFields{PassportNumber: types.StringValue("P-1")}}}
	writeOnly := customerModel{AdditionalData: &additionalDataModel{PassportNumberWOVersion: types.Int64Value(1)}}
	none := customerModel{AdditionalData: &additionalDataModel{AdditionalDataFields: AdditionalDataFields{BirthCity: types.StringValue("Rotterdam")}}}
	for _, tc := range []struct {
		name        string
		state, plan *customerModel
		wantRemoved []string
	}{
		{"plain to write-only", &plain, &writeOnly, nil},
		{"write-only to plain", &writeOnly, &plain, nil},
		{"write-only version raised", &writeOnly, &customerModel{AdditionalData: &additionalDataModel{PassportNumberWOVersion: types.Int64Value(2)}}, nil},
		{"write-only dropped", &writeOnly, &none, []string{"additional_data.passport_number"}},
	} {
		if got := removedFields("", rawModel(t, tc.state), rawModel(t, tc.plan)); !slices.Equal(got, tc.wantRemoved) {
			t.Errorf("%s: removed %v, want %v", tc.name, got, tc.wantRemoved)
		}
	}
}
