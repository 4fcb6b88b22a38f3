package kycapi

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const (
	// signatureAudience is the aud claim of every NOAH request signature, sandbox included.
	signatureAudience = "https://api.noah.com"
	// signatureLifetime is exp - iat. NOAH accepts at most 15 minutes.
	signatureLifetime = 10 * time.Minute
)

// Signer signs NOAH API requests with the user's EC key. Safe for concurrent use.
//
// A Signer is immutable after ParseSigningKey.
type Signer struct {
	key    *ecdsa.PrivateKey
	method *jwt.SigningMethodECDSA
	now    func() time.Time
}

// ParseSigningKey parses a PEM private key: PKCS#8 ("PRIVATE KEY") or SEC1 ("EC PRIVATE KEY"), on
// curve P-384 (signs ES384) or P-256 (signs ES256). Errors are clear and never contain key material.
// Extra text around the PEM block (comments, trailing newline) is fine, and so is an
// "EC PARAMETERS" block in front of the key (as `openssl ecparam -genkey` writes it).
func ParseSigningKey(pemText string) (*Signer, error) {
	text := strings.TrimSpace(pemText)
	if text == "" {
		return nil, errors.New("signing key is empty: expected a PEM private key (BEGIN PRIVATE KEY or BEGIN EC PRIVATE KEY)")
	}

	block, err := firstKeyBlock([]byte(text))
	if err != nil {
		return nil, err
	}
	if isLegacyEncrypted(block) || block.Type == "ENCRYPTED PRIVATE KEY" {
		return nil, errors.New("encrypted private keys are not supported: provide the key unencrypted")
	}

	var parsed any
	switch block.Type {
	case "PRIVATE KEY":
		parsed, err = parseEither(block.Bytes, x509.ParsePKCS8PrivateKey, parseSEC1, "PRIVATE KEY (PKCS#8)")
	case "EC PRIVATE KEY":
		parsed, err = parseEither(block.Bytes, parseSEC1, x509.ParsePKCS8PrivateKey, "EC PRIVATE KEY (SEC1)")
	case "RSA PRIVATE KEY":
		return nil, errNotEC("RSA")
	case "DSA PRIVATE KEY":
		return nil, errNotEC("DSA")
	case "OPENSSH PRIVATE KEY":
		return nil, errors.New("PEM block type OPENSSH PRIVATE KEY is not supported: convert the key to PKCS#8 " +
			"(ssh-keygen -p -m PKCS8 -f <file>) and use an EC key on P-384 or P-256")
	default:
		return nil, fmt.Errorf("PEM block type %s is not a private key: expected PRIVATE KEY (PKCS#8) or EC PRIVATE KEY (SEC1)",
			safeBlockType(block.Type))
	}
	if err != nil {
		return nil, err
	}

	var key *ecdsa.PrivateKey
	switch k := parsed.(type) {
	case *ecdsa.PrivateKey:
		key = k
	case *rsa.PrivateKey:
		return nil, errNotEC("RSA")
	case ed25519.PrivateKey, *ed25519.PrivateKey:
		return nil, errNotEC("Ed25519")
	default:
		return nil, errNotEC(fmt.Sprintf("%T", parsed))
	}

	var method *jwt.SigningMethodECDSA
	switch key.Curve {
	case elliptic.P384():
		method = jwt.SigningMethodES384
	case elliptic.P256():
		method = jwt.SigningMethodES256
	default:
		name := "unknown"
		if key.Curve != nil && key.Curve.Params() != nil && key.Curve.Params().Name != "" {
			name = key.Curve.Params().Name
		}
		return nil, fmt.Errorf("curve %s is not supported: use P-384 or P-256", name)
	}

	return &Signer{key: key, method: method, now: time.Now}, nil
}

// firstKeyBlock returns the first PEM block that is not EC PARAMETERS.
func firstKeyBlock(data []byte) (*pem.Block, error) {
	rest := data
	for {
		block, next := pem.Decode(rest)
		if block == nil {
			if strings.Contains(string(rest), "-----BEGIN") {
				return nil, errors.New("PEM block is malformed: check the BEGIN/END lines and the base64 between them")
			}
			if len(rest) != len(data) {
				return nil, errors.New("no private key found after the EC PARAMETERS block")
			}
			return nil, errors.New("no PEM block found: expected a PEM private key (BEGIN PRIVATE KEY or BEGIN EC PRIVATE KEY)")
		}
		if block.Type != "EC PARAMETERS" {
			return block, nil
		}
		rest = next
	}
}

