package sandbox

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/big"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/customerhandles/terraform-provider-customers/internal/iso3166"
)

const (
	ecurringPrefix = "/ecurring"
	// ecMediaType is the JSON:API media type: every answer carries it and
	// every request body must be sent with it, without parameters.
	ecMediaType = "application/vnd.api+json"
	// ecTimeLayout is how eCurring writes created_at and updated_at.
	ecTimeLayout = "2006-01-02T15:04:05-07:00"
	// ecPageSize and ecMaxPageSize are the listing defaults and limit.
	ecPageSize    = 10
	ecMaxPageSize = 50
)

// ecZone is the fixed +01:00 offset the emulator writes timestamps in.
var ecZone = time.FixedZone("+01:00", 3600)

// ecAttributes are every attribute of a customer, in the order the API
// writes them.
var ecAttributes = []string{
	"gender", "first_name", "middle_name", "last_name", "company_name",
	"vat_number", "bank_holder", "iban", "payment_method",
	"bank_verification_method", "card_holder", "card_number", "postalcode",
	"house_number", "house_number_add", "street", "city", "country_iso2",
	"language", "email", "telephone", "archived", "created_at", "updated_at",
}

// ecReadOnly are the attributes a client may not send.
var ecReadOnly = map[string]bool{
	"payment_method": true, "bank_verification_method": true, "card_holder": true,
	"card_number": true, "created_at": true, "updated_at": true, "archived": true,
}

var (
	ecGenders   = []string{"m", "f"}
	ecLanguages = []string{"nl", "en", "nl-be", "de", "fr"}
)

// ecUnsetAsEmpty are the attributes the API answers with "" rather than null while they are
// unset, as a documented sample has house_number_add; every other unset attribute is null.
var ecUnsetAsEmpty = map[string]bool{"house_number_add": true}

// ecUnset is what an unset attribute reads as: the same whether it was never sent, sent as null
// or cleared.
func ecUnset(name string) *string {
	if ecUnsetAsEmpty[name] {
		return ptr("")
	}
	return nil
}

// ecWritable reports whether name is an attribute clients may set.
func ecWritable(name string) bool {
	return slices.Contains(ecAttributes, name) && !ecReadOnly[name]
}

// Ecurring emulates eCurring's JSON:API customer API. Its exported methods
// are test hooks, safe for concurrent use.
type Ecurring struct {
	behaviour switchable[EcurringBehaviour] // Options.Behaviour, switched by SetBehaviour
	key       string
	now       func() time.Time

	mu        sync.Mutex
	customers map[int]*ecCustomer
	lastID    int
	seeded    atomic.Int64 // customers made by Seed
}

// ecCustomer is a stored customer. attrs holds every attribute except
// archived; nil is JSON null, and "" is kept apart from it on purpose.
type ecCustomer struct {
	id       int
	attrs    map[string]*string
	archived bool
}

func newEcurring(opts Options) *Ecurring {
	key := opts.EcurringAPIKey
	if key == "" {
		key = "sandbox-ecurring-key"
	}
	return &Ecurring{behaviour: switchable[EcurringBehaviour]{v: opts.Behaviour.Ecurring}, key: key, now: opts.Now, customers: map[int]*ecCustomer{}}
}

func (e *Ecurring) routes(prefix string) []route {
	return []route{
		{http.MethodPost, prefix + "/customers", e.serve(e.createCustomer, true)},
		{http.MethodGet, prefix + "/customers", e.serve(e.listCustomers, false)},
		{http.MethodGet, prefix + "/customers/{id}", e.serve(e.getCustomer, false)},
		{http.MethodPatch, prefix + "/customers/{id}", e.serve(e.updateCustomer, true)},
		{http.MethodDelete, prefix + "/customers/{id}", e.deleteCustomer},
	}
}

// stamp is the current time as the API writes it.
func (e *Ecurring) stamp() string { return e.now().In(ecZone).Format(ecTimeLayout) }

// ecError is one entry of a JSON:API errors array.
type ecError struct {
	Status string    `json:"status"`
	Title  string    `json:"title"`
	Detail string    `json:"detail"`
	Source *ecSource `json:"source,omitempty"`
}

type ecSource struct {
	Pointer string `json:"pointer"`
}

func ecErr(status int, format string, args ...any) ecError {
	return ecError{Status: strconv.Itoa(status), Title: http.StatusText(status), Detail: fmt.Sprintf(format, args...)}
}

