// Package sandbox emulates the vendor APIs the provider talks to, in memory and
// behind one http.Handler, so acceptance tests, demos and local experiments run
// without vendor accounts. Each vendor lives under its own path prefix; the
// server counts and records every request so tests can assert on traffic.
package sandbox

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Options configures a Server. Zero values select the documented defaults.
type Options struct {
	OpenproviderUsername string        // default "sandbox"
	OpenproviderPassword string        // default "sandbox-password"
	OpenproviderTokenTTL time.Duration // default 48h, as the real API
	EcurringAPIKey       string        // default "sandbox-ecurring-key"
	KYCAPIKey            string        // NOAH X-Api-Key; default "apikey_sandbox_local"
	// KYCPublicKey verifies NOAH's Api-Signature (ES256 on P-256, ES384 on
	// P-384). nil: requests need no signature, like a NOAH sandbox API key
	// created without a signing key; set: every request must carry a valid one.
	KYCPublicKey *ecdsa.PublicKey
	// KYCClaimsOnly checks every Api-Signature's header and claims but not
	// its ECDSA signature. Verifying ES384 costs about 0.6 ms of CPU per
	// request, work that NOAH's servers do, not the user's machine: load
	// tests that run the sandbox next to Terraform (make bench) set it so
	// that the emulator does not take CPU from what they measure.
	KYCClaimsOnly bool
	// Now is the clock of the emulators, of the request log and of the
	// rate measurements (arrival times, rate limits); injected latency is
	// always real time. Default time.Now.
	Now func() time.Time
	// FaultSeed seeds the random source that decides which requests get a
	// fault (see SetFaults), so that a run can be repeated; 0 picks a random
	// seed.
	FaultSeed uint64
	// Behaviour picks the variant each emulator plays where the vendor's behaviour is unknown;
	// the zero value is the register's default.
	Behaviour Behaviour
}

// RecordedRequest is one request as the server received it.
type RecordedRequest struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
	At                     time.Time
}

const (
	openproviderPrefix = "/openprovider/v1beta"
	// maxRecorded bounds the request log so long demos do not grow without limit.
	maxRecorded = 10000
	// maxBodyBytes caps what is read from a request; larger bodies are rejected
	// by the emulators as invalid (see readBody).
	maxBodyBytes = 1 << 20
)

// route is one endpoint. template is the full path with {name} placeholders for
// single segments; it is also the key requests are counted under.
type route struct {
	method   string
	template string
	handler  http.HandlerFunc
}

// mount is one vendor emulator: its routes, how it reports an unknown
// endpoint and an injected fault in its own error format, and its faults and
// statistics.
type mount struct {
	prefix   string
	routes   []route
	notFound http.HandlerFunc
	// fault answers with status (500, 502, 503 or 429) for a request of rt
	// (nil for an unknown endpoint) before the emulator sees it.
	fault func(w http.ResponseWriter, rt *route, status int)
	svc   *service
	// escapedSegments matches templates against the escaped path, so that
	// "%2F" inside a segment does not split it; path values are unescaped.
	escapedSegments bool
}

// Server is the sandbox: every emulator behind one handler, plus request
// counters and a bounded request log shared by all of them.
type Server struct {
	Openprovider *Openprovider
	Ecurring     *Ecurring
	KYC          *KYC

	now    func() time.Time
	epoch  time.Time // arrival times are kept as offsets from this
	mounts []mount

	// fmu guards rng and every mount's svc.
	fmu sync.Mutex
	rng *rand.Rand

	mu       sync.Mutex
	counts   map[string]int
	recorded []RecordedRequest // ring buffer once full
	next     int               // ring position of the oldest entry once full
	httpSrv  *http.Server
}

