package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// serveOnce sends req through ServeHTTP in process. dropped reports a
// request dropped after processing: ServeHTTP then panics with
// http.ErrAbortHandler, as a ResponseRecorder cannot be hijacked.
func serveOnce(s *Server, req *http.Request) (rec *httptest.ResponseRecorder, dropped bool) {
	rec = httptest.NewRecorder()
	defer func() {
		if v := recover(); v != nil {
			err, ok := v.(error)
			if !ok || !errors.Is(err, http.ErrAbortHandler) {
				panic(v)
			}
			dropped = true
		}
	}()
	s.ServeHTTP(rec, req)
	return rec, false
}

// outcome is "drop" or the status of the answer to req.
func outcome(s *Server, req *http.Request) string {
	rec, dropped := serveOnce(s, req)
	if dropped {
		return faultDrop
	}
	return strconv.Itoa(rec.Code)
}

func ecListRequest() *http.Request {
	req := httptest.NewRequest(http.MethodGet, ecBasePath+"/customers", nil)
	req.Header = ecHeaders(false)
	return req
}

func ecCreateRequest() *http.Request {
	b, _ := json.Marshal(ecCreateDoc(ecValid()))
	req := httptest.NewRequest(http.MethodPost, ecBasePath+"/customers", bytes.NewReader(b))
	req.Header = ecHeaders(true)
	return req
}

func kycPutRequest(id string) *http.Request {
	b, _ := json.Marshal(kycMinimal())
	req := httptest.NewRequest(http.MethodPut, kycBase+"/customers/"+id, bytes.NewReader(b))
	req.Header = http.Header{"X-Api-Key": {kycKey}, "Content-Type": {"application/json"}}
	return req
}

func mustSetFaults(t *testing.T, s *Server, service string, f Faults) {
	t.Helper()
	if err := s.SetFaults(service, f); err != nil {
		t.Fatal(err)
	}
}

func TestFaultShares(t *testing.T) {
	f := Faults{ServerErrors: 0.3, TooManyRequests: 0.2, DropAfterProcessing: 0.1}
	run := func(seed uint64) (*Server, []string) {
		s := New(Options{FaultSeed: seed})
		mustSetFaults(t, s, ServiceEcurring, f)
		out := make([]string, 1000)
		for i := range out {
			out[i] = outcome(s, ecListRequest())
		}
		return s, out
	}
	s, got := run(40)
	tally := map[string]int{}
	for _, o := range got {
		tally[o]++
	}
	want := map[string]float64{"200": 0.4, "500": 0.1, "502": 0.1, "503": 0.1, "429": 0.2, "drop": 0.1}
	for kind, share := range want {
		if d := math.Abs(float64(tally[kind])/1000 - share); d > 0.04 {
			t.Errorf("%s: %d of 1000, want %.0f ± 40", kind, tally[kind], share*1000)
		}
	}
	if len(tally) != len(want) {
		t.Errorf("outcomes %v", tally)
	}
	st := s.Stats(ServiceEcurring)
	delete(tally, "200")
	if st.Requests != 1000 || !reflect.DeepEqual(st.Faulted, tally) {
		t.Errorf("Stats = %+v, want 1000 requests and Faulted %v", st, tally)
	}
	// Existing counters count faulted requests too.
	if n := s.Count(http.MethodGet + " " + ecBasePath + "/customers"); n != 1000 {
		t.Errorf("Count = %d", n)
	}
	if other := s.Stats(ServiceOpenprovider); other.Requests != 0 || len(other.Faulted) != 0 || other.Faulted == nil {
		t.Errorf("openprovider stats %+v", other)
	}

	// The seed decides the sequence.
	if _, again := run(40); !slices.Equal(again, got) {
		t.Error("the same seed gave another sequence")
	}
	if _, other := run(41); slices.Equal(other, got) {
		t.Error("another seed gave the same sequence")
	}
}

