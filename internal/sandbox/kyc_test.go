package sandbox

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const (
	kycBase = "/noah/v1"
	kycKey  = "apikey_sandbox_local"
)

// kycStart is the test clock's start.
var kycStart = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

type kycEnv struct {
	t     *testing.T
	s     *Server
	clock *clock
	priv  *ecdsa.PrivateKey // nil: the server checks no signatures
}

// newKYCEnv makes a sandbox whose NOAH emulator requires signatures made
// with a fresh P-384 key when signed is true.
func newKYCEnv(t *testing.T, signed bool) *kycEnv {
	t.Helper()
	c := &clock{t: kycStart}
	e := &kycEnv{t: t, clock: c}
	opts := Options{Now: c.Now}
	if signed {
		e.priv = newKey(t, elliptic.P384())
		opts.KYCPublicKey = &e.priv.PublicKey
	}
	e.s = New(opts)
	return e
}

func newKey(t *testing.T, curve elliptic.Curve) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(curve, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// kycClaims are the claims a correct client signs for a request of method
// to target (path and query, as sent) with body, at now.
func kycClaims(method, target string, body []byte, now time.Time) jwt.MapClaims {
	u, err := url.Parse(target)
	if err != nil {
		panic(err)
	}
	c := jwt.MapClaims{
		"aud":    "https://api.noah.com",
		"iat":    now.Unix(),
		"exp":    now.Add(5 * time.Minute).Unix(),
		"method": method,
		"path":   u.EscapedPath(),
	}
	if u.RawQuery != "" {
		q := map[string]string{}
		for k, v := range u.Query() {
			q[k] = strings.Join(v, ",")
		}
		c["queryParams"] = q
	}
	if len(body) > 0 {
		sum := sha256.Sum256(body)
		c["bodyHash"] = hex.EncodeToString(sum[:])
	}
	return c
}

// signWith signs claims with key, ES384 or ES256 per its curve.
func signWith(t *testing.T, key *ecdsa.PrivateKey, claims jwt.MapClaims) string {
	t.Helper()
	m := jwt.SigningMethodES384
	if key.Curve == elliptic.P256() {
		m = jwt.SigningMethodES256
	}
	s, err := jwt.NewWithClaims(m, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type kycReply struct {
	Status int
	Header http.Header
	Body   []byte
	Doc    map[string]any
}

// raw sends exactly hdr and body and checks the answer's Content-Type.
func (e *kycEnv) raw(method, target string, hdr http.Header, body string) kycReply {
	e.t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header = hdr
	rec := httptest.NewRecorder()
	e.s.ServeHTTP(rec, req)
	r := kycReply{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		e.t.Errorf("%s %s: Content-Type = %q", method, target, ct)
	}
	if len(r.Body) > 0 {
		if err := json.Unmarshal(r.Body, &r.Doc); err != nil {
			e.t.Fatalf("%s %s: body %q: %v", method, target, r.Body, err)
		}
	}
	return r
}

// do sends body (marshalled unless it is a string) as a correct client:
// API key and, when the env signs, a fresh signature.
func (e *kycEnv) do(method, target string, body any) kycReply {
	e.t.Helper()
	b := kycBytes(e.t, body)
	hdr := http.Header{"X-Api-Key": {kycKey}}
	if len(b) > 0 {
		hdr.Set("Content-Type", "application/json")
	}
	if e.priv != nil {
		hdr.Set("Api-Signature", signWith(e.t, e.priv, kycClaims(method, target, b, e.clock.Now())))
	}
	return e.raw(method, target, hdr, string(b))
}

func kycBytes(t *testing.T, body any) []byte {
	t.Helper()
	switch v := body.(type) {
	case nil:
		return nil
	case string:
		return []byte(v)
	default:
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}

// kycValid is a PUT body that passes every rule, with every optional field.
func kycValid() map[string]any {
	return map[string]any{
		"Type":        "Individual",
		"FullName":    map[string]any{"FirstName": "Jan", "MiddleName": "Pieter", "LastName": "Dijk"},
		"DateOfBirth": "1990-02-28",
		"Email":       "jan@example.com",
		"PhoneNumber": "+31201234567",
		"Identities": []any{map[string]any{
			"IssuingCountry": "NL", "IDNumber": "NX1234567", "IssuedDate": "2020-01-01",
			"ExpiryDate": "2030-01-01", "IDType": "Passport",
		}},
		"PrimaryResidence": map[string]any{
			"Street": "Main Street 1", "Street2": "3rd floor", "City": "Amsterdam",
			"PostCode": "1011 AB", "State": "Noord-Holland", "Country": "NL",
		},
	}
}

// kycMinimal is a valid PUT body without any optional field.
func kycMinimal() map[string]any {
	return map[string]any{
		"Type":        "Individual",
		"FullName":    map[string]any{"FirstName": "Ann", "LastName": "Lee"},
		"DateOfBirth": "1985-12-31",
		"Identities":  []any{map[string]any{"IssuingCountry": "US", "IDNumber": "D123", "IDType": "DrivingLicense"}},
		"PrimaryResidence": map[string]any{
			"Street": "1 Infinite Loop", "City": "Cupertino", "PostCode": "95014", "State": "CA", "Country": "US",
		},
	}
}

func (e *kycEnv) put(id string, body map[string]any, want int) {
	e.t.Helper()
	r := e.do(http.MethodPut, kycBase+"/customers/"+url.PathEscape(id), body)
	if r.Status != want || len(r.Body) != 0 {
		e.t.Fatalf("PUT %s: %d %s, want %d without body", id, r.Status, r.Body, want)
	}
}

// wantKYCError checks status, Type, the Error members and, unless detail is
// "", the Detail.
func wantKYCError(t *testing.T, r kycReply, status int, typ, action, detail string) {
	t.Helper()
	if r.Status != status || r.Doc["Type"] != typ || r.Doc["Action"] != action {
		t.Errorf("got %d %s, want %d Type %s Action %s", r.Status, r.Body, status, typ, action)
		return
	}
	if inst, _ := r.Doc["Instance"].(string); !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(inst) {
		t.Errorf("Instance %q", inst)
	}
	if detail != "" && r.Doc["Detail"] != detail {
		t.Errorf("Detail %q, want %q", r.Doc["Detail"], detail)
	}
	if d, _ := r.Doc["Detail"].(string); d == "" {
		t.Errorf("no Detail in %s", r.Body)
	}
}

// fields returns the Field of every RequestExtension.Body entry, checking
// each entry's Reason and Description.
func (r kycReply) fields(t *testing.T) []string {
	t.Helper()
	ext, has := r.Doc["RequestExtension"]
	if !has {
		return nil
	}
	var out []string
	for _, p := range obj(ext)["Body"].([]any) {
		p := obj(p)
		if p["Reason"] != "SchemaValidation" || p["Description"] == "" {
			t.Errorf("problem %v", p)
		}
		out = append(out, p["Field"].(string))
	}
	return out
}

func TestKYCBaseURL(t *testing.T) {
	for _, root := range []string{"http://127.0.0.1:1", "http://127.0.0.1:1/"} {
		if got := KYCBaseURL(root); got != "http://127.0.0.1:1/noah/v1" {
			t.Errorf("KYCBaseURL(%q) = %q", root, got)
		}
	}
}

func TestKYCAPIKey(t *testing.T) {
	for _, signed := range []bool{false, true} {
		e := newKYCEnv(t, signed)
		for _, hdr := range map[string]http.Header{
			"missing":      {},
			"wrong":        {"X-Api-Key": {"apikey_sandbox_other"}},
			"prefix":       {"X-Api-Key": {"apikey_sandbox_loca"}},
			"bearer":       {"Authorization": {"Bearer " + kycKey}},
			"other header": {"X-Authorization": {kycKey}},
		} {
			for _, target := range []string{kycBase + "/customers/a", kycBase + "/customers", kycBase + "/nowhere"} {
				r := e.raw(http.MethodGet, target, hdr, "")
				action := map[string]string{kycBase + "/customers/a": "GetCustomer", kycBase + "/customers": "GetCustomers"}[target]
				if action == "" {
					action = "Unknown"
				}
				wantKYCError(t, r, http.StatusUnauthorized, "Unauthorized", action, "invalid API key")
			}
			r := e.raw(http.MethodPut, kycBase+"/customers/a", hdr, string(kycBytes(t, kycValid())))
			wantKYCError(t, r, http.StatusUnauthorized, "Unauthorized", "PutCustomer", "invalid API key")
		}
		if e.s.KYC.CustomerCount() != 0 || len(e.s.KYC.Rejections()) != 0 {
			t.Errorf("signed=%v: %d customers, rejections %v", signed, e.s.KYC.CustomerCount(), e.s.KYC.Rejections())
		}
	}

	// A configured key replaces the default.
	s := New(Options{KYCAPIKey: "apikey_sandbox_mine"})
	for key, want := range map[string]int{"apikey_sandbox_mine": 404, kycKey: 401} {
		req := httptest.NewRequest(http.MethodGet, kycBase+"/customers/x", nil)
		req.Header.Set("X-Api-Key", key)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("key %q: %d, want %d", key, rec.Code, want)
		}
	}
}

func TestKYCSignatureAccepted(t *testing.T) {
	e := newKYCEnv(t, true)
	e.put("cust-1", kycValid(), http.StatusCreated)
	e.put("cust-1", kycValid(), http.StatusNoContent)
	if r := e.do(http.MethodGet, kycBase+"/customers/cust-1", nil); r.Status != 200 {
		t.Errorf("GET: %d %s", r.Status, r.Body)
	}
	for _, q := range []string{"", "?PageSize=5", "?PageSize=5&SortDirection=DESC&PageToken=", "?SortDirection=ASC&x=1&x=2"} {
		if r := e.do(http.MethodGet, kycBase+"/customers"+q, nil); r.Status != 200 {
			t.Errorf("list %q: %d %s", q, r.Status, r.Body)
		}
	}
	// An id that needs escaping: the signed path is the escaped one.
	for _, id := range []string{"a b", "a b/c", "100%", "ü?#"} {
		e.put(id, kycMinimal(), http.StatusCreated)
		if _, ok := e.s.KYC.Customer(id); !ok {
			t.Errorf("customer %q not stored", id)
		}
		if r := e.do(http.MethodGet, kycBase+"/customers/"+url.PathEscape(id), nil); r.Doc["CustomerID"] != id {
			t.Errorf("GET %q: %s", id, r.Body)
		}
	}

	// The limits: iat 30 s ahead, a lifetime of exactly 15 minutes, unknown
	// claims, exp one second ahead.
	now := e.clock.Now()
	target := kycBase + "/customers/cust-1"
	for name, edit := range map[string]func(jwt.MapClaims){
		"iat 30s ahead": func(c jwt.MapClaims) { c["iat"] = now.Add(30 * time.Second).Unix() },
		"15 minutes":    func(c jwt.MapClaims) { c["iat"] = now.Unix(); c["exp"] = now.Add(15 * time.Minute).Unix() },
		"old iat": func(c jwt.MapClaims) {
			c["iat"] = now.Add(-14 * time.Minute).Unix()
			c["exp"] = now.Add(time.Second).Unix()
		},
		"unknown claims": func(c jwt.MapClaims) {
			c["jti"] = "x"
			c["sub"] = "y"
			c["nbf"] = now.Add(time.Hour).Unix()
			c["kid"] = 7
		},
		"fractional times":  func(c jwt.MapClaims) { c["iat"] = float64(now.Unix()) + 0.5; c["exp"] = float64(now.Unix()) + 60.5 },
		"exp one second on": func(c jwt.MapClaims) { c["exp"] = now.Add(time.Second).Unix() },
	} {
		c := kycClaims(http.MethodGet, target, nil, now)
		edit(c)
		hdr := http.Header{"X-Api-Key": {kycKey}, "Api-Signature": {signWith(t, e.priv, c)}}
		if r := e.raw(http.MethodGet, target, hdr, ""); r.Status != 200 {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	if got := e.s.KYC.Rejections(); len(got) != 0 {
		t.Errorf("Rejections %v", got)
	}

	// A P-256 key verifies ES256.
	k256 := newKey(t, elliptic.P256())
	s := New(Options{KYCPublicKey: &k256.PublicKey, Now: e.clock.Now})
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Header.Set("X-Api-Key", kycKey)
	req.Header.Set("Api-Signature", signWith(t, k256, kycClaims(http.MethodGet, target, nil, now)))
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 404 {
		t.Errorf("ES256: %d %s", rec.Code, rec.Body)
	}
}

// In claims-only mode a signature by another key passes, and every claim is still checked.
func TestKYCClaimsOnly(t *testing.T) {
	owner := newKey(t, elliptic.P384())
	stranger := newKey(t, elliptic.P384())
	c := &clock{t: kycStart}
	s := New(Options{KYCPublicKey: &owner.PublicKey, KYCClaimsOnly: true, Now: c.Now})
	target := kycBase + "/customers/cust-1"
	for _, tc := range []struct {
		name   string
		token  string
		status int
	}{
		{"signed by another key", signWith(t, stranger, kycClaims(http.MethodGet, target, nil, c.Now())), http.StatusNotFound},
		{"wrong method", signWith(t, stranger, kycClaims(http.MethodPut, target, nil, c.Now())), http.StatusUnauthorized},
		{"expired", signWith(t, stranger, kycClaims(http.MethodGet, target, nil, c.Now().Add(-time.Hour))), http.StatusUnauthorized},
		{"not a JWT", "abc.def", http.StatusUnauthorized},
	} {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req.Header.Set("X-Api-Key", kycKey)
		req.Header.Set("Api-Signature", tc.token)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != tc.status {
			t.Errorf("%s: %d %s, want %d", tc.name, rec.Code, rec.Body, tc.status)
		}
	}
	want := []string{"method does not match", "token expired", "malformed token"}
	if got := s.KYC.Rejections(); !slices.Equal(got, want) {
		t.Errorf("Rejections %q, want %q", got, want)
	}
}

func TestKYCSignatureRejected(t *testing.T) {
	e := newKYCEnv(t, true)
	e.put("existing", kycMinimal(), http.StatusCreated)
	now := e.clock.Now()
	putTarget := kycBase + "/customers/cust-9"
	body := kycBytes(t, kycValid())
	other := kycBytes(t, kycMinimal())
	sum := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	otherP384 := newKey(t, elliptic.P384())
	p256 := newKey(t, elliptic.P256())

	type tc struct {
		name   string
		method string // default PUT
		target string // default putTarget
		body   []byte // default body (for PUT)
		// token builds the header from correct claims for the request sent.
		token  func(c jwt.MapClaims) string
		reason string
	}
	signed := func(edit func(c jwt.MapClaims)) func(jwt.MapClaims) string {
		return func(c jwt.MapClaims) string { edit(c); return signWith(t, e.priv, c) }
	}
	cases := []tc{
		{name: "bad signature", token: func(c jwt.MapClaims) string {
			tok := signWith(t, e.priv, c)
			i := strings.LastIndexByte(tok, '.') + 5
			flip := byte('A')
			if tok[i] == 'A' {
				flip = 'B'
			}
			return tok[:i] + string(flip) + tok[i+1:]
		}, reason: "signature does not verify"},
		{name: "claims edited after signing", token: func(c jwt.MapClaims) string {
			tok := signWith(t, e.priv, c)
			c["method"] = "GET"
			forged := signWith(t, otherP384, c)
			parts, fparts := strings.Split(tok, "."), strings.Split(forged, ".")
			return parts[0] + "." + fparts[1] + "." + parts[2]
		}, reason: "signature does not verify"},
		{name: "wrong key", token: func(c jwt.MapClaims) string { return signWith(t, otherP384, c) }, reason: "signature does not verify"},
		{name: "wrong curve", token: func(c jwt.MapClaims) string { return signWith(t, p256, c) }, reason: `alg "ES256" not accepted, want "ES384"`},
		{name: "alg none", token: func(c jwt.MapClaims) string {
			s, err := jwt.NewWithClaims(jwt.SigningMethodNone, c).SignedString(jwt.UnsafeAllowNoneSignatureType)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}, reason: `alg "none" not accepted, want "ES384"`},
		{name: "HS384", token: func(c jwt.MapClaims) string {
			s, err := jwt.NewWithClaims(jwt.SigningMethodHS384, c).SignedString([]byte("secret"))
			if err != nil {
				t.Fatal(err)
			}
			return s
		}, reason: `alg "HS384" not accepted, want "ES384"`},
		{name: "ES384 header on a P-256 signature", token: func(c jwt.MapClaims) string {
			tok := signWith(t, p256, c)
			es384 := signWith(t, e.priv, c)
			return strings.Split(es384, ".")[0] + tok[strings.IndexByte(tok, '.'):]
		}, reason: "signature does not verify"},
		{name: "missing header", token: func(jwt.MapClaims) string { return "" }, reason: "Api-Signature header missing"},
		{name: "not a JWT", token: func(jwt.MapClaims) string { return "abc.def" }, reason: "malformed token"},
		{name: "bearer prefix", token: func(c jwt.MapClaims) string { return "Bearer " + signWith(t, e.priv, c) }, reason: "malformed token"},
		{name: "wrong bodyHash", token: signed(func(c jwt.MapClaims) { c["bodyHash"] = sum(other) }), reason: "bodyHash does not match the body"},
		{name: "upper-case bodyHash", token: signed(func(c jwt.MapClaims) { c["bodyHash"] = strings.ToUpper(sum(body)) }), reason: "bodyHash does not match the body"},
		{name: "base64 bodyHash", token: signed(func(c jwt.MapClaims) { s := sha256.Sum256(body); c["bodyHash"] = s[:] }), reason: "bodyHash does not match the body"},
		{name: "body tampered", body: other, token: func(c jwt.MapClaims) string {
			return signWith(t, e.priv, kycClaims(http.MethodPut, putTarget, body, now))
		}, reason: "bodyHash does not match the body"},
		{name: "body re-marshalled", body: append([]byte(" "), body...), token: func(c jwt.MapClaims) string {
			return signWith(t, e.priv, kycClaims(http.MethodPut, putTarget, body, now))
		}, reason: "bodyHash does not match the body"},
		{name: "bodyHash missing", token: signed(func(c jwt.MapClaims) { delete(c, "bodyHash") }), reason: "bodyHash missing"},
		{name: "bodyHash of a body on a GET", method: http.MethodGet, target: kycBase + "/customers/existing",
			token: signed(func(c jwt.MapClaims) { c["bodyHash"] = sum(body) }), reason: "bodyHash does not match the body"},
		{name: "path without /noah", token: signed(func(c jwt.MapClaims) { c["path"] = "/v1/customers/cust-9" }), reason: "path does not match"},
		{name: "path of another id", token: signed(func(c jwt.MapClaims) { c["path"] = kycBase + "/customers/existing" }), reason: "path does not match"},
		{name: "full URL as path", token: signed(func(c jwt.MapClaims) { c["path"] = "http://example.com" + putTarget }), reason: "path does not match"},
		{name: "unescaped path", target: kycBase + "/customers/a%20b", token: signed(func(c jwt.MapClaims) { c["path"] = kycBase + "/customers/a b" }), reason: "path does not match"},
		{name: "path with query", method: http.MethodGet, target: kycBase + "/customers?PageSize=5",
			token: signed(func(c jwt.MapClaims) { c["path"] = kycBase + "/customers?PageSize=5" }), reason: "path does not match"},
		{name: "wrong method", token: signed(func(c jwt.MapClaims) { c["method"] = "GET" }), reason: "method does not match"},
		{name: "lower-case method", token: signed(func(c jwt.MapClaims) { c["method"] = "put" }), reason: "method does not match"},
		{name: "method missing", token: signed(func(c jwt.MapClaims) { delete(c, "method") }), reason: "method does not match"},
		{name: "aud sandbox", token: signed(func(c jwt.MapClaims) { c["aud"] = "https://api.sandbox.noah.com" }), reason: "aud does not match"},
		{name: "aud array", token: signed(func(c jwt.MapClaims) { c["aud"] = []string{"https://api.noah.com"} }), reason: "aud does not match"},
		{name: "aud missing", token: signed(func(c jwt.MapClaims) { delete(c, "aud") }), reason: "aud does not match"},
		{name: "query value mismatch", method: http.MethodGet, target: kycBase + "/customers?PageSize=5",
			token: signed(func(c jwt.MapClaims) { c["queryParams"] = map[string]string{"PageSize": "6"} }), reason: "queryParams does not match the query"},
		{name: "query extra param", method: http.MethodGet, target: kycBase + "/customers?PageSize=5",
			token: signed(func(c jwt.MapClaims) {
				c["queryParams"] = map[string]string{"PageSize": "5", "SortDirection": "ASC"}
			}), reason: "queryParams does not match the query"},
		{name: "query as lists", method: http.MethodGet, target: kycBase + "/customers?PageSize=5",
			token: signed(func(c jwt.MapClaims) { c["queryParams"] = map[string][]string{"PageSize": {"5"}} }), reason: "queryParams does not match the query"},
		{name: "query repeated, not joined", method: http.MethodGet, target: kycBase + "/customers?x=1&x=2",
			token: signed(func(c jwt.MapClaims) { c["queryParams"] = map[string]string{"x": "1"} }), reason: "queryParams does not match the query"},
		{name: "queryParams missing", method: http.MethodGet, target: kycBase + "/customers?PageSize=5",
			token: signed(func(c jwt.MapClaims) { delete(c, "queryParams") }), reason: "queryParams missing"},
		{name: "queryParams without query", method: http.MethodGet, target: kycBase + "/customers",
			token: signed(func(c jwt.MapClaims) { c["queryParams"] = map[string]string{} }), reason: "queryParams present but the request has no query"},
		{name: "expired", token: signed(func(c jwt.MapClaims) {
			c["iat"] = now.Add(-10 * time.Minute).Unix()
			c["exp"] = now.Unix()
		}), reason: "token expired"},
		{name: "future iat", token: signed(func(c jwt.MapClaims) {
			c["iat"] = now.Add(31 * time.Second).Unix()
			c["exp"] = now.Add(5 * time.Minute).Unix()
		}), reason: "token issued in the future"},
		{name: "over-long lifetime", token: signed(func(c jwt.MapClaims) {
			c["exp"] = now.Add(15*time.Minute + time.Second).Unix()
		}), reason: "token lifetime exceeds 15 minutes"},
		{name: "milliseconds", token: signed(func(c jwt.MapClaims) {
			c["iat"] = now.UnixMilli()
			c["exp"] = now.Add(5 * time.Minute).UnixMilli()
		}), reason: "token issued in the future"},
		{name: "iat missing", token: signed(func(c jwt.MapClaims) { delete(c, "iat") }), reason: "iat missing"},
		{name: "exp missing", token: signed(func(c jwt.MapClaims) { delete(c, "exp") }), reason: "exp missing"},
		{name: "exp a string", token: signed(func(c jwt.MapClaims) { c["exp"] = strconv.FormatInt(now.Unix()+60, 10) }), reason: "exp is not a number"},
	}
	var reasons []string
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			method, target, b := orDefault(c.method, http.MethodPut), orDefault(c.target, putTarget), c.body
			if b == nil && method == http.MethodPut {
				b = body
			}
			hdr := http.Header{"X-Api-Key": {kycKey}}
			if tok := c.token(kycClaims(method, target, b, now)); tok != "" {
				hdr.Set("Api-Signature", tok)
			}
			r := e.raw(method, target, hdr, string(b))
			action := "PutCustomer"
			switch {
			case method == http.MethodGet && strings.Contains(target, "/customers/"):
				action = "GetCustomer"
			case method == http.MethodGet:
				action = "GetCustomers"
			}
			wantKYCError(t, r, http.StatusUnauthorized, "Unauthorized", action, "invalid signature: "+c.reason)
			reasons = append(reasons, c.reason)
		})
	}
	if got := e.s.KYC.Rejections(); !slices.Equal(got, reasons) {
		t.Errorf("Rejections\n got %q\nwant %q", got, reasons)
	}
	if got := e.s.KYC.Customers(); !slices.Equal(got, []string{"existing"}) {
		t.Errorf("customers after rejected PUTs: %v", got)
	}

	// Two headers, and unknown endpoints are authenticated too.
	tok := signWith(t, e.priv, kycClaims(http.MethodGet, kycBase+"/customers/existing", nil, now))
	r := e.raw(http.MethodGet, kycBase+"/customers/existing", http.Header{"X-Api-Key": {kycKey}, "Api-Signature": {tok, tok}}, "")
	wantKYCError(t, r, 401, "Unauthorized", "GetCustomer", "invalid signature: more than one Api-Signature header")
	r = e.raw(http.MethodDelete, kycBase+"/customers/existing", http.Header{"X-Api-Key": {kycKey}}, "")
	wantKYCError(t, r, 401, "Unauthorized", "Unknown", "invalid signature: Api-Signature header missing")
	r = e.do(http.MethodDelete, kycBase+"/customers/existing", nil)
	wantKYCError(t, r, 404, "ResourceNotFound", "Unknown", "")

	// The clock is the server's: a token made now expires when the clock moves on.
	e.clock.Add(5 * time.Minute)
	tok = signWith(t, e.priv, kycClaims(http.MethodGet, kycBase+"/customers/existing", nil, now))
	r = e.raw(http.MethodGet, kycBase+"/customers/existing", http.Header{"X-Api-Key": {kycKey}, "Api-Signature": {tok}}, "")
	wantKYCError(t, r, 401, "Unauthorized", "GetCustomer", "invalid signature: token expired")
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func TestKYCUnsignedMode(t *testing.T) {
	e := newKYCEnv(t, false)
	e.put("c1", kycValid(), http.StatusCreated)
	// A signature, even a bad one, is ignored.
	hdr := http.Header{"X-Api-Key": {kycKey}, "Api-Signature": {"garbage"}}
	if r := e.raw(http.MethodGet, kycBase+"/customers/c1", hdr, ""); r.Status != 200 {
		t.Errorf("GET with a garbage signature: %d %s", r.Status, r.Body)
	}
	if r := e.do(http.MethodGet, kycBase+"/customers?PageSize=1", nil); r.Status != 200 {
		t.Errorf("list: %d %s", r.Status, r.Body)
	}
	if got := e.s.KYC.Rejections(); len(got) != 0 {
		t.Errorf("Rejections %v", got)
	}
}

func TestKYCPutGet(t *testing.T) {
	e := newKYCEnv(t, true)
	wantKYCError(t, e.do(http.MethodGet, kycBase+"/customers/c1", nil), 404, "ResourceNotFound", "GetCustomer", "customer not found")
	e.put("c1", kycValid(), http.StatusCreated)
	r := e.do(http.MethodGet, kycBase+"/customers/c1", nil)
	want := map[string]any{
		"Type": "Individual", "CustomerID": "c1", "Created": "2026-01-02T03:04:05Z", "DateOfBirth": "1990-02-28",
		"FullName": map[string]any{"FirstName": "Jan", "MiddleName": "Pieter", "LastName": "Dijk"},
		"Identities": []any{map[string]any{
			"IssuingCountry": "NL", "IDNumber": "NX1234567", "IssuedDate": "2020-01-01", "ExpiryDate": "2030-01-01", "IDType": "Passport",
		}},
		"PrimaryResidence": map[string]any{
			"Street": "Main Street 1", "Street2": "3rd floor", "City": "Amsterdam", "PostCode": "1011 AB", "State": "Noord-Holland", "Country": "NL",
		},
		"Metadata":      map[string]any{},
		"Verification":  map[string]any{"Model": "Reliance", "Status": "Approved"},
		"Verifications": kycVerifications("Approved", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05Z"),
	}
	if r.Status != 200 || !reflect.DeepEqual(r.Doc, want) {
		t.Fatalf("GET %d\n got %v\nwant %v", r.Status, r.Doc, want)
	}
	hook, _ := e.s.KYC.Customer("c1")
	if hook["Email"] != "jan@example.com" || hook["PhoneNumber"] != "+31201234567" {
		t.Errorf("hook %v", hook)
	}
	delete(hook, "Email")
	delete(hook, "PhoneNumber")
	if !reflect.DeepEqual(hook, want) {
		t.Errorf("hook without Email and PhoneNumber\n got %v\nwant %v", hook, want)
	}

	// A later PUT replaces everything but Created, Metadata and the verification.
	e.clock.Add(time.Hour)
	e.s.KYC.SetVerificationStatus("c1", "Pending")
	e.s.KYC.Put("c1", map[string]any{"Metadata": map[string]any{"tier": "gold"}})
	e.put("c1", kycMinimal(), http.StatusNoContent)
	r = e.do(http.MethodGet, kycBase+"/customers/c1", nil)
	want = map[string]any{
		"Type": "Individual", "CustomerID": "c1", "Created": "2026-01-02T03:04:05Z", "DateOfBirth": "1985-12-31",
		"FullName":   map[string]any{"FirstName": "Ann", "LastName": "Lee"},
		"Identities": []any{map[string]any{"IssuingCountry": "US", "IDNumber": "D123", "IDType": "DrivingLicense"}},
		"PrimaryResidence": map[string]any{
			"Street": "1 Infinite Loop", "City": "Cupertino", "PostCode": "95014", "State": "CA", "Country": "US",
		},
		"Metadata":      map[string]any{"tier": "gold"},
		"Verification":  map[string]any{"Model": "Reliance", "Status": "Pending"},
		"Verifications": kycVerifications("Pending", "2026-01-02T03:04:05Z", "2026-01-02T04:04:05Z"),
	}
	if !reflect.DeepEqual(r.Doc, want) {
		t.Errorf("after replace\n got %v\nwant %v", r.Doc, want)
	}
	if hook, _ := e.s.KYC.Customer("c1"); !reflect.DeepEqual(hook, want) {
		t.Errorf("hook after replace (Email and PhoneNumber gone)\n got %v\nwant %v", hook, want)
	}

	// A new id gets the clock's time, in UTC, whole seconds.
	e.clock.Add(1500 * time.Millisecond)
	e.put("c2", kycMinimal(), http.StatusCreated)
	if c, _ := e.s.KYC.Customer("c2"); c["Created"] != "2026-01-02T04:04:06Z" {
		t.Errorf("Created %v", c["Created"])
	}

	// Optional members sent as "" (where allowed) and null.
	b := kycMinimal()
	obj(b["PrimaryResidence"])["Street2"] = ""
	obj(b["FullName"])["MiddleName"] = nil
	b["Email"] = nil
	e.put("c3", b, http.StatusCreated)
	c, _ := e.s.KYC.Customer("c3")
	if pr := obj(c["PrimaryResidence"]); pr["Street2"] != "" {
		t.Errorf("Street2 %v", pr)
	}
	if _, has := obj(c["FullName"])["MiddleName"]; has {
		t.Errorf("null MiddleName stored: %v", c["FullName"])
	}
	if _, has := c["Email"]; has {
		t.Errorf("null Email stored: %v", c)
	}

	// The hook's map is a copy.
	obj(c["FullName"])["FirstName"] = "Changed"
	if c, _ := e.s.KYC.Customer("c3"); obj(c["FullName"])["FirstName"] != "Ann" {
		t.Error("Customer returned shared state")
	}
}

func TestKYCCustomerID(t *testing.T) {
	e := newKYCEnv(t, true)
	id42 := strings.Repeat("x", 42)
	e.put(id42, kycMinimal(), http.StatusCreated)
	e.put(strings.Repeat("é", 42), kycMinimal(), http.StatusCreated)
	e.put("550e8400-e29b-41d4-a716-446655440000", kycMinimal(), http.StatusCreated)
	for _, method := range []string{http.MethodPut, http.MethodGet} {
		for _, id := range []string{strings.Repeat("x", 43), strings.Repeat("é", 43)} {
			var body any
			if method == http.MethodPut {
				body = kycValid()
			}
			r := e.do(method, kycBase+"/customers/"+url.PathEscape(id), body)
			action := map[string]string{http.MethodPut: "PutCustomer", http.MethodGet: "GetCustomer"}[method]
			wantKYCError(t, r, 400, "InvalidMessage", action, "")
			if got := r.fields(t); !slices.Equal(got, []string{"CustomerID"}) {
				t.Errorf("%s %d chars: fields %v", method, len(id), got)
			}
		}
		var body any
		if method == http.MethodPut {
			body = kycValid()
		}
		r := e.do(method, kycBase+"/customers/", body)
		wantKYCError(t, r, 400, "InvalidMessage", map[string]string{http.MethodPut: "PutCustomer", http.MethodGet: "GetCustomer"}[method], "")
		if got := r.fields(t); !slices.Equal(got, []string{"CustomerID"}) {
			t.Errorf("%s empty id: fields %v", method, got)
		}
	}
	// A bad id and a bad body: every problem is listed.
	b := kycValid()
	delete(b, "DateOfBirth")
	r := e.do(http.MethodPut, kycBase+"/customers/"+strings.Repeat("x", 43), b)
	if got := r.fields(t); !slices.Equal(got, []string{"CustomerID", "DateOfBirth"}) {
		t.Errorf("fields %v", got)
	}
	if e.s.KYC.CustomerCount() != 3 {
		t.Errorf("%d customers", e.s.KYC.CustomerCount())
	}
}

func TestKYCValidation(t *testing.T) {
	e := newKYCEnv(t, true)
	set := func(path string, v any) func(map[string]any) {
		return func(b map[string]any) {
			parts := strings.Split(path, ".")
			var cur any = b
			for _, p := range parts[:len(parts)-1] {
				if i, err := strconv.Atoi(p); err == nil {
					cur = cur.([]any)[i]
				} else {
					cur = cur.(map[string]any)[p]
				}
			}
			last := parts[len(parts)-1]
			if v == "<delete>" {
				delete(cur.(map[string]any), last)
			} else {
				cur.(map[string]any)[last] = v
			}
		}
	}
	del := func(path string) func(map[string]any) { return set(path, "<delete>") }
	s := strings.Repeat
	cases := []struct {
		name   string
		edit   func(map[string]any)
		fields []string // nil: valid
	}{
		{"valid", func(map[string]any) {}, nil},
		{"Type missing", del("Type"), []string{"Type"}},
		{"Type null", set("Type", nil), []string{"Type"}},
		{"Type lower case", set("Type", "individual"), []string{"Type"}},
		{"Type a number", set("Type", 1), []string{"Type"}},
		{"FullName missing", del("FullName"), []string{"FullName"}},
		{"FullName a string", set("FullName", "Jan Dijk"), []string{"FullName"}},
		{"FirstName missing", del("FullName.FirstName"), []string{"FullName.FirstName"}},
		{"FirstName empty", set("FullName.FirstName", ""), []string{"FullName.FirstName"}},
		{"FirstName 50", set("FullName.FirstName", s("é", 50)), nil},
		{"FirstName 51", set("FullName.FirstName", s("a", 51)), []string{"FullName.FirstName"}},
		{"LastName missing", del("FullName.LastName"), []string{"FullName.LastName"}},
		{"LastName 51", set("FullName.LastName", s("a", 51)), []string{"FullName.LastName"}},
		{"MiddleName empty", set("FullName.MiddleName", ""), []string{"FullName.MiddleName"}},
		{"MiddleName 51", set("FullName.MiddleName", s("a", 51)), []string{"FullName.MiddleName"}},
		{"MiddleName null", set("FullName.MiddleName", nil), nil},
		{"FullName unknown", set("FullName.Title", "Dr"), []string{"FullName.Title"}},
		{"DateOfBirth missing", del("DateOfBirth"), []string{"DateOfBirth"}},
		{"DateOfBirth not a day", set("DateOfBirth", "1990-02-30"), []string{"DateOfBirth"}},
		{"DateOfBirth short", set("DateOfBirth", "1990-2-3"), []string{"DateOfBirth"}},
		{"DateOfBirth with time", set("DateOfBirth", "1990-02-03T00:00:00Z"), []string{"DateOfBirth"}},
		{"DateOfBirth other order", set("DateOfBirth", "28-02-1990"), []string{"DateOfBirth"}},
		{"DateOfBirth leap day", set("DateOfBirth", "2000-02-29"), nil},
		{"DateOfBirth a number", set("DateOfBirth", 19900228), []string{"DateOfBirth"}},
		{"Email bad", set("Email", "not-an-email"), []string{"Email"}},
		{"Email with name", set("Email", "Jan <jan@example.com>"), []string{"Email"}},
		{"Email empty", set("Email", ""), []string{"Email"}},
		{"Email missing", del("Email"), nil},
		{"PhoneNumber 6 digits", set("PhoneNumber", "+123456"), nil},
		{"PhoneNumber 15 digits", set("PhoneNumber", "+"+s("1", 15)), nil},
		{"PhoneNumber 5 digits", set("PhoneNumber", "+12345"), []string{"PhoneNumber"}},
		{"PhoneNumber 16 digits", set("PhoneNumber", "+"+s("1", 16)), []string{"PhoneNumber"}},
		{"PhoneNumber no plus", set("PhoneNumber", "0612345678"), []string{"PhoneNumber"}},
		{"PhoneNumber spaces", set("PhoneNumber", "+31 20 1234567"), []string{"PhoneNumber"}},
		{"PhoneNumber missing", del("PhoneNumber"), nil},
		{"Identities missing", del("Identities"), []string{"Identities"}},
		{"Identities empty", set("Identities", []any{}), []string{"Identities"}},
		{"Identities an object", set("Identities", map[string]any{"IDType": "Passport"}), []string{"Identities"}},
		{"Identity a string", set("Identities", []any{"Passport"}), []string{"Identities[0]"}},
		{"IssuingCountry missing", del("Identities.0.IssuingCountry"), []string{"Identities[0].IssuingCountry"}},
		{"IssuingCountry lower case", set("Identities.0.IssuingCountry", "nl"), []string{"Identities[0].IssuingCountry"}},
		{"IssuingCountry unassigned", set("Identities.0.IssuingCountry", "XX"), []string{"Identities[0].IssuingCountry"}},
		{"IssuingCountry alpha-3", set("Identities.0.IssuingCountry", "NLD"), []string{"Identities[0].IssuingCountry"}},
		{"IDNumber missing", del("Identities.0.IDNumber"), []string{"Identities[0].IDNumber"}},
		{"IDNumber empty", set("Identities.0.IDNumber", ""), []string{"Identities[0].IDNumber"}},
		{"IDNumber 36", set("Identities.0.IDNumber", s("9", 36)), nil},
		{"IDNumber 37", set("Identities.0.IDNumber", s("9", 37)), []string{"Identities[0].IDNumber"}},
		{"IssuedDate bad", set("Identities.0.IssuedDate", "2020-13-01"), []string{"Identities[0].IssuedDate"}},
		{"ExpiryDate bad", set("Identities.0.ExpiryDate", ""), []string{"Identities[0].ExpiryDate"}},
		{"IDType missing", del("Identities.0.IDType"), []string{"Identities[0].IDType"}},
		{"IDType unknown", set("Identities.0.IDType", "Visa"), []string{"Identities[0].IDType"}},
		{"Identity unknown", set("Identities.0.Number", "1"), []string{"Identities[0].Number"}},
		{"second identity", set("Identities", []any{
			map[string]any{"IssuingCountry": "NL", "IDNumber": "1", "IDType": "TaxID"},
			map[string]any{"IssuingCountry": "DE", "IDType": "ResidencePermit", "ExpiryDate": "2030-02-31"},
		}), []string{"Identities[1].IDNumber", "Identities[1].ExpiryDate"}},
		{"every IDType", set("Identities", func() []any {
			var out []any
			for _, typ := range []string{"DrivingLicense", "NationalIDCard", "Passport", "AddressProof", "ResidencePermit", "TaxID"} {
				out = append(out, map[string]any{"IssuingCountry": "NL", "IDNumber": typ, "IDType": typ})
			}
			return out
		}()), nil},
		{"PrimaryResidence missing", del("PrimaryResidence"), []string{"PrimaryResidence"}},
		{"PrimaryResidence a list", set("PrimaryResidence", []any{}), []string{"PrimaryResidence"}},
		{"Street 1", set("PrimaryResidence.Street", "A"), []string{"PrimaryResidence.Street"}},
		{"Street 2", set("PrimaryResidence.Street", "Ab"), nil},
		{"Street 201", set("PrimaryResidence.Street", s("a", 201)), []string{"PrimaryResidence.Street"}},
		{"Street missing", del("PrimaryResidence.Street"), []string{"PrimaryResidence.Street"}},
		{"Street2 empty", set("PrimaryResidence.Street2", ""), nil},
		{"Street2 a number", set("PrimaryResidence.Street2", 3), []string{"PrimaryResidence.Street2"}},
		{"City empty", set("PrimaryResidence.City", ""), []string{"PrimaryResidence.City"}},
		{"City 101", set("PrimaryResidence.City", s("a", 101)), []string{"PrimaryResidence.City"}},
		{"PostCode missing", del("PrimaryResidence.PostCode"), []string{"PrimaryResidence.PostCode"}},
		{"PostCode 21", set("PrimaryResidence.PostCode", s("1", 21)), []string{"PrimaryResidence.PostCode"}},
		{"State missing", del("PrimaryResidence.State"), []string{"PrimaryResidence.State"}},
		{"State 101", set("PrimaryResidence.State", s("a", 101)), []string{"PrimaryResidence.State"}},
		{"Country missing", del("PrimaryResidence.Country"), []string{"PrimaryResidence.Country"}},
		{"Country name", set("PrimaryResidence.Country", "Netherlands"), []string{"PrimaryResidence.Country"}},
		{"Address unknown", set("PrimaryResidence.HouseNumber", "1"), []string{"PrimaryResidence.HouseNumber"}},
		{"top-level unknown", set("Nickname", "J"), []string{"Nickname"}},
		{"CustomerID in body", set("CustomerID", "c1"), []string{"CustomerID"}},
		{"Metadata in body", set("Metadata", map[string]any{}), []string{"Metadata"}},
		{"everything at once", func(b map[string]any) {
			set("Zeta", 1)(b)
			set("Alpha", 1)(b)
			del("Type")(b)
			set("FullName.FirstName", "")(b)
			set("FullName.LastName", 7)(b)
			set("DateOfBirth", "yesterday")(b)
			set("Identities.0.IDType", "")(b)
			set("PrimaryResidence.Street", "")(b)
			set("PrimaryResidence.Country", "us")(b)
		}, []string{
			"Type", "FullName.FirstName", "FullName.LastName", "DateOfBirth", "Identities[0].IDType",
			"PrimaryResidence.Street", "PrimaryResidence.Country", "Alpha", "Zeta",
		}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := kycValid()
			c.edit(b)
			id := "v" + strconv.Itoa(i)
			r := e.do(http.MethodPut, kycBase+"/customers/"+id, b)
			_, stored := e.s.KYC.Customer(id)
			if c.fields == nil {
				if r.Status != http.StatusCreated || !stored {
					t.Errorf("%d %s", r.Status, r.Body)
				}
				return
			}
			wantKYCError(t, r, 400, "InvalidMessage", "PutCustomer", "")
			if got := r.fields(t); !slices.Equal(got, c.fields) {
				t.Errorf("fields %q, want %q\n%s", got, c.fields, r.Body)
			}
			if stored {
				t.Error("stored")
			}
		})
	}

	// The body as a whole.
	for body, detail := range map[string]string{
		"":             "request body is required",
		"{":            "request body is not valid JSON",
		"{} {}":        "request body is not valid JSON",
		"[]":           "request body must be a JSON object",
		"null":         "request body must be a JSON object",
		`"Individual"`: "request body must be a JSON object",
		`{"Type":"Business","RegisteredName":"ACME"}`: "only Individual customers are supported by this sandbox",
	} {
		r := e.do(http.MethodPut, kycBase+"/customers/whole", body)
		wantKYCError(t, r, 400, "InvalidMessage", "PutCustomer", detail)
		if _, has := r.Doc["RequestExtension"]; has {
			t.Errorf("%q: RequestExtension in %s", body, r.Body)
		}
	}
	big := `{"Type":"Individual","x":"` + strings.Repeat("a", maxBodyBytes) + `"}`
	wantKYCError(t, e.do(http.MethodPut, kycBase+"/customers/big", big), 400, "InvalidMessage", "PutCustomer", "")

	// A problem's Description names the field.
	b := kycValid()
	set("PrimaryResidence.Country", "USA")(b)
	r := e.do(http.MethodPut, kycBase+"/customers/d", b)
	p := obj(obj(r.Doc["RequestExtension"])["Body"].([]any)[0])
	if d, _ := p["Description"].(string); !strings.Contains(d, "PrimaryResidence.Country") || !strings.Contains(d, "USA") {
		t.Errorf("Description %q", d)
	}
}

func TestKYCStates(t *testing.T) {
	e := newKYCEnv(t, false)
	for i, c := range []struct {
		country, state string
		ok             bool
	}{
		{"US", "CA", true},
		{"US", "NY", true},
		{"US", "DC", true},
		{"US", "California", false},
		{"US", "US-CA", false},
		{"US", "ca", false},
		{"US", "ON", false},
		{"CA", "ON", true},
		{"CA", "QC", true},
		{"CA", "Ontario", false},
		{"CA", "CA-ON", false},
		{"CA", "CA", false},
		{"NL", "Noord-Holland", true},
		{"NL", "NH", true},
		{"GB", "Greater London", true},
	} {
		b := kycMinimal()
		pr := obj(b["PrimaryResidence"])
		pr["Country"], pr["State"] = c.country, c.state
		r := e.do(http.MethodPut, kycBase+"/customers/s"+strconv.Itoa(i), b)
		switch {
		case c.ok && r.Status != 201:
			t.Errorf("%s/%s: %d %s", c.country, c.state, r.Status, r.Body)
		case !c.ok && !slices.Equal(r.fields(t), []string{"PrimaryResidence.State"}):
			t.Errorf("%s/%s: %d %s", c.country, c.state, r.Status, r.Body)
		}
	}
	// Only one problem when State is empty or the country is itself wrong.
	for _, c := range [][2]string{{"US", ""}, {"USA", "California"}, {"us", "CA"}} {
		b := kycMinimal()
		pr := obj(b["PrimaryResidence"])
		pr["Country"], pr["State"] = c[0], c[1]
		r := e.do(http.MethodPut, kycBase+"/customers/x", b)
		want := []string{"PrimaryResidence.State"}
		if c[1] != "" {
			want = []string{"PrimaryResidence.Country"}
		}
		if got := r.fields(t); !slices.Equal(got, want) {
			t.Errorf("%v: fields %v, want %v", c, got, want)
		}
	}
}

// listAll follows PageTokens and returns the ids in order and the number of pages.
func (e *kycEnv) listAll(query string) ([]string, int) {
	e.t.Helper()
	var ids []string
	tok := ""
	for pages := 1; ; pages++ {
		q := query
		if tok != "" {
			q += "&PageToken=" + url.QueryEscape(tok)
		}
		r := e.do(http.MethodGet, kycBase+"/customers?"+strings.TrimPrefix(q, "&"), nil)
		if r.Status != 200 {
			e.t.Fatalf("list %q: %d %s", q, r.Status, r.Body)
		}
		for _, it := range r.Doc["Items"].([]any) {
			ids = append(ids, obj(it)["CustomerID"].(string))
		}
		next, has := r.Doc["PageToken"]
		if !has {
			return ids, pages
		}
		if tok, _ = next.(string); tok == "" || pages > 100 {
			e.t.Fatalf("PageToken %v", next)
		}
	}
}

func TestKYCPaging(t *testing.T) {
	e := newKYCEnv(t, true)
	r := e.do(http.MethodGet, kycBase+"/customers", nil)
	if r.Status != 200 || string(r.Body) != "{\"Items\":[]}\n" {
		t.Errorf("empty list: %d %s", r.Status, r.Body)
	}

	// 45 customers, created a second apart in the order c44 ... c00, plus
	// three sharing one second, which sort by id.
	var asc []string
	for i := 44; i >= 0; i-- {
		id := fmt.Sprintf("c%02d", i)
		e.put(id, kycMinimal(), http.StatusCreated)
		asc = append(asc, id)
		e.clock.Add(time.Second)
	}
	for _, id := range []string{"z2", "z0", "z1"} {
		e.put(id, kycMinimal(), http.StatusCreated)
	}
	asc = append(asc, "z0", "z1", "z2")
	desc := slices.Clone(asc)
	slices.Reverse(desc)

	r = e.do(http.MethodGet, kycBase+"/customers", nil)
	if items := r.Doc["Items"].([]any); len(items) != 20 || obj(items[0])["CustomerID"] != "z2" || r.Doc["PageToken"] == nil {
		t.Errorf("default page: %d items, first %v, token %v", len(items), obj(items[0])["CustomerID"], r.Doc["PageToken"])
	} else if want, _ := e.s.KYC.Customer("z2"); !reflect.DeepEqual(obj(items[0]), func() map[string]any {
		delete(want, "Email")
		delete(want, "PhoneNumber")
		return want
	}()) {
		t.Errorf("item %v, want %v", items[0], want)
	}
	for _, c := range []struct {
		query string
		want  []string
		pages int
	}{
		{"", desc, 3}, // newest first, as documented
		{"&SortDirection=ASC", asc, 3},
		{"&SortDirection=DESC", desc, 3},
		{"&PageSize=1", desc, 48},
		{"&PageSize=16", desc, 3}, // 48 = 3 full pages: the last has no PageToken
		{"&PageSize=7&SortDirection=ASC", asc, 7},
		{"&PageSize=100", desc, 1},
	} {
		ids, pages := e.listAll(c.query)
		if !slices.Equal(ids, c.want) || pages != c.pages {
			t.Errorf("%q: %d pages %v", c.query, pages, ids)
		}
	}

	// A token stays valid when the listing changes under it.
	r = e.do(http.MethodGet, kycBase+"/customers?PageSize=2&SortDirection=ASC", nil)
	tok := r.Doc["PageToken"].(string)
	e.s.KYC.DeleteOutOfBand("c43") // the last item of the page
	e.s.KYC.DeleteOutOfBand("c42") // the first item of the next page
	r = e.do(http.MethodGet, kycBase+"/customers?PageSize=2&SortDirection=ASC&PageToken="+url.QueryEscape(tok), nil)
	if items := r.Doc["Items"].([]any); obj(items[0])["CustomerID"] != "c41" {
		t.Errorf("after a delete: %v", items)
	}

	for _, q := range []string{
		"PageSize=0", "PageSize=101", "PageSize=-1", "PageSize=abc", "PageSize=", "PageSize=1.5",
		"SortDirection=asc", "SortDirection=", "SortDirection=UP",
		"PageToken=garbage", "PageToken=" + url.QueryEscape(tok) + "&SortDirection=DESC", "PageToken=" + url.QueryEscape(tok),
	} {
		r := e.do(http.MethodGet, kycBase+"/customers?"+q, nil)
		wantKYCError(t, r, 400, "InvalidMessage", "GetCustomers", "")
		field, _, _ := strings.Cut(q, "=")
		if strings.HasPrefix(q, "PageToken") {
			field = "PageToken"
		}
		if got := r.fields(t); !slices.Equal(got, []string{field}) {
			t.Errorf("%q: fields %v", q, got)
		}
	}
}

func TestKYCCounters(t *testing.T) {
	e := newKYCEnv(t, true)
	e.put("a", kycMinimal(), 201)
	e.put("a", kycMinimal(), 204)
	e.do(http.MethodGet, kycBase+"/customers/a", nil)
	e.do(http.MethodGet, kycBase+"/customers/b", nil)
	e.do(http.MethodGet, kycBase+"/customers?PageSize=5", nil)
	e.do(http.MethodDelete, kycBase+"/customers/a", nil)
	e.do(http.MethodPost, kycBase+"/customers", kycMinimal())
	e.do(http.MethodPut, kycBase+"/customers/", kycMinimal())
	e.do(http.MethodGet, "/noah/v2/customers", nil)
	e.do(http.MethodGet, "/noah", nil)
	e.raw(http.MethodGet, kycBase+"/customers", http.Header{}, "") // 401s are counted too

	want := map[string]int{
		"PUT /noah/v1/customers/{id}": 2,
		"GET /noah/v1/customers/{id}": 2,
		"GET /noah/v1/customers":      2,
		"DELETE unknown":              1,
		"POST unknown":                1,
		"PUT unknown":                 1,
		"GET unknown":                 2,
	}
	if got := e.s.Counts(); !reflect.DeepEqual(got, want) {
		t.Errorf("Counts\n got %v\nwant %v", got, want)
	}
	if e.s.TotalRequests() != 11 || len(e.s.Requests()) != 11 {
		t.Errorf("total %d, recorded %d", e.s.TotalRequests(), len(e.s.Requests()))
	}
	for _, target := range []string{"/noah/v2/customers", "/noah", kycBase, kycBase + "/customers/a/b"} {
		wantKYCError(t, e.do(http.MethodGet, target, nil), 404, "ResourceNotFound", "Unknown", "")
	}
}

func TestKYCHooks(t *testing.T) {
	e := newKYCEnv(t, true)
	k := e.s.KYC
	if k.CustomerCount() != 0 || k.Customers() == nil || len(k.Customers()) != 0 || k.Rejections() == nil {
		t.Fatal("not empty")
	}
	e.put("b", kycValid(), 201)
	e.put("a", kycMinimal(), 201)
	if got := k.Customers(); !slices.Equal(got, []string{"a", "b"}) || k.CustomerCount() != 2 {
		t.Errorf("Customers %v", got)
	}
	if _, ok := k.Customer("c"); ok {
		t.Error("Customer(c) found")
	}

	// Put: no validation; Created, Metadata and the verification are filled in.
	e.clock.Add(time.Minute)
	k.Put("p", map[string]any{"Type": "Business", "FullName": map[string]any{"FirstName": ""}, "CustomerID": "other", "Email": "x",
		"Verifications": "ignored"})
	r := e.do(http.MethodGet, kycBase+"/customers/p", nil)
	want := map[string]any{
		"Type": "Business", "CustomerID": "p", "FullName": map[string]any{"FirstName": ""},
		"Created": "2026-01-02T03:05:05Z", "Metadata": map[string]any{}, "Verification": map[string]any{"Model": "Reliance", "Status": "Approved"},
		"Verifications": kycVerifications("Approved", "2026-01-02T03:05:05Z", "2026-01-02T03:05:05Z"),
	}
	if !reflect.DeepEqual(r.Doc, want) {
		t.Errorf("GET after Put\n got %v\nwant %v", r.Doc, want)
	}
	if c, _ := k.Customer("p"); c["Email"] != "x" {
		t.Errorf("hook %v", c)
	}
	// Put over an existing customer keeps its Created unless given; a PUT
	// over a Put record keeps those too.
	e.clock.Add(time.Minute)
	k.Put("a", map[string]any{"Type": "Individual", "Identities": []map[string]string{{"IDType": "Passport"}}})
	c, _ := k.Customer("a")
	if c["Created"] != "2026-01-02T03:04:05Z" || obj(c["Identities"].([]any)[0])["IDType"] != "Passport" {
		t.Errorf("after Put over a: %v", c)
	}
	k.Put("q", map[string]any{"Created": "2020-01-01T00:00:00Z", "Verification": map[string]any{"Model": "Hosted", "Status": "Pending"}})
	e.put("q", kycMinimal(), 204)
	if c, _ := k.Customer("q"); c["Created"] != "2020-01-01T00:00:00Z" || obj(c["Verification"])["Model"] != "Hosted" {
		t.Errorf("q: %v", c)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Put of a channel did not panic")
			}
		}()
		k.Put("bad", map[string]any{"x": make(chan int)})
	}()

	// SetOutOfBand.
	for field, value := range map[string]string{
		"PrimaryResidence.City": "Utrecht", "FullName.FirstName": "Johan", "FullName.MiddleName": "Added",
		"DateOfBirth": "1991-01-01", "Identities.0.IDNumber": "CHANGED", "Identities.0.ExpiryDate": "2031-01-01",
		"PrimaryResidence.Street2": "", "Email": "new@example.com", "Created": "2025-01-01T00:00:00Z",
	} {
		if !k.SetOutOfBand("b", field, value) {
			t.Errorf("SetOutOfBand(%s) failed", field)
		}
	}
	r = e.do(http.MethodGet, kycBase+"/customers/b", nil)
	fn, pr, id0 := obj(r.Doc["FullName"]), obj(r.Doc["PrimaryResidence"]), obj(r.Doc["Identities"].([]any)[0])
	if pr["City"] != "Utrecht" || pr["Street2"] != "" || fn["FirstName"] != "Johan" || fn["MiddleName"] != "Added" ||
		r.Doc["DateOfBirth"] != "1991-01-01" || id0["IDNumber"] != "CHANGED" || id0["ExpiryDate"] != "2031-01-01" ||
		r.Doc["Created"] != "2025-01-01T00:00:00Z" || r.Doc["Email"] != nil {
		t.Errorf("after SetOutOfBand: %v", r.Doc)
	}
	if c, _ := k.Customer("b"); c["Email"] != "new@example.com" {
		t.Errorf("Email %v", c["Email"])
	}
	k.Put("empty", nil)
	if !k.SetOutOfBand("empty", "PrimaryResidence.City", "X") {
		t.Error("SetOutOfBand did not create PrimaryResidence")
	}
	for _, c := range []struct{ id, field string }{
		{"zz", "DateOfBirth"}, {"b", "Nickname"}, {"b", ""}, {"b", "FullName"}, {"b", "FullName.Title"},
		{"b", "Identities.1.IDNumber"}, {"b", "Identities.-1.IDNumber"}, {"b", "Identities.01.IDNumber"},
		{"b", "Identities.x.IDNumber"}, {"b", "Identities[0].IDNumber"}, {"b", "Identities.0"},
		{"b", "Identities.IDNumber"}, {"b", "PrimaryResidence.City.x"}, {"b", ".City"}, {"empty", "Identities.0.IDNumber"},
		{"p", "Identities.0.IDType"},
	} {
		if k.SetOutOfBand(c.id, c.field, "v") {
			t.Errorf("SetOutOfBand(%q, %q) succeeded", c.id, c.field)
		}
	}

	// SetVerificationStatus.
	for _, st := range []string{"Pending", "Declined", "Approved"} {
		if !k.SetVerificationStatus("b", st) {
			t.Errorf("SetVerificationStatus(%s) failed", st)
		}
		if c, _ := k.Customer("b"); obj(c["Verification"])["Status"] != st || obj(c["Verification"])["Model"] != "Reliance" {
			t.Errorf("Verification %v", c["Verification"])
		}
	}
	if k.SetVerificationStatus("b", "approved") || k.SetVerificationStatus("zz", "Pending") {
		t.Error("SetVerificationStatus accepted a bad status or id")
	}

	// DeleteOutOfBand: gone; a PUT creates it anew.
	if !k.DeleteOutOfBand("b") || k.DeleteOutOfBand("b") {
		t.Error("DeleteOutOfBand results")
	}
	wantKYCError(t, e.do(http.MethodGet, kycBase+"/customers/b", nil), 404, "ResourceNotFound", "GetCustomer", "customer not found")
	e.put("b", kycMinimal(), 201)

	// Rejections is a copy.
	e.raw(http.MethodGet, kycBase+"/customers/b", http.Header{"X-Api-Key": {kycKey}}, "")
	got := k.Rejections()
	if !slices.Equal(got, []string{"Api-Signature header missing"}) {
		t.Errorf("Rejections %v", got)
	}
	got[0] = "x"
	if k.Rejections()[0] != "Api-Signature header missing" {
		t.Error("Rejections shares state")
	}
}

func TestKYCRejectionsBounded(t *testing.T) {
	e := newKYCEnv(t, true)
	for range maxRejections + 5 {
		e.raw(http.MethodGet, kycBase+"/customers", http.Header{"X-Api-Key": {kycKey}}, "")
	}
	if got := len(e.s.KYC.Rejections()); got != maxRejections {
		t.Errorf("%d rejections kept", got)
	}
}

// TestKYCConcurrent drives the emulator through a real listener, as the
// provider does (the signed path is the escaped path of the URL sent), from
// many goroutines at once, hooks included.
func TestKYCConcurrent(t *testing.T) {
	priv := newKey(t, elliptic.P384())
	s := New(Options{KYCPublicKey: &priv.PublicKey})
	ts := httptest.NewServer(s)
	defer ts.Close()
	base := KYCBaseURL(ts.URL)

	send := func(method, rawURL string, body []byte) (int, []byte, error) {
		u, err := url.Parse(rawURL)
		if err != nil {
			return 0, nil, err
		}
		req, err := http.NewRequestWithContext(t.Context(), method, u.String(), bytes.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		req.Header.Set("X-Api-Key", kycKey)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Api-Signature", signWith(t, priv, kycClaims(method, u.RequestURI(), body, time.Now())))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer func() { _ = resp.Body.Close() }()
		var buf bytes.Buffer
		_, err = buf.ReadFrom(resp.Body)
		return resp.StatusCode, buf.Bytes(), err
	}

	const n = 40
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			id := fmt.Sprintf("cust %d/é", i)
			target := base + "/customers/" + url.PathEscape(id)
			body := kycBytes(t, kycMinimal())
			if st, b, err := send(http.MethodPut, target, body); err != nil || st != 201 {
				t.Errorf("PUT %s: %d %s %v", id, st, b, err)
				return
			}
			if st, b, err := send(http.MethodGet, target, nil); err != nil || st != 200 || !bytes.Contains(b, []byte(`"CustomerID":"cust `)) {
				t.Errorf("GET %s: %d %s %v", id, st, b, err)
			}
			if st, b, err := send(http.MethodGet, base+"/customers?PageSize=3&SortDirection=DESC", nil); err != nil || st != 200 {
				t.Errorf("list: %d %s %v", st, b, err)
			}
			_ = s.Counts()
			_ = s.KYC.Customers()
			_ = s.KYC.Rejections()
			_, _ = s.KYC.Customer(id)
			s.KYC.SetOutOfBand(id, "PrimaryResidence.City", "Zwolle")
			s.KYC.SetVerificationStatus(id, "Pending")
			s.KYC.Put(id+"-put", kycMinimal())
		})
	}
	wg.Wait()
	if got := s.KYC.CustomerCount(); got != 2*n {
		t.Errorf("%d customers", got)
	}
	if got := s.Count("PUT /noah/v1/customers/{id}"); got != n {
		t.Errorf("PUT count %d", got)
	}
	if c, _ := s.KYC.Customer("cust 7/é"); obj(c["PrimaryResidence"])["City"] != "Zwolle" || obj(c["Verification"])["Status"] != "Pending" {
		t.Errorf("cust 7: %v", c)
	}
	if got := s.KYC.Rejections(); len(got) != 0 {
		t.Errorf("Rejections %v", got)
	}
}

