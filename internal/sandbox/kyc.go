package sandbox

import (
	"bytes"
	"cmp"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/customerhandles/terraform-provider-customers/internal/iso3166"
)

// The NOAH Business API emulator: individual customers of the Reliance
// model. It is mounted under /noah so that every unknown path there answers
// in NOAH's error format; its endpoints live under /noah/v1.
const (
	kycMountPrefix = "/noah"
	kycPrefix      = kycMountPrefix + "/v1"
	// kycDefaultAPIKey is the X-Api-Key accepted when Options.KYCAPIKey is empty.
	kycDefaultAPIKey = "apikey_sandbox_local" //nolint:gosec // G101: the documented key of the local sandbox
	// kycMaxIDLength bounds CustomerID (the current spec); kycShortIDLength is the older
	// reference's bound (KYCBehaviour.ShortCustomerIDs).
	kycMaxIDLength   = 42
	kycShortIDLength = 36
	// kycPageSize and kycMaxPageSize are the listing default and limit.
	kycPageSize    = 20
	kycMaxPageSize = 100
	kycDateLayout  = "2006-01-02"
)

// KYC emulates NOAH's customer endpoints. Its exported methods are test
// hooks, safe for concurrent use.
type KYC struct {
	behaviour  switchable[KYCBehaviour] // Options.Behaviour, switched by SetBehaviour
	key        string
	pub        *ecdsa.PublicKey // nil: requests need no Api-Signature
	alg        string           // the JWT alg pub verifies; "" when its curve is unsupported
	claimsOnly bool             // Options.KYCClaimsOnly
	now        func() time.Time

	mu         sync.Mutex
	customers  map[string]*kycRecord
	rejections []string
	seeded     atomic.Int64 // customers made by Seed
}

// kycRecord is a stored customer: in fields every member GET shows except
// CustomerID and the verification, plus Email and PhoneNumber when they were
// sent. Values are generic JSON (string, float64, bool, nil, []any,
// map[string]any) so that the hooks can store anything, valid or not.
type kycRecord struct {
	fields map[string]any
	verif  kycVerif
}

// kycVerif is a customer's verification: what GET shows now, and what it
// turns into after the reads still showing Pending.
type kycVerif struct {
	model, status     string
	created, modified string
	pendingReads      int    // reads left before status becomes next
	next              string // the decision those reads wait for
}

// newVerif is the verification of a customer created at now under course v.
func newVerif(v KYCVerification, now string) kycVerif {
	out := kycVerif{model: "Reliance", status: "Pending", created: now, modified: now}
	switch v {
	case KYCPendingThenApproved:
		out.pendingReads, out.next = 1, "Approved"
	case KYCPendingThenDeclined:
		out.pendingReads, out.next = 1, "Declined"
	case KYCStaysPending:
	default:
		out.status = "Approved"
	}
	return out
}

// set decides the status at once, ending any course.
func (v *kycVerif) set(status, now string) {
	v.status, v.modified, v.pendingReads, v.next = status, now, 0, ""
}

// read moves the course on by one read.
func (v *kycVerif) read(now string) {
	if v.pendingReads == 0 {
		return
	}
	if v.pendingReads--; v.pendingReads == 0 {
		v.set(v.next, now)
	}
}

func newKYC(opts Options) *KYC {
	key := opts.KYCAPIKey
	if key == "" {
		key = kycDefaultAPIKey
	}
	k := &KYC{behaviour: switchable[KYCBehaviour]{v: opts.Behaviour.KYC}, key: key, pub: opts.KYCPublicKey, claimsOnly: opts.KYCClaimsOnly, now: opts.Now, customers: map[string]*kycRecord{}}
	if k.pub != nil {
		k.alg = kycAlgFor(k.pub)
	}
	return k
}

