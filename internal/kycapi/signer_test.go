package kycapi

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// fixedNow is the clock of the pinned tests: 2026-11-21T10:00:00Z = 1795255200.
var fixedNow = time.Date(2026, time.November, 21, 10, 0, 0, 0, time.UTC)

const fixedUnix = int64(1795255200)

const testBody = `{"Type":"Individual","FullName":{"FirstName":"Ada","LastName":"Lovelace"}}`

// --- key helpers (keys are generated, never committed) ---

func genEC(t testing.TB, curve elliptic.Curve) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(curve, rand.Reader)
	if err != nil {
		t.Fatalf("generate key: %v", err)
	}
	return k
}

// scalar is the private key's D, read without the field deprecated in Go 1.26.
func scalar(t testing.TB, k *ecdsa.PrivateKey) *big.Int {
	t.Helper()
	b, err := k.Bytes()
	if err != nil {
		t.Fatalf("private key bytes: %v", err)
	}
	return new(big.Int).SetBytes(b)
}

func pemPKCS8(t testing.TB, key any) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatalf("marshal PKCS#8: %v", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

func pemSEC1(t testing.TB, key *ecdsa.PrivateKey) string {
	t.Helper()
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatalf("marshal SEC1: %v", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
}

func mustSigner(t testing.TB, pemText string) *Signer {
	t.Helper()
	s, err := ParseSigningKey(pemText)
	if err != nil {
		t.Fatalf("ParseSigningKey: %v", err)
	}
	return s
}

func mustURL(t testing.TB, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("parse URL %q: %v", raw, err)
	}
	return u
}

func fixedClock() time.Time { return fixedNow }

// atFixedTime makes s sign as at fixedNow.
func atFixedTime(s *Signer) *Signer {
	s.now = fixedClock
	return s
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// decodeSegment decodes one base64url JWT segment as JSON, keeping numbers exact.
func decodeSegment(t *testing.T, seg string) map[string]any {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		t.Fatalf("segment is not unpadded base64url: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("segment is not a JSON object: %v (%s)", err, raw)
	}
	return m
}

func splitToken(t *testing.T, token string) (header, claims map[string]any, sig []byte) {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d segments, want 3: %q", len(parts), token)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatalf("signature is not base64url: %v", err)
	}
	return decodeSegment(t, parts[0]), decodeSegment(t, parts[1]), sig
}

// --- test-side verifier: what NOAH checks ---

// verify checks token's signature with pub and that its claims bind it to this request
// (method, path, query, body) at time now. It is written independently of Sign.
func verify(t *testing.T, pub *ecdsa.PublicKey, token, method, path string, query url.Values, body []byte, now time.Time) error {
	t.Helper()
	alg := map[int]string{256: "ES256", 384: "ES384"}[pub.Curve.Params().BitSize]
	if alg == "" {
		return fmt.Errorf("unsupported curve %s", pub.Curve.Params().Name)
	}

	claims := jwt.MapClaims{}
	parsed, err := jwt.ParseWithClaims(token, claims,
		func(tok *jwt.Token) (any, error) {
			if _, ok := tok.Header["kid"]; ok {
				return nil, errors.New("unexpected kid header")
			}
			if tok.Header["typ"] != "JWT" {
				return nil, fmt.Errorf("typ = %v, want JWT", tok.Header["typ"])
			}
			return pub, nil
		},
		jwt.WithValidMethods([]string{alg}),
		jwt.WithTimeFunc(func() time.Time { return now }),
		jwt.WithAudience("https://api.noah.com"),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithJSONNumber(),
	)
	if err != nil {
		return fmt.Errorf("signature/standard claims: %w", err)
	}
	if !parsed.Valid {
		return errors.New("token not valid")
	}

	// Own checks, not relying on the jwt library's validator.
	allowed := map[string]bool{"aud": true, "iat": true, "exp": true, "method": true, "path": true, "queryParams": true, "bodyHash": true}
	for k := range claims {
		if !allowed[k] {
			return fmt.Errorf("unexpected claim %q", k)
		}
	}
	if claims["aud"] != "https://api.noah.com" {
		return fmt.Errorf("aud = %v", claims["aud"])
	}
	iat, err := intClaim(claims, "iat")
	if err != nil {
		return err
	}
	exp, err := intClaim(claims, "exp")
	if err != nil {
		return err
	}
	if iat > now.Unix() {
		return fmt.Errorf("iat %d is in the future (now %d)", iat, now.Unix())
	}
	if exp <= now.Unix() {
		return fmt.Errorf("expired: exp %d <= now %d", exp, now.Unix())
	}
	if exp-iat > int64(15*60) {
		return fmt.Errorf("lifetime %ds exceeds 15 minutes", exp-iat)
	}
	if claims["method"] != method {
		return fmt.Errorf("method claim %v, request %s", claims["method"], method)
	}
	if claims["path"] != path {
		return fmt.Errorf("path claim %v, request %s", claims["path"], path)
	}

	qp, hasQP := claims["queryParams"]
	if len(query) == 0 {
		if hasQP {
			return fmt.Errorf("queryParams claim %v on a request without a query", qp)
		}
	} else {
		want := map[string]any{}
		for k, vs := range query {
			want[k] = strings.Join(vs, ",")
		}
		if !reflect.DeepEqual(qp, want) {
			return fmt.Errorf("queryParams claim %v, request %v", qp, want)
		}
	}

	bh, hasBH := claims["bodyHash"]
	if len(body) == 0 {
		if hasBH {
			return fmt.Errorf("bodyHash claim %v on a request without a body", bh)
		}
	} else if bh != sha256Hex(body) {
		return fmt.Errorf("bodyHash claim %v does not match the body", bh)
	}
	return nil
}

func intClaim(c jwt.MapClaims, name string) (int64, error) {
	n, ok := c[name].(json.Number)
	if !ok {
		return 0, fmt.Errorf("%s claim missing or not a number: %v", name, c[name])
	}
	v, err := n.Int64()
	if err != nil {
		return 0, fmt.Errorf("%s claim is not an integer: %v", name, n)
	}
	return v, nil
}

// --- pinned token ---

func TestSignPinnedClaimsAndSignature(t *testing.T) {
	key := genEC(t, elliptic.P384())
	for name, pemText := range map[string]string{"PKCS8": pemPKCS8(t, key), "SEC1": pemSEC1(t, key)} {
		t.Run(name, func(t *testing.T) {
			s := atFixedTime(mustSigner(t, pemText))
			if got := s.method.Alg(); got != "ES384" {
				t.Fatalf("algorithm = %q, want ES384", got)
			}
			body := []byte(testBody)
			token, err := s.Sign("PUT", mustURL(t, "https://api.noah.com/v1/customers/cust-1"), body)
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}

			header, claims, sig := splitToken(t, token)
			if want := map[string]any{"alg": "ES384", "typ": "JWT"}; !reflect.DeepEqual(header, want) {
				t.Errorf("header = %v, want exactly %v", header, want)
			}
			// Independent hash of the exact body bytes.
			h := sha256.New()
			h.Write([]byte(testBody))
			wantHash := fmt.Sprintf("%x", h.Sum(nil))
			wantClaims := map[string]any{
				"aud":      "https://api.noah.com",
				"iat":      json.Number("1795255200"),
				"exp":      json.Number("1795255800"),
				"method":   "PUT",
				"path":     "/v1/customers/cust-1",
				"bodyHash": wantHash,
			}
			if !reflect.DeepEqual(claims, wantClaims) {
				t.Errorf("claims = %v\nwant exactly %v", claims, wantClaims)
			}
			if fixedNow.Unix() != fixedUnix {
				t.Fatalf("fixed clock is %d, want %d", fixedNow.Unix(), fixedUnix)
			}
			if len(sig) != 96 {
				t.Errorf("ES384 signature is %d bytes, want 96 (R||S)", len(sig))
			}

			// Signature verifies with the public key via the jwt library at the same time.
			parsed, err := jwt.Parse(token, func(*jwt.Token) (any, error) { return &key.PublicKey, nil },
				jwt.WithValidMethods([]string{"ES384"}),
				jwt.WithTimeFunc(fixedClock),
				jwt.WithAudience("https://api.noah.com"),
				jwt.WithExpirationRequired(),
				jwt.WithIssuedAt(),
			)
			if err != nil || !parsed.Valid {
				t.Fatalf("jwt.Parse: valid=%v err=%v", parsed != nil && parsed.Valid, err)
			}

			// ... and fails with another key.
			other := genEC(t, elliptic.P384())
			if _, err := jwt.Parse(token, func(*jwt.Token) (any, error) { return &other.PublicKey, nil },
				jwt.WithValidMethods([]string{"ES384"}), jwt.WithTimeFunc(fixedClock)); err == nil {
				t.Error("token verified with a different public key")
			}

			if err := verify(t, &key.PublicKey, token, "PUT", "/v1/customers/cust-1", nil, body, fixedNow); err != nil {
				t.Errorf("verify: %v", err)
			}
		})
	}
}

