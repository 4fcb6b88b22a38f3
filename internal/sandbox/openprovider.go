package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// resellerID is the single reseller account every sandbox API user belongs to.
	resellerID = 100001
	authFailed = "Authentication/Authorization Failed"
	notHandle  = "The handle is not recognized"
)

// inUseDesc are the refusals DELETE can give for a handle still in use.
var inUseDesc = map[int]string{
	6200: "Customer has domains",
	6206: "Default handle cannot be deleted",
	187:  "Handle is attached to domains",
	186:  "Handle is in use",
}

// Openprovider emulates the Openprovider REST v1beta customer API. Its
// exported methods are test hooks, safe for concurrent use.
type Openprovider struct {
	behaviour switchable[OpenproviderBehaviour] // Options.Behaviour, switched by SetBehaviour
	ttl       time.Duration
	now       func() time.Time

	mu        sync.Mutex
	users     map[string]*opUser
	tokens    map[string]opToken
	tags      map[string]bool
	customers map[string]*opCustomer // by handle, deleted ones included
	order     []*opCustomer          // creation order, which listing follows
	lastID    int
	seeded    atomic.Int64 // customers made by Seed
	inUse     map[string]int
}

type opUser struct {
	password string
	logins   int
}

type opToken struct {
	user    string
	expires time.Time
}

func newOpenprovider(opts Options) *Openprovider {
	user, pass, ttl := opts.OpenproviderUsername, opts.OpenproviderPassword, opts.OpenproviderTokenTTL
	if user == "" {
		user = "sandbox"
	}
	if pass == "" {
		pass = "sandbox-password"
	}
	if ttl <= 0 {
		ttl = 48 * time.Hour
	}
	return &Openprovider{
		behaviour: switchable[OpenproviderBehaviour]{v: opts.Behaviour.Openprovider},
		ttl:       ttl,
		now:       opts.Now,
		users:     map[string]*opUser{user: {password: pass}},
		tokens:    map[string]opToken{},
		tags:      map[string]bool{"VIP": true, "test": true},
		customers: map[string]*opCustomer{},
		inUse:     map[string]int{},
	}
}

func (o *Openprovider) routes(prefix string) []route {
	return []route{
		{http.MethodPost, prefix + "/auth/login", o.serve(o.login, false)},
		{http.MethodPost, prefix + "/customers", o.serve(o.createCustomer, true)},
		{http.MethodGet, prefix + "/customers", o.serve(o.listCustomers, true)},
		{http.MethodGet, prefix + "/customers/{handle}", o.serve(o.getCustomer, true)},
		{http.MethodPut, prefix + "/customers/{handle}", o.serve(o.updateCustomer, true)},
		{http.MethodDelete, prefix + "/customers/{handle}", o.serve(o.deleteCustomer, true)},
	}
}

// opEnvelope is the body of every reply. As recorded, a success carries code, desc and data,
// and an error only code and desc; maintenance and warnings are left out, as the real API does
// when it has none to report.
type opEnvelope struct {
	Code int    `json:"code"`
	Desc string `json:"desc"`
	Data any    `json:"data,omitempty"`
}