// kycVerifications is GET's Verifications of a Reliance customer with status.
func kycVerifications(status, created, modified string) map[string]any {
	entity := map[string]any{"Model": "Reliance", "Status": status, "Created": created, "Modified": modified, "Entity": "NoahEU"}
	if status == "Declined" {
		entity["RejectionData"] = map[string]any{"RejectType": "Final", "PublicComment": "The customer did not pass NOAH's screening."}
	}
	return map[string]any{"Type": "Individual", "Status": status, "EntityVerifications": []any{entity}}
}

// status is the verification status GET shows in both members, which must agree.
func (e *kycEnv) status(id string) string {
	e.t.Helper()
	r := e.do(http.MethodGet, kycBase+"/customers/"+id, nil)
	old, now := obj(r.Doc["Verification"])["Status"], obj(r.Doc["Verifications"])["Status"]
	if r.Status != 200 || old != now {
		e.t.Fatalf("GET %s: %d, Verification.Status %v, Verifications.Status %v", id, r.Status, old, now)
	}
	return now.(string)
}

func TestKYCVerificationCourses(t *testing.T) {
	for _, c := range []struct {
		name  string
		v     KYCVerification
		reads []string // the status of the first reads
	}{
		{"default: approved at once", KYCApprovedAtOnce, []string{"Approved", "Approved", "Approved"}},
		{"pending then approved", KYCPendingThenApproved, []string{"Pending", "Approved", "Approved"}},
		{"pending then declined", KYCPendingThenDeclined, []string{"Pending", "Declined", "Declined"}},
		{"stays pending", KYCStaysPending, []string{"Pending", "Pending", "Pending"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newKYCEnv(t, true)
			restore := e.s.KYC.SetBehaviour(KYCBehaviour{Verification: c.v})
			e.put("c", kycValid(), http.StatusCreated)
			e.s.KYC.Put("hooked", kycValid())
			restore() // a customer keeps the course it was created on

			// Listings, the hook and updates do not move the course on.
			e.clock.Add(time.Minute)
			if r := e.do(http.MethodGet, kycBase+"/customers", nil); obj(r.Doc["Items"].([]any)[0])["Verification"] == nil {
				t.Fatalf("list %s", r.Body)
			}
			if h, _ := e.s.KYC.Customer("c"); obj(h["Verification"])["Status"] != c.reads[0] {
				t.Errorf("hook: %v", h["Verification"])
			}
			e.put("c", kycMinimal(), http.StatusNoContent)
			for i, want := range c.reads {
				if got := e.status("c"); got != want {
					t.Errorf("read %d: %s, want %s", i+1, got, want)
				}
				if got := e.status("hooked"); got != want {
					t.Errorf("hooked, read %d: %s, want %s", i+1, got, want)
				}
			}
			// Modified is when the decision came (the first read, a minute after the create).
			modified := "2026-01-02T03:04:05Z"
			if c.reads[0] != c.reads[1] {
				modified = "2026-01-02T03:05:05Z"
			}
			r := e.do(http.MethodGet, kycBase+"/customers/c", nil)
			if want := kycVerifications(c.reads[2], "2026-01-02T03:04:05Z", modified); !reflect.DeepEqual(r.Doc["Verifications"], want) {
				t.Errorf("Verifications\n got %v\nwant %v", r.Doc["Verifications"], want)
			}
		})
	}

	// Options.Behaviour is the behaviour a sandbox starts with; SetVerificationStatus ends a course.
	s := New(Options{Behaviour: Behaviour{KYC: KYCBehaviour{Verification: KYCPendingThenDeclined}}})
	s.KYC.Put("a", kycMinimal())
	s.KYC.Put("b", kycMinimal())
	s.KYC.SetVerificationStatus("b", "Approved")
	e := &kycEnv{t: t, s: s, clock: &clock{t: kycStart}}
	for range 2 {
		e.status("a")
		if got := e.status("b"); got != "Approved" {
			t.Errorf("b after SetVerificationStatus: %s", got)
		}
	}
	if got := e.status("a"); got != "Declined" {
		t.Errorf("a: %s", got)
	}
}

