// Package httpclient is the retrying HTTP client shared by every vendor
// client of the provider. It knows nothing about Terraform schemas or vendor
// envelopes: it sends bytes, retries what is safe to retry, and logs with
// secrets redacted.
package httpclient

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Config of one Client. Zero values get the defaults in brackets.
type Config struct {
	Service   string // short service name used in logs and errors, e.g. "openprovider"
	UserAgent string // full User-Agent value [required]
	// BaseURL is the base URL the service was configured with: an answer that tries to send the
	// provider elsewhere is refused with an error that names it, saying what to fix.
	BaseURL string
	// Secrets are literal strings, such as an API key, that must never appear in a log line.
	Secrets []string
	Timeout time.Duration // per attempt [30s]
	// MaxRetries caps the retries after the first attempt, and how often CreateOnce sends a
	// create again; nil sets no cap, so that retries go on while the next wait still ends before
	// the context's deadline (or Budget), and a create is sent again at most DefaultResends times.
	MaxRetries *int
	// Budget bounds the retries of a request whose context has no deadline (a data source's
	// read has no timeouts setting) [5m, the resources' default read timeout].
	Budget     time.Duration
	MinBackoff time.Duration // [250ms]
	MaxBackoff time.Duration // cap for computed backoff and for honoured Retry-After [30s]
	// MediaType of JSON requests and answers in CallJSON [application/json].
	MediaType string
	// Refusal is the vendor's reading of an answer in CallJSON: its error (decoded from its error
	// body) for an answer that is not a success, else nil [RefusedStatus: any non-2xx].
	Refusal func(op string, resp *Response) error
	// Authorize adds a request's credentials in CallJSON just before it is sent, when they depend
	// on the exact request (NOAH signs method, path and body); nil adds none.
	Authorize func(*Request) error
	// LookupPause is how long CreateOnce waits before it looks for what a create whose answer
	// was lost made: a request still in flight behind a gateway may need a moment to land [1s].
	LookupPause time.Duration
	// LookupTimeout bounds that look-up, which outlives a cancelled context [1m].
	LookupTimeout time.Duration
	// Transient marks answers, beyond 429/502/503/504, that are server trouble rather than a
	// verdict on the request (a crash page instead of the vendor's error body, say); idempotent
	// requests are retried on them. Nil marks none.
	Transient func(*Response) bool
	// RateLimit caps the requests per second of this client, retries included, spread evenly
	// (no bursts) so that a vendor's per-window limit holds; 0 means no limit.
	RateLimit float64
	Transport http.RoundTripper // [a shared keep-alive transport]
	// Sleep waits between attempts; a test hook [sleeps, or returns ctx.Err() when ctx ends].
	Sleep func(ctx context.Context, d time.Duration) error
	// Now tells the time that retries are measured by; a test hook [time.Now].
	Now func() time.Time
}

// Request is one API call. Body is sent as-is (nil = no body) so it can be
// re-sent on retry and hashed by callers that sign the exact bytes.
type Request struct {
	Operation string // human words for errors and logs, e.g. "create customer"
	Method    string
	URL       string      // absolute URL
	Header    http.Header // extra headers, may be nil
	Body      []byte
	// Repeatable marks a non-idempotent request that is nonetheless harmless to send twice, such
	// as a login (a second one only issues another token), so it is retried like a GET.
	Repeatable bool
}

// idempotent reports whether req may be sent again whatever happened to the previous attempt.
func (req *Request) idempotent() bool { return req.Repeatable || idempotent(req.Method) }

// Response is any HTTP answer, whatever the status: deciding success is the
// caller's job because vendors put errors in 4xx/5xx and sometimes 200 bodies.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte // fully read; the connection is back in the pool
	// GaveUp is set when the answer is a failure worth retrying that Do stopped retrying.
	GaveUp *GaveUp
}

// Client is safe for concurrent use.
type Client struct {
	cfg     Config
	httpc   *http.Client
	limiter *rate.Limiter // nil without a rate limit

	mu      sync.RWMutex
	secrets []string
	baseURL string // Config.BaseURL without its query
}

// sharedTransport lets every Client of the process share one connection pool.
// 64 idle connections per host matches Terraform's parallelism with headroom,
// so parallel operations do not keep re-dialling TLS.
var sharedTransport = func() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	return t
}()

