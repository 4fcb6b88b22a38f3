package httpclient

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// CallJSON encodes the body, sets the media type, lets the vendor authorize the exact request,
// and decodes only what the vendor's Refusal accepts.
func TestCallJSON(t *testing.T) {
	var got struct {
		method, contentType, accept, auth string
		body                              []byte
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.method, got.contentType, got.accept, got.auth = r.Method, r.Header.Get("Content-Type"), r.Header.Get("Accept"), r.Header.Get("X-Auth")
		got.body, _ = io.ReadAll(r.Body)
		if strings.HasSuffix(r.URL.Path, "/refused") {
			w.WriteHeader(http.StatusUnprocessableEntity)
		}
		_, _ = io.WriteString(w, `{"name":"Jane"}`)
	}))
	t.Cleanup(ts.Close)
	c := New(Config{Service: "svc", UserAgent: "test", MediaType: "application/vnd.test+json", MaxRetries: new(0),
		Authorize: func(req *Request) error {
			req.Header.Set("X-Auth", req.Method+" "+string(req.Body))
			return nil
		}})

	var out struct{ Name string }
	resp, err := c.CallJSON(context.Background(), Call{Operation: "create thing", Method: http.MethodPost, URL: ts.URL + "/things",
		Body: map[string]string{"name": "Jane"}}, &out)
	if err != nil || resp.StatusCode != http.StatusOK || out.Name != "Jane" {
		t.Fatalf("CallJSON = %+v, %v; decoded %+v", resp, err, out)
	}
	if got.method != http.MethodPost || got.contentType != "application/vnd.test+json" || got.accept != "application/vnd.test+json" ||
		got.auth != `POST {"name":"Jane"}` || string(got.body) != `{"name":"Jane"}` {
		t.Errorf("request %+v", got)
	}

	// No body: no Content-Type. A refused answer is the default Refusal's APIError, not decoded.
	out.Name = ""
	_, err = c.CallJSON(context.Background(), Call{Operation: "read thing", Method: http.MethodGet, URL: ts.URL + "/refused"}, &out)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnprocessableEntity || out.Name != "" {
		t.Fatalf("refused answer: %v, decoded %+v", err, out)
	}
	if got.contentType != "" || len(got.body) != 0 {
		t.Errorf("a call without a body sent Content-Type %q and %d bytes", got.contentType, len(got.body))
	}
	if want := "svc: read thing failed: HTTP 422: Unprocessable Entity (15 bytes of text/plain; charset=utf-8)"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}

	// An answer the vendor accepts but that does not decode is an APIError that says so.
	_, err = c.CallJSON(context.Background(), Call{Operation: "read thing", Method: http.MethodGet, URL: ts.URL + "/things"}, &[]int{})
	if !errors.As(err, &apiErr) || !strings.Contains(err.Error(), "cannot decode the answer (15 bytes of text/plain; charset=utf-8)") {
		t.Errorf("undecodable answer: %v", err)
	}
	// A body that cannot be encoded never leaves.
	if _, err := c.CallJSON(context.Background(), Call{Operation: "create thing", Method: http.MethodPost, URL: ts.URL, Body: json.RawMessage("{")}, nil); err == nil ||
		!strings.HasPrefix(err.Error(), "svc: create thing: encoding request:") {
		t.Errorf("unencodable body: %v", err)
	}
}