func TestKYCVerificationsForms(t *testing.T) {
	e := newKYCEnv(t, false)
	e.put("c", kycMinimal(), http.StatusCreated)
	want := kycVerifications("Approved", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05Z")
	for _, c := range []struct {
		name string
		b    KYCBehaviour
		want any // the Verifications member, or nil when there is none
		old  bool
	}{
		{"default: object", KYCBehaviour{}, want, true},
		{"array", KYCBehaviour{Verifications: KYCVerificationsArray}, []any{want}, true},
		{"absent", KYCBehaviour{Verifications: KYCVerificationsAbsent}, nil, true},
		{"no deprecated Verification", KYCBehaviour{NoDeprecatedVerification: true}, want, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Cleanup(e.s.KYC.SetBehaviour(c.b))
			for _, doc := range []map[string]any{
				e.do(http.MethodGet, kycBase+"/customers/c", nil).Doc,
				obj(e.do(http.MethodGet, kycBase+"/customers", nil).Doc["Items"].([]any)[0]),
			} {
				if got, has := doc["Verifications"]; !reflect.DeepEqual(got, c.want) || has != (c.want != nil) {
					t.Errorf("Verifications %v", got)
				}
				if got, has := doc["Verification"]; has != c.old || c.old && !reflect.DeepEqual(got, map[string]any{"Model": "Reliance", "Status": "Approved"}) {
					t.Errorf("Verification %v", got)
				}
			}
		})
	}
}

