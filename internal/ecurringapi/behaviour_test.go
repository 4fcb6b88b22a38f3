package ecurringapi

import (
	"errors"
	"strings"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
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
		got, err := c.findCreated(t.Context(), want)
		if err != nil || got == nil || got.ID != "120" {
			t.Errorf("newest first %v: adopted %+v, %v; want customer 120", newestFirst, got, err)
		}
		if pages := srv.Count("GET /ecurring/customers"); pages != 2 {
			t.Errorf("newest first %v: read %d pages, want the first and the last", newestFirst, pages)
		}
	}
}
