package openproviderapi

import (
	"reflect"
	"slices"
	"strings"
)

// sameListedCustomer reports whether got, as Openprovider's list returns it, holds every field of
// want that the list shows. Fax and VAT number are not listed; name.full_name is the server's.
func sameListedCustomer(want, got *Customer) bool {
	w, g := listedFields(want), listedFields(got)
	if w.Locale == "" {
		g.Locale = "" // a create without a locale gets the account's default: any matches
	}
	return reflect.DeepEqual(w, g)
}

// listedFields is c reduced to the fields the list shows, in one canonical form: no server-made
// values, no difference between a missing and an empty list, tags in order.
func listedFields(c *Customer) Customer {
	out := *c
	out.ID, out.Handle, out.Vat, out.Fax = 0, "", "", Phone{}
	if c.Name != nil {
		name := *c.Name
		name.FullName = ""
		out.Name = &name
	}
	if out.CompanyName != nil && *out.CompanyName == "" {
		out.CompanyName = nil
	}
	out.Tags = slices.Clone(c.Tags)
	slices.SortFunc(out.Tags, func(a, b Tag) int { return strings.Compare(a.Key+"\x00"+a.Value, b.Key+"\x00"+b.Value) })
	if len(out.Tags) == 0 {
		out.Tags = nil
	}
	if len(out.ExtensionAdditionalData) == 0 {
		out.ExtensionAdditionalData = nil
	}
	if len(out.AdditionalData.AttachedFiles) == 0 {
		out.AdditionalData.AttachedFiles = nil
	}
	return out
}