func (k *KYC) routes(prefix string) []route {
	return []route{
		{http.MethodPut, prefix + "/customers/{id}", k.serve("PutCustomer", k.putCustomer)},
		{http.MethodGet, prefix + "/customers/{id}", k.serve("GetCustomer", k.getCustomer)},
		{http.MethodGet, prefix + "/customers", k.serve("GetCustomers", k.listCustomers)},
	}
}

// kycHandler is an endpoint after authentication; body is the request body
// as received (at most maxBodyBytes+1 bytes).
type kycHandler func(w http.ResponseWriter, r *http.Request, body []byte)

// serve reads the body, authenticates the request (API key, then signature)
// and runs h.
func (k *KYC) serve(action string, h kycHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		if !k.authenticate(w, r, action, body) {
			return
		}
		h(w, r, body)
	}
}

// notFound answers every other request under /noah, after authentication.
// PUT or GET of /customers/ (an empty CustomerID) is the one exception: that
// is a bad path parameter, not an unknown endpoint.
func (k *KYC) notFound(w http.ResponseWriter, r *http.Request) {
	k.serve("Unknown", func(w http.ResponseWriter, r *http.Request, _ []byte) {
		if r.URL.Path == kycPrefix+"/customers/" {
			action := map[string]string{http.MethodPut: "PutCustomer", http.MethodGet: "GetCustomer"}[r.Method]
			if action != "" {
				kycInvalid(w, action, "invalid path parameter", []kycFieldProblem{kycSchema("CustomerID", "CustomerID is required and must not be empty")})
				return
			}
		}
		kycFail(w, http.StatusNotFound, "ResourceNotFound", "Unknown", "no such endpoint: "+r.Method+" "+r.URL.Path, nil)
	})(w, r)
}

// Errors.

// kycError is NOAH's Error object.
type kycError struct {
	Type             string               `json:"Type"`
	Instance         string               `json:"Instance"`
	Action           string               `json:"Action"`
	Detail           string               `json:"Detail"`
	RequestExtension *kycRequestExtension `json:"RequestExtension,omitempty"`
}

type kycRequestExtension struct {
	Body []kycFieldProblem `json:"Body"`
}

// kycFieldProblem is one RequestExtension.Body entry.
type kycFieldProblem struct {
	Field       string `json:"Field"`
	Reason      string `json:"Reason"`
	Description string `json:"Description"`
}

func kycSchema(field, format string, args ...any) kycFieldProblem {
	return kycFieldProblem{Field: field, Reason: "SchemaValidation", Description: fmt.Sprintf(format, args...)}
}

func writeKYC(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

func kycFail(w http.ResponseWriter, status int, typ, action, detail string, problems []kycFieldProblem) {
	e := kycError{Type: typ, Instance: kycInstance(), Action: action, Detail: detail}
	if len(problems) > 0 {
		e.RequestExtension = &kycRequestExtension{Body: problems}
	}
	writeKYC(w, status, e)
}

// kycInvalid is a 400 InvalidMessage listing problems.
func kycInvalid(w http.ResponseWriter, action, detail string, problems []kycFieldProblem) {
	kycFail(w, http.StatusBadRequest, "InvalidMessage", action, detail, problems)
}

// kycInstance is a random reference for one error occurrence.
func kycInstance() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

// checkCustomerID returns the problem with a CustomerID path parameter, if any.
func (k *KYC) checkCustomerID(id string) []kycFieldProblem {
	maxLen := kycMaxIDLength
	if k.behaviour.get().ShortCustomerIDs {
		maxLen = kycShortIDLength
	}
	if n := utf8.RuneCountInString(id); n < 1 || n > maxLen {
		return []kycFieldProblem{kycSchema("CustomerID", "CustomerID must be 1 to %d characters long, got %d", maxLen, n)}
	}
	return nil
}

// Validation of the PUT body (IndividualCustomerInput).

// kycProblems collects every problem of one request, in a stable order.
type kycProblems []kycFieldProblem

func (p *kycProblems) add(field, format string, args ...any) {
	*p = append(*p, kycSchema(field, format, args...))
}

// kycField is one member of an object schema. check validates a non-null
// value at path and returns the value to store.
type kycField struct {
	name     string
	required bool
	check    func(p *kycProblems, path string, v any) any
}

// kycJoin builds a dotted field path.
func kycJoin(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// object checks v against fields: known members in schema order, then
// unknown members sorted. A JSON null counts as absent. It returns the
// non-null known members, checked, and whether v was an object at all;
// after is run with that result when v was one.
func (p *kycProblems) object(path string, v any, fields []kycField, after func(m map[string]any)) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		p.add(path, "%s must be an object", path)
		return nil
	}
	out := map[string]any{}
	for _, f := range fields {
		fp := kycJoin(path, f.name)
		fv, present := m[f.name]
		if !present || fv == nil {
			if f.required {
				p.add(fp, "%s is required", fp)
			}
			continue
		}
		out[f.name] = f.check(p, fp, fv)
	}
	for _, name := range slices.Sorted(maps.Keys(m)) {
		if !slices.ContainsFunc(fields, func(f kycField) bool { return f.name == name }) {
			p.add(kycJoin(path, name), "unknown field")
		}
	}
	if after != nil {
		after(out)
	}
	return out
}