// ecFail is ecErr for a function that answers with the error it failed on.
func ecFail(status int, format string, args ...any) *ecError {
	e := ecErr(status, format, args...)
	return &e
}

// ecInvalid is a 422 about one attribute.
func ecInvalid(attr, format string, args ...any) ecError {
	e := ecErr(http.StatusUnprocessableEntity, format, args...)
	e.Source = &ecSource{Pointer: "/data/attributes/" + attr}
	return e
}

func writeEcurring(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", ecMediaType)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// failEcurring answers with errs, under the status of the first (all
// entries of one answer share a status).
func failEcurring(w http.ResponseWriter, errs ...ecError) {
	status, _ := strconv.Atoi(errs[0].Status)
	writeEcurring(w, status, map[string]any{"errors": errs})
}

func (e *Ecurring) authorized(r *http.Request) bool {
	return subtle.ConstantTimeCompare([]byte(r.Header.Get("X-Authorization")), []byte(e.key)) == 1
}

func (e *Ecurring) unauthorized(w http.ResponseWriter) {
	failEcurring(w, ecErr(http.StatusUnauthorized, "missing or invalid X-Authorization API key"))
}

// serve wraps a handler with the checks every endpoint makes, in order:
// the API key, then (for requests with a body) the Content-Type, then Accept.
func (e *Ecurring) serve(h http.HandlerFunc, hasBody bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !e.authorized(r) {
			e.unauthorized(w)
			return
		}
		if hasBody {
			mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != ecMediaType || len(params) != 0 {
				failEcurring(w, ecErr(http.StatusUnsupportedMediaType,
					"Content-Type must be %s without media type parameters, got %q", ecMediaType, r.Header.Get("Content-Type")))
				return
			}
		}
		if !ecAcceptable(r.Header) {
			failEcurring(w, ecErr(http.StatusNotAcceptable,
				"Accept must admit %s (without media type parameters) or */*, got %q", ecMediaType, strings.Join(r.Header.Values("Accept"), ", ")))
			return
		}
		h(w, r)
	}
}

// ecAcceptable reports whether the Accept header is absent or admits the
// plain JSON:API media type: "*/*", "application/*" or the media type itself
// without parameters other than q, with a non-zero q.
func ecAcceptable(h http.Header) bool {
	present := false
	for _, v := range h.Values("Accept") {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			present = true
			mt, params, err := mime.ParseMediaType(part)
			if err != nil {
				continue
			}
			if q, ok := params["q"]; ok {
				if f, err := strconv.ParseFloat(q, 64); err != nil || f <= 0 {
					continue
				}
				delete(params, "q")
			}
			switch mt {
			case "*/*", "application/*":
				return true
			case ecMediaType:
				if len(params) == 0 {
					return true
				}
			}
		}
	}
	return !present
}

func (e *Ecurring) notFound(w http.ResponseWriter, r *http.Request) {
	if !e.authorized(r) {
		e.unauthorized(w)
		return
	}
	failEcurring(w, ecErr(http.StatusNotFound, "no such endpoint: %s %s", r.Method, r.URL.Path))
}

// deleteCustomer refuses: the real API has no way to delete a customer.
func (e *Ecurring) deleteCustomer(w http.ResponseWriter, r *http.Request) {
	if !e.authorized(r) {
		e.unauthorized(w)
		return
	}
	w.Header().Set("Allow", "GET, PATCH")
	failEcurring(w, ecErr(http.StatusMethodNotAllowed, "customers cannot be deleted through the API"))
}

func ecNotFound() ecError { return ecErr(http.StatusNotFound, "Customer not found") }

// lookup finds a customer by its path id; only canonical decimal ids exist.
// The caller holds e.mu.
func (e *Ecurring) lookup(id string) (*ecCustomer, bool) {
	n, err := strconv.Atoi(id)
	if err != nil || strconv.Itoa(n) != id {
		return nil, false
	}
	c, ok := e.customers[n]
	return c, ok
}

// ecBase is the absolute URL of the emulator as the client addressed it.
func ecBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + ecurringPrefix
}

// Documents. Field order follows the API's.

type ecLinks struct {
	Self string `json:"self"`
}

type ecResource struct {
	Type          string          `json:"type"`
	ID            string          `json:"id"`
	Links         ecLinks         `json:"links"`
	Attributes    json.RawMessage `json:"attributes"`
	Relationships ecRelationships `json:"relationships"`
}

