package sandbox

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const (
	// kycAudience is the aud of every request signature, sandbox included.
	kycAudience = "https://api.noah.com"
	// kycMaxLifetime bounds exp - iat of a request signature.
	kycMaxLifetime = 15 * time.Minute
	// kycClockSkew is how far in the future iat may be.
	kycClockSkew = 30 * time.Second
	// maxRejections bounds the list Rejections returns.
	maxRejections = 1000
)

// kycAlgFor is the JWT alg a public key verifies: ES256 on P-256, ES384 on
// P-384, "" on any other curve (every signature is then refused).
func kycAlgFor(pub *ecdsa.PublicKey) string {
	switch pub.Curve {
	case elliptic.P256():
		return jwt.SigningMethodES256.Alg()
	case elliptic.P384():
		return jwt.SigningMethodES384.Alg()
	}
	return ""
}

// authenticate checks X-Api-Key and then, when a public key is configured,
// Api-Signature (a body over maxBodyBytes is refused with 400 before that).
// On failure it answers and reports false.
func (k *KYC) authenticate(w http.ResponseWriter, r *http.Request, action string, body []byte) bool {
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-Api-Key")), []byte(k.key)) != 1 {
		kycFail(w, http.StatusUnauthorized, "Unauthorized", action, "invalid API key", nil)
		return false
	}
	if k.pub == nil {
		return true
	}
	if len(body) > maxBodyBytes {
		// Only the first maxBodyBytes+1 bytes were read: no bodyHash can match.
		kycInvalid(w, action, fmt.Sprintf("request body larger than %d bytes", maxBodyBytes), nil)
		return false
	}
	if reason := k.checkSignature(r, body); reason != "" {
		k.mu.Lock()
		k.rejections = append(k.rejections, reason)
		if len(k.rejections) > maxRejections {
			k.rejections = slices.Clone(k.rejections[len(k.rejections)-maxRejections:])
		}
		k.mu.Unlock()
		kycFail(w, http.StatusUnauthorized, "Unauthorized", action, "invalid signature: "+reason, nil)
		return false
	}
	return true
}

// checkSignature returns why the request's Api-Signature is not acceptable,
// or "" when it is. The checks, in order: one header; a JWT whose header
// alg is the one of the configured key; the signature (unless claimsOnly);
// then the claims aud, method, path, queryParams, bodyHash, iat and exp
// against the request as received. Unknown claims are ignored.
func (k *KYC) checkSignature(r *http.Request, body []byte) string {
	values := r.Header.Values("Api-Signature")
	switch {
	case len(values) == 0 || values[0] == "":
		return "Api-Signature header missing"
	case len(values) > 1:
		return "more than one Api-Signature header"
	case k.alg == "":
		return "the sandbox's public key is not on P-256 or P-384"
	}
	tok := values[0]

	alg, ok := jwtHeaderAlg(tok)
	if !ok {
		return "malformed token"
	}
	if alg != k.alg {
		return fmt.Sprintf("alg %q not accepted, want %q", alg, k.alg)
	}
	parser := jwt.NewParser(jwt.WithValidMethods([]string{k.alg}), jwt.WithoutClaimsValidation(), jwt.WithJSONNumber())
	claims := jwt.MapClaims{}
	if k.claimsOnly {
		if _, _, err := parser.ParseUnverified(tok, claims); err != nil {
			return "malformed token"
		}
	} else if _, err := parser.ParseWithClaims(tok, claims, func(*jwt.Token) (any, error) { return k.pub, nil }); err != nil {
		if errors.Is(err, jwt.ErrTokenMalformed) {
			return "malformed token"
		}
		return "signature does not verify"
	}

	if s, ok := claims["aud"].(string); !ok || s != kycAudience {
		return "aud does not match"
	}
	if s, ok := claims["method"].(string); !ok || s != r.Method {
		return "method does not match"
	}
	if s, ok := claims["path"].(string); !ok || s != r.URL.EscapedPath() {
		return "path does not match"
	}
	if reason := checkQueryParams(claims, r); reason != "" {
		return reason
	}
	if reason := checkBodyHash(claims, body, k.behaviour.get().BodylessHash); reason != "" {
		return reason
	}

	iat, reason := numericClaim(claims, "iat")
	if reason != "" {
		return reason
	}
	exp, reason := numericClaim(claims, "exp")
	if reason != "" {
		return reason
	}
	now := float64(k.now().UnixNano()) / 1e9
	switch {
	case iat > now+kycClockSkew.Seconds():
		return "token issued in the future"
	case exp <= now:
		return "token expired"
	case exp-iat > kycMaxLifetime.Seconds():
		return "token lifetime exceeds 15 minutes"
	}
	return ""
}

// jwtHeaderAlg decodes the alg of a compact JWS without trusting anything else.
func jwtHeaderAlg(tok string) (string, bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return "", false
	}
	var h struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal(raw, &h) != nil {
		return "", false
	}
	return h.Alg, true
}

// checkQueryParams: queryParams is present exactly when the request has a
// query, and then equals it as map[string]string (repeated values joined
// with ",", names and values percent-decoded).
func checkQueryParams(claims jwt.MapClaims, r *http.Request) string {
	got, present := claims["queryParams"]
	hasQuery := r.URL.RawQuery != ""
	switch {
	case !hasQuery && present:
		return "queryParams present but the request has no query"
	case !hasQuery:
		return ""
	case !present:
		return "queryParams missing"
	}
	m, ok := got.(map[string]any)
	q := r.URL.Query()
	if !ok || len(m) != len(q) {
		return "queryParams does not match the query"
	}
	for name, vals := range q {
		if s, ok := m[name].(string); !ok || s != strings.Join(vals, ",") {
			return "queryParams does not match the query"
		}
	}
	return ""
}

// checkBodyHash: bodyHash is the lowercase hex SHA-256 of the body bytes as
// received; for a request without a body, bodyless says whether it must be
// left out, must be the hash of "", or may be either.
func checkBodyHash(claims jwt.MapClaims, body []byte, bodyless KYCBodylessHash) string {
	got, present := claims["bodyHash"]
	switch {
	case len(body) == 0 && present && bodyless == KYCBodylessHashOmitted:
		return "bodyHash present but the request has no body"
	case len(body) == 0 && !present && bodyless == KYCBodylessHashOfEmpty:
		return "bodyHash missing"
	case len(body) == 0 && !present:
		return ""
	case !present:
		return "bodyHash missing"
	}
	sum := sha256.Sum256(body)
	if s, ok := got.(string); !ok || s != hex.EncodeToString(sum[:]) {
		return "bodyHash does not match the body"
	}
	return ""
}

// numericClaim reads iat or exp as (possibly fractional) Unix seconds.
func numericClaim(claims jwt.MapClaims, name string) (float64, string) {
	v, present := claims[name]
	if !present {
		return 0, name + " missing"
	}
	n, ok := v.(json.Number)
	if !ok {
		return 0, name + " is not a number"
	}
	f, err := n.Float64()
	if err != nil {
		return 0, name + " is not a number"
	}
	return f, ""
}