// kycString checks a string of minLen to maxLen characters (maxLen 0: unbounded)
// and then extra, which returns a description of what is wrong or "".
func kycString(minLen, maxLen int, extra func(path, s string) string) func(p *kycProblems, path string, v any) any {
	return func(p *kycProblems, path string, v any) any {
		s, ok := v.(string)
		if !ok {
			p.add(path, "%s must be a string", path)
			return v
		}
		n := utf8.RuneCountInString(s)
		switch {
		case maxLen > 0 && (n < minLen || n > maxLen):
			p.add(path, "%s must be %d to %d characters long, got %d", path, minLen, maxLen, n)
		case n < minLen:
			p.add(path, "%s must be at least %d characters long, got %d", path, minLen, n)
		default:
			if extra != nil {
				if d := extra(path, s); d != "" {
					p.add(path, "%s", d)
				}
			}
		}
		return s
	}
}

func kycDate(path, s string) string {
	if t, err := time.Parse(kycDateLayout, s); err != nil || t.Format(kycDateLayout) != s {
		return fmt.Sprintf("%s must be a date written YYYY-MM-DD, got %q", path, s)
	}
	return ""
}

func kycCountry(path, s string) string {
	if !iso3166.IsCountry(s) {
		return fmt.Sprintf("%s must be an ISO 3166-1 alpha-2 country code, got %q", path, s)
	}
	return ""
}

func kycEmail(path, s string) string {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return fmt.Sprintf("%s must be an email address, got %q", path, s)
	}
	return ""
}

var kycPhone = regexp.MustCompile(`^\+[0-9]{6,15}$`)

func kycPhoneNumber(path, s string) string {
	if !kycPhone.MatchString(s) {
		return fmt.Sprintf("%s must be + and 6 to 15 digits, got %q", path, s)
	}
	return ""
}

var kycIDTypes = []string{"DrivingLicense", "NationalIDCard", "Passport", "AddressProof", "ResidencePermit", "TaxID"}

func kycIDType(path, s string) string {
	if !slices.Contains(kycIDTypes, s) {
		return fmt.Sprintf("%s must be one of %s, got %q", path, strings.Join(kycIDTypes, ", "), s)
	}
	return ""
}

func kycCustomerType(path, s string) string {
	if s != "Individual" {
		return fmt.Sprintf("%s must be \"Individual\", got %q", path, s)
	}
	return ""
}

var kycFullName = []kycField{
	{"FirstName", true, kycString(1, 50, nil)},
	{"LastName", true, kycString(1, 50, nil)},
	{"MiddleName", false, kycString(1, 50, nil)},
}

