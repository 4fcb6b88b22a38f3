package security

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

// endlessLimit bounds what a hostile server writes, so that a client that keeps reading ends the
// test rather than hanging it: far more than MaxBodyBytes.
const endlessLimit = 1 << 30

// hostile answers 200 and then writes zeros (gzip-compressed when gzipped) until the client hangs
// up or endlessLimit is reached; wire counts the bytes it put on the connection.
func hostile(t *testing.T, gzipped, declareLength bool, wire *atomic.Int64) string {
	t.Helper()
	srv := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.api+json")
		if declareLength {
			w.Header().Set("Content-Length", strconv.Itoa(endlessLimit))
		}
		var out io.Writer = countingWriter{w, wire}
		if gzipped {
			w.Header().Set("Content-Encoding", "gzip")
			zw, _ := gzip.NewWriterLevel(out, gzip.BestCompression)
			defer func() { _ = zw.Close() }()
			out = zw
		}
		chunk := make([]byte, 64<<10)
		for written := 0; written < endlessLimit; written += len(chunk) {
			if _, err := out.Write(chunk); err != nil || r.Context().Err() != nil {
				return
			}
		}
	}), false)
	return srv.URL
}

type countingWriter struct {
	w io.Writer
	n *atomic.Int64
}

func (c countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// peakHeap samples HeapInuse until stop is closed and returns the highest value seen above the
// value at the start.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base, peak := m.HeapInuse, m.HeapInuse
	go func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				out <- peak - base
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// An endless body, an endless gzip bomb and an answer that declares a size beyond the limit all
// fail at once, without retries, holding at most about MaxBodyBytes.
func TestHostileBodiesFailFastWithBoundedMemory(t *testing.T) {
	cases := []struct {
		name             string
		gzipped, declare bool
	}{
		{"endless", false, false},
		{"gzip bomb", true, false},
		{"declared too long", false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var wire atomic.Int64
			base := hostile(t, tc.gzipped, tc.declare, &wire) + "/ecurring"
			c, err := ecurringapi.New(ecurringapi.Settings{BaseURL: base, APIKey: ecurringKey, HTTP: httpclient.Config{UserAgent: "security-test", MaxRetries: new(3)}})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()

			stop := make(chan struct{})
			peak := peakHeap(stop)
			start := time.Now()
			_, err = c.GetCustomer(ctx, "1")
			took := time.Since(start)
			close(stop)
			grew := <-peak

			want := "ecurring: read customer 1: GET " + base + "/customers/1: HTTP 200 answer larger than 16 MiB, more than any answer of this API, " +
				"not read further; check that ecurring.base_url (or ECURRING_BASE_URL) is the service's address"
			if err == nil || err.Error() != want {
				t.Errorf("error\n got: %v\nwant: %s", err, want)
			}
			if !httpclient.OutcomeUnknown(err) {
				t.Error("an answer too large to read leaves the outcome unknown: a create that got it must look before sending again")
			}
			t.Logf("failed after %v; heap in use grew by at most %.1f MiB; %d KiB on the wire", took, float64(grew)/(1<<20), wire.Load()>>10)
			if took > 5*time.Second {
				t.Errorf("took %v to fail", took)
			}
			if grew > 40<<20 {
				t.Errorf("heap in use grew by %d MiB", grew>>20)
			}
		})
	}
}
