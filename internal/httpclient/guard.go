package httpclient

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// MaxBodyBytes bounds every answer, counted after the transport's transparent gzip decoding. The
// largest legitimate answer is a list page of 1000 Openprovider customers with additional data:
// a customer with every field filled is 2-4 KiB of JSON, so a page stays under 4 MiB; 16 MiB
// leaves four times that, and a hostile or broken endpoint cannot make the provider hold more.
const MaxBodyBytes = 16 << 20

// maxRedirects bounds the same-origin redirects a read follows.
const maxRedirects = 5

// RedirectError is a redirect that Do did not follow. Credentials (vendor headers, a login body, a
// signature) must never reach another origin, and a request that changes data is sent once, to
// the configured base URL; so only reads follow redirects, and only within the same origin.
type RedirectError struct {
	Service    string
	Operation  string
	Method     string
	URL        string // the request's URL, without query
	StatusCode int
	Location   string // where the answer pointed, resolved, without query or user info
	BaseURL    string // the configured base URL; "" when unknown
	Reason     string
}

func (e *RedirectError) Error() string {
	var b strings.Builder
	b.WriteString(prefix(e.Service, e.Operation))
	fmt.Fprintf(&b, "%s %s: HTTP %d redirect to %s not followed: %s; ", e.Method, e.URL, e.StatusCode, e.Location, e.Reason)
	if e.BaseURL != "" {
		fmt.Fprintf(&b, "the configured base URL is %s: ", e.BaseURL)
	}
	fmt.Fprintf(&b, "fix %s to the address the service answers at", baseURLSetting(e.Service))
	return b.String()
}

// TooLargeError is an answer larger than MaxBodyBytes; it was not read further.
type TooLargeError struct {
	Service    string
	Operation  string
	Method     string
	URL        string // without query
	StatusCode int
}

func (e *TooLargeError) Error() string {
	var b strings.Builder
	b.WriteString(prefix(e.Service, e.Operation))
	fmt.Fprintf(&b, "%s %s: HTTP %d answer larger than %d MiB, more than any answer of this API, not read further; "+
		"check that %s is the service's address", e.Method, e.URL, e.StatusCode, MaxBodyBytes>>20, baseURLSetting(e.Service))
	return b.String()
}

// prefix starts an error with the service and operation it concerns, those that are known.
func prefix(service, operation string) string {
	var out string
	for _, part := range []string{service, operation} {
		if part != "" {
			out += part + ": "
		}
	}
	return out
}

// baseURLSetting names where a service's base URL is configured.
func baseURLSetting(service string) string {
	return fmt.Sprintf("%s.base_url (or %s_BASE_URL)", service, strings.ToUpper(service))
}

// checkRedirect is the http.Client's CheckRedirect: it runs before a redirected request is sent,
// so refusing here means nothing reached the Location.
func (c *Client) checkRedirect(next *http.Request, via []*http.Request) error {
	first := via[0]
	var reason string
	switch {
	case !sameOrigin(first.URL, next.URL):
		reason = "it leads to another origin (scheme, host or port), where the credentials must not go"
	case first.Method != http.MethodGet && first.Method != http.MethodHead:
		reason = "a " + first.Method + " is sent only once, and only to the configured base URL"
	case len(via) > maxRedirects:
		reason = fmt.Sprintf("more than %d redirects", maxRedirects)
	default:
		return nil
	}
	location := *next.URL
	location.User, location.RawQuery, location.ForceQuery, location.Fragment, location.RawFragment = nil, "", false, "", ""
	status := 0
	if next.Response != nil {
		status = next.Response.StatusCode
	}
	c.mu.RLock()
	baseURL := c.baseURL
	c.mu.RUnlock()
	return &RedirectError{
		Service: c.cfg.Service, Method: first.Method, URL: withoutQuery(first.URL.String()),
		StatusCode: status, Location: location.String(), BaseURL: baseURL, Reason: reason,
	}
}

// sameOrigin compares scheme, host and port; so https to http is another origin.
func sameOrigin(a, b *url.URL) bool {
	return a.Scheme == b.Scheme && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

// readBody reads an answer's body, at most MaxBodyBytes of it. Reading from hresp.Body counts the
// bytes after the transport's gzip decoding, so a compressed bomb stops at the same limit. Close
// without reading to the end drops the connection instead of draining an endless body. The body
// is read in chunks and joined at the end, so that an oversized answer costs MaxBodyBytes and not
// the twice as much a doubling buffer would take.
func readBody(hresp *http.Response) ([]byte, error) {
	if hresp.ContentLength > MaxBodyBytes {
		return nil, errTooLarge
	}
	// A declared length sizes the first chunk (one more byte meets the end), so that a usual
	// answer takes one allocation; otherwise chunks grow from 4 KiB to 1 MiB.
	size := int64(4 << 10)
	if hresp.ContentLength >= 0 {
		size = hresp.ContentLength + 1
	}
	var chunks [][]byte
	total := 0
	for ; ; size = min(2*size, 1<<20) {
		chunk := make([]byte, size)
		n, err := io.ReadFull(hresp.Body, chunk)
		total += n
		if total > MaxBodyBytes {
			return nil, errTooLarge
		}
		chunks = append(chunks, chunk[:n])
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	return bytes.Join(chunks, nil), nil
}

var errTooLarge = errors.New("answer too large")

// certificateHint explains a certificate that failed verification; certificates are always
// verified, so the way to reach a service behind a private CA is to trust that CA.
func certificateHint(err error) error {
	var unknown x509.UnknownAuthorityError
	if errors.As(err, &unknown) {
		return fmt.Errorf("%w; the service's certificate is not signed by a trusted authority: if it uses a private CA, "+
			"trust it by naming its PEM file in SSL_CERT_FILE or a directory of CA certificates in SSL_CERT_DIR", err)
	}
	return err
}

// permanent reports an error that repeating the request cannot cure.
func permanent(err error) bool {
	var redirect *RedirectError
	var tooLarge *TooLargeError
	var cert *tls.CertificateVerificationError
	return errors.As(err, &redirect) || errors.As(err, &tooLarge) || errors.As(err, &cert)
}

func withoutQuery(s string) string {
	s, _, _ = strings.Cut(s, "?")
	s, _, _ = strings.Cut(s, "#")
	return s
}