var kycIdentity = []kycField{
	{"IssuingCountry", true, kycString(0, 0, kycCountry)},
	{"IDNumber", true, kycString(1, 36, nil)},
	{"IssuedDate", false, kycString(0, 0, kycDate)},
	{"ExpiryDate", false, kycString(0, 0, kycDate)},
	{"IDType", true, kycString(0, 0, kycIDType)},
}

var kycAddress = []kycField{
	{"Street", true, kycString(2, 200, nil)},
	{"Street2", false, kycString(0, 0, nil)},
	{"City", true, kycString(1, 100, nil)},
	{"PostCode", true, kycString(1, 20, nil)},
	{"State", true, kycString(1, 100, nil)},
	{"Country", true, kycString(0, 0, kycCountry)},
}

// validateIndividual checks a decoded PUT body and returns what to store.
func validateIndividual(body any) (map[string]any, kycProblems) {
	var p kycProblems
	fields := []kycField{
		{"Type", true, kycString(0, 0, kycCustomerType)},
		{"FullName", true, func(p *kycProblems, path string, v any) any { return p.object(path, v, kycFullName, nil) }},
		{"DateOfBirth", true, kycString(0, 0, kycDate)},
		{"Email", false, kycString(0, 0, kycEmail)},
		{"PhoneNumber", false, kycString(0, 0, kycPhoneNumber)},
		{"Identities", true, checkIdentities},
		{"PrimaryResidence", true, checkResidence},
	}
	out := p.object("", body, fields, nil)
	return out, p
}

func checkIdentities(p *kycProblems, path string, v any) any {
	list, ok := v.([]any)
	if !ok {
		p.add(path, "%s must be an array", path)
		return v
	}
	if len(list) == 0 {
		p.add(path, "%s must list at least one identity", path)
	}
	out := make([]any, len(list))
	for i, item := range list {
		out[i] = p.object(fmt.Sprintf("%s[%d]", path, i), item, kycIdentity, nil)
	}
	return out
}

// checkResidence checks a StreetAddress; for countries with ISO 3166-2
// subdivisions NOAH requires (US, CA), State must be one of their codes.
func checkResidence(p *kycProblems, path string, v any) any {
	return p.object(path, v, kycAddress, func(m map[string]any) {
		country, _ := m["Country"].(string)
		state, ok := m["State"].(string)
		if !ok || !iso3166.RequiresSubdivision(country) || iso3166.IsSubdivision(country, state) {
			return
		}
		if n := utf8.RuneCountInString(state); n < 1 || n > 100 {
			return // already reported
		}
		fp := kycJoin(path, "State")
		p.add(fp, "%s must be an ISO 3166-2 subdivision code of %s without the country prefix (e.g. %q), got %q",
			fp, country, map[string]string{"US": "CA", "CA": "ON"}[country], state)
	})
}

// readKYCBody decodes a request body; a problem with the body as a whole is
// returned as a detail.
func readKYCBody(body []byte) (any, string) {
	switch {
	case len(bytes.TrimSpace(body)) == 0:
		return nil, "request body is required"
	case len(body) > maxBodyBytes:
		return nil, fmt.Sprintf("request body larger than %d bytes", maxBodyBytes)
	case !json.Valid(body):
		return nil, "request body is not valid JSON"
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, "request body is not valid JSON"
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, "request body must be a JSON object"
	}
	return v, ""
}

// Handlers.

