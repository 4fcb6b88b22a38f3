package sandbox

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
)

// AddCustomer creates a customer as a create request with these attributes would, with the
// values eCurring fills in itself, but without a request: a customer made outside Terraform, for
// import tests. It returns the new id, or the details of the 422 the API would answer.
func (e *Ecurring) AddCustomer(attrs map[string]string) (string, error) {
	vals := map[string]*string{}
	var problems ecProblems
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		if !ecWritable(name) {
			problems.add(ecInvalid(name, "%s is not an attribute clients may set", name))
			continue
		}
		vals[name] = ptr(attrs[name])
	}
	c, problems := e.newCustomer(vals, problems)
	if len(problems) > 0 {
		var errs []error
		for _, p := range problems {
			errs = append(errs, errors.New(p.Detail))
		}
		return "", errors.Join(errs...)
	}
	return strconv.Itoa(c.id), nil
}

// Customer returns the attributes of customer id as GET shows them: strings
// as string, JSON null as nil, archived as bool.
func (e *Ecurring) Customer(id string) (map[string]any, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.lookup(id)
	if !ok {
		return nil, false
	}
	return c.view(), true
}

// Customers returns the ids of the stored customers, ascending numerically.
func (e *Ecurring) Customers() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := []string{}
	for _, id := range slices.Sorted(maps.Keys(e.customers)) {
		out = append(out, strconv.Itoa(id))
	}
	return out
}

// CustomerCount returns the number of stored customers.
func (e *Ecurring) CustomerCount() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.customers)
}

// SetOutOfBand changes one attribute of customer id without validation, to
// simulate drift; value nil stores JSON null. Any attribute may be set,
// read-only ones included; "archived" takes "true" or "false" (nil is
// false). Afterwards updated_at is bumped to now, unless updated_at itself
// was the attribute set. It reports false for an unknown id or attribute, or
// an archived value other than those.
func (e *Ecurring) SetOutOfBand(id, attribute string, value *string) bool {
	if !slices.Contains(ecAttributes, attribute) {
		return false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.lookup(id)
	if !ok {
		return false
	}
	if attribute == "archived" {
		switch {
		case value == nil || *value == "false":
			c.archived = false
		case *value == "true":
			c.archived = true
		default:
			return false
		}
	} else {
		if value == nil {
			c.attrs[attribute] = nil
		} else {
			c.attrs[attribute] = ptr(*value)
		}
	}
	if attribute != "updated_at" {
		c.attrs["updated_at"] = ptr(e.stamp())
	}
	return true
}

// DeleteOutOfBand removes customer id, as eCurring support would (the API
// itself cannot delete). Its id is never handed out again. It reports
// whether there was such a customer.
func (e *Ecurring) DeleteOutOfBand(id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.lookup(id)
	if !ok {
		return false
	}
	delete(e.customers, c.id)
	return true
}

// SetPaymentMethod sets the read-only payment_method of customer id to
// "directdebit" or "creditcard", or to null for "", and bumps updated_at. No
// other attribute changes (card_holder and card_number are SetOutOfBand's
// business). It reports false for an unknown id or method.
func (e *Ecurring) SetPaymentMethod(id, method string) bool {
	var v *string
	switch method {
	case "directdebit", "creditcard":
		v = &method
	case "":
	default:
		return false
	}
	return e.SetOutOfBand(id, "payment_method", v)
}

// Seed creates n valid customers directly in the store, as creates without a request would (not
// counted, recorded or faulted), for paging tests and benchmarks, and returns their ids in
// creation order. The k-th customer made by Seed since the sandbox started (from 1) is "Seed
// Customer<k, 6 digits>" with e-mail seed<k, 6 digits>@example.com. Seed panics if a behaviour
// refuses such a customer, which none does.
func (e *Ecurring) Seed(n int) []string {
	ids := make([]string, 0, max(n, 0))
	for range n {
		k := int(e.seeded.Add(1))
		c, problems := e.newCustomer(map[string]*string{
			"first_name": ptr("Seed"),
			"last_name":  ptr(fmt.Sprintf("Customer%06d", k)),
			"email":      ptr(fmt.Sprintf("seed%06d@example.com", k)),
		}, nil)
		if len(problems) > 0 {
			panic(fmt.Sprintf("sandbox: Ecurring.Seed: %v", problems))
		}
		ids = append(ids, strconv.Itoa(c.id))
	}
	return ids
}