// writeOp writes a reply; data is sent only with code 0.
func writeOp(w http.ResponseWriter, status, code int, desc string, data any) {
	env := opEnvelope{Code: code, Desc: desc}
	if code == 0 {
		env.Data = data
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(env)
}

func (o *Openprovider) notFound(w http.ResponseWriter, r *http.Request) {
	// A handle with an escaped "/" unescapes into two path segments, so no route matches it;
	// it is still one (invalid) handle, which Openprovider answers as such, not as an endpoint.
	if escaped, ok := strings.CutPrefix(r.URL.EscapedPath(), openproviderPrefix+"/customers/"); ok &&
		!strings.Contains(escaped, "/") && strings.Contains(strings.ToUpper(escaped), "%2F") &&
		(r.Method == http.MethodGet || r.Method == http.MethodPut || r.Method == http.MethodDelete) {
		handle := strings.TrimPrefix(r.URL.Path, openproviderPrefix+"/customers/")
		o.serve(func(*http.Request) (any, *opError) { return nil, refused(195, "Invalid handle %q", handle) }, true)(w, r)
		return
	}
	writeOp(w, http.StatusNotFound, 1, "No such endpoint: "+r.Method+" "+r.URL.Path, "")
}

type opHandler func(r *http.Request) (any, *opError)

// serve wraps a handler with the bearer-token check and the envelope.
func (o *Openprovider) serve(h opHandler, auth bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if auth && !o.authorized(r) {
			writeOp(w, http.StatusUnauthorized, 196, authFailed, "")
			return
		}
		data, err := h(r)
		if err != nil {
			writeOp(w, err.status, err.code, err.desc, "")
			return
		}
		writeOp(w, http.StatusOK, 0, "", data)
	}
}

func (o *Openprovider) authorized(r *http.Request) bool {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		return false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	t, ok := o.tokens[token]
	if ok && !o.now().Before(t.expires) {
		delete(o.tokens, token)
		return false
	}
	return ok
}

// jsonBody enforces the API's request format: Content-Type application/json
// and a single JSON object, with keys limited to allowed when it is non-nil.
func jsonBody(r *http.Request, allowed []string) (map[string]json.RawMessage, *opError) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return nil, badBody("Content-Type must be application/json")
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, badBody("%v", err)
	}
	return decodeObject(body, allowed)
}

