package httpclient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"
)

const (
	redacted = "[REDACTED]"
	// maxLoggedBody bounds TRACE lines; applied after redaction so JSON still parses.
	maxLoggedBody = 16 << 10
)

// sensitiveHeaders are canonical header names whose values are never logged.
var sensitiveHeaders = map[string]bool{
	"Authorization":   true,
	"X-Authorization": true,
	"X-Api-Key":       true,
	"Api-Signature":   true,
	"Cookie":          true,
	"Set-Cookie":      true,
}

// sensitiveKeys are normalised JSON object keys (see normaliseKey) whose values
// are never logged, wherever they appear in a body.
var sensitiveKeys = map[string]bool{
	"password":             true,
	"token":                true,
	"apikey":               true,
	"secret":               true,
	"signingkey":           true,
	"privatekey":           true,
	"passportnumber":       true,
	"socialsecuritynumber": true,
	"iban":                 true,
	"idnumber":             true,
	"accesstoken":          true,
	"refreshtoken":         true,
}

// AddSecret registers a literal string that must never appear in a log line.
// Safe for concurrent use.
func (c *Client) AddSecret(s string) {
	// An empty pattern would make tflog mask between every character.
	if s == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !slices.Contains(c.secrets, s) {
		c.secrets = append(c.secrets, s)
	}
}

func (c *Client) secretList() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slices.Clone(c.secrets)
}

// formatHeaders renders headers as sorted "Name: value" lines. It returns a
// string rather than a map because tflog only masks string field values.
func formatHeaders(h http.Header) string {
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	lines := make([]string, 0, len(names))
	for _, name := range names {
		value := strings.Join(h[name], ", ")
		if sensitiveHeaders[http.CanonicalHeaderKey(name)] {
			value = redacted
		}
		lines = append(lines, name+": "+value)
	}
	return strings.Join(lines, "\n")
}

// bodyForLog returns a loggable form of body: JSON with sensitive keys
// redacted, or only a size summary for anything else, since non-JSON formats
// (form posts, XML) cannot be redacted reliably.
func bodyForLog(body []byte, contentType string) string {
	if len(body) == 0 {
		return ""
	}
	// Sniff rather than trust Content-Type: vendors send JSON labelled text/html.
	if !json.Valid(body) {
		if contentType == "" {
			contentType = "unknown"
		}
		return fmt.Sprintf("<%d bytes, content-type %s>", len(body), contentType)
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // keep numbers byte-exact

	_ = dec.Decode(&v) // cannot fail: body is valid JSON

	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(redactJSON(v)) // cannot fail: v came from the decoder
	return truncate(strings.TrimSuffix(out.String(), "\n"), len(body))
}

// redactJSON replaces, in place, the value of every sensitive key at any depth.
func redactJSON(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			if sensitiveKeys[normaliseKey(k)] {
				t[k] = redacted
			} else {
				t[k] = redactJSON(child)
			}
		}
	case []any:
		for i, child := range t {
			t[i] = redactJSON(child)
		}
	}
	return v
}

// normaliseKey makes "api_key", "apiKey" and "API-Key" compare equal.
func normaliseKey(k string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(k) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// truncate cuts s to maxLoggedBody bytes on a rune boundary.
func truncate(s string, total int) string {
	if len(s) <= maxLoggedBody {
		return s
	}
	cut := maxLoggedBody
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s...[truncated, body is %d bytes]", s[:cut], total)
}