// New returns a Client for cfg with defaults applied. It panics if
// cfg.UserAgent is empty, which is a programming error.
func New(cfg Config) *Client {
	if cfg.UserAgent == "" {
		panic("httpclient: Config.UserAgent is required")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Budget <= 0 {
		cfg.Budget = 5 * time.Minute
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = 250 * time.Millisecond
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 30 * time.Second
	}
	if cfg.MediaType == "" {
		cfg.MediaType = "application/json"
	}
	if cfg.Refusal == nil {
		cfg.Refusal = RefusedStatus(cfg.Service)
	}
	if cfg.LookupPause <= 0 {
		cfg.LookupPause = time.Second
	}
	if cfg.LookupTimeout <= 0 {
		cfg.LookupTimeout = time.Minute
	}
	if cfg.Transport == nil {
		cfg.Transport = sharedTransport
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	c := &Client{cfg: cfg, baseURL: withoutQuery(cfg.BaseURL)}
	for _, secret := range cfg.Secrets {
		c.AddSecret(secret)
	}
	c.httpc = &http.Client{Transport: cfg.Transport, CheckRedirect: c.checkRedirect}
	if cfg.RateLimit > 0 {
		c.limiter = rate.NewLimiter(rate.Limit(cfg.RateLimit), 1)
	}
	return c
}

// DefaultResends is how often CreateOnce sends a create again without a MaxRetries cap: the ten
// retries that were the most a user could allow before retries were bounded by time.
const DefaultResends = 10

// Resends is how often a whole create may be sent again (see CreateOnce): the MaxRetries cap,
// else DefaultResends.
func (c *Client) Resends() int {
	if c.cfg.MaxRetries == nil {
		return DefaultResends
	}
	return *c.cfg.MaxRetries
}

// Do sends req, retrying per the package rules until the next wait and attempt would end
// after ctx's deadline (or Config.Budget when ctx has none), or the retries reach Config.MaxRetries. It
// returns (*Response, nil) for every HTTP answer (when Do gave up retrying, the last answer,
// with GaveUp set), and (nil, *TransportError) when no answer came.
func (c *Client) Do(ctx context.Context, req *Request) (*Response, error) {
	tmpl, err := c.template(req)
	if err != nil {
		return nil, newTransportError(req, 0, false, err)
	}
	logCtx := c.logContext(ctx, req)
	start := c.cfg.Now()
	deadline, bounded := ctx.Deadline()
	if !bounded {
		deadline = start.Add(c.cfg.Budget)
	}

	for n := 0; ; n++ {
		attempt := n + 1
		if c.limiter != nil {
			if err := c.limiter.Wait(ctx); err != nil {
				return nil, newTransportError(req, n, false, err)
			}
		}
		resp, sent, err := c.attempt(ctx, logCtx, tmpl, req.Body, attempt)

		var wait time.Duration
		var reason string
		switch {
		case err != nil && permanent(err):
			return nil, c.final(req, attempt, sent, err)
		case err != nil && ctx.Err() != nil:
			// The caller gave up; report that rather than its side effects.
			return nil, newTransportError(req, attempt, sent, ctx.Err())
		case err != nil:
			// Without an answer, a request that may not be repeated is only sent again if it never arrived.
			if sent && !req.idempotent() {
				return nil, newTransportError(req, attempt, sent, err)
			}
			wait, reason = c.backoff(n), "no response"
		default:
			if !c.retryable(req, resp) {
				return resp, nil
			}
			wait, reason = c.backoff(n), "HTTP "+strconv.Itoa(resp.StatusCode)
			if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
				if d, ok := retryAfter(resp.Header, c.cfg.MaxBackoff); ok {
					wait = d
				}
			}
		}

		if stop, why := c.stop(n, wait, deadline, bounded); stop {
			var gaveUp *GaveUp
			if why != "" {
				gaveUp = &GaveUp{Attempts: attempt, Elapsed: c.cfg.Now().Sub(start), Reason: why}
			}
			if resp == nil {
				te := newTransportError(req, attempt, sent, err)
				te.GaveUp = gaveUp
				return nil, te
			}
			resp.GaveUp = gaveUp
			return resp, nil
		}
		logRetry(logCtx, attempt, wait, reason)
		if serr := c.cfg.Sleep(ctx, wait); serr != nil {
			// An answer, even a failed one, is more useful to the caller than
			// the cancellation.
			if resp != nil {
				return resp, nil
			}
			return nil, newTransportError(req, attempt, sent, serr)
		}
	}
}

// attemptReserve is the time a retry must leave for its attempt after the wait, so that the last
// answer, and not the deadline cutting an attempt short, is what a failed operation reports.
const attemptReserve = time.Second

// stop reports whether retry number n (0-based), after wait, is not to happen, and why, with how
// to allow more ("" when retries are switched off, which needs no explaining). Retries are bounded
// by time rather than by a count: a transient fault must not fail an operation that still has
// time, however many requests Terraform makes in a run.
func (c *Client) stop(n int, wait time.Duration, deadline time.Time, bounded bool) (bool, string) {
	switch {
	case c.cfg.MaxRetries != nil && *c.cfg.MaxRetries == 0:
		return true, ""
	case c.cfg.MaxRetries != nil && n >= *c.cfg.MaxRetries:
		return true, c.cfg.Service + ".max_retries allows " + strconv.Itoa(*c.cfg.MaxRetries) +
			" retries; to allow more, raise it, or remove it to retry until the resource's timeouts"
	case !c.cfg.Now().Add(wait + attemptReserve).After(deadline):
		return false, ""
	case bounded:
		return true, "another wait and attempt would pass the operation's time limit; to allow more, raise the resource's timeouts, " +
			"such as timeouts = { read = \"15m\" }"
	}
	return true, "another wait and attempt would pass the " + c.cfg.Budget.String() +
		" a request may take without a timeouts setting (in a data source, say); try again later"
}

// template validates req once and builds the request every attempt clones,
// so a malformed request fails fast instead of being retried.
func (c *Client) template(req *Request) (*http.Request, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		// Drop url.Error's copy of the URL: it would carry the query string.
		return nil, errors.Unwrap(err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("URL must be absolute http(s)")
	}
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body) // also sets ContentLength and GetBody
	}
	// No context of its own: every attempt clones it with the attempt's context.
	tmpl, err := http.NewRequestWithContext(context.Background(), req.Method, req.URL, body)
	if err != nil {
		return nil, err
	}
	for name, values := range req.Header {
		tmpl.Header[name] = values
	}
	tmpl.Header.Set("User-Agent", c.cfg.UserAgent)
	return tmpl, nil
}