// --- tampering ---

func TestVerifyDetectsTampering(t *testing.T) {
	key := genEC(t, elliptic.P384())
	s := atFixedTime(mustSigner(t, pemPKCS8(t, key)))
	pub := &key.PublicKey

	body := []byte(testBody)
	const path = "/v1/customers"
	query := url.Values{"PageSize": {"50"}, "PageToken": {"tok-1"}}
	u := mustURL(t, "https://api.noah.com/v1/customers?PageSize=50&PageToken=tok-1")
	token, err := s.Sign("PUT", u, body)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}

	if err := verify(t, pub, token, "PUT", path, query, body, fixedNow); err != nil {
		t.Fatalf("untampered request does not verify: %v", err)
	}
	if err := verify(t, pub, token, "PUT", path, query, body, fixedNow.Add(9*time.Minute+59*time.Second)); err != nil {
		t.Fatalf("untampered request does not verify just before exp: %v", err)
	}

	tampered := []byte(testBody)
	tampered[len(tampered)-3] = 'x'

	cases := []struct {
		name   string
		method string
		path   string
		query  url.Values
		body   []byte
		now    time.Time
	}{
		{"body changed", "PUT", path, query, tampered, fixedNow},
		{"body extra whitespace", "PUT", path, query, append([]byte(testBody), '\n'), fixedNow},
		{"body dropped", "PUT", path, query, nil, fixedNow},
		{"path changed", "PUT", "/v1/customers/cust-2", query, body, fixedNow},
		{"path without /v1", "PUT", "/customers", query, body, fixedNow},
		{"method changed", "POST", path, query, body, fixedNow},
		{"method GET", "GET", path, query, body, fixedNow},
		{"query value changed", "PUT", path, url.Values{"PageSize": {"100"}, "PageToken": {"tok-1"}}, body, fixedNow},
		{"query param added", "PUT", path, url.Values{"PageSize": {"50"}, "PageToken": {"tok-1"}, "SortDirection": {"ASC"}}, body, fixedNow},
		{"query dropped", "PUT", path, nil, body, fixedNow},
		{"time at exp", "PUT", path, query, body, fixedNow.Add(10 * time.Minute)},
		{"time past exp", "PUT", path, query, body, fixedNow.Add(time.Hour)},
		{"iat in the future", "PUT", path, query, body, fixedNow.Add(-time.Second)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := verify(t, pub, token, tc.method, tc.path, tc.query, tc.body, tc.now); err == nil {
				t.Errorf("verify accepted a tampered request (%s)", tc.name)
			}
		})
	}

	t.Run("claims rewritten, signature kept", func(t *testing.T) {
		parts := strings.Split(token, ".")
		raw, _ := base64.RawURLEncoding.DecodeString(parts[1])
		forged := strings.Replace(string(raw), `"path":"/v1/customers"`, `"path":"/v1/customers/victim"`, 1)
		if forged == string(raw) {
			t.Fatalf("path claim not found in %s", raw)
		}
		parts[1] = base64.RawURLEncoding.EncodeToString([]byte(forged))
		if err := verify(t, pub, strings.Join(parts, "."), "PUT", "/v1/customers/victim", query, body, fixedNow); err == nil {
			t.Error("verify accepted a token whose claims were rewritten")
		}
	})

	t.Run("wrong public key", func(t *testing.T) {
		other := genEC(t, elliptic.P384())
		if err := verify(t, &other.PublicKey, token, "PUT", path, query, body, fixedNow); err == nil {
			t.Error("verify accepted a token under another key")
		}
	})

	t.Run("lifetime over 15 minutes", func(t *testing.T) {
		// The verifier itself must reject exp - iat > 15 min, so forge one with the same key.
		long, err := jwt.NewWithClaims(jwt.SigningMethodES384, jwt.MapClaims{
			"aud": "https://api.noah.com", "iat": fixedUnix, "exp": fixedUnix + 16*60,
			"method": "PUT", "path": path, "queryParams": map[string]string{"PageSize": "50", "PageToken": "tok-1"},
			"bodyHash": sha256Hex(body),
		}).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		if err := verify(t, pub, long, "PUT", path, query, body, fixedNow); err == nil {
			t.Error("verify accepted a 16-minute token")
		}
	})
}