type ecRelationships struct {
	Subscriptions ecRelationship `json:"subscriptions"`
}

type ecRelationship struct {
	Links struct {
		Related string `json:"related"`
	} `json:"links"`
	Data []any `json:"data"`
}

type ecDocument struct {
	Links ecLinks    `json:"links"`
	Data  ecResource `json:"data"`
}

type ecListDocument struct {
	Meta struct {
		Total int `json:"total"`
	} `json:"meta"`
	Links struct {
		Self  string  `json:"self"`
		First string  `json:"first"`
		Last  string  `json:"last"`
		Prev  *string `json:"prev"`
		Next  *string `json:"next"`
	} `json:"links"`
	Data []ecResource `json:"data"`
}

// resource renders c; base is ecBase of the request. The caller holds e.mu.
func (c *ecCustomer) resource(base string) ecResource {
	id := strconv.Itoa(c.id)
	self := base + "/customers/" + id
	res := ecResource{Type: "customer", ID: id, Links: ecLinks{Self: self}, Attributes: c.attributesJSON()}
	res.Relationships.Subscriptions.Links.Related = self + "/subscriptions"
	res.Relationships.Subscriptions.Data = []any{}
	return res
}

func (c *ecCustomer) document(base string) ecDocument {
	res := c.resource(base)
	return ecDocument{Links: res.Links, Data: res}
}

// attributesJSON writes every attribute in the API's order.
func (c *ecCustomer) attributesJSON() json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, name := range ecAttributes {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(name)
		b.Write(k)
		b.WriteByte(':')
		var v []byte
		if name == "archived" {
			v, _ = json.Marshal(c.archived)
		} else {
			v, _ = json.Marshal(c.attrs[name]) // nil *string is null
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// view is the attributes as a generic map, nulls as nil.
func (c *ecCustomer) view() map[string]any {
	out := make(map[string]any, len(ecAttributes))
	for _, name := range ecAttributes {
		switch v := c.attrs[name]; {
		case name == "archived":
			out[name] = c.archived
		case v == nil:
			out[name] = nil
		default:
			out[name] = *v
		}
	}
	return out
}

// Request decoding.

// readDocument reads the JSON:API document of a create or an update: its type, what checkID
// says of its data.id, and its attributes.
func readDocument(r *http.Request, checkID func(map[string]json.RawMessage) *ecError) (map[string]*string, ecProblems, *ecError) {
	data, bad := readData(r)
	if bad == nil {
		bad = checkType(data)
	}
	if bad == nil {
		bad = checkID(data)
	}
	if bad != nil {
		return nil, nil, bad
	}
	return readAttributes(data)
}

// readData decodes a request document and returns its data member.
func readData(r *http.Request) (map[string]json.RawMessage, *ecError) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, ecFail(http.StatusBadRequest, "reading the request body: %v", err)
	}
	if len(body) > maxBodyBytes {
		return nil, ecFail(http.StatusBadRequest, "request body larger than %d bytes", maxBodyBytes)
	}
	if !json.Valid(body) {
		return nil, ecFail(http.StatusBadRequest, "request body is not valid JSON")
	}
	doc, bad := jsonObject(body, "request body must be a JSON:API document (a JSON object)")
	if bad != nil {
		return nil, bad
	}
	raw, ok := doc["data"]
	if !ok {
		return nil, ecFail(http.StatusBadRequest, "document has no data member")
	}
	return jsonObject(raw, "data must be a resource object")
}

// jsonObject decodes raw as a JSON object; anything else is a 400 saying what it must be.
func jsonObject(raw []byte, mustBe string) (map[string]json.RawMessage, *ecError) {
	var object map[string]json.RawMessage
	if err := json.Unmarshal(raw, &object); err != nil || object == nil {
		return nil, ecFail(http.StatusBadRequest, "%s", mustBe)
	}
	return object, nil
}

func isNull(raw json.RawMessage) bool { return raw == nil || string(bytes.TrimSpace(raw)) == "null" }

// dataString reads data.type or data.id: absent or null reports present
// false; a value that is not a JSON string is a 400.
func dataString(data map[string]json.RawMessage, member string) (s string, present bool, e *ecError) {
	raw, ok := data[member]
	if !ok || isNull(raw) {
		return "", false, nil
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", true, ecFail(http.StatusBadRequest, "data.%s must be a string", member)
	}
	return s, true, nil
}

