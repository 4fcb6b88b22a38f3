package httpclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// retryAfterServer answers every request with status and Retry-After: seconds, so that the waits,
// and with them the attempts that fit a time limit, are exact.
func retryAfterServer(t *testing.T, status int, seconds string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", seconds)
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// The case: a read under faults retries until another wait and attempt would pass the operation's
// deadline, however many attempts that takes, and the final error says how to allow more.
func TestDoRetriesUntilTheDeadline(t *testing.T) {
	srv, hits := retryAfterServer(t, http.StatusServiceUnavailable, "10")
	c, rec := newTestClient(Config{})
	ctx, cancel := context.WithDeadline(context.Background(), rec.now().Add(time.Minute))
	defer cancel()
	resp, err := c.Do(ctx, &Request{Operation: "read customer", Method: http.MethodGet, URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	// Attempts at 0s, 10s, ... 50s; after the one at 50s, a wait and a second for the attempt
	// would end after the deadline.
	if hits.Load() != 6 || len(rec.recorded()) != 5 {
		t.Fatalf("hits = %d, waits = %d, want 6 and 5", hits.Load(), len(rec.recorded()))
	}
	apiErr := resp.Explain(&APIError{Service: "testsvc", Operation: "read customer", StatusCode: resp.StatusCode, Message: "Service Unavailable"})
	want := `testsvc: read customer failed: HTTP 503: Service Unavailable; gave up after 6 attempts in 50s: another wait and attempt would ` +
		`pass the operation's time limit; to allow more, raise the resource's timeouts, such as timeouts = { read = "15m" }`
	if got := apiErr.Error(); got != want {
		t.Fatalf("error =\n%s\nwant\n%s", got, want)
	}
}

// A request without a deadline (a data source's read) retries within Config.Budget.
func TestDoRetriesWithinTheBudgetWithoutDeadline(t *testing.T) {
	srv, hits := retryAfterServer(t, http.StatusTooManyRequests, "10")
	c, _ := newTestClient(Config{Budget: 31 * time.Second})
	resp := mustDo(t, c, &Request{Method: http.MethodGet, URL: srv.URL})
	if hits.Load() != 4 || resp.GaveUp == nil {
		t.Fatalf("hits = %d, gave up: %v; want 4 attempts (0s, 10s, 20s, 30s)", hits.Load(), resp.GaveUp)
	}
	want := "gave up after 4 attempts in 30s: another wait and attempt would pass the 31s a request may take without a timeouts " +
		"setting (in a data source, say); try again later"
	if got := resp.GaveUp.String(); got != want {
		t.Fatalf("GaveUp =\n%s\nwant\n%s", got, want)
	}
}

// A configured max_retries still caps the retries, and says so.
func TestDoRetriesCappedByMaxRetries(t *testing.T) {
	srv, hits := retryAfterServer(t, http.StatusTooManyRequests, "1")
	c, _ := newTestClient(Config{Service: "openprovider", MaxRetries: new(2)})
	resp := mustDo(t, c, &Request{Method: http.MethodPost, URL: srv.URL, Body: []byte(`{}`)})
	if hits.Load() != 3 {
		t.Fatalf("hits = %d, want 3", hits.Load())
	}
	err := resp.Explain(&APIError{Service: "openprovider", Operation: "create customer", StatusCode: resp.StatusCode})
	want := "openprovider: create customer failed: HTTP 429; gave up after 3 attempts in 2s: openprovider.max_retries allows 2 " +
		"retries; to allow more, raise it, or remove it to retry until the resource's timeouts"
	if got := err.Error(); got != want {
		t.Fatalf("error =\n%s\nwant\n%s", got, want)
	}
}

// A first wait that would already pass the deadline is not begun.
func TestDoGivesUpWhenTheFirstWaitPassesTheDeadline(t *testing.T) {
	srv, hits := retryAfterServer(t, http.StatusServiceUnavailable, "20")
	c, rec := newTestClient(Config{})
	ctx, cancel := context.WithDeadline(context.Background(), rec.now().Add(10*time.Second))
	defer cancel()
	resp, err := c.Do(ctx, &Request{Method: http.MethodGet, URL: srv.URL})
	if err != nil || hits.Load() != 1 || len(rec.recorded()) != 0 || resp.GaveUp == nil || resp.GaveUp.Attempts != 1 {
		t.Fatalf("err %v, hits %d, waits %d, gave up %+v; want one attempt, no wait", err, hits.Load(), len(rec.recorded()), resp.GaveUp)
	}
	if got, want := resp.GaveUp.String(), `gave up after 1 attempt in 0s: another wait and attempt would pass the operation's time limit; `+
		`to allow more, raise the resource's timeouts, such as timeouts = { read = "15m" }`; got != want {
		t.Fatalf("GaveUp =\n%s\nwant\n%s", got, want)
	}
}

// Answers that are not worth retrying, or retries switched off, leave nothing to explain.
func TestDoGaveUpOnlyWhenRetriesStopped(t *testing.T) {
	srv, _ := scriptedServer(t, http.StatusBadGateway)
	c, _ := newTestClient(Config{})
	if resp := mustDo(t, c, &Request{Method: http.MethodPost, URL: srv.URL, Body: []byte(`{}`)}); resp.GaveUp != nil {
		t.Errorf("a POST's 502 is not retried, yet GaveUp = %+v", resp.GaveUp)
	}
	c, _ = newTestClient(Config{MaxRetries: new(0)})
	resp := mustDo(t, c, &Request{Method: http.MethodGet, URL: srv.URL})
	if resp.GaveUp != nil {
		t.Errorf("without retries GaveUp = %+v", resp.GaveUp)
	}
	plain := &APIError{Service: "s", Operation: "op", StatusCode: 502}
	if err := resp.Explain(plain); err.Error() != "s: op failed: HTTP 502" {
		t.Errorf("Explain changed %q", err)
	}
	other := errors.New("not an API error")
	resp.GaveUp = &GaveUp{Attempts: 2}
	if err := resp.Explain(other); !errors.Is(err, other) || err.Error() != other.Error() {
		t.Errorf("Explain(%v) = %v", other, err)
	}
}

// How often a whole create may be sent again: the cap when one is set, else DefaultResends.
func TestResends(t *testing.T) {
	for _, tc := range []struct {
		cap  *int
		want int
	}{{nil, DefaultResends}, {new(0), 0}, {new(3), 3}} {
		if got := New(Config{UserAgent: "ua", MaxRetries: tc.cap}).Resends(); got != tc.want {
			t.Errorf("Resends with Config.MaxRetries %v = %d, want %d", tc.cap, got, tc.want)
		}
	}
}
