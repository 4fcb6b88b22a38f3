package httpclient

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// logEntries decodes what tflogtest.RootLogger wrote, failing the test on garbage.
func logEntries(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	entries, err := tflogtest.MultilineJSONDecode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

func findEntry(t *testing.T, entries []map[string]any, msg string) map[string]any {
	t.Helper()
	for _, e := range entries {
		if e["@message"] == msg {
			return e
		}
	}
	t.Fatalf("no %q log line in %v", msg, entries)
	return nil
}

func TestDoLogsAttemptsWithRedaction(t *testing.T) {
	const sessionSecret = "sess-SECRET-42"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Set-Cookie", "sid=setcookie-secret")
		w.Header().Set("X-Request-Id", "req-1")
		_, _ = w.Write([]byte(`{"data":{"access_token":"resp-access-secret","user":{"refreshToken":"resp-refresh-secret","name":"Bob"}},` +
			`"note":"session ` + sessionSecret + ` active"}`))
	}))
	defer srv.Close()

	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c, _ := newTestClient(Config{Service: "openprovider"})
	c.AddSecret(sessionSecret)
	c.AddSecret("") // must not mask between every character

	body := `{"customer":{"Password":"pw-secret","api_key":"ak-secret","private-key":"pk-secret",` +
		`"Social Security Number":"ssn-secret","idNumber":"id-secret","signing_key":"sk-secret","secret":"s-secret",` +
		`"token":{"nested":"t-secret"},"accessToken":"at-secret",` +
		`"contacts":[{"IBAN":"iban-secret","passport_number":"pp-secret","name":"Alice <a&b>"}]},"count":12345678901234567890}`
	_, err := c.Do(ctx, &Request{
		Operation: "create customer",
		Method:    http.MethodPost,
		URL:       srv.URL + "/customers?session=" + sessionSecret + "&page=2",
		Header: http.Header{
			"Authorization":   {"Bearer auth-secret"},
			"X-Authorization": {"xauth-secret"},
			"X-Api-Key":       {"apikey-secret"},
			"Api-Signature":   {"sig-secret"},
			"cookie":          {"c=cookie-secret"}, // not canonical: still redacted
			"Content-Type":    {"application/json"},
			"X-Session":       {sessionSecret}, // not a sensitive header: caught by AddSecret
		},
		Body: []byte(body),
	})
	if err != nil {
		t.Fatal(err)
	}

	out := buf.String()
	for _, secret := range []string{
		"auth-secret", "xauth-secret", "apikey-secret", "sig-secret", "cookie-secret", "setcookie-secret",
		"pw-secret", "ak-secret", "pk-secret", "ssn-secret", "id-secret", "sk-secret", "s-secret", "t-secret",
		"at-secret", "iban-secret", "pp-secret", "resp-access-secret", "resp-refresh-secret", sessionSecret,
	} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q", secret)
		}
	}
	if t.Failed() {
		t.Log(out)
		return
	}

	entries := logEntries(t, &buf)
	req := findEntry(t, entries, "HTTP request")
	if req["@level"] != "debug" || req["service"] != "openprovider" || req["operation"] != "create customer" ||
		req["method"] != "POST" || req["attempt"] != float64(1) {
		t.Errorf("HTTP request line = %v", req)
	}
	// The query string is logged, with the registered secret masked.
	if want := srv.URL + "/customers?session=***&page=2"; req["url"] != want {
		t.Errorf("url = %v, want %q", req["url"], want)
	}
	resp := findEntry(t, entries, "HTTP response")
	if resp["@level"] != "debug" || resp["status"] != float64(200) || resp["attempt"] != float64(1) {
		t.Errorf("HTTP response line = %v", resp)
	}
	if _, ok := resp["duration_ms"].(float64); !ok {
		t.Errorf("duration_ms missing: %v", resp)
	}

	reqDetail := findEntry(t, entries, "HTTP request detail")
	if reqDetail["@level"] != "trace" {
		t.Errorf("request detail level = %v", reqDetail["@level"])
	}
	headers := reqDetail["headers"].(string)
	for _, want := range []string{
		"Authorization: [REDACTED]", "X-Authorization: [REDACTED]", "X-Api-Key: [REDACTED]", "Api-Signature: [REDACTED]",
		"cookie: [REDACTED]", "Content-Type: application/json", "X-Session: ***",
		"User-Agent: terraform-provider-customers/test", "Content-Length: ",
	} {
		if !strings.Contains(headers, want) {
			t.Errorf("request headers lack %q:\n%s", want, headers)
		}
	}
	wantBody := `{"count":12345678901234567890,"customer":{"Password":"[REDACTED]","Social Security Number":"[REDACTED]",` +
		`"accessToken":"[REDACTED]","api_key":"[REDACTED]","contacts":[{"IBAN":"[REDACTED]","name":"Alice <a&b>",` +
		`"passport_number":"[REDACTED]"}],"idNumber":"[REDACTED]","private-key":"[REDACTED]","secret":"[REDACTED]",` +
		`"signing_key":"[REDACTED]","token":"[REDACTED]"}}`
	if reqDetail["body"] != wantBody {
		t.Errorf("request body logged as\n%v\nwant\n%s", reqDetail["body"], wantBody)
	}

	respDetail := findEntry(t, entries, "HTTP response detail")
	if h := respDetail["headers"].(string); !strings.Contains(h, "Set-Cookie: [REDACTED]") || !strings.Contains(h, "X-Request-Id: req-1") {
		t.Errorf("response headers = %q", h)
	}
	wantResp := `{"data":{"access_token":"[REDACTED]","user":{"name":"Bob","refreshToken":"[REDACTED]"}},"note":"session *** active"}`
	if respDetail["body"] != wantResp {
		t.Errorf("response body logged as\n%v\nwant\n%s", respDetail["body"], wantResp)
	}
}

