package sandbox

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Customer returns customer id as GET shows it under the current behaviour,
// plus Email and PhoneNumber when they are stored (GET never shows those).
// It does not count as a read of the customer. The map is a copy.
func (k *KYC) Customer(id string) (map[string]any, bool) {
	b := k.behaviour.get()
	k.mu.Lock()
	defer k.mu.Unlock()
	c, ok := k.customers[id]
	if !ok {
		return nil, false
	}
	v := c.view(id, b)
	for _, name := range []string{"Email", "PhoneNumber"} {
		if x, ok := c.fields[name]; ok {
			v[name] = cloneJSON(x)
		}
	}
	return v, true
}

// Customers returns the ids of the stored customers, sorted.
func (k *KYC) Customers() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string{}, slices.Sorted(maps.Keys(k.customers))...)
}

// CustomerCount returns the number of stored customers.
func (k *KYC) CustomerCount() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.customers)
}

// Put creates or replaces customer id directly, without validation, as if
// another system had put it. body is stored as its JSON encoding decodes
// (so any JSON-encodable value works); "CustomerID" and "Verifications" in
// it are ignored. Created and Metadata are taken from body when it has them,
// else kept from the record being replaced, else set as a PUT would (now;
// none). The verification is taken from body's Verification when it has a
// string Model and Status, else kept from the record being replaced, else
// set as a PUT under the current behaviour would. Put panics when body
// cannot be encoded as JSON.
func (k *KYC) Put(id string, body map[string]any) {
	b, err := json.Marshal(body)
	if err != nil {
		panic(fmt.Sprintf("sandbox: KYC.Put(%q): body is not JSON-encodable: %v", id, err))
	}
	fields := map[string]any{}
	if err := json.Unmarshal(b, &fields); err != nil || fields == nil {
		fields = map[string]any{} // a nil body
	}
	delete(fields, "CustomerID")
	delete(fields, "Verifications")
	given, _ := fields["Verification"].(map[string]any)
	delete(fields, "Verification")
	model, okModel := given["Model"].(string)
	status, okStatus := given["Status"].(string)

	verification := k.behaviour.get().Verification
	k.mu.Lock()
	defer k.mu.Unlock()
	old := k.customers[id]
	rec := &kycRecord{fields: fields}
	for _, name := range []string{"Created", "Metadata"} {
		if _, ok := fields[name]; ok || old == nil {
			continue
		}
		if v, ok := old.fields[name]; ok {
			fields[name] = v
		}
	}
	if _, ok := fields["Created"]; !ok {
		fields["Created"] = k.stamp()
	}
	switch {
	case okModel && okStatus:
		rec.verif = kycVerif{model: model, status: status, created: k.stamp(), modified: k.stamp()}
	case old != nil:
		rec.verif = old.verif
	default:
		rec.verif = newVerif(verification, k.stamp())
	}
	k.customers[id] = rec
}

// DeleteOutOfBand removes customer id, as NOAH support would (the API
// cannot delete). It reports whether there was such a customer.
func (k *KYC) DeleteOutOfBand(id string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.customers[id]; !ok {
		return false
	}
	delete(k.customers, id)
	return true
}

// kycLeaves are the string members SetOutOfBand can set, by parent ("" is
// the top level; "Identities" means each item of that array).
var kycLeaves = map[string][]string{
	"":                 {"Type", "DateOfBirth", "Email", "PhoneNumber", "Created"},
	"FullName":         {"FirstName", "LastName", "MiddleName"},
	"Identities":       {"IssuingCountry", "IDNumber", "IssuedDate", "ExpiryDate", "IDType"},
	"PrimaryResidence": {"Street", "Street2", "City", "PostCode", "State", "Country"},
}

// SetOutOfBand sets one string member of customer id without validation,
// to simulate drift. field is a dotted PascalCase path: "DateOfBirth",
// "FullName.FirstName", "PrimaryResidence.City", "Verification.Status"
// (which ends the course the verification was on), "Identities.0.IDNumber"
// (the item must exist). Optional members that are not set yet are added;
// a missing FullName or PrimaryResidence object is created. It reports
// false for an unknown id, a path that names no string member of the
// schema, or an identity index out of range.
func (k *KYC) SetOutOfBand(id, field, value string) bool {
	parts := strings.Split(field, ".")
	k.mu.Lock()
	defer k.mu.Unlock()
	c, ok := k.customers[id]
	if !ok {
		return false
	}
	switch field {
	case "Verification.Status":
		c.verif.set(value, k.stamp())
		return true
	case "Verification.Model":
		c.verif.model = value
		return true
	}
	switch len(parts) {
	case 1:
		if !slices.Contains(kycLeaves[""], parts[0]) {
			return false
		}
		c.fields[parts[0]] = value
		return true
	case 2:
		if parts[0] == "" || parts[0] == "Identities" || !slices.Contains(kycLeaves[parts[0]], parts[1]) {
			return false
		}
		m, ok := c.fields[parts[0]].(map[string]any)
		if !ok {
			if _, present := c.fields[parts[0]]; present && c.fields[parts[0]] != nil {
				return false // something else was Put there
			}
			m = map[string]any{}
			c.fields[parts[0]] = m
		}
		m[parts[1]] = value
		return true
	case 3:
		if parts[0] != "Identities" || !slices.Contains(kycLeaves["Identities"], parts[2]) {
			return false
		}
		i, err := strconv.Atoi(parts[1])
		if err != nil || strconv.Itoa(i) != parts[1] {
			return false
		}
		list, _ := c.fields["Identities"].([]any)
		if i < 0 || i >= len(list) {
			return false
		}
		m, ok := list[i].(map[string]any)
		if !ok {
			return false
		}
		m[parts[2]] = value
		return true
	}
	return false
}

// SetVerificationStatus decides the verification of customer id at once:
// "Approved", "Pending" or "Declined". It reports false for an unknown id
// or status.
func (k *KYC) SetVerificationStatus(id, status string) bool {
	switch status {
	case "Approved", "Pending", "Declined":
		return k.SetOutOfBand(id, "Verification.Status", status)
	}
	return false
}

// Rejections returns why requests with a bad Api-Signature were refused,
// oldest first (the text after "invalid signature: " in the 401's Detail).
// Only the latest 1000 are kept; API key failures are not listed.
func (k *KYC) Rejections() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string{}, k.rejections...)
}

// Seed creates n valid individual customers directly in the store, as Put does (not counted,
// recorded or faulted), for paging tests and benchmarks, and returns their CustomerIDs in
// creation order: seed-<k, 6 digits> for the k-th customer made by Seed since the sandbox started
// (from 1), named "Seed Customer<k>". They are Created now, like a PUT, so under a fixed clock
// they share Created and the listing orders them by CustomerID.
func (k *KYC) Seed(n int) []string {
	ids := make([]string, 0, max(n, 0))
	for range n {
		i := int(k.seeded.Add(1))
		id := fmt.Sprintf("seed-%06d", i)
		k.Put(id, map[string]any{
			"Type":        "Individual",
			"FullName":    map[string]any{"FirstName": "Seed", "LastName": fmt.Sprintf("Customer%d", i)},
			"DateOfBirth": "1980-01-01",
			"Identities":  []any{map[string]any{"IssuingCountry": "NL", "IDNumber": fmt.Sprintf("SEED%06d", i), "IDType": "Passport"}},
			"PrimaryResidence": map[string]any{
				"Street": "Seedstraat 1", "City": "Amsterdam", "PostCode": "1234 AB", "State": "NH", "Country": "NL",
			},
		})
		ids = append(ids, id)
	}
	return ids
}
