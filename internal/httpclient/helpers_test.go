package httpclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// sleepRecorder replaces real waiting: it records each requested wait, moves
// its clock on by it, and only fails when ctx is already done, like the default
// would.
type sleepRecorder struct {
	mu    sync.Mutex
	start time.Time
	waits []time.Duration
	slept time.Duration
}

func (r *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	r.waits = append(r.waits, d)
	r.slept += d
	r.mu.Unlock()
	return ctx.Err()
}

// now is the time the recorder was made plus the waits recorded, so that
// retries bounded by time end without anyone waiting, at predictable times.
func (r *sleepRecorder) now() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.start.Add(r.slept)
}

func (r *sleepRecorder) recorded() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Duration(nil), r.waits...)
}

// newTestClient returns a client whose waits are recorded, not slept.
func newTestClient(cfg Config) (*Client, *sleepRecorder) {
	rec := &sleepRecorder{start: time.Now()}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-customers/test"
	}
	if cfg.Service == "" {
		cfg.Service = "testsvc"
	}
	if cfg.Sleep == nil {
		cfg.Sleep = rec.sleep
	}
	if cfg.Now == nil {
		cfg.Now = rec.now
	}
	return New(cfg), rec
}

// scriptedServer answers the i-th request with statuses[i] (the last status
// repeats) and a small JSON body, and counts requests.
func scriptedServer(t *testing.T, statuses ...int) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(hits.Add(1)) - 1
		status := statuses[min(i, len(statuses)-1)]
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"attempt":` + strconv.Itoa(i+1) + `}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func mustDo(t *testing.T, c *Client, req *Request) *Response {
	t.Helper()
	resp, err := c.Do(context.Background(), req)
	if err != nil {
		t.Fatalf("Do: unexpected error: %v", err)
	}
	return resp
}