func (k *KYC) putCustomer(w http.ResponseWriter, r *http.Request, body []byte) {
	const action = "PutCustomer"
	id := r.PathValue("id")
	idProblems := k.checkCustomerID(id)
	v, bad := readKYCBody(body)
	if bad != "" {
		kycInvalid(w, action, bad, idProblems)
		return
	}
	if v.(map[string]any)["Type"] == "Business" {
		kycInvalid(w, action, "only Individual customers are supported by this sandbox", idProblems)
		return
	}
	fields, problems := validateIndividual(v)
	problems = append(idProblems, problems...)
	if len(problems) > 0 {
		kycInvalid(w, action, fmt.Sprintf("request validation failed: %d problem(s), see RequestExtension", len(problems)), problems)
		return
	}

	verification := k.behaviour.get().Verification
	k.mu.Lock()
	status := http.StatusNoContent
	rec := &kycRecord{fields: fields}
	if old, ok := k.customers[id]; ok {
		// An update replaces what was sent; NOAH's own members stay.
		if v, ok := old.fields["Created"]; ok {
			fields["Created"] = v
		}
		if v, ok := old.fields["Metadata"]; ok {
			fields["Metadata"] = v
		}
		rec.verif = old.verif
	} else {
		status = http.StatusCreated
		fields["Created"] = k.stamp()
		rec.verif = newVerif(verification, k.stamp())
	}
	k.customers[id] = rec
	k.mu.Unlock()
	writeKYC(w, status, nil)
}

// stamp is now as NOAH writes Created: RFC 3339, UTC, whole seconds.
func (k *KYC) stamp() string { return k.now().UTC().Truncate(time.Second).Format(time.RFC3339) }

// kycEntity is the NOAH legal entity that verifies the sandbox's customers.
const kycEntity = "NoahEU"

// view is the customer as GET shows it under b. The caller holds k.mu.
func (c *kycRecord) view(id string, b KYCBehaviour) map[string]any {
	out := cloneJSON(c.fields).(map[string]any)
	delete(out, "Email")
	delete(out, "PhoneNumber")
	out["CustomerID"] = id
	if _, ok := out["Metadata"]; !ok {
		out["Metadata"] = map[string]any{}
	}
	v := c.verif
	if !b.NoDeprecatedVerification {
		out["Verification"] = map[string]any{"Model": v.model, "Status": v.status}
	}
	entity := map[string]any{"Model": v.model, "Status": v.status, "Created": v.created, "Modified": v.modified, "Entity": kycEntity}
	if v.status == "Declined" {
		entity["RejectionData"] = map[string]any{"RejectType": "Final", "PublicComment": "The customer did not pass NOAH's screening."}
	}
	verifications := map[string]any{"Type": "Individual", "Status": v.status, "EntityVerifications": []any{entity}}
	switch b.Verifications {
	case KYCVerificationsArray:
		out["Verifications"] = []any{verifications}
	case KYCVerificationsAbsent:
	default:
		out["Verifications"] = verifications
	}
	return out
}

func (k *KYC) getCustomer(w http.ResponseWriter, r *http.Request, _ []byte) {
	const action = "GetCustomer"
	id := r.PathValue("id")
	if problems := k.checkCustomerID(id); problems != nil {
		kycInvalid(w, action, "invalid path parameter", problems)
		return
	}
	b := k.behaviour.get()
	k.mu.Lock()
	c, ok := k.customers[id]
	var v map[string]any
	if ok {
		v = c.view(id, b)
		c.verif.read(k.stamp())
	}
	k.mu.Unlock()
	if !ok {
		kycFail(w, http.StatusNotFound, "ResourceNotFound", action, "customer not found", nil)
		return
	}
	writeKYC(w, http.StatusOK, v)
}

// kycCursor is a position in the listing order: the sort key of the last
// item returned.
type kycCursor struct {
	created int64 // Unix nanoseconds of Created; 0 when it does not parse
	id      string
}

func (c kycCursor) compare(o kycCursor) int {
	return cmp.Or(cmp.Compare(c.created, o.created), strings.Compare(c.id, o.id))
}

// cursor is c's sort key. The caller holds k.mu.
func (c *kycRecord) cursor(id string) kycCursor {
	s, _ := c.fields["Created"].(string)
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return kycCursor{id: id}
	}
	return kycCursor{created: t.UnixNano(), id: id}
}

