package httpclient

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestDoRetriesIdempotentOnRetryableStatus(t *testing.T) {
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		for _, status := range []int{429, 502, 503, 504} {
			t.Run(method+"_"+http.StatusText(status), func(t *testing.T) {
				srv, hits := scriptedServer(t, status, status, http.StatusOK)
				c, rec := newTestClient(Config{})
				resp := mustDo(t, c, &Request{Method: method, URL: srv.URL + "/x", Body: []byte(`{}`)})
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("status = %d, want 200", resp.StatusCode)
				}
				if got := hits.Load(); got != 3 {
					t.Fatalf("server hits = %d, want 3", got)
				}
				if got := len(rec.recorded()); got != 2 {
					t.Fatalf("waits = %d, want 2", got)
				}
				if string(resp.Body) != `{"attempt":3}` {
					t.Fatalf("body = %q, want the last answer's", resp.Body)
				}
			})
		}
	}
}

func TestDoReturnsLastAnswerWhenRetriesExhausted(t *testing.T) {
	srv, hits := scriptedServer(t, http.StatusServiceUnavailable)
	c, rec := newTestClient(Config{MaxRetries: new(2)})
	resp := mustDo(t, c, &Request{Method: http.MethodGet, URL: srv.URL})
	if resp.StatusCode != http.StatusServiceUnavailable || string(resp.Body) != `{"attempt":3}` {
		t.Fatalf("got %d %q, want the third 503", resp.StatusCode, resp.Body)
	}
	if hits.Load() != 3 || len(rec.recorded()) != 2 {
		t.Fatalf("hits = %d, waits = %d, want 3 and 2", hits.Load(), len(rec.recorded()))
	}
}

func TestDoDefaultAndDisabledRetries(t *testing.T) {
	srv, hits := scriptedServer(t, http.StatusBadGateway)
	c, rec := newTestClient(Config{Budget: time.Minute})
	resp := mustDo(t, c, &Request{Method: http.MethodGet, URL: srv.URL})
	var slept time.Duration
	for _, d := range rec.recorded() {
		slept += d
	}
	// Backoff doubles to 30s, so a minute holds more than 4 retries but never 30s more.
	if got := hits.Load(); got < 6 || slept > time.Minute || slept < 30*time.Second || resp.GaveUp == nil {
		t.Fatalf("default: hits = %d after waiting %s, gave up: %v; want retries until the next wait passes a minute", got, slept, resp.GaveUp)
	}

	hits.Store(0)
	c, rec = newTestClient(Config{MaxRetries: new(0)})
	mustDo(t, c, &Request{Method: http.MethodGet, URL: srv.URL})
	if hits.Load() != 1 || len(rec.recorded()) != 0 {
		t.Fatalf("MaxRetries<0: hits = %d, waits = %d, want 1 and 0", hits.Load(), len(rec.recorded()))
	}
}

func TestDoDoesNotRetry500(t *testing.T) {
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		srv, hits := scriptedServer(t, http.StatusInternalServerError, http.StatusOK)
		c, rec := newTestClient(Config{})
		resp := mustDo(t, c, &Request{Method: method, URL: srv.URL})
		if resp.StatusCode != http.StatusInternalServerError || hits.Load() != 1 || len(rec.recorded()) != 0 {
			t.Fatalf("%s: status %d, hits %d, waits %d; want 500 once", method, resp.StatusCode, hits.Load(), len(rec.recorded()))
		}
	}
}

func TestDoPOSTNotRetriedOnGatewayErrors(t *testing.T) {
	for _, status := range []int{502, 503, 504} {
		srv, hits := scriptedServer(t, status, http.StatusOK)
		c, _ := newTestClient(Config{})
		resp := mustDo(t, c, &Request{Method: http.MethodPost, URL: srv.URL, Body: []byte(`{"a":1}`)})
		if resp.StatusCode != status || hits.Load() != 1 {
			t.Fatalf("POST %d: got status %d after %d hits; want no retry", status, resp.StatusCode, hits.Load())
		}
	}
}

