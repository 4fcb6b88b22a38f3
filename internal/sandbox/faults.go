package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"time"
)

// Service names, as SetFaults, Faults, Stats, the admin API and -faults take them.
const (
	ServiceOpenprovider = "openprovider"
	ServiceEcurring     = "ecurring"
	ServiceKYC          = "kyc"
)

// serviceNames lists the services in the order they are mounted.
var serviceNames = []string{ServiceOpenprovider, ServiceEcurring, ServiceKYC}

// Faults is what one service's emulator does wrong on purpose. The shares are
// probabilities in [0,1]; one draw per request decides among the kinds, so
// they add up (their sum may not exceed 1) and a request gets at most one
// fault. The zero value means no faults. Durations travel through JSON as Go
// duration strings ("20ms").
type Faults struct {
	// ServerErrors: answered 500, 502 or 503 (equal thirds) before the
	// emulator sees the request.
	ServerErrors float64
	// TooManyRequests: answered 429 with Retry-After: RetryAfter before the
	// emulator sees the request.
	TooManyRequests float64
	// RetryAfter is sent with those 429s as whole seconds, rounded up, at
	// least 1; zero means 1s.
	RetryAfter time.Duration
	// DropAfterProcessing: the emulator handles the request (its state
	// changes), then the connection is closed without any answer.
	DropAfterProcessing float64
	// Latency is waited before answering every request of the service,
	// faulted ones included.
	Latency time.Duration
	// RateLimit > 0 serves at most RateLimit requests per sliding RateWindow
	// (zero means 1s); the others are answered 429 with Retry-After set to
	// the time until the window frees a slot.
	RateLimit  int
	RateWindow time.Duration
}

// ServiceStats describes the traffic of one service since the server was
// made or the last ResetCounts.
type ServiceStats struct {
	// Requests counts every request that reached the service's path prefix.
	Requests int
	// Faulted counts injected faults by kind: "500", "502", "503", "429",
	// "drop" and "ratelimited". Kinds that did not happen are absent.
	Faulted map[string]int
	// PeakPerSecond is the most requests that arrived within any sliding
	// one-second window (by Options.Now, when they reached the server).
	PeakPerSecond int
	// PeakPerWindow is the same for the service's RateWindow while RateLimit
	// > 0; it is 0 otherwise, and starts over when the limit is switched on
	// or its window changes.
	PeakPerWindow int
}

// Fault kinds, as ServiceStats.Faulted counts them.
const (
	fault500         = "500"
	fault502         = "502"
	fault503         = "503"
	fault429         = "429"
	faultDrop        = "drop"
	faultRateLimited = "ratelimited"
)

// retryAfter is the Retry-After of injected 429s.
func (f Faults) retryAfter() time.Duration {
	if f.RetryAfter > 0 {
		return f.RetryAfter
	}
	return time.Second
}

// window is the rate limit's window.
func (f Faults) window() time.Duration {
	if f.RateWindow > 0 {
		return f.RateWindow
	}
	return time.Second
}

// validate reports the first thing wrong with f.
func (f Faults) validate() error {
	for _, s := range []struct {
		name  string
		share float64
	}{{"ServerErrors", f.ServerErrors}, {"TooManyRequests", f.TooManyRequests}, {"DropAfterProcessing", f.DropAfterProcessing}} {
		if math.IsNaN(s.share) || s.share < 0 || s.share > 1 {
			return fmt.Errorf("%s is %v, want a share in [0,1]", s.name, s.share)
		}
	}
	if sum := f.ServerErrors + f.TooManyRequests + f.DropAfterProcessing; sum > 1+1e-9 {
		return fmt.Errorf("ServerErrors, TooManyRequests and DropAfterProcessing add up to %v, more than 1", sum)
	}
	for _, d := range []struct {
		name string
		d    time.Duration
	}{{"RetryAfter", f.RetryAfter}, {"Latency", f.Latency}, {"RateWindow", f.RateWindow}} {
		if d.d < 0 {
			return fmt.Errorf("%s is %v, want a duration of at least 0", d.name, d.d)
		}
	}
	if f.RateLimit < 0 {
		return fmt.Errorf("RateLimit is %d, want at least 0", f.RateLimit)
	}
	return nil
}