// PageToken is opaque to clients: base64url of the JSON [direction,
// created, id] of the last item of the previous page.
func encodePageToken(dir string, c kycCursor) string {
	b, _ := json.Marshal([]any{dir, c.created, c.id})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodePageToken(tok, dir string) (kycCursor, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return kycCursor{}, false
	}
	var parts []json.RawMessage
	if json.Unmarshal(b, &parts) != nil || len(parts) != 3 {
		return kycCursor{}, false
	}
	var d string
	var c kycCursor
	if json.Unmarshal(parts[0], &d) != nil || d != dir ||
		json.Unmarshal(parts[1], &c.created) != nil || json.Unmarshal(parts[2], &c.id) != nil {
		return kycCursor{}, false
	}
	return c, true
}

// listCustomers is GET /customers: PageSize (1-100, default 20) customers in SortDirection order
// of Created (DESC, newest first, by default; ties by CustomerID), continuing after the item an
// opaque PageToken names; a bad parameter answers 400 InvalidMessage naming it. The last page's
// PageToken follows KYCBehaviour.LastPage.
func (k *KYC) listCustomers(w http.ResponseWriter, r *http.Request, _ []byte) {
	const action = "GetCustomers"
	q := r.URL.Query()
	var problems []kycFieldProblem
	size := kycPageSize
	if q.Has("PageSize") {
		n, err := strconv.Atoi(q.Get("PageSize"))
		if err != nil || n < 1 || n > kycMaxPageSize {
			problems = append(problems, kycSchema("PageSize", "PageSize must be an integer from 1 to %d, got %q", kycMaxPageSize, q.Get("PageSize")))
		}
		size = n
	}
	dir := "DESC" // newest first, as documented
	if q.Has("SortDirection") {
		dir = q.Get("SortDirection")
		if dir != "ASC" && dir != "DESC" {
			problems = append(problems, kycSchema("SortDirection", "SortDirection must be ASC or DESC, got %q", dir))
		}
	}
	var after *kycCursor
	if tok := q.Get("PageToken"); tok != "" && len(problems) == 0 {
		c, ok := decodePageToken(tok, dir)
		if !ok {
			problems = append(problems, kycSchema("PageToken", "PageToken is not a token this listing handed out (for SortDirection %s)", dir))
		}
		after = &c
	}
	if len(problems) > 0 {
		kycInvalid(w, action, "invalid query parameters", problems)
		return
	}

	b := k.behaviour.get()
	k.mu.Lock()
	defer k.mu.Unlock()
	type entry struct {
		key kycCursor
		rec *kycRecord
	}
	var all []entry
	for id, c := range k.customers {
		e := entry{c.cursor(id), c}
		if after != nil {
			d := e.key.compare(*after)
			if dir == "ASC" && d <= 0 || dir == "DESC" && d >= 0 {
				continue
			}
		}
		all = append(all, e)
	}
	slices.SortFunc(all, func(a, b entry) int {
		if dir == "DESC" {
			return b.key.compare(a.key)
		}
		return a.key.compare(b.key)
	})
	page := all[:min(size, len(all))]
	out := struct {
		Items     []map[string]any `json:"Items"`
		PageToken *string          `json:"PageToken,omitempty"`
	}{Items: make([]map[string]any, 0, len(page))}
	for _, e := range page {
		out.Items = append(out.Items, e.rec.view(e.key.id, b))
	}
	switch {
	case len(all) > len(page), b.LastPage == KYCFullPageToken && len(page) == size:
		out.PageToken = ptr(encodePageToken(dir, page[len(page)-1].key))
	case b.LastPage == KYCLastPageEmptyToken:
		out.PageToken = ptr("")
	}
	writeKYC(w, http.StatusOK, out)
}

// cloneJSON deep-copies a generic JSON value.
func cloneJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = cloneJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = cloneJSON(e)
		}
		return out
	default:
		return v
	}
}