// --- claim presence and shape ---

func TestSignOmitsQueryParamsAndBodyHashWhenAbsent(t *testing.T) {
	key := genEC(t, elliptic.P384())
	s := atFixedTime(mustSigner(t, pemSEC1(t, key)))

	for _, raw := range []string{"https://api.noah.com/v1/customers/cust-1", "https://api.noah.com/v1/customers/cust-1?"} {
		for name, body := range map[string][]byte{"nil": nil, "empty": {}} {
			t.Run(raw+"/"+name, func(t *testing.T) {
				token, err := s.Sign("GET", mustURL(t, raw), body)
				if err != nil {
					t.Fatalf("Sign: %v", err)
				}
				_, claims, _ := splitToken(t, token)
				want := map[string]any{
					"aud": "https://api.noah.com", "iat": json.Number("1795255200"), "exp": json.Number("1795255800"),
					"method": "GET", "path": "/v1/customers/cust-1",
				}
				if !reflect.DeepEqual(claims, want) {
					t.Errorf("claims = %v\nwant exactly %v", claims, want)
				}
				if err := verify(t, &key.PublicKey, token, "GET", "/v1/customers/cust-1", nil, body, fixedNow); err != nil {
					t.Errorf("verify: %v", err)
				}
			})
		}
	}
}