// requiredDataString is dataString of a member that must be there: absent or null is a 400.
func requiredDataString(data map[string]json.RawMessage, member string) (string, *ecError) {
	s, present, err := dataString(data, member)
	if err == nil && !present {
		err = ecFail(http.StatusBadRequest, "data.%s is required", member)
	}
	return s, err
}

// checkType enforces data.type == "customer".
func checkType(data map[string]json.RawMessage) *ecError {
	typ, err := requiredDataString(data, "type")
	switch {
	case err != nil:
		return err
	case typ != "customer":
		return ecFail(http.StatusConflict, "data.type must be %q, got %q", "customer", typ)
	}
	return nil
}

// readAttributes decodes data.attributes into writable values. Problems with
// single attributes (unknown, read-only, not a string or null) come back as
// 422 entries and the attribute is left out; a malformed attributes member
// is a 400.
func readAttributes(data map[string]json.RawMessage) (map[string]*string, []ecError, *ecError) {
	vals := map[string]*string{}
	raw, ok := data["attributes"]
	if !ok || isNull(raw) {
		return vals, nil, nil
	}
	attrs, bad := jsonObject(raw, "data.attributes must be an object")
	if bad != nil {
		return nil, nil, bad
	}
	var errs []ecError
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		switch {
		case ecReadOnly[name]:
			errs = append(errs, ecInvalid(name, "read-only attribute"))
			continue
		case !ecWritable(name):
			errs = append(errs, ecInvalid(name, "unknown attribute"))
			continue
		}
		if isNull(attrs[name]) {
			vals[name] = nil
			continue
		}
		var s string
		if err := json.Unmarshal(attrs[name], &s); err != nil {
			errs = append(errs, ecInvalid(name, "%s must be a string or null", name))
			continue
		}
		vals[name] = &s
	}
	return vals, errs, nil
}

// screen applies the behaviour's rules for null and "" to the attributes of a request (patch
// tells a PATCH from a create): it adds a 422 for each value refused and leaves out each null
// ignored.
func (b EcurringBehaviour) screen(vals map[string]*string, patch bool, problems *ecProblems) {
	for _, name := range slices.Sorted(maps.Keys(vals)) {
		v := vals[name]
		switch {
		case v == nil && patch && b.PatchNull == EcurringNullIgnored:
			delete(vals, name)
		case v == nil && patch && b.PatchNull == EcurringNullRefused:
			problems.add(ecInvalid(name, "%s cannot be null", name))
		case v != nil && *v == "" && b.EmptyString == EcurringEmptyRefused:
			problems.add(ecInvalid(name, "%s must not be empty", name))
		}
	}
}

// ecSet reports whether an optional attribute has a value: null and "" both
// mean unset.
func ecSet(v *string) bool { return v != nil && *v != "" }

// ecProblems collects 422 entries, at most one per attribute.
type ecProblems []ecError

func (p *ecProblems) add(e ecError) {
	for _, have := range *p {
		if have.Source != nil && e.Source != nil && have.Source.Pointer == e.Source.Pointer {
			return
		}
	}
	*p = append(*p, e)
}

// validate checks the client-controlled attributes of a whole record.
func (p *ecProblems) validate(attrs map[string]*string) {
	for _, name := range []string{"first_name", "last_name", "email"} {
		if !ecSet(attrs[name]) {
			p.add(ecInvalid(name, "%s is required and must not be empty", name))
		}
	}
	if v := attrs["gender"]; ecSet(v) && !slices.Contains(ecGenders, *v) {
		p.add(ecInvalid("gender", "gender must be one of %s", strings.Join(ecGenders, ", ")))
	}
	if v := attrs["country_iso2"]; ecSet(v) && !iso3166.IsCountry(*v) {
		p.add(ecInvalid("country_iso2", "country_iso2 %q is not an ISO 3166-1 alpha-2 country code", *v))
	}
	if v := attrs["language"]; ecSet(v) && !slices.Contains(ecLanguages, *v) {
		p.add(ecInvalid("language", "language must be one of %s", strings.Join(ecLanguages, ", ")))
	}
	if v := attrs["email"]; ecSet(v) && !ecValidEmail(*v) {
		p.add(ecInvalid("email", "email %q is not a valid email address", *v))
	}
	if v := attrs["iban"]; ecSet(v) {
		if !ecValidIBAN(*v) {
			p.add(ecInvalid("iban", "iban is not a valid IBAN"))
		}
		if !ecSet(attrs["bank_holder"]) {
			p.add(ecInvalid("bank_holder", "bank_holder is required when iban is set"))
		}
	}
}