func TestKYCBodylessHash(t *testing.T) {
	e := newKYCEnv(t, true)
	e.put("c", kycMinimal(), http.StatusCreated)
	target := kycBase + "/customers/c"
	emptySum := sha256.Sum256(nil)
	get := func(edit func(jwt.MapClaims)) kycReply {
		c := kycClaims(http.MethodGet, target, nil, e.clock.Now())
		edit(c)
		return e.raw(http.MethodGet, target, http.Header{"X-Api-Key": {kycKey}, "Api-Signature": {signWith(t, e.priv, c)}}, "")
	}
	omitted := func(jwt.MapClaims) {}
	ofEmpty := func(c jwt.MapClaims) { c["bodyHash"] = hex.EncodeToString(emptySum[:]) }
	ofOther := func(c jwt.MapClaims) { c["bodyHash"] = strings.Repeat("ab", 32) }
	for _, c := range []struct {
		name                      string
		b                         KYCBodylessHash
		omitted, ofEmpty, ofOther string // the rejection, "" for accepted
	}{
		{"default: either", KYCBodylessHashEither, "", "", "bodyHash does not match the body"},
		{"omitted", KYCBodylessHashOmitted, "", "bodyHash present but the request has no body", "bodyHash present but the request has no body"},
		{"hash of empty", KYCBodylessHashOfEmpty, "bodyHash missing", "", "bodyHash does not match the body"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Cleanup(e.s.KYC.SetBehaviour(KYCBehaviour{BodylessHash: c.b}))
			for _, v := range []struct {
				edit   func(jwt.MapClaims)
				reason string
			}{{omitted, c.omitted}, {ofEmpty, c.ofEmpty}, {ofOther, c.ofOther}} {
				r := get(v.edit)
				if v.reason == "" {
					if r.Status != 200 {
						t.Errorf("refused: %d %s", r.Status, r.Body)
					}
					continue
				}
				wantKYCError(t, r, 401, "Unauthorized", "GetCustomer", "invalid signature: "+v.reason)
			}
			// A request with a body needs its hash under every variant.
			e.put("c", kycMinimal(), http.StatusNoContent)
		})
	}
}

func TestKYCShortCustomerIDs(t *testing.T) {
	e := newKYCEnv(t, true)
	id37 := strings.Repeat("é", 37)
	e.put(id37, kycMinimal(), http.StatusCreated)
	t.Cleanup(e.s.KYC.SetBehaviour(KYCBehaviour{ShortCustomerIDs: true}))
	e.put(strings.Repeat("é", 36), kycMinimal(), http.StatusCreated)
	for _, method := range []string{http.MethodPut, http.MethodGet} {
		var body any
		if method == http.MethodPut {
			body = kycMinimal()
		}
		r := e.do(method, kycBase+"/customers/"+url.PathEscape(id37), body)
		wantKYCError(t, r, 400, "InvalidMessage", map[string]string{http.MethodPut: "PutCustomer", http.MethodGet: "GetCustomer"}[method], "")
		if got := r.fields(t); !slices.Equal(got, []string{"CustomerID"}) ||
			obj(obj(r.Doc["RequestExtension"])["Body"].([]any)[0])["Description"] != "CustomerID must be 1 to 36 characters long, got 37" {
			t.Errorf("%s: %s", method, r.Body)
		}
	}
}
