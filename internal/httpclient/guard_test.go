package httpclient

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync/atomic"
	"testing"
)

// Reads follow a redirect within the same origin (a vendor moving a path keeps working, and the
// credentials stay with the host they were meant for); nothing else is followed.
func TestSameOriginRedirectFollowedForReadsOnly(t *testing.T) {
	var moved atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/old":
			http.Redirect(w, r, "/new?x=secret-query", http.StatusMovedPermanently)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/write":
			http.Redirect(w, r, "/moved", http.StatusTemporaryRedirect)
		case "/moved":
			moved.Add(1)
		default:
			_, _ = io.WriteString(w, "ok")
		}
	}))
	defer srv.Close()
	c := New(Config{Service: "ecurring", UserAgent: "test", MaxRetries: new(3), BaseURL: srv.URL + "/v1"})
	ctx := context.Background()

	resp, err := c.Do(ctx, &Request{Operation: "read customer 1", Method: http.MethodGet, URL: srv.URL + "/old"})
	if err != nil || string(resp.Body) != "ok" {
		t.Fatalf("same-origin GET redirect: %v, %+v", err, resp)
	}

	_, err = c.Do(ctx, &Request{Operation: "list customers", Method: http.MethodGet, URL: srv.URL + "/loop"})
	want := "ecurring: list customers: GET " + srv.URL + "/loop: HTTP 302 redirect to " + srv.URL + "/loop not followed: more than 5 redirects; " +
		"the configured base URL is " + srv.URL + "/v1: fix ecurring.base_url (or ECURRING_BASE_URL) to the address the service answers at"
	if err == nil || err.Error() != want {
		t.Errorf("redirect loop:\n got: %v\nwant: %s", err, want)
	}

	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		_, err := c.Do(ctx, &Request{Operation: "write", Method: method, URL: srv.URL + "/write?email=jane@example.com", Body: []byte(`{"a":1}`)})
		want := "ecurring: write: " + method + " " + srv.URL + "/write: HTTP 307 redirect to " + srv.URL + "/moved not followed: a " + method +
			" is sent only once, and only to the configured base URL; the configured base URL is " + srv.URL +
			"/v1: fix ecurring.base_url (or ECURRING_BASE_URL) to the address the service answers at"
		if err == nil || err.Error() != want {
			t.Errorf("%s:\n got: %v\nwant: %s", method, err, want)
		}
		if OutcomeUnknown(err) {
			t.Errorf("%s: a redirect is an answer that nothing was done", method)
		}
	}
	if n := moved.Load(); n != 0 {
		t.Errorf("a write was sent again to the Location %d times", n)
	}
}

// Corporate networks reach the vendors through HTTPS_PROXY; NO_PROXY exempts hosts. The shared
// transport must keep http.DefaultTransport's proxy setting (a proxy is tested end to end in
// internal/security).
func TestSharedTransportHonoursProxyEnvironment(t *testing.T) {
	if sharedTransport.Proxy == nil || reflect.ValueOf(sharedTransport.Proxy).Pointer() != reflect.ValueOf(http.ProxyFromEnvironment).Pointer() {
		t.Fatal("the shared transport does not use http.ProxyFromEnvironment")
	}
	if sharedTransport.TLSClientConfig != nil && sharedTransport.TLSClientConfig.InsecureSkipVerify {
		t.Fatal("the shared transport skips certificate verification")
	}
}