func TestFaultAnswers(t *testing.T) {
	opLogin := func() *http.Request {
		req := httptest.NewRequest(http.MethodPost, base+"/auth/login", strings.NewReader(`{"username":"sandbox","password":"sandbox-password","ip":"0.0.0.0"}`))
		req.Header.Set("Content-Type", "application/json")
		return req
	}
	kycList := func() *http.Request {
		req := httptest.NewRequest(http.MethodGet, kycBase+"/customers", nil)
		req.Header.Set("X-Api-Key", "wrong key: faults come before authentication")
		return req
	}
	type check func(t *testing.T, status int, hdr http.Header, body []byte)
	jsonDoc := func(t *testing.T, hdr http.Header, body []byte, ct string) map[string]any {
		t.Helper()
		if got := hdr.Get("Content-Type"); got != ct {
			t.Errorf("Content-Type %q, want %q", got, ct)
		}
		var doc map[string]any
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatalf("%q: %v", body, err)
		}
		return doc
	}
	opCheck := func(t *testing.T, status int, hdr http.Header, body []byte) {
		t.Helper()
		switch status {
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable:
			// A crashed backend or a gateway: never Openprovider's envelope, which carries verdicts.
			want := fmt.Sprintf("<html><body>%d %s</body></html>\n", status, http.StatusText(status))
			if hdr.Get("Content-Type") != "text/html" || string(body) != want {
				t.Errorf("%d: %q %q", status, hdr.Get("Content-Type"), body)
			}
			return
		}
		doc := jsonDoc(t, hdr, body, "application/json")
		wantDesc := map[int]string{429: "Too many requests"}[status]
		// Openprovider's errors carry code and desc only.
		if _, hasData := doc["data"]; doc["code"] != 1.0 || doc["desc"] != wantDesc || hasData {
			t.Errorf("%d: %s", status, body)
		}
	}
	wantDetail := map[int]string{429: "rate limited", 500: "internal error", 502: "bad gateway", 503: "service unavailable"}
	ecCheck := func(t *testing.T, status int, hdr http.Header, body []byte) {
		t.Helper()
		doc := jsonDoc(t, hdr, body, "application/vnd.api+json")
		errs, _ := doc["errors"].([]any)
		if len(errs) != 1 {
			t.Fatalf("%d: %s", status, body)
		}
		e := obj(errs[0])
		if e["status"] != strconv.Itoa(status) || e["title"] != http.StatusText(status) || e["detail"] != wantDetail[status] {
			t.Errorf("%d: %s", status, body)
		}
	}
	kycCheck := func(t *testing.T, status int, hdr http.Header, body []byte) {
		t.Helper()
		doc := jsonDoc(t, hdr, body, "application/json")
		if doc["Type"] != "Unexpected" || doc["Action"] != "GetCustomers" || doc["Detail"] != wantDetail[status] || doc["Instance"] == "" {
			t.Errorf("%d: %s", status, body)
		}
	}
	for _, tc := range []struct {
		service string
		req     func() *http.Request
		check   check
	}{
		{ServiceOpenprovider, opLogin, opCheck},
		{ServiceEcurring, ecListRequest, ecCheck},
		{ServiceKYC, kycList, kycCheck},
	} {
		t.Run(tc.service, func(t *testing.T) {
			s := New(Options{FaultSeed: 1})
			mustSetFaults(t, s, tc.service, Faults{ServerErrors: 1})
			seen := map[int]bool{}
			for i := 0; i < 100 && len(seen) < 3; i++ {
				rec, _ := serveOnce(s, tc.req())
				seen[rec.Code] = true
				tc.check(t, rec.Code, rec.Header(), rec.Body.Bytes())
			}
			if len(seen) != 3 || !seen[500] || !seen[502] || !seen[503] {
				t.Errorf("statuses %v", seen)
			}
			mustSetFaults(t, s, tc.service, Faults{TooManyRequests: 1, RetryAfter: 2500 * time.Millisecond})
			rec, _ := serveOnce(s, tc.req())
			if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "3" {
				t.Errorf("429: %d Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
			}
			tc.check(t, rec.Code, rec.Header(), rec.Body.Bytes())
			if st := s.Stats(tc.service); st.Requests != countOf(st.Faulted) || st.Faulted["429"] != 1 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func countOf(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func TestFaultsComeBeforeTheEmulator(t *testing.T) {
	s := New(Options{FaultSeed: 3})
	for _, svc := range serviceNames {
		mustSetFaults(t, s, svc, Faults{ServerErrors: 0.5, TooManyRequests: 0.5})
	}
	faulted := []string{"500", "502", "503", "429"}
	for i := range 20 {
		if o := outcome(s, kycPutRequest(fmt.Sprint("c", i))); !slices.Contains(faulted, o) {
			t.Fatalf("PUT answered %s", o)
		}
		if o := outcome(s, ecCreateRequest()); !slices.Contains(faulted, o) {
			t.Fatalf("POST answered %s", o)
		}
	}
	if s.KYC.CustomerCount() != 0 || s.Ecurring.CustomerCount() != 0 {
		t.Error("a faulted request reached the emulator")
	}
	// Paths outside every service are never faulted nor part of any stats.
	if o := outcome(s, httptest.NewRequest(http.MethodGet, "/nowhere", nil)); o != "404" {
		t.Errorf("/nowhere: %s", o)
	}
	total := 0
	for _, svc := range serviceNames {
		total += s.Stats(svc).Requests
	}
	if total != 40 || s.TotalRequests() != 41 {
		t.Errorf("stats count %d, counters %d", total, s.TotalRequests())
	}
}

func TestFaultRetryAfterRounding(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "1", 300 * time.Millisecond: "1", time.Second: "1", 1001 * time.Millisecond: "2", 90 * time.Second: "90"} {
		s := New(Options{})
		mustSetFaults(t, s, ServiceEcurring, Faults{TooManyRequests: 1, RetryAfter: d})
		rec, _ := serveOnce(s, ecListRequest())
		if got := rec.Header().Get("Retry-After"); rec.Code != http.StatusTooManyRequests || got != want {
			t.Errorf("RetryAfter %v: %d %q, want %q", d, rec.Code, got, want)
		}
	}
}

// TestKYCActions keeps kycAction in step with the actions the handlers
// report.
func TestKYCActions(t *testing.T) {
	s := New(Options{})
	m := &s.mounts[2]
	if m.svc.name != ServiceKYC {
		t.Fatal("mount order changed")
	}
	for i := range m.routes {
		rt := &m.routes[i]
		req := httptest.NewRequest(rt.method, strings.ReplaceAll(rt.template, "{id}", "c1"), nil)
		rec, _ := serveOnce(s, req) // no API key: 401 naming the action
		var doc map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &doc)
		if got := kycAction(rt); doc["Action"] != got || got == "Unknown" {
			t.Errorf("%s %s: handler says %v, kycAction %q", rt.method, rt.template, doc["Action"], got)
		}
	}
	if kycAction(nil) != "Unknown" {
		t.Error("kycAction(nil)")
	}
}

func TestDropAfterProcessing(t *testing.T) {
	s := New(Options{FaultSeed: 1})
	root, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	url := OpenproviderBaseURL(root)
	token := login(t, url, "sandbox", "sandbox-password")
	mustSetFaults(t, s, ServiceOpenprovider, Faults{DropAfterProcessing: 1})

	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	b, _ := json.Marshal(validCustomer())
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, url+"/customers", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err == nil {
		_ = resp.Body.Close()
		t.Fatalf("got an answer: %d", resp.StatusCode)
	}
	if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("error %v, want EOF or connection reset", err)
	}
	if got := s.Openprovider.Customers(); len(got) != 1 {
		t.Errorf("customers %v: the dropped POST was not processed", got)
	}
	if st := s.Stats(ServiceOpenprovider); st.Faulted[faultDrop] != 1 || st.Requests != 2 {
		t.Errorf("stats %+v", st)
	}

	// In process, ServeHTTP runs the emulator and then aborts the handler.
	mustSetFaults(t, s, ServiceEcurring, Faults{DropAfterProcessing: 1})
	if o := outcome(s, ecCreateRequest()); o != faultDrop || s.Ecurring.CustomerCount() != 1 {
		t.Errorf("in process: %s, %d customers", o, s.Ecurring.CustomerCount())
	}
}

func TestLatency(t *testing.T) {
	const lat = 30 * time.Millisecond
	s := New(Options{FaultSeed: 1})
	timed := func(req *http.Request) (string, time.Duration) {
		start := time.Now()
		o := outcome(s, req)
		return o, time.Since(start)
	}
	mustSetFaults(t, s, ServiceKYC, Faults{Latency: lat})
	if o, d := timed(kycPutRequest("c1")); o != "201" || d < lat {
		t.Errorf("plain request: %s after %v", o, d)
	}
	mustSetFaults(t, s, ServiceKYC, Faults{Latency: lat, ServerErrors: 1})
	if o, d := timed(kycPutRequest("c2")); !strings.HasPrefix(o, "5") || d < lat {
		t.Errorf("faulted request: %s after %v", o, d)
	}
	mustSetFaults(t, s, ServiceKYC, Faults{Latency: lat, RateLimit: 1, RateWindow: time.Hour})
	timed(kycPutRequest("c3"))
	if o, d := timed(kycPutRequest("c4")); o != "429" || d < lat {
		t.Errorf("rate-limited request: %s after %v", o, d)
	}

	// A client that gives up during the latency does not stop the request.
	mustSetFaults(t, s, ServiceKYC, Faults{Latency: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if o, d := timed(kycPutRequest("c5").WithContext(ctx)); o != "201" || d > 5*time.Second {
		t.Errorf("cancelled request: %s after %v", o, d)
	}
	if got := s.KYC.Customers(); !slices.Equal(got, []string{"c1", "c3", "c5"}) {
		t.Errorf("customers %v", got)
	}
}

func TestRateLimit(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	s := New(Options{Now: c.Now})
	mustSetFaults(t, s, ServiceEcurring, Faults{RateLimit: 10, RateWindow: 10 * time.Second})
	burst := func(n int) (served int, retry map[string]int) {
		retry = map[string]int{}
		for range n {
			rec, _ := serveOnce(s, ecListRequest())
			switch rec.Code {
			case http.StatusOK:
				served++
			case http.StatusTooManyRequests:
				retry[rec.Header().Get("Retry-After")]++
			default:
				t.Fatalf("status %d", rec.Code)
			}
		}
		return served, retry
	}
	if served, retry := burst(60); served != 10 || !reflect.DeepEqual(retry, map[string]int{"10": 50}) {
		t.Errorf("burst: %d served, Retry-After %v", served, retry)
	}
	st := s.Stats(ServiceEcurring)
	if st.Faulted[faultRateLimited] != 50 || st.PeakPerWindow != 60 || st.PeakPerSecond != 60 || st.Requests != 60 {
		t.Errorf("stats %+v", st)
	}
	c.Add(4 * time.Second)
	if served, retry := burst(1); served != 0 || retry["6"] != 1 {
		t.Errorf("after 4s: %d served, Retry-After %v", served, retry)
	}
	c.Add(1500 * time.Millisecond) // 5.5s after the burst: 4.5s to go, rounded up
	if served, retry := burst(1); served != 0 || retry["5"] != 1 {
		t.Errorf("after 5.5s: %d served, Retry-After %v", served, retry)
	}
	// The window slides: at 10s the burst's 10 leave it; 5 more at 15s
	// leave room for 5 at 20s, the next slot freeing 5s later.
	c.Add(4500 * time.Millisecond)
	if served, _ := burst(5); served != 5 {
		t.Errorf("after 10s: %d served", served)
	}
	c.Add(5 * time.Second)
	if served, _ := burst(5); served != 5 {
		t.Errorf("after 15s: %d served", served)
	}
	c.Add(5 * time.Second)
	if served, retry := burst(6); served != 5 || retry["5"] != 1 {
		t.Errorf("after 20s: %d served, Retry-After %v", served, retry)
	}

	// Switching the limit off serves everything and zeroes PeakPerWindow;
	// switching it on again starts a fresh window.
	mustSetFaults(t, s, ServiceEcurring, Faults{})
	if served, _ := burst(20); served != 20 || s.Stats(ServiceEcurring).PeakPerWindow != 0 {
		t.Errorf("limit off: %d served, %+v", served, s.Stats(ServiceEcurring))
	}
	mustSetFaults(t, s, ServiceEcurring, Faults{RateLimit: 3})
	if served, retry := burst(4); served != 3 || retry["1"] != 1 || s.Stats(ServiceEcurring).PeakPerWindow != 4 {
		t.Errorf("limit on again: %d served, Retry-After %v, %+v", served, retry, s.Stats(ServiceEcurring))
	}
	// Raising the limit keeps the window's record.
	mustSetFaults(t, s, ServiceEcurring, Faults{RateLimit: 5})
	if served, _ := burst(3); served != 2 {
		t.Errorf("raised limit: %d served", served)
	}
}

func TestPeakPerSecond(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	s := New(Options{Now: c.Now})
	mustSetFaults(t, s, ServiceOpenprovider, Faults{RateLimit: 1000, RateWindow: 2 * time.Second})
	at := func(offsets ...time.Duration) {
		start := c.Now()
		for _, off := range offsets {
			c.mu.Lock()
			c.t = start.Add(off)
			c.mu.Unlock()
			serveOnce(s, httptest.NewRequest(http.MethodGet, base+"/nowhere", nil))
		}
	}
	ms := time.Millisecond
	// (0, 1s] holds 4 arrivals, (50ms, 1.05s] and (100ms, 1.1s] hold 5, any
	// later second 3; of the 2s windows, (50ms, 2.05s] holds the most, 8.
	at(0, 100*ms, 500*ms, 900*ms, 1000*ms, 1050*ms, 1100*ms, 2000*ms, 2050*ms, 2100*ms)
	st := s.Stats(ServiceOpenprovider)
	if st.PeakPerSecond != 5 || st.PeakPerWindow != 8 || st.Requests != 10 {
		t.Errorf("stats %+v, want PeakPerSecond 5, PeakPerWindow 8", st)
	}
	// Arrivals exactly one second apart never share a window.
	s.ResetCounts()
	if st := s.Stats(ServiceOpenprovider); st.PeakPerSecond != 0 || st.PeakPerWindow != 0 || st.Requests != 0 {
		t.Errorf("after ResetCounts: %+v", st)
	}
	at(10*time.Second, 11*time.Second, 12*time.Second, 13*time.Second)
	if st := s.Stats(ServiceOpenprovider); st.PeakPerSecond != 1 || st.PeakPerWindow != 2 {
		t.Errorf("one per second: %+v", st)
	}
	// A clock set back counts as simultaneous with the latest arrival.
	at(-time.Hour, -time.Hour)
	if st := s.Stats(ServiceOpenprovider); st.PeakPerSecond != 3 || st.PeakPerWindow != 4 {
		t.Errorf("clock set back: %+v", st)
	}
	if st := s.Stats(ServiceEcurring); st.PeakPerSecond != 0 {
		t.Errorf("ecurring: %+v", st)
	}
}

func TestSetFaults(t *testing.T) {
	s := New(Options{})
	f := Faults{ServerErrors: 0.2, TooManyRequests: 0.3, RetryAfter: 2 * time.Second, DropAfterProcessing: 0.5, Latency: time.Millisecond, RateLimit: 5, RateWindow: time.Minute}
	mustSetFaults(t, s, ServiceKYC, f)
	if got := s.Faults(ServiceKYC); got != f {
		t.Errorf("Faults = %+v", got)
	}
	if s.Faults(ServiceEcurring) != (Faults{}) || s.Faults("nope") != (Faults{}) {
		t.Error("other services have faults")
	}
	if st := s.Stats("nope"); st.Requests != 0 || st.Faulted == nil {
		t.Errorf("Stats(nope) = %+v", st)
	}
	for _, bad := range []Faults{
		{ServerErrors: -0.1},
		{TooManyRequests: 1.5},
		{DropAfterProcessing: math.NaN()},
		{ServerErrors: 0.5, TooManyRequests: 0.3, DropAfterProcessing: 0.3},
		{Latency: -time.Second},
		{RetryAfter: -time.Second},
		{RateWindow: -time.Second},
		{RateLimit: -1},
	} {
		if err := s.SetFaults(ServiceKYC, bad); err == nil {
			t.Errorf("SetFaults(%+v) succeeded", bad)
		}
	}
	if s.Faults(ServiceKYC) != f {
		t.Error("a refused SetFaults changed the faults")
	}
	if err := s.SetFaults("noah", Faults{}); err == nil || !strings.Contains(err.Error(), `"noah"`) {
		t.Errorf("unknown service: %v", err)
	}
	mustSetFaults(t, s, ServiceKYC, Faults{ServerErrors: 0.1, TooManyRequests: 0.2, DropAfterProcessing: 0.7}) // adds up to 1 in floating point
}

func TestFaultsJSON(t *testing.T) {
	f := Faults{ServerErrors: 0.2, TooManyRequests: 0.1, RetryAfter: 2 * time.Second, DropAfterProcessing: 0.05, Latency: 20 * time.Millisecond, RateLimit: 50, RateWindow: 100 * time.Second}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"ServerErrors":0.2,"TooManyRequests":0.1,"RetryAfter":"2s","DropAfterProcessing":0.05,"Latency":"20ms","RateLimit":50,"RateWindow":"1m40s"}`
	if string(b) != want {
		t.Errorf("Marshal = %s", b)
	}
	var back Faults
	if err := json.Unmarshal(b, &back); err != nil || back != f {
		t.Errorf("round trip: %+v %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"latency":"5ms","serverErrors":1}`), &back); err != nil || back != (Faults{Latency: 5 * time.Millisecond, ServerErrors: 1}) {
		t.Errorf("case-insensitive names, absent fields zero: %+v %v", back, err)
	}
	for _, bad := range []string{`{"Latency":20}`, `{"Latency":"20"}`, `{"server_errors":0.1}`, `[]`, `{"RateLimit":"5"}`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// adminDo sends an admin request and returns status and body.
func adminDo(t *testing.T, method, url, body string) (int, http.Header, []byte) {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func TestAdminAPI(t *testing.T) {
	s := New(Options{})
	root, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	token := login(t, OpenproviderBaseURL(root), "sandbox", "sandbox-password")
	e := &env{t: t, s: s, token: token}
	e.create(validCustomer())
	e.do(http.MethodGet, base+"/customers", nil)

	status, _, body := adminDo(t, http.MethodPut, root+"/_sandbox/faults/ecurring", `{"ServerErrors":0.25,"Latency":"20ms","RateLimit":50,"RateWindow":"100s"}`)
	if status != http.StatusNoContent || len(body) != 0 {
		t.Fatalf("PUT: %d %s", status, body)
	}
	want := Faults{ServerErrors: 0.25, Latency: 20 * time.Millisecond, RateLimit: 50, RateWindow: 100 * time.Second}
	if got := s.Faults(ServiceEcurring); got != want {
		t.Errorf("Faults = %+v", got)
	}
	status, hdr, body := adminDo(t, http.MethodGet, root+"/_sandbox/faults/ecurring", "")
	var got Faults
	if err := json.Unmarshal(body, &got); status != http.StatusOK || err != nil || got != want || hdr.Get("Content-Type") != "application/json" {
		t.Errorf("GET: %d %s %v", status, body, err)
	}
	status, _, body = adminDo(t, http.MethodGet, root+"/_sandbox/faults", "")
	var all map[string]Faults
	if err := json.Unmarshal(body, &all); status != http.StatusOK || err != nil || len(all) != 3 || all[ServiceEcurring] != want {
		t.Errorf("GET all: %d %s %v", status, body, err)
	}

	for _, tc := range []struct {
		method, path, body string
		status             int
	}{
		{http.MethodPut, "/_sandbox/faults/ecurring", `{"ServerErrors":2}`, http.StatusBadRequest},
		{http.MethodPut, "/_sandbox/faults/ecurring", `{"Latency":20}`, http.StatusBadRequest},
		{http.MethodPut, "/_sandbox/faults/ecurring", `{"latency_ms":20}`, http.StatusBadRequest},
		{http.MethodPut, "/_sandbox/faults/ecurring", `not json`, http.StatusBadRequest},
		{http.MethodPut, "/_sandbox/faults/ecurring", `{"Latency":"` + strings.Repeat("1", maxAdminBody) + `"}`, http.StatusRequestEntityTooLarge},
		{http.MethodPut, "/_sandbox/faults/noah", `{}`, http.StatusNotFound},
		{http.MethodPost, "/_sandbox/faults/ecurring", `{}`, http.StatusMethodNotAllowed},
		{http.MethodDelete, "/_sandbox/stats", "", http.StatusMethodNotAllowed},
		{http.MethodGet, "/_sandbox/reset", "", http.StatusMethodNotAllowed},
		{http.MethodGet, "/_sandbox/", "", http.StatusNotFound},
		{http.MethodGet, "/_sandbox", "", http.StatusNotFound},
	} {
		status, hdr, body := adminDo(t, tc.method, root+tc.path, tc.body)
		var doc map[string]string
		if err := json.Unmarshal(body, &doc); status != tc.status || err != nil || doc["error"] == "" {
			t.Errorf("%s %s: %d %s", tc.method, tc.path, status, body)
		}
		if status == http.StatusMethodNotAllowed && hdr.Get("Allow") == "" {
			t.Errorf("%s %s: no Allow", tc.method, tc.path)
		}
	}
	if got := s.Faults(ServiceEcurring); got != want {
		t.Errorf("a refused PUT changed the faults: %+v", got)
	}

	status, _, body = adminDo(t, http.MethodGet, root+"/_sandbox/stats", "")
	var stats map[string]struct {
		ServiceStats
		Counts    map[string]int `json:"counts"`
		Customers int            `json:"customers"`
	}
	if err := json.Unmarshal(body, &stats); status != http.StatusOK || err != nil || len(stats) != 3 {
		t.Fatalf("stats: %d %s %v", status, body, err)
	}
	op := stats[ServiceOpenprovider]
	wantCounts := map[string]int{
		"POST " + base + "/auth/login": 1,
		"POST " + base + "/customers":  1,
		"GET " + base + "/customers":   1,
	}
	if op.Requests != 3 || op.Customers != 1 || !reflect.DeepEqual(op.Counts, wantCounts) || op.PeakPerSecond < 1 || op.Faulted == nil {
		t.Errorf("openprovider stats: %s", body)
	}
	if ec := stats[ServiceEcurring]; ec.Requests != 0 || ec.Customers != 0 || len(ec.Counts) != 0 {
		t.Errorf("ecurring stats: %s", body)
	}
	for _, key := range []string{`"Requests"`, `"Faulted"`, `"PeakPerSecond"`, `"PeakPerWindow"`, `"counts"`, `"customers"`} {
		if !bytes.Contains(body, []byte(key)) {
			t.Errorf("stats lack %s: %s", key, body)
		}
	}
	// Admin requests are not service traffic.
	if s.TotalRequests() != 3 || len(s.Requests()) != 3 {
		t.Errorf("admin requests counted: %d, %d recorded", s.TotalRequests(), len(s.Requests()))
	}

	if status, _, body := adminDo(t, http.MethodPost, root+"/_sandbox/reset", ""); status != http.StatusNoContent || len(body) != 0 {
		t.Errorf("reset: %d %s", status, body)
	}
	if s.TotalRequests() != 0 || s.Stats(ServiceOpenprovider).Requests != 0 || len(s.Openprovider.Customers()) != 1 || s.Faults(ServiceEcurring) != want {
		t.Errorf("after reset: %d requests, %+v, %d customers", s.TotalRequests(), s.Stats(ServiceOpenprovider), len(s.Openprovider.Customers()))
	}
}

func TestFaultSpecs(t *testing.T) {
	good := []struct {
		args []string
		want map[string]Faults
	}{
		{[]string{"openprovider=5xx:0.2,429:0.1,drop:0.05,latency:20ms,rate:50/100s", "ecurring=latency:20ms"}, map[string]Faults{
			ServiceOpenprovider: {ServerErrors: 0.2, TooManyRequests: 0.1, DropAfterProcessing: 0.05, Latency: 20 * time.Millisecond, RateLimit: 50, RateWindow: 100 * time.Second},
			ServiceEcurring:     {Latency: 20 * time.Millisecond},
		}},
		{[]string{"all=latency:20ms"}, map[string]Faults{
			ServiceOpenprovider: {Latency: 20 * time.Millisecond},
			ServiceEcurring:     {Latency: 20 * time.Millisecond},
			ServiceKYC:          {Latency: 20 * time.Millisecond},
		}},
		{[]string{"all=latency:20ms,kyc=429:1,retry-after:3s", "kyc=latency:1s", "ecurring=none,rate:7", "openprovider=rate:2/m"}, map[string]Faults{
			ServiceOpenprovider: {Latency: 20 * time.Millisecond, RateLimit: 2, RateWindow: time.Minute},
			ServiceEcurring:     {RateLimit: 7},
			ServiceKYC:          {Latency: time.Second, TooManyRequests: 1, RetryAfter: 3 * time.Second},
		}},
	}
	for _, tc := range good {
		fs := faultSpecs{}
		for _, a := range tc.args {
			if err := fs.Set(a); err != nil {
				t.Fatalf("%q: %v", a, err)
			}
		}
		if err := fs.validate(); err != nil {
			t.Errorf("%q: %v", tc.args, err)
		}
		got := map[string]Faults{}
		for k, v := range fs {
			got[k] = *v
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.args, got, tc.want)
		}
		// String writes what Set reads back.
		again := faultSpecs{}
		if err := again.Set(fs.String()); err != nil || !reflect.DeepEqual(again, fs) {
			t.Errorf("String %q does not round-trip: %v", fs.String(), err)
		}
	}

	for _, tc := range []struct{ spec, bad string }{
		{"5xx:0.1", `"5xx:0.1"`},
		{"openprovider=5xx:2", `"2"`},
		{"openprovider=5xx:NaN", `"NaN"`},
		{"openprovider=5xx:-0.1", `"-0.1"`},
		{"openprovider=timeout:1s", `"timeout"`},
		{"openprovider=latency:20", `"20"`},
		{"openprovider=latency:-1s", `"-1s"`},
		{"openprovider=latency", `"latency"`},
		{"openprovider=latency:", `"latency:"`},
		{"openprovider=rate:0/1s", `"0/1s"`},
		{"openprovider=rate:5/0s", `"0s"`},
		{"openprovider=rate:5/x", `"x"`},
		{"openprovider=rate:x", `"x"`},
		{"noah=latency:1ms", `"noah"`},
		{" kyc = 5xx:1 ", `"kyc "`},
		{"kyc=5xx:1,,429:0", `""`},
	} {
		err := faultSpecs{}.Set(tc.spec)
		if err == nil || !strings.Contains(err.Error(), tc.bad) {
			t.Errorf("%q: error %v, want one naming %s", tc.spec, err, tc.bad)
		}
	}
	fs := faultSpecs{}
	for _, a := range []string{"openprovider=5xx:0.7", "openprovider=429:0.4"} {
		if err := fs.Set(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := fs.validate(); err == nil || !strings.Contains(err.Error(), "openprovider=5xx:0.7,429:0.4") {
		t.Errorf("shares over 1: %v", err)
	}
	if formatFaults(Faults{}) != "none" {
		t.Error("formatFaults of no faults")
	}
}

func TestCommandFaults(t *testing.T) {
	lines := startCommand(t, "-listen", "127.0.0.1:0", "-kyc-unsigned",
		"-faults", "openprovider=5xx:1", "-faults", "all=latency:1ms,kyc=none", "-fault-seed", "42")
	n := len(lines)
	if n != 12 || lines[n-5] != "# faults openprovider=5xx:1,latency:1ms" || lines[n-4] != "# faults ecurring=latency:1ms" ||
		lines[n-3] != "# faults kyc=none" || lines[n-2] != "# fault seed 42 (repeat with -fault-seed 42)" {
		t.Fatalf("output:\n%s", strings.Join(lines, "\n"))
	}
	env := parseExports(t, lines)
	root := strings.TrimSuffix(env["ECURRING_BASE_URL"], "/ecurring")
	status, _, body := adminDo(t, http.MethodGet, root+"/_sandbox/faults/ecurring", "")
	if status != http.StatusOK || !bytes.Contains(body, []byte(`"Latency": "1ms"`)) {
		t.Errorf("ecurring faults: %d %s", status, body)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, env["OPENPROVIDER_BASE_URL"]+"/auth/login", strings.NewReader("{}"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode < 500 {
		t.Errorf("login under 5xx:1 answered %d", resp.StatusCode)
	}

	// Without -fault-seed a seed is picked and printed.
	lines = startCommand(t, "-listen", "127.0.0.1:0", "-kyc-unsigned", "-faults", "kyc=drop:0.5")
	if n := len(lines); n != 10 || !strings.HasPrefix(lines[n-2], "# fault seed ") {
		t.Errorf("output:\n%s", strings.Join(lines, "\n"))
	}

	for _, args := range [][]string{
		{"-faults", "openprovider=5xx:2"},
		{"-faults", "5xx:0.1"},
		{"-faults", "openprovider=5xx:0.7", "-faults", "openprovider=429:0.5"},
		{"-faults", "openprovider="},
		{"-fault-seed", "x"},
		{"-fault-seed", "-1"},
	} {
		var out strings.Builder
		if err := run(context.Background(), args, &out, io.Discard); err == nil || out.Len() != 0 {
			t.Errorf("%q: error %v, output %q", args, err, out.String())
		}
	}
}

// TestFaultsConcurrent runs faulted traffic while the faults change and the
// statistics are read, for the race detector, and checks that no customer
// is lost or duplicated: the customers are exactly the requests that were
// processed, answered or dropped.
func TestFaultsConcurrent(t *testing.T) {
	s := New(Options{FaultSeed: 99})
	ts := httptest.NewServer(s)
	defer ts.Close()
	f := Faults{ServerErrors: 0.2, TooManyRequests: 0.1, DropAfterProcessing: 0.1, Latency: time.Millisecond}
	mustSetFaults(t, s, ServiceEcurring, f)

	const workers, perWorker = 8, 25
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range perWorker {
				b, _ := json.Marshal(ecCreateDoc(ecValid()))
				req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, ts.URL+ecBasePath+"/customers", bytes.NewReader(b))
				req.Header = ecHeaders(true)
				kind := faultDrop
				if resp, err := http.DefaultClient.Do(req); err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					_ = resp.Body.Close()
					kind = strconv.Itoa(resp.StatusCode)
				}
				mu.Lock()
				seen[kind]++
				mu.Unlock()
			}
		})
	}
	done := make(chan struct{})
	var readers sync.WaitGroup
	readers.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			g := f
			g.Latency = time.Duration(i%2) * time.Millisecond
			_ = s.SetFaults(ServiceEcurring, g)
			_ = s.Stats(ServiceEcurring)
			_ = s.Faults(ServiceEcurring)
			_ = s.Counts()
			if err := getStats(t.Context(), ts.URL); err != nil {
				t.Error(err)
				return
			}
		}
	})
	wg.Wait()
	close(done)
	readers.Wait()

	st := s.Stats(ServiceEcurring)
	if st.Requests != workers*perWorker || countOf(seen) != workers*perWorker {
		t.Errorf("%d requests, %d outcomes", st.Requests, countOf(seen))
	}
	faulted := maps.Clone(seen)
	delete(faulted, "201")
	if !reflect.DeepEqual(st.Faulted, faulted) {
		t.Errorf("Faulted %v, clients saw %v", st.Faulted, seen)
	}
	if got, want := s.Ecurring.CustomerCount(), seen["201"]+seen[faultDrop]; got != want {
		t.Errorf("%d customers, want %d (created %d, dropped %d)", got, want, seen["201"], seen[faultDrop])
	}

	// A burst against a rate limit serves exactly the limit, however the
	// requests interleave.
	mustSetFaults(t, s, ServiceEcurring, Faults{RateLimit: 10, RateWindow: time.Minute})
	statuses := make([]int, 60)
	for i := range statuses {
		wg.Go(func() {
			req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, ts.URL+ecBasePath+"/customers", nil)
			req.Header = ecHeaders(false)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			statuses[i] = resp.StatusCode
			if resp.StatusCode == http.StatusTooManyRequests {
				if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 60 {
					t.Errorf("Retry-After %q", resp.Header.Get("Retry-After"))
				}
			}
		})
	}
	readers.Go(func() {
		for range 20 {
			s.ResetCounts()
			_ = s.Stats(ServiceEcurring)
		}
	})
	wg.Wait()
	readers.Wait()
	served := 0
	for _, st := range statuses {
		if st == http.StatusOK {
			served++
		}
	}
	if served != 10 {
		t.Errorf("%d served under a limit of 10: %v", served, statuses)
	}
}

// getStats reads GET /_sandbox/stats; it may run outside the test goroutine.
func getStats(ctx context.Context, root string) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, root+"/_sandbox/stats", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	var stats map[string]json.RawMessage
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil || resp.StatusCode != http.StatusOK || len(stats) != 3 {
		return fmt.Errorf("stats: %d: %w", resp.StatusCode, err)
	}
	return nil
}