func (o *Openprovider) login(r *http.Request) (any, *opError) {
	obj, err := jsonBody(r, nil)
	if err != nil {
		return nil, err
	}
	creds := map[string]string{}
	for _, k := range []string{"username", "password", "ip"} {
		if creds[k], err = stringValue(k, obj[k]); err != nil {
			return nil, err
		}
		if creds[k] == "" {
			return nil, &opError{status: http.StatusBadRequest, code: 196, desc: authFailed + ": " + k + " is required"}
		}
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	u, ok := o.users[creds["username"]]
	if !ok || u.password != creds["password"] {
		// HTTP 200 on purpose: the real API does this too, so clients must
		// look at code rather than at the status.
		return nil, &opError{status: http.StatusOK, code: 196, desc: authFailed}
	}
	token := newToken()
	o.tokens[token] = opToken{user: creds["username"], expires: o.now().Add(o.ttl)}
	u.logins++
	return map[string]any{"token": token, "reseller_id": resellerID}, nil
}

func newToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

func (o *Openprovider) stamp() string { return o.now().UTC().Format(time.DateTime) }

func (o *Openprovider) createCustomer(r *http.Request) (any, *opError) {
	obj, err := jsonBody(r, createKeys)
	if err != nil {
		return nil, err
	}
	rec, err := decodeRecord(obj, o.behaviour.get())
	if err != nil {
		return nil, err
	}
	if rec.locale == "" {
		rec.locale = defaultLocale
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := rec.validate(o.tags); err != nil {
		return nil, err
	}
	return map[string]any{"handle": o.insert(rec).handle}, nil
}

// insert stores a new customer with a validated rec and returns it; the caller holds o.mu.
func (o *Openprovider) insert(rec opRecord) *opCustomer {
	rec.name.fullName = fullName(rec.name)
	o.lastID++
	c := &opCustomer{
		opRecord:          rec,
		id:                o.lastID,
		handle:            fmt.Sprintf("%s%s%06d-%s", handleLetter(rec.name.firstName), handleLetter(rec.name.lastName), 100000+o.lastID, rec.address.country),
		commentsChangedAt: o.stamp(),
	}
	o.customers[c.handle] = c
	o.order = append(o.order, c)
	return c
}

// lookup finds a customer, a deleted one only when withDeleted; the caller holds o.mu.
func (o *Openprovider) lookup(handle string, withDeleted bool) (*opCustomer, *opError) {
	if !handleRE.MatchString(handle) {
		return nil, refused(195, "Invalid handle %q", handle)
	}
	c, ok := o.customers[handle]
	if !ok || c.deleted && !withDeleted {
		return nil, refused(193, notHandle)
	}
	return c, nil
}

// withAdditional reads the with_additional_data flag, which the API takes as
// true/1.
func withAdditional(r *http.Request) bool {
	v := r.URL.Query().Get("with_additional_data")
	return v == "true" || v == "1"
}

func (o *Openprovider) getCustomer(r *http.Request) (any, *opError) {
	o.mu.Lock()
	defer o.mu.Unlock()
	c, err := o.lookup(r.PathValue("handle"), o.behaviour.get().DeletedRead == OpenproviderDeletedFlagged)
	if err != nil {
		return nil, err
	}
	return c.view(resellerID, withAdditional(r)), nil
}

func (o *Openprovider) updateCustomer(r *http.Request) (any, *opError) {
	b := o.behaviour.get()
	o.mu.Lock()
	defer o.mu.Unlock()
	handle := r.PathValue("handle")
	c, err := o.lookup(handle, false)
	if err != nil {
		return nil, err
	}
	// name and company_name are accepted and ignored: a client saw such a PUT answer success
	// without changing them.
	obj, err := jsonBody(r, slices.Concat(updateKeys, []string{"name", "company_name"}))
	if err != nil {
		return nil, err
	}
	if raw, ok := obj["handle"]; ok {
		h, err := stringValue("handle", raw)
		if err != nil {
			return nil, err
		}
		if h != handle {
			return nil, badBody("handle %q does not match the handle in the path, %q", h, handle)
		}
	}
	delete(obj, "handle")
	delete(obj, "name")
	delete(obj, "company_name")
	sent, err := decodeRecord(obj, b)
	if err != nil {
		return nil, err
	}
	rec := c.opRecord.clone()
	for _, k := range mutableKeys {
		_, present := obj[k]
		switch {
		case b.Clearing == OpenproviderPutReplaces:
			rec.copyField(&sent, k)
		case !present:
		case b.Clearing == OpenproviderEmptyIgnored:
			rec.mergeField(&sent, k)
		default:
			rec.copyField(&sent, k)
		}
	}
	if rec.locale == "" {
		rec.locale = defaultLocale
	}
	if err := rec.validate(o.tags); err != nil {
		return nil, err
	}
	if rec.comments != c.comments {
		c.commentsChangedAt = o.stamp()
	}
	c.opRecord = rec
	return map[string]any{"success": true}, nil
}

func (o *Openprovider) deleteCustomer(r *http.Request) (any, *opError) {
	o.mu.Lock()
	defer o.mu.Unlock()
	c, err := o.lookup(r.PathValue("handle"), false)
	if err != nil {
		return nil, err
	}
	if code := o.inUse[c.handle]; code != 0 {
		return nil, refused(code, "%s", inUseDesc[code])
	}
	c.deleted, c.deletedAt = true, o.stamp()
	return map[string]any{"success": true}, nil
}

// opMaxLimit is the largest list limit the API documents.
const opMaxLimit = 1000

// opListFilter is one *_pattern parameter of GET /customers and the fields it looks at (pattern
// matches when any of them does).
type opListFilter struct {
	param  string
	fields func(*opCustomer) []string
}

var opListFilters = []opListFilter{
	{"email_pattern", func(c *opCustomer) []string { return []string{c.email} }},
	{"first_name_pattern", func(c *opCustomer) []string { return []string{c.name.firstName} }},
	{"last_name_pattern", func(c *opCustomer) []string { return []string{c.name.lastName} }},
	{"company_name_pattern", func(c *opCustomer) []string { return []string{c.companyName} }},
	{"comment_pattern", func(c *opCustomer) []string { return []string{c.comments} }},
	{"handle_pattern", func(c *opCustomer) []string { return []string{c.handle} }},
	// pattern: "first name or last name or company name or handle", as the spec has it.
	{"pattern", func(c *opCustomer) []string {
		return []string{c.name.firstName, c.name.lastName, c.companyName, c.handle}
	}},
}

// listCustomers is GET /customers: the customers matching every *_pattern given, in creation
// order, limit (default 100, at most 1000) from offset; data.total is the number of matches, and
// a page without results has no results key (as recorded). Results never carry fax, vat or inn.
func (o *Openprovider) listCustomers(r *http.Request) (any, *opError) {
	b := o.behaviour.get()
	q := r.URL.Query()
	limit, err := queryInt(q.Get("limit"), "limit")
	if err != nil {
		return nil, err
	}
	if limit == 0 {
		limit = 100
	}
	if limit > opMaxLimit {
		if b.ListOverMax == OpenproviderListOverMaxRefused {
			return nil, invalid(100, "limit must be at most %d", opMaxLimit)
		}
		limit = opMaxLimit
	}
	offset, err := queryInt(q.Get("offset"), "offset")
	if err != nil {
		return nil, err
	}
	type active struct {
		re     *regexp.Regexp
		fields func(*opCustomer) []string
	}
	var filters []active
	for _, f := range opListFilters {
		if p := q.Get(f.param); p != "" {
			filters = append(filters, active{patternRegexp(p, b), f.fields})
		}
	}
	more := withAdditional(r)

	o.mu.Lock()
	defer o.mu.Unlock()
	var matched []*opCustomer
	for _, c := range o.order {
		if c.deleted && !b.ListDeleted {
			continue
		}
		if !slices.ContainsFunc(filters, func(f active) bool {
			return !slices.ContainsFunc(f.fields(c), f.re.MatchString)
		}) {
			matched = append(matched, c)
		}
	}
	start := min(offset, len(matched))
	data := map[string]any{"total": len(matched)}
	if page := matched[start : start+min(limit, len(matched)-start)]; len(page) > 0 {
		results := make([]any, 0, len(page))
		for _, c := range page {
			v := c.view(resellerID, more)
			// The real list endpoint does not return these (inn is never set here).
			delete(v, "fax")
			delete(v, "vat")
			results = append(results, v)
		}
		// As recorded, a page without results has no results key at all.
		data["results"] = results
	}
	return data, nil
}

// queryInt parses an optional non-negative integer parameter; "" is 0.
func queryInt(v, name string) (int, *opError) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, invalid(100, "%s must be a non-negative integer", name)
	}
	return n, nil
}

