package httpclient

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logContext returns the ctx every line of one Do call is logged with:
// registered secrets are masked as a last line of defence, and the call's
// identity is attached so interleaved lines of parallel calls can be told apart.
func (c *Client) logContext(ctx context.Context, req *Request) context.Context {
	if secrets := c.secretList(); len(secrets) > 0 {
		ctx = tflog.MaskMessageStrings(ctx, secrets...)
		ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
	}
	ctx = tflog.SetField(ctx, "service", c.cfg.Service)
	ctx = tflog.SetField(ctx, "operation", req.Operation)
	ctx = tflog.SetField(ctx, "method", req.Method)
	return tflog.SetField(ctx, "url", req.URL)
}

func logRequest(ctx context.Context, attempt int, hreq *http.Request, body []byte) {
	tflog.Debug(ctx, "HTTP request", map[string]any{"attempt": attempt})
	if !tflog.IsTrace(ctx) {
		return
	}
	// Content-Length is not in hreq.Header: the transport writes it from ContentLength.
	h := hreq.Header.Clone()
	if body != nil {
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	tflog.Trace(ctx, "HTTP request detail", map[string]any{
		"attempt": attempt,
		"headers": formatHeaders(h),
		"body":    bodyForLog(body, h.Get("Content-Type")),
	})
}

func logResponse(ctx context.Context, attempt int, elapsed time.Duration, resp *Response) {
	tflog.Debug(ctx, "HTTP response", map[string]any{
		"attempt":     attempt,
		"status":      resp.StatusCode,
		"duration_ms": elapsed.Milliseconds(),
	})
	if !tflog.IsTrace(ctx) {
		return
	}
	tflog.Trace(ctx, "HTTP response detail", map[string]any{
		"attempt": attempt,
		"headers": formatHeaders(resp.Header),
		"body":    bodyForLog(resp.Body, resp.Header.Get("Content-Type")),
	})
}

func logFailure(ctx context.Context, attempt int, elapsed time.Duration, sent bool, err error) {
	tflog.Debug(ctx, "HTTP request failed", map[string]any{
		"attempt":     attempt,
		"duration_ms": elapsed.Milliseconds(),
		"sent":        sent,
		"error":       err.Error(),
	})
}

func logRetry(ctx context.Context, attempt int, wait time.Duration, reason string) {
	tflog.Debug(ctx, "HTTP retry", map[string]any{
		"attempt": attempt,
		"wait_ms": wait.Milliseconds(),
		"reason":  reason,
	})
}
