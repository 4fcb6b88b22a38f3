package ecurring

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/mappingtest"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// TestUpdateClearsUnderEveryVariant: a cleared attribute goes as null, and as "" where eCurring
// refuses or ignores null; where it refuses both, the error names the attribute.
func TestUpdateClearsUnderEveryVariant(t *testing.T) {
	for _, c := range []struct {
		name      string
		behaviour sandbox.EcurringBehaviour
		patches   int
		// stored is middle_name afterwards; "error" means the update fails, "kept" that it
		// succeeds but the answer still holds the value.
		stored any
	}{
		{"null clears", sandbox.EcurringBehaviour{}, 1, nil},
		{"null clears, empty refused", sandbox.EcurringBehaviour{EmptyString: sandbox.EcurringEmptyRefused}, 1, nil},
		{"null ignored", sandbox.EcurringBehaviour{PatchNull: sandbox.EcurringNullIgnored}, 2, ""},
		{"null ignored, empty refused", sandbox.EcurringBehaviour{PatchNull: sandbox.EcurringNullIgnored, EmptyString: sandbox.EcurringEmptyRefused}, 2, "kept"},
		{"null refused", sandbox.EcurringBehaviour{PatchNull: sandbox.EcurringNullRefused}, 2, ""},
		{"null refused, empty refused", sandbox.EcurringBehaviour{PatchNull: sandbox.EcurringNullRefused, EmptyString: sandbox.EcurringEmptyRefused}, 2, "error"},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv, client := newSandboxClient(t)
			srv.Ecurring.SetBehaviour(c.behaviour)
			created, err := client.CreateCustomer(t.Context(), Attributes{AttrFirstName: ptr("Jane"), AttrLastName: ptr("Doe"),
				AttrEmail: ptr("jane@example.com"), AttrMiddleName: ptr("van"), AttrCity: ptr("Utrecht")})
			if err != nil {
				t.Fatal(err)
			}
			srv.ResetCounts()
			updated, err := client.UpdateCustomer(t.Context(), created.ID, Attributes{AttrMiddleName: nil, AttrCity: ptr("Delft")})
			if patches := srv.Count("PATCH /ecurring/customers/{id}"); patches != c.patches {
				t.Errorf("%d PATCH requests, want %d", patches, c.patches)
			}
			stored, _ := srv.Ecurring.Customer(created.ID)
			switch c.stored {
			case "error":
				var apiErr *httpclient.APIError
				if !errors.As(err, &apiErr) || len(apiErr.Fields) != 1 || apiErr.Fields[0].Field != AttrMiddleName ||
					!strings.Contains(err.Error(), "refused to clear middle_name") {
					t.Fatalf("error %v, want one naming middle_name", err)
				}
				if stored["middle_name"] != "van" || stored["city"] != "Utrecht" {
					t.Errorf("a refused update changed the customer: %v", stored)
				}
			case "kept":
				if err != nil || updated.MiddleName != "van" || updated.City != "Delft" {
					t.Fatalf("update: %+v, %v; want the answer of the first PATCH", updated, err)
				}
			default:
				if err != nil || updated.MiddleName != "" || updated.City != "Delft" || stored["middle_name"] != c.stored {
					t.Fatalf("update: %+v, %v; stored middle_name %#v, want %#v", updated, err, stored["middle_name"], c.stored)
				}
			}
		})
	}
}

// TestReconcileUnderEveryListOrder: eCurring documents no list order; a lost create is found
// among the newest customers either way, and an older twin is never adopted.
func TestReconcileUnderEveryListOrder(t *testing.T) {
	for _, newestFirst := range []bool{false, true} {
		srv, c := newSandboxClient(t)
		srv.Ecurring.SetBehaviour(sandbox.EcurringBehaviour{ListNewestFirst: newestFirst})
		want := Attributes{AttrFirstName: ptr("Jane"), AttrLastName: ptr("Doe"), AttrEmail: ptr("jane@example.com")}
		for i := range 120 {
			attrs := Attributes{AttrFirstName: ptr("Filler"), AttrLastName: ptr("Customer"), AttrEmail: ptr("filler@example.com")}
			if i == 10 || i == 119 {
				attrs = want
			}
			if _, err := c.CreateCustomer(t.Context(), attrs); err != nil {
				t.Fatal(err)
			}
		}
		srv.ResetCounts()
		got, err := c.reconcile(t.Context(), want)
		if err != nil || got == nil || got.ID != "120" {
			t.Errorf("newest first %v: adopted %+v, %v; want customer 120", newestFirst, got, err)
		}
		if pages := srv.Count("GET /ecurring/customers"); pages != 2 {
			t.Errorf("newest first %v: read %d pages, want the first and the last", newestFirst, pages)
		}
	}
}

// TestMappingCoversEveryAttribute: every attribute the configuration can set reaches the wire
// from a fully populated model, and every attribute of a fully populated API answer reaches the
// model; removing any one field from either mapping fails here.
func TestMappingCoversEveryAttribute(t *testing.T) {
	attributes := customerSchema().Attributes
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

	// Wire → model: the attributes as eCurring echoes them decode into a Customer whose
	// settable attributes all reach the model again.
	body, err := json.Marshal(sent)
	if err != nil {
		t.Fatal(err)
	}
	var echoed Customer
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
	var answered Customer
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
	if got := echoed.writable(); !reflect.DeepEqual(got, func() map[string]string {
		out := map[string]string{}
		for name, v := range sent {
			out[name] = *v
		}
		return out
	}()) {
		t.Errorf("Customer.writable() = %v", got)
	}

	// Every field of an API answer, read-only ones too, reaches a model attribute.
	var full Customer
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