// New builds a sandbox server; it serves nothing until Start or ServeHTTP.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	seed := opts.FaultSeed
	if seed == 0 {
		seed = rand.Uint64() //nolint:gosec // G404: fault injection needs repeatability, not secrecy
	}
	s := &Server{
		Openprovider: newOpenprovider(opts),
		Ecurring:     newEcurring(opts),
		KYC:          newKYC(opts),
		now:          opts.Now,
		epoch:        opts.Now(),
		rng:          rand.New(rand.NewPCG(seed, seed)), //nolint:gosec // G404: as above
		counts:       map[string]int{},
	}
	s.mounts = append(s.mounts, mount{
		prefix:   openproviderPrefix,
		routes:   s.Openprovider.routes(openproviderPrefix),
		notFound: s.Openprovider.notFound,
		fault:    s.Openprovider.fault,
		svc:      newService(ServiceOpenprovider),
	}, mount{
		prefix:   ecurringPrefix,
		routes:   s.Ecurring.routes(ecurringPrefix),
		notFound: s.Ecurring.notFound,
		fault:    s.Ecurring.fault,
		svc:      newService(ServiceEcurring),
	}, mount{
		prefix:   kycMountPrefix,
		routes:   s.KYC.routes(kycPrefix),
		notFound: s.KYC.notFound,
		fault:    s.KYC.fault,
		svc:      newService(ServiceKYC),
		// NOAH's CustomerID is any string: "a%2Fb" is the id "a/b".
		escapedSegments: true,
	})
	return s
}

// OpenproviderBaseURL returns the value OPENPROVIDER_BASE_URL should have for
// a sandbox served at root.
func OpenproviderBaseURL(root string) string {
	return strings.TrimRight(root, "/") + openproviderPrefix
}

// EcurringBaseURL returns the value ECURRING_BASE_URL should have for a
// sandbox served at root.
func EcurringBaseURL(root string) string {
	return strings.TrimRight(root, "/") + ecurringPrefix
}

// KYCBaseURL returns the value KYC_BASE_URL should have for a sandbox served
// at root: the NOAH Business API emulator.
func KYCBaseURL(root string) string {
	return strings.TrimRight(root, "/") + kycPrefix
}

// ServeHTTP records and counts the request, applies the faults of its
// service (see SetFaults), then dispatches it. Requests under /_sandbox/ go
// to the admin API instead and are neither counted nor recorded.
//
// A request that is to be dropped after processing needs a ResponseWriter
// that can be hijacked (HTTP/1.x); with any other, such as an
// httptest.ResponseRecorder, ServeHTTP panics with http.ErrAbortHandler after
// the emulator handled the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == adminPrefix || strings.HasPrefix(r.URL.Path, adminPrefix+"/") {
		s.serveAdmin(w, r)
		return
	}
	at := s.now()
	body := readBody(r)
	rt, m := s.match(r)
	key := r.Method + " unknown"
	if rt != nil {
		key = r.Method + " " + rt.template
	}
	s.note(key, RecordedRequest{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
		Body:     body,
		At:       at,
	})
	if m == nil {
		dispatch(w, r, rt, m)
		return
	}
	d := s.decide(m.svc, at)
	if d.latency > 0 {
		// A client that gives up meanwhile does not stop the request: it
		// has arrived, and is processed as a real server would.
		pause(r.Context(), d.latency)
	}
	switch d.kind {
	case "":
		dispatch(w, r, rt, m)
	case faultDrop:
		dispatch(&discardWriter{}, r, rt, m)
		dropConnection(w)
	default:
		serveFault(w, m, rt, d)
	}
}

// dispatch hands the request to its route, its mount's notFound or the
// sandbox's own 404.
func dispatch(w http.ResponseWriter, r *http.Request, rt *route, m *mount) {
	switch {
	case rt != nil:
		rt.handler(w, r)
	case m != nil:
		m.notFound(w, r)
	default:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		//nolint:gosec // G705: a JSON string (%q) in an application/json answer, not HTML
		_, _ = fmt.Fprintf(w, "{\"error\":%q}\n", "no such endpoint: "+r.Method+" "+r.URL.Path)
	}
}

