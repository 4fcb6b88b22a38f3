package ecurring

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/mappingtest"
)

// TestMappingCoversEveryAttribute: every attribute the configuration can set reaches the wire
// from a fully populated model, and every attribute of a fully populated API answer reaches the
// model; removing any one field from either mapping fails here.
func TestMappingCoversEveryAttribute(t *testing.T) {
	attributes := customerSchema().Attributes
	// The resource's alone, never mapped to or from eCurring's customer (TestIBANWriteOnlyNotStored).
	delete(attributes, "iban_wo")
	delete(attributes, "iban_wo_version")
	var settable []string
	for name, a := range attributes {
		if s, ok := a.(schema.StringAttribute); ok && (s.Required || s.Optional) {
			settable = append(settable, name)
		}
	}

	// Model → wire: each settable attribute, with its own value.
	var model customerModel
	mv := reflect.ValueOf(&model).Elem()
	for i := range mv.NumField() {
		name := mv.Type().Field(i).Tag.Get("tfsdk")
		mv.Field(i).Set(reflect.ValueOf(types.StringValue("value of " + name)))
	}
	sent := model.createAttributes()
	for _, name := range settable {
		if v := sent[name]; v == nil || *v != "value of "+name {
			t.Errorf("create sends %s = %v", name, v)
		}
	}
	if len(sent) != len(settable) {
		t.Errorf("create sends %d attributes, the schema has %d settable ones", len(sent), len(settable))
	}
	// An update from an empty customer sends the same.
	if changed := model.changedAttributes(&customerModel{}); !reflect.DeepEqual(changed, sent) {
		t.Errorf("update sends %s, create %s", show(changed), show(sent))
	}

	// Wire → model: the attributes as eCurring echoes them decode into an ecurringapi.Customer whose
	// settable attributes all reach the model again.
	body, err := json.Marshal(sent)
	if err != nil {
		t.Fatal(err)
	}
	var echoed ecurringapi.Customer
	if err := json.Unmarshal(body, &echoed); err != nil {
		t.Fatal(err)
	}
	back := customerFromAPI(&echoed)
	bv := reflect.ValueOf(back)
	for i := range bv.NumField() {
		name := bv.Type().Field(i).Tag.Get("tfsdk")
		v := bv.Field(i).Interface().(types.String)
		if _, isSettable := sent[name]; isSettable && v.ValueString() != "value of "+name {
			t.Errorf("%s came back as %v", name, v)
		}
	}
	// Every attribute eCurring answers, read-only ones included, reaches the model attribute of
	// the same name.
	var answered ecurringapi.Customer
	mappingtest.Fill(&answered)
	read := customerFromAPI(&answered)
	if null := mappingtest.Unset(read); len(null) > 0 {
		t.Errorf("customerFromAPI leaves out %v", null)
	}
	wire := reflect.ValueOf(answered)
	for i := range bv.NumField() {
		name := bv.Type().Field(i).Tag.Get("tfsdk")
		got := reflect.ValueOf(read).Field(i).Interface().(types.String).ValueString()
		for j := range wire.NumField() {
			if tag, _, _ := strings.Cut(wire.Type().Field(j).Tag.Get("json"), ","); tag == name && got != wire.Field(j).String() {
				t.Errorf("%s reads eCurring's %s", name, got)
			}
		}
	}

	// Every field of an API answer, read-only ones too, reaches a model attribute.
	var full ecurringapi.Customer
	cv := reflect.ValueOf(&full).Elem()
	for i := range cv.NumField() {
		if f := cv.Field(i); f.Kind() == reflect.String {
			f.SetString("value of " + cv.Type().Field(i).Name)
		}
	}
	fm := reflect.ValueOf(customerFromAPI(&full))
	for i := range fm.NumField() {
		if v := fm.Field(i).Interface().(types.String); v.IsNull() || v.ValueString() == "" {
			t.Errorf("%s is null from a fully populated answer", fm.Type().Field(i).Tag.Get("tfsdk"))
		}
	}
	if fm.NumField() != len(attributes) {
		t.Errorf("the model has %d attributes, the schema %d", fm.NumField(), len(attributes))
	}
}

// TestIBANWriteOnlyNotStored: after a write or a refresh of a customer whose IBAN is sent
// write-only, the state holds the version and no IBAN, whatever eCurring returns; on import
// (no version) it holds eCurring's.
func TestIBANWriteOnlyNotStored(t *testing.T) {
	answer := &ecurringapi.Customer{ID: "42", IBAN: "NL91ABNA0417164300", BankHolder: "J. Doe"}
	prior := customerResourceModel{IBANWOVersion: types.Int64Value(2)}
	got := resourceModel(answer, &prior)
	if !got.IBAN.IsNull() || !got.IBANWO.IsNull() || !got.IBANWOVersion.Equal(types.Int64Value(2)) || got.BankHolder.ValueString() != "J. Doe" {
		t.Errorf("iban %v, iban_wo %v, iban_wo_version %v, bank_holder %v", got.IBAN, got.IBANWO, got.IBANWOVersion, got.BankHolder)
	}
	if imported := resourceModel(answer, &customerResourceModel{}); imported.IBAN.ValueString() != "NL91ABNA0417164300" {
		t.Errorf("import: iban %v", imported.IBAN)
	}
}
