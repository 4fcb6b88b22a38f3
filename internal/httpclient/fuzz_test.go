package httpclient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

// Fuzz tests of the log redaction of bodies and of the Retry-After parser. Their seeds run in
// every `go test`; `make fuzz` explores further.

// truncatedTail is what truncate appends; it holds the body's length, which differs between two
// bodies whose redacted forms are equal.
var truncatedTail = regexp.MustCompile(`\.\.\.\[truncated, body is \d+ bytes\]$`)

func FuzzRedactJSON(f *testing.F) {
	for _, seed := range []struct {
		base       string
		name       uint8
		decoration string
		secret     string
		depth      uint8
		structured bool
	}{
		{`{"code":0,"desc":"","data":{"token":"x","reseller_id":1}}`, 1, "", "sess-SECRET-42", 2, false},
		{`{"username":"u","password":"p","ip":"0.0.0.0"}`, 0, "\x01\x03", "acc-Pa55word-never-logged", 0, false},
		{`{"data":{"type":"customer","attributes":{"iban":"NL91ABNA0417164300","bank_holder":"C Test"}}}`, 8, "\x02", "NL91ABNA0417164300", 3, false},
		{`{"Type":"Individual","Identities":[{"IDNumber":"P1","IDType":"Passport"}]}`, 9, "\x01\x01\x02", "P12345678", 4, true},
		{`{"additional_data":{"passport_number":"0123456","social_security_number":"6543210"}}`, 6, "\x03\x03\x03", "0123456", 1, false},
		{`[{"token":"x"},{"ok":true},[[]]]`, 2, "Z", "x", 5, true},
		{`"just a string"`, 3, "", "s3cr3t", 0, false},
		{`12345678901234567890.5e-7`, 4, "-", "12345678901234567890", 1, false},
		{`null`, 5, "", "", 0, true},
		{`{"a":1} x`, 7, "", "x", 0, false},
		{`<html>secret-in-html</html>`, 10, "", "secret-in-html", 0, false},
		{`{"text":"` + strings.Repeat("é", 9000) + `"}`, 11, "_", "tail-secret-é", 1, false},
		{`{"k":"\u2028\ud800<&>"}`, 1, "\x02\x02", "<&>\u2028", 2, false},
	} {
		f.Add([]byte(seed.base), seed.name, seed.decoration, seed.secret, seed.depth, seed.structured)
	}
	names := make([]string, 0, len(sensitiveKeys))
	for name := range sensitiveKeys {
		names = append(names, name)
	}
	slices.Sort(names)
	f.Fuzz(func(t *testing.T, base []byte, name uint8, decoration, secret string, depth uint8, structured bool) {
		// Any input: never a panic, and what is not JSON is summed up, never shown.
		if out := bodyForLog(base, "text/html"); !json.Valid(base) && len(base) > 0 {
			if want := fmt.Sprintf("<%d bytes, content-type text/html>", len(base)); out != want {
				t.Fatalf("non-JSON body logged as %q", out)
			}
		} else {
			checkRedacted(t, out, len(base))
		}

		// A JSON document with a secret-named key somewhere, holding a value of the fuzzer's.
		key := decorate(names[int(name)%len(names)], decoration)
		var value any = secret
		if structured {
			value = map[string]any{"inner": secret, "list": []any{secret, json.Number("1")}}
		}
		body := withValue(t, base, key, value, int(depth))
		other := withValue(t, base, key, "other value", int(depth))
		out := bodyForLog(body, "application/json")
		checkRedacted(t, out, len(body))
		// The log line does not depend on the secret at all ...
		if trimmed, want := truncatedTail.ReplaceAllString(out, ""), truncatedTail.ReplaceAllString(bodyForLog(other, "application/json"), ""); trimmed != want {
			t.Fatalf("the log line depends on the value of %q:\n%s\n%s", key, trimmed, want)
		}
		// ... so it never shows it, unless the rest of the body does.
		if len(secret) >= 4 && containsJSONString(out, secret) && !containsJSONString(bodyForLog(other, "application/json"), secret) {
			t.Fatalf("the value of %q is in the log line: %s", key, out)
		}
	})
}

// decorate spells a sensitive name as APIs do: per byte of decoration, the letter upper-cased
// (bit 0) and followed by a separator (bit 1), such as "Api_Key" or "API-KEY".
func decorate(name, decoration string) string {
	separators := []string{"_", "-", " ", ".", "/"}
	var b strings.Builder
	for i, r := range name {
		var d byte
		if i < len(decoration) {
			d = decoration[i]
		}
		if d&1 != 0 {
			r = unicode.ToUpper(r)
		}
		b.WriteRune(r)
		if d&2 != 0 {
			b.WriteString(separators[int(d>>2)%len(separators)])
		}
	}
	return b.String()
}

// withValue returns base (or {} if base is no JSON) with key: value set in an object depth levels
// down, following or making objects and arrays on the way.
func withValue(t *testing.T, base []byte, key string, value any, depth int) []byte {
	t.Helper()
	var doc any
	dec := json.NewDecoder(bytes.NewReader(base))
	dec.UseNumber()
	if !json.Valid(base) || dec.Decode(&doc) != nil {
		doc = map[string]any{}
	}
	if _, ok := doc.(map[string]any); !ok {
		if _, ok := doc.([]any); !ok {
			doc = map[string]any{"wrapped": doc}
		}
	}
	doc = set(doc, key, value, depth)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatalf("cannot encode %#v: %v", doc, err)
	}
	return out
}

// set puts key: value into the first object reached depth levels below v (or deeper, when an
// array stands in the way) and returns v, which is a new slice when an array had to grow.
func set(v any, key string, value any, depth int) any {
	switch node := v.(type) {
	case map[string]any:
		if depth <= 0 {
			node[key] = value
			return node
		}
		var containers []string
		for k, child := range node {
			switch child.(type) {
			case map[string]any, []any:
				containers = append(containers, k)
			}
		}
		slices.Sort(containers)
		if len(containers) == 0 {
			node["nested"] = map[string]any{}
			containers = []string{"nested"}
		}
		k := containers[depth%len(containers)]
		node[k] = set(node[k], key, value, depth-1)
		return node
	case []any:
		for i, child := range node {
			switch child.(type) {
			case map[string]any, []any:
				node[i] = set(child, key, value, depth-1)
				return node
			}
		}
		return append(node, set(map[string]any{}, key, value, depth-1))
	}
	return v
}

// checkRedacted: the log line is JSON (unless truncated), and every secret-named key anywhere in
// it holds "[REDACTED]".
func checkRedacted(t *testing.T, out string, bodyLen int) {
	t.Helper()
	if out == "" || strings.HasPrefix(out, "<") || truncatedTail.MatchString(out) {
		return
	}
	var doc any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("the log line of a %d-byte JSON body is not JSON: %v: %s", bodyLen, err, out)
	}
	var walk func(v any)
	walk = func(v any) {
		switch node := v.(type) {
		case map[string]any:
			for k, child := range node {
				if sensitiveName(k) {
					if child != redacted {
						t.Fatalf("%q holds %v in the log line %s", k, child, out)
					}
					continue
				}
				walk(child)
			}
		case []any:
			for _, child := range node {
				walk(child)
			}
		}
	}
	walk(doc)
}

// sensitiveName: k is one of the sensitive names in any case and with any separators.
func sensitiveName(k string) bool {
	letters := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, strings.ToLower(k))
	return sensitiveKeys[letters]
}

// containsJSONString reports whether s appears in out, raw or as JSON writes it.
func containsJSONString(out, s string) bool {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	quoted := strings.TrimSuffix(b.String(), "\n")
	return strings.Contains(out, s) || strings.Contains(out, quoted[1:len(quoted)-1])
}

func FuzzRetryAfter(f *testing.F) {
	for _, seed := range []struct {
		value string
		limit int64
	}{
		{"3", int64(30 * time.Second)},
		{"120", int64(30 * time.Second)},
		{"0", int64(30 * time.Second)},
		{"-1", int64(30 * time.Second)},
		{" 5 ", int64(time.Second)},
		{"+7", int64(1500 * time.Millisecond)},
		{"1e3", int64(time.Minute)},
		{"99999999999999999999", int64(time.Hour)},
		{"9223372036854775807", int64(30 * time.Second)},
		{"Wed, 21 Oct 2015 07:28:00 GMT", int64(30 * time.Second)},
		{"Sun, 06 Nov 1994 08:49:37 GMT", int64(30 * time.Second)},
		{"Sunday, 06-Nov-94 08:49:37 GMT", int64(30 * time.Second)},
		{"Sun Nov  6 08:49:37 1994", int64(30 * time.Second)},
		{"Fri, 31 Dec 9999 23:59:59 GMT", int64(30 * time.Second)},
		{time.Now().Add(10 * time.Second).UTC().Format(http.TimeFormat), int64(time.Minute)},
		{"", 0},
		{"soon", -1},
	} {
		f.Add(seed.value, seed.limit)
	}
	f.Fuzz(func(t *testing.T, value string, limitNanos int64) {
		// Config.MaxBackoff: any duration up to a day.
		limit := time.Duration(limitNanos % int64(24*time.Hour))
		if limit < 0 {
			limit = -limit
		}
		h := http.Header{}
		h.Set("Retry-After", value)
		d, ok := retryAfter(h, limit)
		if d < 0 || d > limit || !ok && d != 0 {
			t.Fatalf("Retry-After %q, limit %v: %v, %v", value, limit, d, ok)
		}
		// Delta-seconds: exactly that many seconds, capped.
		if secs, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64); err == nil && secs >= 0 {
			want := limit
			if secs <= int64(limit/time.Second) {
				want = time.Duration(secs) * time.Second
			}
			if !ok || d != want {
				t.Fatalf("Retry-After %q, limit %v: %v, %v; want %v", value, limit, d, ok, want)
			}
		}
		// An HTTP date in the past means now.
		if when, err := http.ParseTime(strings.TrimSpace(value)); err == nil && when.Before(time.Now()) && (!ok || d != 0) {
			t.Fatalf("Retry-After %q (past), limit %v: %v, %v", value, limit, d, ok)
		}
	})
}