func isLegacyEncrypted(block *pem.Block) bool {
	return strings.Contains(block.Headers["Proc-Type"], "ENCRYPTED")
}

func errNotEC(kind string) error {
	return fmt.Errorf("not an EC key (%s): NOAH request signing needs an EC private key on P-384 or P-256", kind)
}

// longRun matches runs that look like base64 or hex data. Parser messages are words and short
// tokens; anything this long may be key material and is redacted.
var longRun = regexp.MustCompile(`[A-Za-z0-9+/_-]{24,}={0,2}`)

// parseEither parses a key with the parser its PEM label names, else with the other one: a key
// under the wrong one of the two labels is accepted rather than failed on the label. An error is
// the labelled parser's.
func parseEither(der []byte, labelled, other func([]byte) (any, error), label string) (any, error) {
	key, err := labelled(der)
	if err == nil {
		return key, nil
	}
	if key, otherErr := other(der); otherErr == nil {
		return key, nil
	}
	return nil, parseError(label, err)
}

func parseSEC1(der []byte) (any, error) { return x509.ParseECPrivateKey(der) }

// parseError wraps a parser's error without the key's bytes: x509 and asn1 messages describe the
// structure, and any long data-like run is redacted anyway as a precaution.
func parseError(what string, err error) error {
	msg := longRun.ReplaceAllString(err.Error(), "[redacted]")
	return fmt.Errorf("cannot parse %s: %s", what, msg)
}

// safeBlockType keeps an unexpected PEM type readable and short in an error message.
func safeBlockType(t string) string {
	if len(t) > 40 {
		t = t[:40] + "..."
	}
	return longRun.ReplaceAllString(t, "[redacted]")
}

// Sign returns the Api-Signature header value for one request: a JWT with claims
// aud "https://api.noah.com" (always), iat = now (Unix seconds), exp = iat + 10 minutes,
// method = upper-case HTTP method, path = u.EscapedPath() (the full path, so a base URL's /v1
// prefix is in it; "/" when empty, as net/http sends it), queryParams = u's query as
// map[string]string only when it has one (a repeated parameter's values joined with ","), and
// bodyHash = lowercase hex SHA-256 of exactly body, only when len(body) > 0.
// The header has alg ES384 or ES256 per the key's curve, typ JWT, and no kid.
func (s *Signer) Sign(method string, u *url.URL, body []byte) (string, error) {
	if s == nil || s.key == nil || s.method == nil {
		return "", errors.New("request signer is not configured")
	}
	if u == nil {
		return "", errors.New("cannot sign a request without a URL")
	}
	m := strings.ToUpper(strings.TrimSpace(method))
	if m == "" {
		return "", errors.New("cannot sign a request without an HTTP method")
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}

	now := s.clock()
	iat := now.Unix()
	claims := jwt.MapClaims{
		"aud":    signatureAudience,
		"iat":    iat,
		"exp":    iat + int64(signatureLifetime/time.Second),
		"method": m,
		"path":   path,
	}

	if u.RawQuery != "" {
		values, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			return "", fmt.Errorf("cannot sign the request: malformed query string: %w", err)
		}
		if len(values) > 0 {
			params := make(map[string]string, len(values))
			for k, vs := range values {
				params[k] = strings.Join(vs, ",")
			}
			claims["queryParams"] = params
		}
	}

	if len(body) > 0 {
		sum := sha256.Sum256(body)
		claims["bodyHash"] = hex.EncodeToString(sum[:])
	}

	token, err := jwt.NewWithClaims(s.method, claims).SignedString(s.key)
	if err != nil {
		return "", fmt.Errorf("cannot sign the request: %w", err)
	}
	return token, nil
}

func (s *Signer) clock() time.Time {
	if s.now == nil {
		return time.Now()
	}
	return s.now()
}

// String keeps the private key out of logs and fmt output (%v, %+v, %s).
func (s Signer) String() string {
	alg := ""
	if s.method != nil {
		alg = s.method.Alg()
	}
	return "kycapi.Signer(" + alg + ")"
}

// GoString keeps the private key out of %#v output.
func (s Signer) GoString() string { return s.String() }
