package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestCounters(t *testing.T) {
	e := newEnv(t) // one login
	h := e.create(validCustomer())
	e.get(h, "?with_additional_data=true")
	e.get("ZZ100009-NL", "")
	e.do(http.MethodPut, base+"/customers/"+h, map[string]any{"email": "new@example.com"})
	e.do(http.MethodGet, base+"/customers?limit=5", nil)
	e.do(http.MethodDelete, base+"/customers/"+h, nil)
	e.do(http.MethodPatch, base+"/customers/"+h, nil)
	e.do(http.MethodGet, "/nowhere", nil)
	e.token = ""
	e.do(http.MethodGet, base+"/customers", nil) // 401s are counted too

	want := map[string]int{
		"POST /openprovider/v1beta/auth/login":           1,
		"POST /openprovider/v1beta/customers":            1,
		"GET /openprovider/v1beta/customers/{handle}":    2,
		"PUT /openprovider/v1beta/customers/{handle}":    1,
		"GET /openprovider/v1beta/customers":             2,
		"DELETE /openprovider/v1beta/customers/{handle}": 1,
		"PATCH unknown": 1,
		"GET unknown":   1,
	}
	if got := e.s.Counts(); !reflect.DeepEqual(got, want) {
		t.Errorf("Counts\n got %v\nwant %v", got, want)
	}
	if got := e.s.Count("GET /openprovider/v1beta/customers/{handle}"); got != 2 {
		t.Errorf("Count = %d", got)
	}
	if got := e.s.TotalRequests(); got != 10 {
		t.Errorf("TotalRequests = %d", got)
	}
	counts := e.s.Counts()
	counts["GET unknown"] = 99
	if e.s.Count("GET unknown") != 1 {
		t.Error("Counts is not a copy")
	}
	e.s.ResetCounts()
	if e.s.TotalRequests() != 0 || len(e.s.Counts()) != 0 || e.s.Count("GET unknown") != 0 {
		t.Error("ResetCounts left counts")
	}
	if len(e.s.Requests()) != 10 {
		t.Error("ResetCounts dropped the request log")
	}
}

func TestRequestsRecorded(t *testing.T) {
	e := newEnv(t)
	body := `{"email":"x@example.com"}`
	hdr := http.Header{"Content-Type": {"application/json"}, "Authorization": {"Bearer " + e.token}, "X-Test": {"1"}}
	e.raw(http.MethodPut, base+"/customers/JD100001-NL?x=1&y=2", hdr, body)

	reqs := e.s.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests recorded", len(reqs))
	}
	if reqs[0].Method != http.MethodPost || reqs[0].Path != base+"/auth/login" {
		t.Errorf("first = %+v", reqs[0])
	}
	r := reqs[1]
	if r.Method != http.MethodPut || r.Path != base+"/customers/JD100001-NL" || r.RawQuery != "x=1&y=2" ||
		string(r.Body) != body || r.Header.Get("X-Test") != "1" || !r.At.Equal(e.clock.Now()) {
		t.Errorf("recorded %+v", r)
	}
	r.Body[0] = 'X'
	r.Header.Set("X-Test", "changed")
	if again := e.s.Requests()[1]; string(again.Body) != body || again.Header.Get("X-Test") != "1" {
		t.Error("Requests does not return copies")
	}
}

func TestRequestsBounded(t *testing.T) {
	s := New(Options{})
	for i := range maxRecorded + 5 {
		req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/x?i=%d", i), nil)
		s.ServeHTTP(httptest.NewRecorder(), req)
	}
	reqs := s.Requests()
	if len(reqs) != maxRecorded {
		t.Fatalf("%d recorded", len(reqs))
	}
	if reqs[0].RawQuery != "i=5" || reqs[len(reqs)-1].RawQuery != fmt.Sprintf("i=%d", maxRecorded+4) {
		t.Errorf("oldest %q newest %q", reqs[0].RawQuery, reqs[len(reqs)-1].RawQuery)
	}
	if s.Count("GET unknown") != maxRecorded+5 {
		t.Errorf("count %d", s.Count("GET unknown"))
	}
}

func TestConcurrentCreates(t *testing.T) {
	s := New(Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	url := OpenproviderBaseURL(ts.URL)
	token := login(t, url, "sandbox", "sandbox-password")

	const n = 50
	handles := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			b, _ := json.Marshal(validCustomer())
			req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, url+"/customers", bytes.NewReader(b))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer func() { _ = resp.Body.Close() }()
			var env struct {
				Code int
				Data struct{ Handle string }
			}
			if err := json.NewDecoder(resp.Body).Decode(&env); err != nil || env.Code != 0 {
				t.Errorf("create: %v %+v", err, env)
				return
			}
			handles[i] = env.Data.Handle
			_ = s.Counts()
			_ = s.Requests()
			_, _ = s.Openprovider.Customer(env.Data.Handle)
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, h := range handles {
		if h == "" || seen[h] {
			t.Errorf("missing or duplicate handle %q", h)
		}
		seen[h] = true
	}
	if got := len(s.Openprovider.Customers()); got != n {
		t.Errorf("%d customers", got)
	}
	if got := s.Count("POST /openprovider/v1beta/customers"); got != n {
		t.Errorf("count %d", got)
	}
}

func login(t *testing.T, url, user, pass string) string {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"username": user, "password": pass, "ip": "0.0.0.0"})
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, url+"/auth/login", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var env struct {
		Code int
		Data struct{ Token string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil || env.Code != 0 {
		t.Fatalf("login: %v %+v", err, env)
	}
	return env.Data.Token
}

func TestStartClose(t *testing.T) {
	s := New(Options{})
	root, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(root, "http://127.0.0.1:") {
		t.Errorf("root = %q", root)
	}
	if _, err := s.Start("127.0.0.1:0"); err == nil {
		t.Error("second Start succeeded")
	}
	login(t, OpenproviderBaseURL(root), "sandbox", "sandbox-password")
	if err := s.Close(); err != nil {
		t.Error(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, root+"/", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		_ = resp.Body.Close()
		t.Error("still serving after Close")
	}
}

func TestStartRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:0", "example.com:80", "127.0.0.1"} {
		if _, err := New(Options{}).Start(addr); err == nil {
			t.Errorf("Start(%q) succeeded", addr)
		}
	}
}

func TestOpenproviderBaseURL(t *testing.T) {
	for _, root := range []string{"http://127.0.0.1:1234", "http://127.0.0.1:1234/"} {
		if got := OpenproviderBaseURL(root); got != "http://127.0.0.1:1234/openprovider/v1beta" {
			t.Errorf("OpenproviderBaseURL(%q) = %q", root, got)
		}
	}
}