func TestLogContextMasksSecretsInMessages(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c, _ := newTestClient(Config{})
	c.AddSecret("hunter2")
	tflog.Debug(c.logContext(ctx, &Request{Method: http.MethodGet, URL: "https://x"}), "password is hunter2")
	if got := findEntry(t, logEntries(t, &buf), "password is ***"); got == nil || strings.Contains(buf.String(), "hunter2") {
		t.Fatalf("message not masked: %s", buf.String())
	}
}

func TestDoLogsNonJSONBodiesAsSummaries(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html>password=resp-secret</html>"))
	}))
	defer srv.Close()

	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c, _ := newTestClient(Config{})
	_, err := c.Do(ctx, &Request{
		Method: http.MethodPost,
		URL:    srv.URL,
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
		Body:   []byte("user=bob&password=hunter2"),
	})
	if err != nil {
		t.Fatal(err)
	}
	entries := logEntries(t, &buf)
	if got := findEntry(t, entries, "HTTP request detail")["body"]; got != "<25 bytes, content-type application/x-www-form-urlencoded>" {
		t.Errorf("request body logged as %q", got)
	}
	if got := findEntry(t, entries, "HTTP response detail")["body"]; got != "<33 bytes, content-type text/html>" {
		t.Errorf("response body logged as %q", got)
	}
	if strings.Contains(buf.String(), "hunter2") || strings.Contains(buf.String(), "resp-secret") {
		t.Errorf("non-JSON body leaked into the log")
	}
}

func TestDoLogsTransportFailuresAndRetries(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c, _ := newTestClient(Config{MaxRetries: new(1)})
	_, err := c.Do(ctx, &Request{Method: http.MethodGet, URL: "http://" + freeAddr(t) + "/x"})
	if err == nil {
		t.Fatal("want an error")
	}
	entries := logEntries(t, &buf)
	failed := findEntry(t, entries, "HTTP request failed")
	if failed["sent"] != false || failed["error"] == "" {
		t.Errorf("failure line = %v", failed)
	}
	if retry := findEntry(t, entries, "HTTP retry"); retry["reason"] != "no response" || retry["attempt"] != float64(1) {
		t.Errorf("retry line = %v", retry)
	}
}

func TestBodyForLog(t *testing.T) {
	tests := []struct {
		name, body, contentType, want string
	}{
		{"empty", "", "application/json", ""},
		{"array at top", `[{"token":"x"},{"ok":true}]`, "", `[{"token":"[REDACTED]"},{"ok":true}]`},
		{"json despite content type", `{"apiKey":"x"}`, "text/plain", `{"apiKey":"[REDACTED]"}`},
		{"normalised keys", `{"API-KEY":"a","Refresh_Token":"b","tokens":"kept","idnumber2":"kept"}`, "",
			`{"API-KEY":"[REDACTED]","Refresh_Token":"[REDACTED]","idnumber2":"kept","tokens":"kept"}`},
		{"trailing garbage is not JSON", `{"a":1} x`, "", "<9 bytes, content-type unknown>"},
		{"scalar", `"just a string"`, "", `"just a string"`},
	}
	for _, tt := range tests {
		if got := bodyForLog([]byte(tt.body), tt.contentType); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestBodyForLogTruncates(t *testing.T) {
	// Multi-byte runes straddle the cut, which must not split one.
	body := []byte(`{"password":"p","text":"` + strings.Repeat("é", 20<<10) + `"}`)
	got := bodyForLog(body, "application/json")
	head, tail, ok := strings.Cut(got, "...[truncated, body is ")
	if !ok || len(head) > maxLoggedBody || len(head) < maxLoggedBody-4 || tail != "40986 bytes]" {
		t.Fatalf("truncated to %d bytes with tail %q", len(head), tail)
	}
	if !strings.HasPrefix(head, `{"password":"[REDACTED]"`) || !strings.HasSuffix(head, "é") {
		t.Fatalf("redaction must happen before truncation, on a rune boundary: %q...%q", head[:30], head[len(head)-4:])
	}
}

func TestFormatHeaders(t *testing.T) {
	h := http.Header{"X-Api-Key": {"k"}, "Accept": {"a", "b"}, "Set-Cookie": {"x", "y"}}
	want := "Accept: a, b\nSet-Cookie: [REDACTED]\nX-Api-Key: [REDACTED]"
	if got := formatHeaders(h); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