// ecValidEmail: one @, something before it, a dot inside the domain, no
// white space.
func ecValidEmail(s string) bool {
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return false
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.Contains(domain, "@") {
		return false
	}
	dot := strings.Index(domain, ".")
	return dot > 0 && !strings.HasSuffix(domain, ".")
}

// ecValidIBAN: two letters, two check digits, 11 to 30 letters or digits,
// no spaces, and the ISO 7064 mod-97 checksum equal to 1.
func ecValidIBAN(s string) bool {
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	isLetter := func(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	if !isLetter(s[0]) || !isLetter(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	var digits strings.Builder
	for _, c := range []byte(s[4:] + s[:4]) {
		switch {
		case isDigit(c):
			digits.WriteByte(c)
		case isLetter(c):
			digits.WriteString(strconv.Itoa(int(unicode.ToUpper(rune(c))-'A') + 10))
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(digits.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

// Handlers.

func (e *Ecurring) createCustomer(w http.ResponseWriter, r *http.Request) {
	vals, problems, bad := readDocument(r, func(data map[string]json.RawMessage) *ecError {
		if _, ok, _ := dataString(data, "id"); ok {
			return ecFail(http.StatusForbidden, "client-generated ids are not supported: leave data.id out")
		}
		return nil
	})
	if bad != nil {
		failEcurring(w, *bad)
		return
	}
	c, problems := e.newCustomer(vals, problems)
	if len(problems) > 0 {
		failEcurring(w, problems...)
		return
	}
	e.mu.Lock()
	doc := c.document(ecBase(r))
	e.mu.Unlock()

	w.Header().Set("Location", doc.Links.Self)
	writeEcurring(w, http.StatusCreated, doc)
}

// newCustomer stores a customer made from the attributes of a create, with the values the
// vendor fills in, unless problems (those of the request so far, and the attributes') refuse it.
func (e *Ecurring) newCustomer(vals map[string]*string, problems ecProblems) (*ecCustomer, ecProblems) {
	e.behaviour.get().screen(vals, false, &problems)
	attrs := make(map[string]*string, len(ecAttributes))
	for _, name := range ecAttributes {
		if v := vals[name]; v != nil {
			attrs[name] = v
		} else if name != "archived" {
			attrs[name] = ecUnset(name)
		}
	}
	// Documented sample: a new customer has both although neither was sent.
	if _, sent := vals["language"]; !sent {
		attrs["language"] = ptr("nl")
	}
	attrs["payment_method"] = ptr("directdebit")
	problems.validate(attrs)
	if len(problems) > 0 {
		return nil, problems
	}

	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.stamp()
	attrs["created_at"], attrs["updated_at"] = &now, ptr(now)
	e.lastID++
	c := &ecCustomer{id: e.lastID, attrs: attrs}
	e.customers[c.id] = c
	return c, nil
}

func ptr(s string) *string { return &s }

func (e *Ecurring) getCustomer(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.lookup(r.PathValue("id"))
	if !ok {
		failEcurring(w, ecNotFound())
		return
	}
	writeEcurring(w, http.StatusOK, c.document(ecBase(r)))
}

func (e *Ecurring) updateCustomer(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	id := r.PathValue("id")
	c, ok := e.lookup(id)
	if !ok {
		failEcurring(w, ecNotFound())
		return
	}
	vals, problems, bad := readDocument(r, func(data map[string]json.RawMessage) *ecError {
		got, err := requiredDataString(data, "id")
		switch {
		case err != nil:
			return err
		case got != id:
			return ecFail(http.StatusConflict, "data.id %q does not match the id in the URL, %q", got, id)
		}
		return nil
	})
	if bad != nil {
		failEcurring(w, *bad)
		return
	}

	e.behaviour.get().screen(vals, true, &problems)
	merged := maps.Clone(c.attrs)
	for name, v := range vals {
		if v == nil {
			v = ecUnset(name)
		}
		merged[name] = v
	}
	iban, changed := vals["iban"]
	changed = changed && ecValue(iban) != ecValue(c.attrs["iban"])
	if pm := c.attrs["payment_method"]; changed && ecSet(pm) && *pm != "directdebit" {
		problems.add(ecInvalid("iban", "iban can only be changed for customers whose payment_method is directdebit, not %q", *pm))
	}
	problems.validate(merged)
	if changed && ecSet(iban) && !ecSet(vals["bank_holder"]) {
		problems.add(ecInvalid("bank_holder", "bank_holder must be sent along with a changed iban"))
	}
	if len(problems) > 0 {
		failEcurring(w, problems...)
		return
	}
	if ecSet(merged["iban"]) && !ecSet(merged["payment_method"]) {
		merged["payment_method"] = ptr("directdebit")
	}
	merged["updated_at"] = ptr(e.stamp())
	c.attrs = merged
	writeEcurring(w, http.StatusOK, c.document(ecBase(r)))
}

// ecValue is an optional attribute with null and "" folded together.
func ecValue(v *string) string {
	if v == nil {
		return ""
	}
	return *v
}

// ecPageParam reads page[number] or page[size]: absent is def, anything but
// a positive decimal integer is a 400.
func ecPageParam(q url.Values, name string, def int) (int, *ecError) {
	if !q.Has(name) {
		return def, nil
	}
	n, err := strconv.Atoi(q.Get(name))
	if err != nil || n < 1 {
		return 0, ecFail(http.StatusBadRequest, "%s must be a positive integer, got %q", name, q.Get(name))
	}
	return n, nil
}

// listCustomers is GET /customers: page[number] (from 1) of page[size] customers, by ascending
// id unless ListNewestFirst, with meta.total and absolute links first, last, prev and next (null
// when there is none), written with literal brackets as in eCurring's documented sample.
func (e *Ecurring) listCustomers(w http.ResponseWriter, r *http.Request) {
	b := e.behaviour.get()
	q := r.URL.Query()
	number, bad := ecPageParam(q, "page[number]", 1)
	if bad != nil {
		failEcurring(w, *bad)
		return
	}
	size, bad := ecPageParam(q, "page[size]", ecPageSize)
	if bad != nil {
		failEcurring(w, *bad)
		return
	}
	maxSize := ecMaxPageSize
	if b.LargePage == EcurringLargePageUpTo100 {
		maxSize = 2 * ecMaxPageSize
	}
	if size > maxSize {
		if b.LargePage != EcurringLargePageClamped {
			failEcurring(w, ecErr(http.StatusBadRequest, "page[size] must be at most %d, got %d", maxSize, size))
			return
		}
		size = maxSize
	}
	var email string // "" lists everyone
	for _, name := range slices.Sorted(maps.Keys(q)) {
		if !strings.HasPrefix(name, "filter[") {
			continue
		}
		if b.Filter == EcurringFilterRefused {
			failEcurring(w, ecErr(http.StatusBadRequest, "unknown query parameter %s", name))
			return
		}
		if name == "filter[email]" && b.Filter == EcurringFilterEmail {
			email = q.Get(name)
		}
	}

	e.mu.Lock()
	defer e.mu.Unlock()
	base := ecBase(r)
	var ids []int
	for _, id := range slices.Sorted(maps.Keys(e.customers)) {
		if email == "" || strings.EqualFold(ecValue(e.customers[id].attrs["email"]), email) {
			ids = append(ids, id)
		}
	}
	if b.ListNewestFirst {
		slices.Reverse(ids)
	}
	total := len(ids)
	last := max(1, (total+size-1)/size)
	page := func(n int) string {
		// Literal brackets, as in eCurring's sample; the values are digits and an e-mail address.
		link := fmt.Sprintf("%s/customers?page[number]=%d&page[size]=%d", base, n, size)
		if email != "" {
			link += "&filter[email]=" + url.QueryEscape(email)
		}
		return link
	}
	var doc ecListDocument
	doc.Meta.Total = total
	doc.Links.Self, doc.Links.First, doc.Links.Last = page(number), page(1), page(last)
	if number > 1 {
		doc.Links.Prev = ptr(page(min(number-1, last)))
	}
	if number < last {
		doc.Links.Next = ptr(page(number + 1))
	}
	doc.Data = []ecResource{}
	start := total // past the last page, where (number-1)*size could overflow
	if number <= last {
		start = min((number-1)*size, total)
	}
	for _, id := range ids[start:min(start+size, total)] {
		doc.Data = append(doc.Data, e.customers[id].resource(base))
	}
	writeEcurring(w, http.StatusOK, doc)
}