// faultsJSON is Faults on the wire.
type faultsJSON struct {
	ServerErrors        float64
	TooManyRequests     float64
	RetryAfter          jsonDuration
	DropAfterProcessing float64
	Latency             jsonDuration
	RateLimit           int
	RateWindow          jsonDuration
}

// MarshalJSON writes the durations as Go duration strings ("20ms").
func (f Faults) MarshalJSON() ([]byte, error) {
	return json.Marshal(faultsJSON{
		ServerErrors: f.ServerErrors, TooManyRequests: f.TooManyRequests, RetryAfter: jsonDuration(f.RetryAfter),
		DropAfterProcessing: f.DropAfterProcessing, Latency: jsonDuration(f.Latency),
		RateLimit: f.RateLimit, RateWindow: jsonDuration(f.RateWindow),
	})
}

// UnmarshalJSON reads an object with the field names of Faults (matched
// case-insensitively), durations as Go duration strings. Unknown fields are
// an error, so that a misspelt fault is not silently no fault; absent fields
// are zero. It does not validate the values: SetFaults does.
func (f *Faults) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var w faultsJSON
	if err := dec.Decode(&w); err != nil {
		return err
	}
	*f = Faults{
		ServerErrors: w.ServerErrors, TooManyRequests: w.TooManyRequests, RetryAfter: time.Duration(w.RetryAfter),
		DropAfterProcessing: w.DropAfterProcessing, Latency: time.Duration(w.Latency),
		RateLimit: w.RateLimit, RateWindow: time.Duration(w.RateWindow),
	}
	return nil
}

// jsonDuration is a time.Duration written as a Go duration string.
type jsonDuration time.Duration

func (d jsonDuration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

func (d *jsonDuration) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("want a Go duration string such as \"20ms\", got %s", data)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = jsonDuration(v)
	return nil
}

// service is the fault configuration and traffic statistics of one mount.
// Server.fmu guards it.
type service struct {
	name      string
	faults    Faults
	requests  int
	faulted   map[string]int
	last      time.Duration // latest arrival, as an offset from Server.epoch
	perSecond slidingLog    // arrivals in the last second
	perWindow slidingLog    // arrivals in the last RateWindow, while RateLimit > 0
	served    slidingLog    // requests let through the rate limit in the last RateWindow
}

func newService(name string) *service {
	return &service{name: name, faulted: map[string]int{}, perSecond: slidingLog{span: time.Second}}
}

// slidingLog holds the times (offsets from Server.epoch, ascending) that fall
// within span of the latest one, and the most it has ever held: an event at t
// shares a window with the events after t-span.
type slidingLog struct {
	span  time.Duration
	times []time.Duration
	head  int // times[:head] have expired
	peak  int
}

// expire drops the times that no longer share a window with t.
func (l *slidingLog) expire(t time.Duration) {
	for l.head < len(l.times) && l.times[l.head] <= t-l.span {
		l.head++
	}
	if l.head > 64 && l.head*2 > len(l.times) {
		l.times = l.times[:copy(l.times, l.times[l.head:])]
		l.head = 0
	}
}

func (l *slidingLog) add(t time.Duration) {
	l.expire(t)
	l.times = append(l.times, t)
	l.peak = max(l.peak, l.len())
}

func (l *slidingLog) len() int { return len(l.times) - l.head }

// reset forgets everything and sets a new span.
func (l *slidingLog) reset(span time.Duration) {
	*l = slidingLog{span: span}
}

// decision is what happens to one request of a service.
type decision struct {
	latency    time.Duration
	kind       string        // "" (served normally) or a fault kind
	retryAfter time.Duration // for "429" and "ratelimited"
}