func TestDoPOSTRetriedOn429(t *testing.T) {
	var bodies []string
	var mu sync.Mutex
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		if hits.Add(1) == 1 {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	c, _ := newTestClient(Config{})
	resp := mustDo(t, c, &Request{Method: http.MethodPost, URL: srv.URL, Body: []byte(`{"name":"x"}`)})
	if resp.StatusCode != http.StatusCreated || hits.Load() != 2 {
		t.Fatalf("got %d after %d hits, want 201 after 2", resp.StatusCode, hits.Load())
	}
	// The body must be re-sent intact, not consumed by the first attempt.
	if bodies[0] != `{"name":"x"}` || bodies[1] != bodies[0] {
		t.Fatalf("bodies = %q", bodies)
	}
}

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

func TestDoPOSTRetriedWhenConnectionRefused(t *testing.T) {
	addr := freeAddr(t)
	var srv *httptest.Server
	defer func() {
		if srv != nil {
			srv.Close()
		}
	}()
	c, _ := newTestClient(Config{
		// The server comes up during the first wait, as after a restart.
		Sleep: func(ctx context.Context, d time.Duration) error {
			if srv == nil {
				ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
				if err != nil {
					return err
				}
				srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.WriteHeader(http.StatusCreated)
				}))
				_ = srv.Listener.Close()
				srv.Listener = ln
				srv.Start()
			}
			return nil
		},
	})
	resp := mustDo(t, c, &Request{Method: http.MethodPost, URL: "http://" + addr + "/customers", Body: []byte(`{}`)})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status = %d, want 201", resp.StatusCode)
	}
}

func TestDoPOSTConnectionRefusedExhausted(t *testing.T) {
	addr := freeAddr(t)
	c, rec := newTestClient(Config{MaxRetries: new(2)})
	_, err := c.Do(context.Background(), &Request{
		Operation: "create customer", Method: http.MethodPost,
		URL: "http://" + addr + "/customers?secret=1", Body: []byte(`{}`),
	})
	var te *TransportError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v (%T), want *TransportError", err, err)
	}
	if te.Attempts != 3 || te.Sent || len(rec.recorded()) != 2 {
		t.Fatalf("attempts %d, sent %v, waits %d; want 3, false, 2", te.Attempts, te.Sent, len(rec.recorded()))
	}
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Fatalf("err does not wrap the dial error: %v", err)
	}
	waits := rec.recorded()
	want := "create customer: POST http://" + addr + "/customers: no response: dial tcp " + addr + ": connect: connection refused; " +
		"gave up after 3 attempts in " + (waits[0] + waits[1]).Round(100*time.Millisecond).String() +
		": testsvc.max_retries allows 2 retries; to allow more, raise it, or remove it to retry until the resource's timeouts"
	if msg := err.Error(); msg != want {
		t.Fatalf("Error() = %q, want %q (no query, no 'may have been processed')", msg, want)
	}
}

// dropAfterRead reads the whole request, then kills the connection without answering.
func dropAfterRead(hits *atomic.Int32) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = io.ReadAll(r.Body)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		_ = conn.Close()
	}
}

func TestDoPOSTNotRetriedWhenDroppedAfterSend(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(dropAfterRead(&hits))
	defer srv.Close()
	c, rec := newTestClient(Config{})
	_, err := c.Do(context.Background(), &Request{Operation: "create customer", Method: http.MethodPost, URL: srv.URL + "/customers", Body: []byte(`{"a":1}`)})
	var te *TransportError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want *TransportError", err)
	}
	if !te.Sent || te.Attempts != 1 || hits.Load() != 1 || len(rec.recorded()) != 0 {
		t.Fatalf("sent %v, attempts %d, hits %d, waits %d; want true, 1, 1, 0", te.Sent, te.Attempts, hits.Load(), len(rec.recorded()))
	}
	if !strings.HasSuffix(err.Error(), "; the request may have been processed") {
		t.Fatalf("Error() = %q, want the may-have-been-processed warning", err)
	}
}

func TestDoGETRetriedWhenDroppedAfterSend(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(dropAfterRead(&hits))
	defer srv.Close()
	c, _ := newTestClient(Config{MaxRetries: new(1)})
	_, err := c.Do(context.Background(), &Request{Method: http.MethodGet, URL: srv.URL})
	var te *TransportError
	if !errors.As(err, &te) || !te.Sent || te.Attempts != 2 || hits.Load() != 2 {
		t.Fatalf("err = %v, hits = %d; want a sent TransportError after 2 attempts", err, hits.Load())
	}
	if strings.Contains(err.Error(), "may have been processed") {
		t.Fatalf("Error() = %q: the warning is for POST only", err)
	}
}