func TestSignQueryParams(t *testing.T) {
	key := genEC(t, elliptic.P384())
	s := atFixedTime(mustSigner(t, pemPKCS8(t, key)))

	cases := []struct {
		raw  string
		want map[string]any
	}{
		{
			"https://api.sandbox.noah.com/v1/customers?PageSize=50&PageToken=abc&SortDirection=ASC",
			map[string]any{"PageSize": "50", "PageToken": "abc", "SortDirection": "ASC"},
		},
		{"https://api.noah.com/v1/customers?a=1&b=x&a=2", map[string]any{"a": "1,2", "b": "x"}},
		{"https://api.noah.com/v1/customers?PageToken=a%2Bb%3D%3D&Empty=", map[string]any{"PageToken": "a+b==", "Empty": ""}},
	}
	for _, tc := range cases {
		t.Run(tc.raw, func(t *testing.T) {
			u := mustURL(t, tc.raw)
			token, err := s.Sign("GET", u, nil)
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			_, claims, _ := splitToken(t, token)
			if !reflect.DeepEqual(claims["queryParams"], tc.want) {
				t.Errorf("queryParams = %#v, want %#v", claims["queryParams"], tc.want)
			}
			if _, ok := claims["bodyHash"]; ok {
				t.Error("bodyHash present on a GET without body")
			}
			if err := verify(t, &key.PublicKey, token, "GET", "/v1/customers", u.Query(), nil, fixedNow); err != nil {
				t.Errorf("verify: %v", err)
			}
		})
	}

	t.Run("malformed query is refused", func(t *testing.T) {
		if _, err := s.Sign("GET", mustURL(t, "https://api.noah.com/v1/customers?a=%zz"), nil); err == nil {
			t.Error("Sign accepted a malformed query")
		}
	})
}