// readBody reads at most maxBodyBytes+1 bytes and puts them back as the body,
// so the request can be both recorded and decoded. A body longer than
// maxBodyBytes stays over the limit and is rejected by the decoder.
func readBody(r *http.Request) []byte {
	if r.Body == nil {
		return nil
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body
}

// match finds the route for r and sets its path values. When no route
// matches, the mount owning the prefix (if any) is returned for its 404.
func (s *Server) match(r *http.Request) (*route, *mount) {
	path := r.URL.Path
	for i := range s.mounts {
		m := &s.mounts[i]
		if path != m.prefix && !strings.HasPrefix(path, m.prefix+"/") {
			continue
		}
		got := strings.Split(path, "/")
		if m.escapedSegments {
			got = escapedSegments(r.URL)
		}
		for j := range m.routes {
			rt := &m.routes[j]
			if rt.method == r.Method && matchTemplate(rt.template, got, r) {
				return rt, m
			}
		}
		return nil, m
	}
	return nil, nil
}

// escapedSegments splits the escaped path and unescapes each segment, or
// returns nil (which matches no template) when a segment does not unescape.
func escapedSegments(u *url.URL) []string {
	segs := strings.Split(u.EscapedPath(), "/")
	for i, seg := range segs {
		v, err := url.PathUnescape(seg)
		if err != nil {
			return nil
		}
		segs[i] = v
	}
	return segs
}

// matchTemplate compares path segments; "{name}" matches one non-empty segment
// and is exposed through r.PathValue.
func matchTemplate(template string, got []string, r *http.Request) bool {
	want := strings.Split(template, "/")
	if len(want) != len(got) {
		return false
	}
	for i, w := range want {
		if strings.HasPrefix(w, "{") {
			if got[i] == "" {
				return false
			}
			continue
		}
		if w != got[i] {
			return false
		}
	}
	for i, w := range want {
		if name, ok := strings.CutPrefix(w, "{"); ok {
			r.SetPathValue(strings.TrimSuffix(name, "}"), got[i])
		}
	}
	return true
}

func (s *Server) note(key string, rec RecordedRequest) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[key]++
	if len(s.recorded) < maxRecorded {
		s.recorded = append(s.recorded, rec)
		return
	}
	s.recorded[s.next] = rec
	s.next = (s.next + 1) % maxRecorded
}

// Count returns how many requests were counted under route, e.g.
// "GET /openprovider/v1beta/customers/{handle}" or "PATCH unknown".
func (s *Server) Count(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[route]
}

// Counts returns a copy of all counters.
func (s *Server) Counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

// TotalRequests returns the number of requests counted since the last reset.
func (s *Server) TotalRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	total := 0
	for _, v := range s.counts {
		total += v
	}
	return total
}

// ResetCounts zeroes the counters and every service's Stats; the request
// log, the faults and the rate limits' record of recent requests are kept.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts = map[string]int{}
	s.fmu.Lock()
	defer s.fmu.Unlock()
	for i := range s.mounts {
		s.mounts[i].svc.resetStats()
	}
}

// Requests returns a deep copy of the request log, oldest first.
func (s *Server) Requests() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RecordedRequest, 0, len(s.recorded))
	for i := range s.recorded {
		rec := s.recorded[(s.next+i)%len(s.recorded)]
		rec.Header = rec.Header.Clone()
		rec.Body = bytes.Clone(rec.Body)
		out = append(out, rec)
	}
	return out
}

// Start listens on addr and serves in the background, returning the root URL.
// Only loopback addresses are accepted: the sandbox has well-known credentials.
func (s *Server) Start(addr string) (string, error) {
	if err := checkLoopback(addr); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.httpSrv != nil {
		return "", errors.New("sandbox: server already started")
	}
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", addr) // what net.Listen does
	if err != nil {
		return "", fmt.Errorf("sandbox: %w", err)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.httpSrv = srv
	go func() { _ = srv.Serve(ln) }() // returns ErrServerClosed after Close
	return "http://" + ln.Addr().String(), nil
}

// Close stops a started server; it is a no-op otherwise.
func (s *Server) Close() error {
	s.mu.Lock()
	srv := s.httpSrv
	s.httpSrv = nil
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Close()
}

func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("sandbox: refusing to listen on %q: only loopback addresses (127.0.0.1, ::1, localhost) are allowed", addr)
}
