package httpclient

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// idempotent methods can be re-sent whatever happened to the previous attempt.
// Any other method (POST, or anything unknown) is treated as unsafe to repeat.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// retryable reports whether an answer is worth another attempt. 500 is not, by itself: vendors
// report deterministic business errors with it; only the vendor's Transient hook can say a
// particular 500 is server trouble. A non-idempotent request is only repeated on 429, which means
// the server refused it without processing; any 5xx may come after the backend already acted.
func (c *Client) retryable(req *Request, resp *Response) bool {
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return req.idempotent()
	}
	return req.idempotent() && c.cfg.Transient != nil && c.cfg.Transient(resp)
}

// backoff returns the wait after attempt n (0-based): a random duration in
// [d/2, d] with d = min(MaxBackoff, MinBackoff*2^n). Jitter spreads the retries
// of parallel Terraform operations hitting the same rate limit.
func (c *Client) backoff(n int) time.Duration {
	d := c.cfg.MinBackoff
	for i := 0; i < n && d < c.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, c.cfg.MaxBackoff)
	half := d / 2
	return half + rand.N(d-half+1) //nolint:gosec // G404: jitter needs no cryptographic randomness
}

// retryAfter parses a Retry-After header (delta-seconds or HTTP-date), capped
// at limit so a hostile or buggy server cannot stall Terraform for hours.
func retryAfter(h http.Header, limit time.Duration) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(limit/time.Second) {
			return limit, true
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return min(max(time.Until(t), 0), limit), true
}

// sleep is the default Config.Sleep: it waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