func TestSignPathAndMethod(t *testing.T) {
	key := genEC(t, elliptic.P384())
	s := atFixedTime(mustSigner(t, pemPKCS8(t, key)))

	base := mustURL(t, "https://api.sandbox.noah.com/v1")
	cases := []struct {
		name     string
		method   string
		u        *url.URL
		wantMeth string
		wantPath string
	}{
		{"sandbox base with /v1 prefix", "PUT", mustURL(t, "https://api.sandbox.noah.com/v1/customers/c-1"), "PUT", "/v1/customers/c-1"},
		{"joined onto base URL", "get", base.JoinPath("customers", "c-1"), "GET", "/v1/customers/c-1"},
		{"percent-encoded slash stays encoded", "PUT", mustURL(t, "https://api.noah.com/v1/customers/a%2Fb"), "PUT", "/v1/customers/a%2Fb"},
		{"escaped space via JoinPath", "Put", base.JoinPath("customers", "cust 1"), "PUT", "/v1/customers/cust%201"},
		{"empty path is /", "GET", mustURL(t, "https://api.noah.com"), "GET", "/"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			token, err := s.Sign(tc.method, tc.u, []byte("{}"))
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			_, claims, _ := splitToken(t, token)
			if claims["path"] != tc.wantPath {
				t.Errorf("path = %v, want %q", claims["path"], tc.wantPath)
			}
			if claims["method"] != tc.wantMeth {
				t.Errorf("method = %v, want %q", claims["method"], tc.wantMeth)
			}
			if got, want := claims["path"], tc.u.EscapedPath(); want != "" && got != want {
				t.Errorf("path %v differs from EscapedPath %q", got, want)
			}
			if err := verify(t, &key.PublicKey, token, tc.wantMeth, tc.wantPath, nil, []byte("{}"), fixedNow); err != nil {
				t.Errorf("verify: %v", err)
			}
		})
	}
}

func TestSignRejectsBadInput(t *testing.T) {
	s := mustSigner(t, pemPKCS8(t, genEC(t, elliptic.P384())))
	if _, err := s.Sign("GET", nil, nil); err == nil {
		t.Error("Sign accepted a nil URL")
	}
	if _, err := s.Sign("  ", mustURL(t, "https://api.noah.com/v1/customers"), nil); err == nil {
		t.Error("Sign accepted an empty method")
	}
	var nilSigner *Signer
	if _, err := nilSigner.Sign("GET", mustURL(t, "https://api.noah.com/v1/customers"), nil); err == nil {
		t.Error("nil Signer signed")
	}
}

// --- clock ---