// globMatch matches s against pattern as the list filters do by default: case-insensitively,
// "*" standing for any run of characters, anchored at both ends ("*doe*" finds a substring).
func globMatch(pattern, s string) bool {
	return patternRegexp(pattern, OpenproviderBehaviour{}).MatchString(s)
}

// patternRegexp compiles a *_pattern as behaviour b reads it (PatternCase, PatternNoWildcard,
// PatternSQLWildcards).
func patternRegexp(pattern string, b OpenproviderBehaviour) *regexp.Regexp {
	var re strings.Builder
	re.WriteString("(?s)")
	if b.PatternCase == OpenproviderPatternCaseInsensitive {
		re.WriteString("(?i)")
	}
	re.WriteString("^")
	partial := b.PatternNoWildcard == OpenproviderPatternContains && !strings.Contains(pattern, "*")
	if partial {
		re.WriteString(".*")
	}
	for _, ch := range pattern {
		switch {
		case ch == '*', ch == '%' && b.PatternSQLWildcards:
			re.WriteString(".*")
		case ch == '_' && b.PatternSQLWildcards:
			re.WriteString(".")
		default:
			re.WriteString(regexp.QuoteMeta(string(ch)))
		}
	}
	if partial {
		re.WriteString(".*")
	}
	re.WriteString("$")
	return regexp.MustCompile(re.String())
}