// decide records the arrival of a request at t and draws its fate.
func (s *Server) decide(svc *service, t time.Time) decision {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	// Arrivals never go back in time, so the logs stay sorted even when a
	// Now hook is set back or concurrent requests read the clock out of order.
	at := max(t.Sub(s.epoch), svc.last)
	svc.last = at
	svc.requests++
	svc.perSecond.add(at)
	f := svc.faults
	d := decision{latency: f.Latency}
	if f.RateLimit > 0 {
		svc.perWindow.add(at)
		svc.served.expire(at)
		if svc.served.len() >= f.RateLimit {
			d.kind = faultRateLimited
			// The oldest served request leaves the window span after it came.
			d.retryAfter = svc.served.times[svc.served.head] + svc.served.span - at
			svc.faulted[d.kind]++
			return d
		}
		svc.served.add(at)
	}
	total := f.ServerErrors + f.TooManyRequests + f.DropAfterProcessing
	if total <= 0 {
		return d
	}
	u := s.rng.Float64()
	switch {
	case u < f.ServerErrors:
		// u is uniform on [0, ServerErrors): its thirds pick the status.
		d.kind = [...]string{fault500, fault502, fault503}[min(2, int(3*u/f.ServerErrors))]
	case u < f.ServerErrors+f.TooManyRequests:
		d.kind, d.retryAfter = fault429, f.retryAfter()
	case u < total:
		d.kind = faultDrop
	default:
		return d
	}
	svc.faulted[d.kind]++
	return d
}

// service returns the named service, or nil.
func (s *Server) service(name string) *service {
	for i := range s.mounts {
		if s.mounts[i].svc.name == name {
			return s.mounts[i].svc
		}
	}
	return nil
}

// SetFaults switches the faults of service ("openprovider", "ecurring" or
// "kyc") to f, replacing what was set before; it is safe while serving. An
// unknown service or an invalid f (a share outside [0,1], shares adding up to
// more than 1, a negative duration or RateLimit) is an error. Switching the
// rate limit on, or changing its window, starts its window afresh.
func (s *Server) SetFaults(service string, f Faults) error {
	svc := s.service(service)
	if svc == nil {
		return fmt.Errorf("sandbox: unknown service %q (want openprovider, ecurring or kyc)", service)
	}
	if err := f.validate(); err != nil {
		return fmt.Errorf("sandbox: faults of %s: %w", service, err)
	}
	s.fmu.Lock()
	defer s.fmu.Unlock()
	old := svc.faults
	switch {
	case f.RateLimit == 0:
		svc.served.reset(0)
		svc.perWindow.reset(0)
	case old.RateLimit == 0 || old.window() != f.window():
		svc.served.reset(f.window())
		svc.perWindow.reset(f.window())
	}
	svc.faults = f
	return nil
}

// Faults returns the faults set for service (the zero Faults for an unknown
// one), as they were given to SetFaults.
func (s *Server) Faults(service string) Faults {
	svc := s.service(service)
	if svc == nil {
		return Faults{}
	}
	s.fmu.Lock()
	defer s.fmu.Unlock()
	return svc.faults
}

// Stats returns the traffic statistics of service since the server was made
// or the last ResetCounts (zero for an unknown service). Faulted is a copy,
// never nil.
func (s *Server) Stats(service string) ServiceStats {
	svc := s.service(service)
	if svc == nil {
		return ServiceStats{Faulted: map[string]int{}}
	}
	s.fmu.Lock()
	defer s.fmu.Unlock()
	st := ServiceStats{Requests: svc.requests, Faulted: make(map[string]int, len(svc.faulted)), PeakPerSecond: svc.perSecond.peak}
	for k, v := range svc.faulted {
		st.Faulted[k] = v
	}
	if svc.faults.RateLimit > 0 {
		st.PeakPerWindow = svc.perWindow.peak
	}
	return st
}