// attempt performs one exchange under its own timeout. sent reports whether
// the whole request was written, which decides if a POST may be repeated.
func (c *Client) attempt(ctx, logCtx context.Context, tmpl *http.Request, body []byte, attempt int) (resp *Response, sent bool, err error) {
	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()

	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				wrote.Store(true)
			}
		},
	}
	hreq := tmpl.Clone(httptrace.WithClientTrace(actx, trace))
	if tmpl.GetBody != nil {
		// A fresh reader per attempt; GetBody of a bytes.Reader cannot fail.
		hreq.Body, _ = tmpl.GetBody()
	}

	logRequest(logCtx, attempt, hreq, body)
	start := time.Now()
	hresp, err := c.httpc.Do(hreq)
	if err != nil {
		// url.Error repeats method and URL (with query); TransportError has both.
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		err = certificateHint(err)
		// net/http waits for its request writer before failing, so wrote is settled.
		sent := wrote.Load()
		logFailure(logCtx, attempt, time.Since(start), sent, err)
		return nil, sent, err
	}
	// Reading to EOF before Close is what returns the connection to the pool.
	data, err := readBody(hresp)
	_ = hresp.Body.Close() // the body is read; a failing Close changes nothing
	if errors.Is(err, errTooLarge) {
		err = &TooLargeError{Service: c.cfg.Service, Method: hreq.Method, URL: withoutQuery(hreq.URL.String()), StatusCode: hresp.StatusCode}
		logFailure(logCtx, attempt, time.Since(start), true, err)
		return nil, true, err
	}
	if err != nil {
		// The server answered, so it has seen the whole request.
		err = fmt.Errorf("reading response body: %w", err)
		logFailure(logCtx, attempt, time.Since(start), true, err)
		return nil, true, err
	}
	resp = &Response{StatusCode: hresp.StatusCode, Header: hresp.Header, Body: data}
	logResponse(logCtx, attempt, time.Since(start), resp)
	return resp, true, nil
}

// final is the error of a request that failed for a reason repeating it cannot cure: a redirect
// not followed, an oversized answer (both carry their own words), or a certificate not trusted.
func (c *Client) final(req *Request, attempt int, sent bool, err error) error {
	var redirect *RedirectError
	if errors.As(err, &redirect) {
		redirect.Operation = req.Operation
		return redirect
	}
	var tooLarge *TooLargeError
	if errors.As(err, &tooLarge) {
		tooLarge.Operation = req.Operation
		return tooLarge
	}
	return newTransportError(req, attempt, sent, err)
}

func newTransportError(req *Request, attempts int, sent bool, err error) *TransportError {
	u, _, _ := strings.Cut(req.URL, "?")
	u, _, _ = strings.Cut(u, "#")
	return &TransportError{
		Operation: req.Operation,
		Method:    req.Method,
		URL:       u,
		Attempts:  attempts,
		Sent:      sent,
		Err:       err,
	}
}