func TestDoHonoursRetryAfter(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		retryAfter func() string
		min, max   time.Duration
	}{
		{"seconds on 429", 429, func() string { return "3" }, 3 * time.Second, 3 * time.Second},
		{"seconds on 503", 503, func() string { return "7" }, 7 * time.Second, 7 * time.Second},
		{"zero seconds", 429, func() string { return "0" }, 0, 0},
		{"seconds capped", 429, func() string { return "3600" }, 10 * time.Second, 10 * time.Second},
		{"date", 503, func() string { return time.Now().Add(6 * time.Second).UTC().Format(http.TimeFormat) }, 4 * time.Second, 6 * time.Second},
		{"date capped", 429, func() string { return time.Now().Add(time.Hour).UTC().Format(http.TimeFormat) }, 10 * time.Second, 10 * time.Second},
		{"date in the past", 429, func() string { return time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat) }, 0, 0},
		{"garbage falls back to backoff", 429, func() string { return "soon" }, 50 * time.Millisecond, 100 * time.Millisecond},
		{"ignored on 502", 502, func() string { return "5" }, 50 * time.Millisecond, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if hits.Add(1) == 1 {
					w.Header().Set("Retry-After", tt.retryAfter())
					w.WriteHeader(tt.status)
					return
				}
				w.WriteHeader(http.StatusOK)
			}))
			defer srv.Close()
			c, rec := newTestClient(Config{MinBackoff: 100 * time.Millisecond, MaxBackoff: 10 * time.Second})
			mustDo(t, c, &Request{Method: http.MethodGet, URL: srv.URL})
			waits := rec.recorded()
			if len(waits) != 1 || waits[0] < tt.min || waits[0] > tt.max {
				t.Fatalf("waits = %v, want one in [%v, %v]", waits, tt.min, tt.max)
			}
		})
	}
}

func TestDoBackoffGrowsAndCaps(t *testing.T) {
	srv, _ := scriptedServer(t, http.StatusServiceUnavailable)
	c, rec := newTestClient(Config{MaxRetries: new(6), MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second})
	mustDo(t, c, &Request{Method: http.MethodGet, URL: srv.URL})
	ceilings := []time.Duration{100, 200, 400, 800, 1000, 1000}
	waits := rec.recorded()
	if len(waits) != len(ceilings) {
		t.Fatalf("waits = %v, want %d", waits, len(ceilings))
	}
	for i, w := range waits {
		d := ceilings[i] * time.Millisecond
		if w < d/2 || w > d {
			t.Errorf("wait %d = %v, want in [%v, %v]", i, w, d/2, d)
		}
	}
}

func TestBackoffBounds(t *testing.T) {
	c := New(Config{UserAgent: "ua", MinBackoff: 250 * time.Millisecond, MaxBackoff: 30 * time.Second})
	for n := range 12 {
		d := min(30*time.Second, 250*time.Millisecond<<n)
		lo, hi := d, time.Duration(0)
		for range 500 {
			w := c.backoff(n)
			lo, hi = min(lo, w), max(hi, w)
		}
		if lo < d/2 || hi > d {
			t.Fatalf("n=%d: waits in [%v, %v], want within [%v, %v]", n, lo, hi, d/2, d)
		}
		// Jitter must actually spread the waits.
		if hi-lo < d/4 {
			t.Fatalf("n=%d: waits in [%v, %v] are not jittered", n, lo, hi)
		}
	}
	// Huge attempt numbers must not overflow.
	if w := c.backoff(1000); w < 15*time.Second || w > 30*time.Second {
		t.Fatalf("backoff(1000) = %v", w)
	}
}

func TestDoStopsWhenContextCancelledDuringAttempt(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)

	c, rec := newTestClient(Config{})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Do(ctx, &Request{Method: http.MethodGet, URL: srv.URL})
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Fatalf("Do took %v after cancel", elapsed)
	}
	var te *TransportError
	if !errors.As(err, &te) || !errors.Is(err, context.Canceled) || te.Attempts != 1 || len(rec.recorded()) != 0 {
		t.Fatalf("err = %v, waits = %d; want TransportError wrapping context.Canceled, no retry", err, len(rec.recorded()))
	}
}