// resetStats zeroes the statistics; the fault configuration and the rate
// limit's record of served requests stay. The caller holds s.fmu.
func (svc *service) resetStats() {
	svc.requests = 0
	svc.faulted = map[string]int{}
	svc.perSecond.reset(time.Second)
	svc.perWindow.reset(svc.perWindow.span)
}

// serveFault answers a request with the fault d.kind in the vendor's format.
func serveFault(w http.ResponseWriter, m *mount, rt *route, d decision) {
	switch d.kind {
	case fault429, faultRateLimited:
		w.Header().Set("Retry-After", retryAfterSeconds(d.retryAfter))
		m.fault(w, rt, http.StatusTooManyRequests)
	case fault500:
		m.fault(w, rt, http.StatusInternalServerError)
	case fault502:
		m.fault(w, rt, http.StatusBadGateway)
	case fault503:
		m.fault(w, rt, http.StatusServiceUnavailable)
	}
}

// retryAfterSeconds is d in whole seconds, rounded up, at least 1.
func retryAfterSeconds(d time.Duration) string {
	secs := max(1, int64((d+time.Second-1)/time.Second))
	return fmt.Sprint(secs)
}

// dropConnection closes the client's connection without an answer. Where the
// connection cannot be hijacked (HTTP/2, httptest.ResponseRecorder) it panics
// with http.ErrAbortHandler, which net/http servers turn into an aborted
// response without logging.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close() // the point is that the client gets nothing; a failed Close changes nothing
}

// discardWriter takes a response nobody will see.
type discardWriter struct{ header http.Header }

func (d *discardWriter) Header() http.Header {
	if d.header == nil {
		d.header = http.Header{}
	}
	return d.header
}

func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }

func (d *discardWriter) WriteHeader(int) {}

// pause waits d, or less when the client goes away.
func pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// Fault answers in each vendor's format.

// gatewayPage is what a proxy in front of an API answers when the API is
// unreachable or overloaded.
func gatewayPage(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, "<html><body>%d %s</body></html>\n", status, http.StatusText(status))
}

// fault answers Openprovider requests: 429 in the JSON envelope (the rate limiter speaks the API's
// language), 500, 502 and 503 as the plain HTML page of a crashed backend or a gateway. Openprovider's
// own 500s are business verdicts in the envelope; an injected fault must not look like one.
func (o *Openprovider) fault(w http.ResponseWriter, _ *route, status int) {
	if status == http.StatusTooManyRequests {
		writeOp(w, status, 1, "Too many requests", "")
		return
	}
	gatewayPage(w, status)
}

// faultDetail is what an injected fault says, in each vendor's format.
var faultDetail = map[int]string{
	http.StatusTooManyRequests:     "rate limited",
	http.StatusInternalServerError: "internal error",
	http.StatusBadGateway:          "bad gateway",
	http.StatusServiceUnavailable:  "service unavailable",
}

// fault answers eCurring requests with a JSON:API errors document.
func (e *Ecurring) fault(w http.ResponseWriter, _ *route, status int) {
	failEcurring(w, ecErr(status, "%s", faultDetail[status]))
}

// fault answers NOAH requests with an Error of Type Unexpected.
func (k *KYC) fault(w http.ResponseWriter, rt *route, status int) {
	kycFail(w, status, "Unexpected", kycAction(rt), faultDetail[status], nil)
}

// kycAction is the NOAH action name of a route, as its handler reports it.
func kycAction(rt *route) string {
	if rt == nil {
		return "Unknown"
	}
	switch rt.method + " " + rt.template {
	case http.MethodPut + " " + kycPrefix + "/customers/{id}":
		return "PutCustomer"
	case http.MethodGet + " " + kycPrefix + "/customers/{id}":
		return "GetCustomer"
	case http.MethodGet + " " + kycPrefix + "/customers":
		return "GetCustomers"
	}
	return "Unknown"
}