func TestSignerClock(t *testing.T) {
	key := genEC(t, elliptic.P384())
	orig := mustSigner(t, pemPKCS8(t, key))
	fixed := atFixedTime(mustSigner(t, pemPKCS8(t, key)))
	u := mustURL(t, "https://api.noah.com/v1/customers/cust-1")

	before := time.Now().Unix()
	token, err := orig.Sign("GET", u, nil)
	after := time.Now().Unix()
	if err != nil {
		t.Fatal(err)
	}
	_, claims, _ := splitToken(t, token)
	iat, _ := claims["iat"].(json.Number).Int64()
	if iat < before || iat > after {
		t.Errorf("original signer iat = %d, want wall clock in [%d, %d]", iat, before, after)
	}
	exp, _ := claims["exp"].(json.Number).Int64()
	if exp-iat != 600 {
		t.Errorf("exp - iat = %d, want 600", exp-iat)
	}

	token, err = fixed.Sign("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, claims, _ = splitToken(t, token)
	if claims["iat"] != json.Number("1795255200") {
		t.Errorf("fixed signer iat = %v", claims["iat"])
	}

	// Sub-second times truncate to the second.
	later := mustSigner(t, pemPKCS8(t, key))
	later.now = func() time.Time { return fixedNow.Add(999 * time.Millisecond) }
	token, _ = later.Sign("GET", u, nil)
	_, claims, _ = splitToken(t, token)
	if claims["iat"] != json.Number("1795255200") || claims["exp"] != json.Number("1795255800") {
		t.Errorf("iat/exp = %v/%v, want whole seconds", claims["iat"], claims["exp"])
	}
}

// --- P-256 ---

func TestSignerES256(t *testing.T) {
	key := genEC(t, elliptic.P256())
	for name, pemText := range map[string]string{"PKCS8": pemPKCS8(t, key), "SEC1": pemSEC1(t, key)} {
		t.Run(name, func(t *testing.T) {
			s := atFixedTime(mustSigner(t, pemText))
			if got := s.method.Alg(); got != "ES256" {
				t.Fatalf("algorithm = %q, want ES256", got)
			}
			token, err := s.Sign("PUT", mustURL(t, "https://api.noah.com/v1/customers/cust-1"), []byte(testBody))
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			header, _, sig := splitToken(t, token)
			if want := map[string]any{"alg": "ES256", "typ": "JWT"}; !reflect.DeepEqual(header, want) {
				t.Errorf("header = %v, want %v", header, want)
			}
			if len(sig) != 64 {
				t.Errorf("ES256 signature is %d bytes, want 64", len(sig))
			}
			if err := verify(t, &key.PublicKey, token, "PUT", "/v1/customers/cust-1", nil, []byte(testBody), fixedNow); err != nil {
				t.Errorf("verify: %v", err)
			}
			if _, err := jwt.Parse(token, func(*jwt.Token) (any, error) { return &key.PublicKey, nil },
				jwt.WithValidMethods([]string{"ES384"}), jwt.WithTimeFunc(fixedClock)); err == nil {
				t.Error("ES256 token accepted where only ES384 is valid")
			}
		})
	}
}

// --- parsing ---

func TestParseSigningKeyTolerance(t *testing.T) {
	key := genEC(t, elliptic.P384())
	p8, sec1 := pemPKCS8(t, key), pemSEC1(t, key)
	// As `openssl ecparam -name secp384r1 -genkey` writes it: the curve OID, then the key.
	ecParams := string(pem.EncodeToMemory(&pem.Block{Type: "EC PARAMETERS", Bytes: []byte{6, 5, 43, 129, 4, 0, 34}}))

	inputs := map[string]string{
		"comments around":      "# NOAH signing key, created 2026-11-01\n" + p8 + "\n# end\n",
		"surrounding space":    "\n\n   " + sec1 + "\n\n\t ",
		"no trailing newline":  strings.TrimRight(sec1, "\n"),
		"CRLF line endings":    strings.ReplaceAll(p8, "\n", "\r\n"),
		"EC PARAMETERS before": ecParams + sec1,
		"PKCS8 labelled SEC1":  strings.ReplaceAll(p8, "PRIVATE KEY", "EC PRIVATE KEY"),
		"SEC1 labelled PKCS8":  strings.ReplaceAll(sec1, "EC PRIVATE KEY", "PRIVATE KEY"),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			s := atFixedTime(mustSigner(t, in))
			token, err := s.Sign("GET", mustURL(t, "https://api.noah.com/v1/customers/cust-1"), nil)
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			if err := verify(t, &key.PublicKey, token, "GET", "/v1/customers/cust-1", nil, nil, fixedNow); err != nil {
				t.Errorf("verify: %v", err)
			}
		})
	}
}

// pemBody returns the base64 of every PEM block in text, newlines removed.
func pemBody(text string) string {
	var b strings.Builder
	rest := []byte(text)
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		b.WriteString(base64.StdEncoding.EncodeToString(block.Bytes))
	}
	// Also the literal lines between BEGIN and END, in case decoding failed.
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "-----") {
			b.WriteString(line)
		}
	}
	return b.String()
}

func assertNoKeyMaterial(t *testing.T, errText, pemText string, secrets ...string) {
	t.Helper()
	body := pemBody(pemText)
	for i := 0; i+20 <= len(body); i++ {
		if w := body[i : i+20]; strings.Contains(errText, w) {
			t.Fatalf("error contains PEM body substring %q: %s", w, errText)
		}
	}
	for _, s := range secrets {
		if len(s) >= 20 && strings.Contains(errText, s[:20]) || strings.Contains(errText, s) {
			t.Fatalf("error contains secret key material: %s", errText)
		}
	}
}

