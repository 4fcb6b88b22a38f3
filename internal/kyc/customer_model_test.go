package kyc

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/mappingtest"
)

// fullModel is a customer with every attribute set.
func fullModel() customerModel {
	s := types.StringValue
	return customerModel{
		CustomerID:  s("cust-full"),
		FullName:    &fullNameModel{FirstName: s("Jane"), LastName: s("Doe"), MiddleName: s("Quinn")},
		DateOfBirth: s("1990-04-16"),
		Email:       s("jane@example.com"),
		PhoneNumber: s("+14155550123"),
		Identities: []identityModel{{IdentityFields: IdentityFields{IssuingCountry: s("US"), IDNumber: s("P1"), IssuedDate: s("2020-01-15"),
			ExpiryDate: s("2030-01-14"), IDType: s("Passport")}}},
		PrimaryResidence: &addressModel{Street: s("1 Market Street"), Street2: s("Suite 300"), City: s("San Francisco"),
			PostCode: s("94105"), State: s("CA"), Country: s("US")},
		Created:            s("2026-11-21T10:00:00Z"),
		VerificationStatus: s("Pending"),
	}
}

// Every attribute travels: a fully set model maps to a PUT body with every field set, and NOAH's
// answer with every field set maps back to a model with every attribute set, equal to the first.
// Leaving a field out of toAPI, customerFromAPI or dataModelFromAPI fails here.
func TestEveryFieldMapped(t *testing.T) {
	m := fullModel()
	in := m.toAPI()
	if empty := mappingtest.Unset(in); len(empty) > 0 {
		t.Errorf("toAPI left fields unset: %v", empty)
	}

	// What NOAH answers: the body put, less e-mail and phone number, plus its own members.
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out kycapi.Customer
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	out.CustomerID, out.Created = "cust-full", "2026-11-21T10:00:00Z"
	out.Verification = &kycapi.Verification{Status: "Approved"}
	out.Verifications = &kycapi.Verifications{Type: "Individual", Status: "Pending"} // the current member wins
	if empty := mappingtest.Unset(out); len(empty) > 0 {
		t.Fatalf("the answer of this test lacks fields: %v", empty)
	}

	got := customerFromAPI(&out, &m)
	// The write-only twin never comes back (TestIDNumberWriteOnly).
	if null := mappingtest.Unset(got, "customerModel.Identities[0].IDNumberWO", "customerModel.Identities[0].IDNumberWOVersion"); len(null) > 0 {
		t.Errorf("customerFromAPI left attributes null: %v", null)
	}
	if !reflect.DeepEqual(got, m) {
		t.Errorf("round trip changed the model:\n got %+v\nwant %+v", got, m)
	}
	data := dataModelFromAPI(&out)
	if null := mappingtest.Unset(data); len(null) > 0 {
		t.Errorf("dataModelFromAPI left attributes null: %v", null)
	}
}

// Verifications arrives as the object NOAH documents or as an array; the deprecated Verification
// serves when it is the only one.
func TestVerificationStatusForms(t *testing.T) {
	for body, want := range map[string]string{
		`{"Verification":{"Model":"Reliance","Status":"Approved"},"Verifications":{"Type":"Individual","Status":"Pending"}}`:    "Pending",
		`{"Verifications":[{"Type":"Business","Status":"Declined"},{"Type":"Individual","Status":"Approved"}]}`:                 "Approved",
		`{"Verifications":[{"Type":"Business","Status":"Declined"}]}`:                                                           "Declined",
		`{"Verifications":[],"Verification":{"Model":"Reliance","Status":"Pending"}}`:                                           "Pending",
		`{"Verifications":null,"Verification":{"Model":"Reliance","Status":"Declined"}}`:                                        "Declined",
		`{"Verification":{"Model":"Reliance","Status":"Approved"}}`:                                                             "Approved",
		`{"Verifications":{"Type":"Individual","Status":"Approved","EntityVerifications":[{"Model":"Reliance","Status":"x"}]}}`: "Approved",
		`{}`: "",
	} {
		var c kycapi.Customer
		if err := json.Unmarshal([]byte(body), &c); err != nil {
			t.Errorf("%s: %v", body, err)
			continue
		}
		if got := c.VerificationStatus(); got != want {
			t.Errorf("%s: status %q, want %q", body, got, want)
		}
	}
	var c kycapi.Customer
	if err := json.Unmarshal([]byte(`{"Verifications":"Approved"}`), &c); err == nil {
		t.Error("a string Verifications decoded")
	}
}

// TestIDNumberWriteOnly: an id_number_wo is sent, and what NOAH returns for it is not kept while
// the version is; id_number stays null. Another identity's plain id_number maps as usual.
func TestIDNumberWriteOnly(t *testing.T) {
	m := fullModel()
	m.Identities = append(m.Identities, m.Identities[0])
	m.Identities[0].IDNumber, m.Identities[0].IDNumberWO, m.Identities[0].IDNumberWOVersion = types.StringNull(), types.StringValue("WO-1"), types.Int64Value(1)
	in := m.toAPI()
	if in.Identities[0].IDNumber != "WO-1" || in.Identities[1].IDNumber != "P1" {
		t.Fatalf("sent %q and %q, want WO-1 and P1", in.Identities[0].IDNumber, in.Identities[1].IDNumber)
	}
	answer := &kycapi.Customer{CustomerID: "cust-full", Identities: in.Identities}
	got := customerFromAPI(answer, &m).Identities
	if !got[0].IDNumber.IsNull() || !got[0].IDNumberWO.IsNull() || !got[0].IDNumberWOVersion.Equal(types.Int64Value(1)) {
		t.Errorf("write-only identity: id_number %v, _wo %v, _wo_version %v; want null, null, 1", got[0].IDNumber, got[0].IDNumberWO, got[0].IDNumberWOVersion)
	}
	if got[1].IDNumber.ValueString() != "P1" || !got[1].IDNumberWOVersion.IsNull() {
		t.Errorf("plain identity: id_number %v, _wo_version %v", got[1].IDNumber, got[1].IDNumberWOVersion)
	}
	if imported := customerFromAPI(answer, nil).Identities; imported[0].IDNumber.ValueString() != "WO-1" {
		t.Errorf("import: id_number %v", imported[0].IDNumber)
	}
}