func TestDoStopsWhenContextCancelledDuringWait(t *testing.T) {
	// The real sleep with a wait far longer than the test, cancelled while
	// waiting: only ctx can end it.
	cancelWhileWaiting := func(cancel context.CancelFunc) Config {
		return Config{
			UserAgent:  "ua",
			Budget:     2 * time.Hour,
			MinBackoff: time.Hour,
			MaxBackoff: time.Hour,
			Sleep: func(ctx context.Context, d time.Duration) error {
				time.AfterFunc(5*time.Millisecond, cancel)
				return sleep(ctx, d)
			},
		}
	}

	t.Run("after an answer returns it", func(t *testing.T) {
		srv, hits := scriptedServer(t, http.StatusServiceUnavailable)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		start := time.Now()
		resp, err := New(cancelWhileWaiting(cancel)).Do(ctx, &Request{Method: http.MethodGet, URL: srv.URL})
		if err != nil || resp.StatusCode != http.StatusServiceUnavailable || hits.Load() != 1 {
			t.Fatalf("got %v, %v after %d hits; want the 503 and nil error", resp, err, hits.Load())
		}
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Fatalf("Do took %v", elapsed)
		}
	})

	t.Run("after a transport failure returns TransportError", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, err := New(cancelWhileWaiting(cancel)).Do(ctx, &Request{Method: http.MethodGet, URL: "http://" + freeAddr(t)})
		var te *TransportError
		if !errors.As(err, &te) || !errors.Is(err, context.Canceled) || te.Attempts != 1 {
			t.Fatalf("err = %v, want TransportError wrapping context.Canceled after 1 attempt", err)
		}
	})
}

func TestDoPerAttemptTimeout(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		if hits.Add(1) == 1 {
			select {
			case <-r.Context().Done(): // client gave up on this attempt
			case <-time.After(5 * time.Second):
			}
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()

	c, _ := newTestClient(Config{Timeout: 100 * time.Millisecond})
	resp := mustDo(t, c, &Request{Method: http.MethodGet, URL: srv.URL})
	if resp.StatusCode != http.StatusOK || hits.Load() != 2 {
		t.Fatalf("GET: status %d after %d hits, want 200 after a timed-out attempt", resp.StatusCode, hits.Load())
	}

	// A POST that timed out after being written may have been processed.
	hits.Store(0)
	_, err := c.Do(context.Background(), &Request{Method: http.MethodPost, URL: srv.URL, Body: []byte(`{}`)})
	var te *TransportError
	if !errors.As(err, &te) || !te.Sent || te.Attempts != 1 || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("POST: err = %v, want a sent TransportError wrapping DeadlineExceeded after 1 attempt", err)
	}
}

func TestDoSetsHeaders(t *testing.T) {
	var got http.Header
	var gotLen int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, gotLen = r.Header.Clone(), r.ContentLength
	}))
	defer srv.Close()

	c, _ := newTestClient(Config{UserAgent: "terraform-provider-customers/1.2.3"})
	caller := http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {"k"}, "User-Agent": {"other"}}
	mustDo(t, c, &Request{Method: http.MethodPut, URL: srv.URL, Header: caller, Body: []byte(`{"a":1}`)})
	if ua := got.Get("User-Agent"); ua != "terraform-provider-customers/1.2.3" {
		t.Errorf("User-Agent = %q, want the configured one", ua)
	}
	if got.Get("Content-Type") != "application/json" || got.Get("X-Api-Key") != "k" {
		t.Errorf("caller headers missing: %v", got)
	}
	if gotLen != 7 {
		t.Errorf("Content-Length = %d, want 7", gotLen)
	}
	if caller.Get("User-Agent") != "other" {
		t.Errorf("caller's header map was modified")
	}
}

func TestDoRejectsMalformedRequestWithoutSending(t *testing.T) {
	c, rec := newTestClient(Config{})
	for _, u := range []string{"/relative/path", "ftp://example.com/x", "http://%zz"} {
		_, err := c.Do(context.Background(), &Request{Operation: "read customer", Method: http.MethodGet, URL: u})
		var te *TransportError
		if !errors.As(err, &te) || te.Attempts != 0 || te.Sent {
			t.Fatalf("%q: err = %v, want a TransportError with 0 attempts", u, err)
		}
		if !strings.Contains(err.Error(), "invalid request") {
			t.Fatalf("%q: Error() = %q", u, err)
		}
	}
	if len(rec.recorded()) != 0 {
		t.Fatalf("malformed requests were retried")
	}
}

func TestDoReusesConnections(t *testing.T) {
	var newConns atomic.Int32
	var hits atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Every third answer is a retryable error with a body, which must
		// still be drained so the connection survives.
		if hits.Add(1)%3 == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_, _ = w.Write([]byte(strings.Repeat("x", 8<<10)))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			newConns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	c, _ := newTestClient(Config{}) // default shared transport
	for range 10 {
		mustDo(t, c, &Request{Method: http.MethodGet, URL: srv.URL})
		mustDo(t, c, &Request{Method: http.MethodPost, URL: srv.URL, Body: []byte(`{}`)})
	}
	if got := newConns.Load(); got != 1 {
		t.Fatalf("new connections = %d over %d requests, want 1", got, hits.Load())
	}
}

