package httpclient

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// TransportError means no HTTP answer was received (dial error, reset, timeout...).
type TransportError struct {
	Operation string
	Method    string
	URL       string // without query string
	Attempts  int
	Sent      bool // the full request may have reached the server
	Err       error
	GaveUp    *GaveUp // set when retries were possible but stopped
}

// GaveUp tells how long Do retried a failure worth retrying before it stopped, and why.
type GaveUp struct {
	Attempts int
	Elapsed  time.Duration
	Reason   string // what stopped the retries and how to allow more
}

func (g *GaveUp) String() string {
	attempts := strconv.Itoa(g.Attempts) + " attempts"
	if g.Attempts == 1 {
		attempts = "1 attempt"
	}
	return fmt.Sprintf("gave up after %s in %s: %s", attempts, g.Elapsed.Round(100*time.Millisecond), g.Reason)
}

// Error never includes bodies or headers: they may hold credentials.
func (e *TransportError) Error() string {
	var b strings.Builder
	if e.Operation != "" {
		b.WriteString(e.Operation + ": ")
	}
	fmt.Fprintf(&b, "%s %s: ", e.Method, e.URL)
	switch {
	case e.GaveUp != nil:
		b.WriteString("no response")
	case e.Attempts == 0:
		b.WriteString("invalid request")
	case e.Attempts == 1:
		b.WriteString("no response after 1 attempt")
	default:
		fmt.Fprintf(&b, "no response after %d attempts", e.Attempts)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	if e.Sent && e.Method == http.MethodPost {
		b.WriteString("; the request may have been processed")
	}
	if e.GaveUp != nil {
		b.WriteString("; " + e.GaveUp.String())
	}
	return b.String()
}

func (e *TransportError) Unwrap() error { return e.Err }

// APIError is the typed error every service client returns for an API-level
// failure. Vendor packages fill it from their own error bodies.
type APIError struct {
	Service    string
	Operation  string
	StatusCode int
	Code       string // vendor code as text; may be empty
	Message    string
	Fields     []FieldProblem
	NotFound   bool // the addressed object does not exist
	// Transient: the answer was server or gateway trouble, not a verdict on the request, so a
	// create that got it may or may not have happened.
	Transient bool
	GaveUp    *GaveUp // set when the answer was worth retrying but the retries stopped
}

// FieldProblem is one per-field validation problem reported by a vendor.
type FieldProblem struct {
	Field   string // vendor's field name or pointer
	Problem string
}

// Error renders `svc: op failed: HTTP 500, code X: msg` plus one
// "\n  - field: problem" line per field problem.
func (e *APIError) Error() string {
	var b strings.Builder
	if e.Service != "" {
		b.WriteString(e.Service + ": ")
	}
	op := e.Operation
	if op == "" {
		op = "request"
	}
	fmt.Fprintf(&b, "%s failed: HTTP %d", op, e.StatusCode)
	if e.Code != "" {
		b.WriteString(", code " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.GaveUp != nil {
		b.WriteString("; " + e.GaveUp.String())
	}
	for _, f := range e.Fields {
		b.WriteString("\n  - ")
		if f.Field != "" {
			b.WriteString(f.Field + ": ")
		}
		b.WriteString(f.Problem)
	}
	return b.String()
}

// Explain adds to err, when it is an *APIError made from r, why the retries of r stopped.
func (r *Response) Explain(err error) error {
	var apiErr *APIError
	if r.GaveUp != nil && errors.As(err, &apiErr) && apiErr.GaveUp == nil {
		apiErr.GaveUp = r.GaveUp
	}
	return err
}

// IsNotFound reports whether err wraps an *APIError for a missing object.
func IsNotFound(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.NotFound
}

// OutcomeUnknown reports whether a request may have been carried out although it failed: it
// was sent and then no answer came (a dropped connection, a timeout, a cancellation), or the
// answer was transient server trouble, which may come after the backend acted. For a create,
// that means the object may exist.
func OutcomeUnknown(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		return te.Sent
	}
	// An answer too large to read came after the server had the whole request.
	var tooLarge *TooLargeError
	if errors.As(err, &tooLarge) {
		return true
	}
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Transient
}
