package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

const base = "/openprovider/v1beta"

// clock is a settable Now hook.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// reply is a decoded response: status, envelope fields and the raw keys.
type reply struct {
	Status int
	Code   int
	Desc   string
	Data   any
	Raw    map[string]any
	Header http.Header
}

type env struct {
	t     *testing.T
	s     *Server
	clock *clock
	token string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	c := &clock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	e := &env{t: t, s: New(Options{Now: c.Now}), clock: c}
	r := e.do(http.MethodPost, base+"/auth/login", map[string]any{"username": "sandbox", "password": "sandbox-password", "ip": "0.0.0.0"})
	if r.Code != 0 {
		t.Fatalf("login: %+v", r)
	}
	e.token = r.Data.(map[string]any)["token"].(string)
	return e
}

// do sends body (marshalled unless it is a string) as JSON with the env's token.
func (e *env) do(method, path string, body any) reply {
	e.t.Helper()
	hdr := http.Header{}
	if body != nil {
		hdr.Set("Content-Type", "application/json")
	}
	if e.token != "" {
		hdr.Set("Authorization", "Bearer "+e.token)
	}
	return e.raw(method, path, hdr, body)
}

func (e *env) raw(method, path string, hdr http.Header, body any) reply {
	e.t.Helper()
	var b []byte
	switch v := body.(type) {
	case nil:
	case string:
		b = []byte(v)
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			e.t.Fatal(err)
		}
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(b))
	req.Header = hdr
	rec := httptest.NewRecorder()
	e.s.ServeHTTP(rec, req)
	return decodeReply(e.t, rec.Code, rec.Header(), rec.Body.Bytes())
}

func decodeReply(t *testing.T, status int, hdr http.Header, body []byte) reply {
	t.Helper()
	if ct := hdr.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	r := reply{Status: status, Header: hdr}
	if err := json.Unmarshal(body, &r.Raw); err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
	code, _ := r.Raw["code"].(float64)
	r.Code = int(code)
	r.Desc, _ = r.Raw["desc"].(string)
	r.Data = r.Raw["data"]
	return r
}

// validCustomer is a create body that passes every rule.
func validCustomer() map[string]any {
	return map[string]any{
		"name":    map[string]any{"initials": "J.", "first_name": "Jan", "prefix": "van", "last_name": "Dijk", "full_name": "whatever the client says"},
		"address": map[string]any{"street": "Main Street", "number": "1", "suffix": "A", "zipcode": "1234 AB", "city": "Amsterdam", "country": "NL", "state": "NH"},
		"phone":   map[string]any{"country_code": "+31", "area_code": "20", "subscriber_number": "1234567"},
		"email":   "jan@example.com",
	}
}

func (e *env) create(body map[string]any) string {
	e.t.Helper()
	r := e.do(http.MethodPost, base+"/customers", body)
	if r.Status != 200 || r.Code != 0 {
		e.t.Fatalf("create: %d %d %s", r.Status, r.Code, r.Desc)
	}
	return r.Data.(map[string]any)["handle"].(string)
}

func (e *env) get(handle, query string) reply {
	e.t.Helper()
	return e.do(http.MethodGet, base+"/customers/"+handle+query, nil)
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }
