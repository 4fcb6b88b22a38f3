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
	Service    string        // short service name used in logs and errors, e.g. "openprovider"
	UserAgent  string        // full User-Agent value [required]
	Timeout    time.Duration // per attempt [30s]
	MaxRetries int           // retries after the first attempt [4]; negative means no retries
	MinBackoff time.Duration // [250ms]
	MaxBackoff time.Duration // cap for computed backoff and for honoured Retry-After [30s]
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
}

// Client is safe for concurrent use.
type Client struct {
	cfg     Config
	httpc   *http.Client
	limiter *rate.Limiter // nil without a rate limit

	mu      sync.RWMutex
	secrets []string
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
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = 4
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = 250 * time.Millisecond
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 30 * time.Second
	}
	if cfg.Transport == nil {
		cfg.Transport = sharedTransport
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	c := &Client{cfg: cfg, httpc: &http.Client{Transport: cfg.Transport}}
	if cfg.RateLimit > 0 {
		c.limiter = rate.NewLimiter(rate.Limit(cfg.RateLimit), 1)
	}
	return c
}

// MaxRetries is how often a failed request is retried; callers that repeat whole operations
// (a create after a lookup) follow it too.
func (c *Client) MaxRetries() int { return c.cfg.MaxRetries }

// Do sends req, retrying per the package rules. It returns (*Response, nil)
// for every HTTP answer (after retries are exhausted, the last answer), and
// (nil, *TransportError) when no answer came.
func (c *Client) Do(ctx context.Context, req *Request) (*Response, error) {
	tmpl, err := c.template(req)
	if err != nil {
		return nil, newTransportError(req, 0, false, err)
	}
	logCtx := c.logContext(ctx, req)

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
		case err != nil && ctx.Err() != nil:
			// The caller gave up; report that rather than its side effects.
			return nil, newTransportError(req, attempt, sent, ctx.Err())
		case err != nil:
			// Without an answer, a request that may not be repeated is only sent again if it never arrived.
			if n >= c.cfg.MaxRetries || (sent && !req.idempotent()) {
				return nil, newTransportError(req, attempt, sent, err)
			}
			wait, reason = c.backoff(n), "no response"
		default:
			if n >= c.cfg.MaxRetries || !c.retryable(req, resp) {
				return resp, nil
			}
			wait, reason = c.backoff(n), "HTTP "+strconv.Itoa(resp.StatusCode)
			if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
				if d, ok := retryAfter(resp.Header, c.cfg.MaxBackoff); ok {
					wait = d
				}
			}
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
		// net/http waits for its request writer before failing, so wrote is settled.
		sent := wrote.Load()
		logFailure(logCtx, attempt, time.Since(start), sent, err)
		return nil, sent, err
	}
	// Reading to EOF before Close is what returns the connection to the pool.
	data, err := io.ReadAll(hresp.Body)
	_ = hresp.Body.Close() // the body is read; a failing Close changes nothing
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