func TestClientIsSafeForConcurrentUse(t *testing.T) {
	srv, _ := scriptedServer(t, http.StatusTooManyRequests, http.StatusOK)
	c, _ := newTestClient(Config{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			c.AddSecret("secret-" + strings.Repeat("x", i))
			if _, err := c.Do(context.Background(), &Request{Method: http.MethodGet, URL: srv.URL}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

func TestNewRequiresUserAgent(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("New without UserAgent did not panic")
		}
	}()
	New(Config{})
}

// TestRateLimitSpacesRequests: with a rate limit, requests (retries included) are spread evenly.
func TestRateLimitSpacesRequests(t *testing.T) {
	var mu sync.Mutex
	var arrivals []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		arrivals = append(arrivals, time.Now())
		mu.Unlock()
	}))
	defer srv.Close()
	c := New(Config{UserAgent: "test", RateLimit: 50})
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Do(t.Context(), &Request{Method: http.MethodGet, URL: srv.URL}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	sort.Slice(arrivals, func(i, j int) bool { return arrivals[i].Before(arrivals[j]) })
	// 10 requests at 50 per second take at least 9 intervals of 20 ms.
	if span := arrivals[len(arrivals)-1].Sub(arrivals[0]); span < 170*time.Millisecond {
		t.Fatalf("10 requests at 50/s arrived within %v, want at least ~180ms", span)
	}
}

// TestRateLimitWaitHonoursContext: a caller that gives up while waiting for its turn returns at once.
func TestRateLimitWaitHonoursContext(t *testing.T) {
	c := New(Config{UserAgent: "test", RateLimit: 0.001})
	c.limiter.Allow() // use up the only token
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err := c.Do(ctx, &Request{Method: http.MethodGet, URL: "http://127.0.0.1:1/never"})
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 0 {
		t.Fatalf("err = %v, want a TransportError with no attempt", err)
	}
}

// TestTransientAnswers: a 500 the vendor marks as server trouble is retried on idempotent
// requests only; other 500s are never retried.
func TestTransientAnswers(t *testing.T) {
	for _, tc := range []struct {
		method, body string
		wantHits     int32
	}{
		{http.MethodGet, "crash", 3},
		{http.MethodPut, "crash", 3},
		{http.MethodPost, "crash", 1},
		{http.MethodGet, `{"code":193}`, 1},
	} {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			hits.Add(1)
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = io.WriteString(w, tc.body)
		}))
		c := New(Config{UserAgent: "test", MaxRetries: new(2), Sleep: func(context.Context, time.Duration) error { return nil },
			Transient: func(r *Response) bool { return string(r.Body) == "crash" }})
		resp := mustDo(t, c, &Request{Method: tc.method, URL: srv.URL})
		srv.Close()
		if resp.StatusCode != http.StatusInternalServerError || hits.Load() != tc.wantHits {
			t.Errorf("%s %s: status %d after %d attempts, want 500 after %d", tc.method, tc.body, resp.StatusCode, hits.Load(), tc.wantHits)
		}
	}
}

// TestRepeatablePostIsRetried: a POST marked repeatable (a login) is sent again after its answer
// was lost; an ordinary POST is not.
func TestRepeatablePostIsRetried(t *testing.T) {
	for _, repeatable := range []bool{true, false} {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			if hits.Add(1) == 1 {
				conn, _, _ := w.(http.Hijacker).Hijack()
				_ = conn.Close()
				return
			}
			_, _ = io.WriteString(w, "ok")
		}))
		c := New(Config{UserAgent: "test", Sleep: func(context.Context, time.Duration) error { return nil }})
		_, err := c.Do(t.Context(), &Request{Method: http.MethodPost, URL: srv.URL, Body: []byte("{}"), Repeatable: repeatable})
		srv.Close()
		if repeatable && (err != nil || hits.Load() != 2) {
			t.Errorf("repeatable POST: err %v after %d attempts, want success after 2", err, hits.Load())
		}
		if !repeatable && (err == nil || hits.Load() != 1) {
			t.Errorf("ordinary POST: err %v after %d attempts, want an error after 1", err, hits.Load())
		}
	}
}