func TestParseSigningKeyErrors(t *testing.T) {
	p521 := genEC(t, elliptic.P521())
	p224 := genEC(t, elliptic.P224())
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaPKCS1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rsaKey)}))
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p384 := genEC(t, elliptic.P384())
	pubDER, err := x509.MarshalPKIXPublicKey(&p384.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pubPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}))

	// A SEC1 key whose DER is corrupted after the header: parsers fail on key bytes.
	secDER, _ := x509.MarshalECPrivateKey(p384)
	corrupt := append([]byte(nil), secDER...)
	for i := 8; i < len(corrupt); i++ {
		corrupt[i] ^= 0x5a
	}
	corruptSEC1 := string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: corrupt}))
	p8DER, _ := x509.MarshalPKCS8PrivateKey(p384)
	truncatedP8 := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8DER[:len(p8DER)/2]}))
	// Well-formed base64, but random bytes (the whole body is "key material").
	junk := make([]byte, 120)
	_, _ = rand.Read(junk)
	junkPKCS8 := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: junk}))
	encrypted := string(pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: p8DER}))
	legacyEncrypted := string(pem.EncodeToMemory(&pem.Block{
		Type: "EC PRIVATE KEY", Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00112233445566778899AABBCCDDEEFF"}, Bytes: corrupt,
	}))
	badBase64 := "-----BEGIN PRIVATE KEY-----\n" + strings.Repeat("!!notbase64!!", 5) + "\n-----END PRIVATE KEY-----\n"

	secrets := func(k *ecdsa.PrivateKey) []string {
		dInt := scalar(t, k)
		d := dInt.Bytes()
		return []string{hex.EncodeToString(d), dInt.String(), base64.StdEncoding.EncodeToString(d)}
	}
	rsaSecrets := []string{rsaKey.D.String(), hex.EncodeToString(rsaKey.D.Bytes()), rsaKey.Primes[0].String()}

	cases := []struct {
		name    string
		in      string
		exact   string // exact error text, when pinned
		contain string // otherwise a required fragment
		secrets []string
	}{
		{"P-521 PKCS8", pemPKCS8(t, p521), "curve P-521 is not supported: use P-384 or P-256", "", secrets(p521)},
		{"P-521 SEC1", pemSEC1(t, p521), "curve P-521 is not supported: use P-384 or P-256", "", secrets(p521)},
		{"P-224 SEC1", pemSEC1(t, p224), "curve P-224 is not supported: use P-384 or P-256", "", secrets(p224)},
		{"RSA PKCS1", rsaPKCS1, "not an EC key (RSA): NOAH request signing needs an EC private key on P-384 or P-256", "", rsaSecrets},
		{"RSA PKCS8", pemPKCS8(t, rsaKey), "not an EC key (RSA): NOAH request signing needs an EC private key on P-384 or P-256", "", rsaSecrets},
		{"Ed25519 PKCS8", pemPKCS8(t, edKey), "not an EC key (Ed25519): NOAH request signing needs an EC private key on P-384 or P-256", "", []string{hex.EncodeToString(edKey.Seed())}},
		{"empty", "", "", "signing key is empty", nil},
		{"whitespace", " \n\t\n", "", "signing key is empty", nil},
		{"garbage", "this is not a key at all", "", "no PEM block found", nil},
		{"bare base64", base64.StdEncoding.EncodeToString(p8DER), "", "no PEM block found", secrets(p384)},
		{"public key PEM", pubPEM, "", "PEM block type PUBLIC KEY is not a private key", nil},
		{"bad base64 in PEM", badBase64, "", "PEM block is malformed", nil},
		{"corrupted SEC1", corruptSEC1, "", "cannot parse EC PRIVATE KEY (SEC1): ", secrets(p384)},
		{"truncated PKCS8", truncatedP8, "", "cannot parse PRIVATE KEY (PKCS#8): ", secrets(p384)},
		{"random PKCS8 bytes", junkPKCS8, "", "cannot parse PRIVATE KEY (PKCS#8): ", nil},
		{"encrypted PKCS8", encrypted, "", "encrypted private keys are not supported", secrets(p384)},
		{"legacy encrypted SEC1", legacyEncrypted, "", "encrypted private keys are not supported", nil},
		{"EC PARAMETERS only", string(pem.EncodeToMemory(&pem.Block{Type: "EC PARAMETERS", Bytes: []byte{6, 5, 43, 129, 4, 0, 34}})), "", "no private key found", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseSigningKey(tc.in)
			if err == nil {
				t.Fatalf("ParseSigningKey accepted %s (alg %s)", tc.name, s)
			}
			if s != nil {
				t.Error("non-nil Signer returned with an error")
			}
			msg := err.Error()
			t.Logf("error: %s", msg)
			if tc.exact != "" && msg != tc.exact {
				t.Errorf("error = %q, want %q", msg, tc.exact)
			}
			if tc.contain != "" && !strings.Contains(msg, tc.contain) {
				t.Errorf("error = %q, want it to contain %q", msg, tc.contain)
			}
			assertNoKeyMaterial(t, msg, tc.in, tc.secrets...)
		})
	}
}

