package sandbox

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// AddUser adds an API account (or changes its password); each account keeps
// its own login counter.
func (o *Openprovider) AddUser(username, password string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if u, ok := o.users[username]; ok {
		u.password = password
		return
	}
	o.users[username] = &opUser{password: password}
}

// Logins returns the number of successful logins of username.
func (o *Openprovider) Logins(username string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	if u, ok := o.users[username]; ok {
		return u.logins
	}
	return 0
}

// ExpireTokens invalidates every token issued so far, as if their 48 hours
// had passed.
func (o *Openprovider) ExpireTokens() {
	o.mu.Lock()
	defer o.mu.Unlock()
	clear(o.tokens)
}

// MarkInUse makes DELETE of handle fail with code (6200, 6206, 187 or 186);
// code 0 clears the mark. Other codes are a bug in the test and panic.
func (o *Openprovider) MarkInUse(handle string, code int) {
	if _, ok := inUseDesc[code]; !ok && code != 0 {
		panic(fmt.Sprintf("sandbox: MarkInUse: unsupported code %d (want 6200, 6206, 187, 186 or 0)", code))
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if code == 0 {
		delete(o.inUse, handle)
		return
	}
	o.inUse[handle] = code
}

// Customer returns the live customer as GET with_additional_data=true would
// show it.
func (o *Openprovider) Customer(handle string) (map[string]any, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	c, ok := o.customers[handle]
	if !ok || c.deleted {
		return nil, false
	}
	return c.view(resellerID, true), true
}

// Customers returns the live handles, sorted.
func (o *Openprovider) Customers() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []string
	for h, c := range o.customers {
		if !c.deleted {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return out
}

// DeleteOutOfBand deletes a live handle behind Terraform's back, ignoring
// MarkInUse. It reports whether there was one to delete.
func (o *Openprovider) DeleteOutOfBand(handle string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	c, ok := o.customers[handle]
	if !ok || c.deleted {
		return false
	}
	c.deleted, c.deletedAt = true, o.stamp()
	return true
}

// SetOutOfBand changes one field of a live customer without validation, to
// simulate drift. path is a top-level string field (company_name, vat, email,
// locale, comments), "name.<f>", "address.<f>", "phone.<f>", "fax.<f>",
// "additional_data.<known key>", "extension_additional_data.<entry name>.<key>"
// (the entry is added when missing) or "tags" (comma-separated tag values, ""
// for none). It reports false for an unknown handle or path.
func (o *Openprovider) SetOutOfBand(handle, path, value string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	c, ok := o.customers[handle]
	if !ok || c.deleted {
		return false
	}
	if path == "tags" {
		c.tags = nil
		for _, v := range strings.Split(value, ",") {
			if v = strings.TrimSpace(v); v != "" {
				c.tags = append(c.tags, opTag{key: "customer", value: v})
			}
		}
		return true
	}
	if rest, ok := strings.CutPrefix(path, "extension_additional_data."); ok {
		name, key, ok := strings.Cut(rest, ".")
		if !ok || name == "" || key == "" {
			return false
		}
		i := slices.IndexFunc(c.extensions, func(e opExtension) bool { return e.name == name })
		if i < 0 {
			c.extensions = append(c.extensions, opExtension{name: name, data: map[string]string{}})
			i = len(c.extensions) - 1
		}
		c.extensions[i].data[key] = value
		return true
	}
	if key, ok := strings.CutPrefix(path, "additional_data."); ok {
		if !slices.Contains(additionalKeys, key) {
			return false
		}
		if c.additional == nil {
			c.additional = map[string]string{}
		}
		c.additional[key] = value
		return true
	}
	field := c.field(path)
	if field == nil {
		return false
	}
	*field = value
	switch path {
	case "name.first_name", "name.prefix", "name.last_name":
		// The server derives full_name whenever it stores a name.
		c.name.fullName = fullName(c.name)
	case "comments":
		c.commentsChangedAt = o.stamp()
	}
	return true
}

// field points at the string field named by a SetOutOfBand path.
func (c *opCustomer) field(path string) *string {
	switch path {
	case "company_name":
		return &c.companyName
	case "vat":
		return &c.vat
	case "email":
		return &c.email
	case "locale":
		return &c.locale
	case "comments":
		return &c.comments
	case "name.initials":
		return &c.name.initials
	case "name.first_name":
		return &c.name.firstName
	case "name.prefix":
		return &c.name.prefix
	case "name.last_name":
		return &c.name.lastName
	case "name.full_name":
		return &c.name.fullName
	case "address.street":
		return &c.address.street
	case "address.number":
		return &c.address.number
	case "address.suffix":
		return &c.address.suffix
	case "address.zipcode":
		return &c.address.zipcode
	case "address.city":
		return &c.address.city
	case "address.country":
		return &c.address.country
	case "address.state":
		return &c.address.state
	case "phone.country_code":
		return &c.phone.countryCode
	case "phone.area_code":
		return &c.phone.areaCode
	case "phone.subscriber_number":
		return &c.phone.subscriberNumber
	case "fax.country_code":
		return &c.fax.countryCode
	case "fax.area_code":
		return &c.fax.areaCode
	case "fax.subscriber_number":
		return &c.fax.subscriberNumber
	}
	return nil
}

// AddTag makes a tag value exist in the reseller account, so customers may
// carry it.
func (o *Openprovider) AddTag(value string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.tags[value] = true
}

// AddCustomer creates a customer as POST /customers with body would, without a request (not
// counted, recorded or faulted): a customer made outside Terraform. It returns the new handle,
// or the refusal the API would answer.
func (o *Openprovider) AddCustomer(body map[string]any) (string, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return "", fmt.Errorf("body is not JSON-encodable: %w", err)
	}
	obj, bad := decodeObject(raw, createKeys)
	if bad != nil {
		return "", fmt.Errorf("code %d: %s", bad.code, bad.desc)
	}
	rec, bad := decodeRecord(obj, o.behaviour.get())
	if bad != nil {
		return "", fmt.Errorf("code %d: %s", bad.code, bad.desc)
	}
	if rec.locale == "" {
		rec.locale = defaultLocale
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if bad := rec.validate(o.tags); bad != nil {
		return "", fmt.Errorf("code %d: %s", bad.code, bad.desc)
	}
	return o.insert(rec).handle, nil
}

// Seed creates n valid customers directly in the store, cheaply (no request, no JSON), for
// paging tests and benchmarks, and returns their handles in creation order. The k-th customer
// made by Seed since the sandbox started (from 1) is "Seed Customer<k, 6 digits>" with e-mail
// seed<k, 6 digits>@example.com, company "Seed Company <k mod 10>" and an address in NL.
func (o *Openprovider) Seed(n int) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	handles := make([]string, 0, max(n, 0))
	for range n {
		k := int(o.seeded.Add(1))
		rec := opRecord{
			name:        &opName{firstName: "Seed", lastName: fmt.Sprintf("Customer%06d", k)},
			companyName: fmt.Sprintf("Seed Company %d", k%10),
			address:     &opAddress{street: "Seedstraat", number: strconv.Itoa(k), zipcode: "1234 AB", city: "Amsterdam", country: "NL"},
			phone:       &opPhone{countryCode: "+31", areaCode: "20", subscriberNumber: fmt.Sprintf("%07d", k%10000000)},
			email:       fmt.Sprintf("seed%06d@example.com", k),
			locale:      defaultLocale,
		}
		handles = append(handles, o.insert(rec).handle)
	}
	return handles
}