func TestParseErrorRedactsDataLikeRuns(t *testing.T) {
	err := parseError("PRIVATE KEY (PKCS#8)", errors.New("asn1: bad data MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg near byte 7"))
	want := "cannot parse PRIVATE KEY (PKCS#8): asn1: bad data [redacted] near byte 7"
	if err.Error() != want {
		t.Errorf("parseError = %q, want %q", err.Error(), want)
	}
}

func TestSignerFormattingHidesKey(t *testing.T) {
	key := genEC(t, elliptic.P384())
	s := mustSigner(t, pemPKCS8(t, key))
	dInt := scalar(t, key)
	d := dInt.String()
	dHex := hex.EncodeToString(dInt.Bytes())
	for _, out := range []string{fmt.Sprintf("%v", s), fmt.Sprintf("%+v", s), fmt.Sprintf("%#v", s), fmt.Sprintf("%v", *s), fmt.Sprintf("%s", s), fmt.Sprintf("%x", s)} { //nolint:staticcheck // S1025: the test is what each fmt verb prints
		if strings.Contains(out, d) || strings.Contains(out, dHex) || strings.Contains(out, dInt.Text(16)) {
			t.Fatalf("formatted Signer leaks the private key: %s", out)
		}
		if !strings.Contains(out, "ES384") && !strings.Contains(out, hex.EncodeToString([]byte("kycapi.Signer(ES384)"))) {
			t.Errorf("formatted Signer = %q, want it to name the algorithm", out)
		}
	}
}

// --- concurrency ---

func TestSignConcurrent(t *testing.T) {
	key := genEC(t, elliptic.P384())
	s := atFixedTime(mustSigner(t, pemPKCS8(t, key)))

	const n = 50
	tokens := make([]string, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			u := &url.URL{Scheme: "https", Host: "api.noah.com", Path: fmt.Sprintf("/v1/customers/cust-%d", i), RawQuery: fmt.Sprintf("n=%d", i)}
			tokens[i], errs[i] = s.Sign("PUT", u, []byte(fmt.Sprintf(`{"i":%d}`, i)))
		}(i)
	}
	close(start)
	wg.Wait()

	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		if errs[i] != nil {
			t.Fatalf("goroutine %d: %v", i, errs[i])
		}
		if seen[tokens[i]] {
			t.Fatalf("goroutine %d: duplicate token", i)
		}
		seen[tokens[i]] = true
		q := url.Values{"n": {fmt.Sprint(i)}}
		if err := verify(t, &key.PublicKey, tokens[i], "PUT", fmt.Sprintf("/v1/customers/cust-%d", i), q, []byte(fmt.Sprintf(`{"i":%d}`, i)), fixedNow); err != nil {
			t.Errorf("goroutine %d: verify: %v", i, err)
		}
	}
}
