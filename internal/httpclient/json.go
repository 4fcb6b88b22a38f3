package httpclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// Call is one request to a JSON API.
type Call struct {
	Operation string // human words for errors and logs, e.g. "create customer"
	Method    string
	URL       string      // absolute URL
	Header    http.Header // the vendor's extra headers, such as a bearer token; may be nil
	Body      any         // encoded as JSON; nil sends no body
	// Repeatable marks a non-idempotent request that is harmless to send twice (see Request).
	Repeatable bool
}

// CallJSON sends call with its body encoded as JSON. An answer the vendor's Config.Refusal
// decodes into an error returns that error (with why the retries stopped, if they did); any
// other answer is decoded into out, unless out is nil or the answer has no body. The answer is
// returned too, for what its body does not say.
func (c *Client) CallJSON(ctx context.Context, call Call, out any) (*Response, error) {
	req := &Request{Operation: call.Operation, Method: call.Method, URL: call.URL, Repeatable: call.Repeatable,
		Header: http.Header{"Accept": {c.cfg.MediaType}}}
	for name, values := range call.Header {
		req.Header[name] = values
	}
	if call.Body != nil {
		payload, err := json.Marshal(call.Body)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: encoding request: %w", c.cfg.Service, call.Operation, err)
		}
		req.Body = payload
		req.Header.Set("Content-Type", c.cfg.MediaType)
	}
	if c.cfg.Authorize != nil {
		if err := c.cfg.Authorize(req); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", c.cfg.Service, call.Operation, err)
		}
	}
	resp, err := c.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	if err := c.cfg.Refusal(call.Operation, resp); err != nil {
		err = resp.Explain(err)
		return resp, err
	}
	if out == nil || len(resp.Body) == 0 {
		return resp, nil
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return resp, &APIError{Service: c.cfg.Service, Operation: call.Operation, StatusCode: resp.StatusCode,
			Message: fmt.Sprintf("cannot decode the answer (%d bytes of %s): %v", len(resp.Body), resp.ContentType(), err)}
	}
	return resp, nil
}

// RefusedStatus is the Refusal of an API that answers every success with 2xx: any other
// status is an APIError that says only the status. Vendors with error bodies decode their own.
func RefusedStatus(service string) func(op string, resp *Response) error {
	return func(op string, resp *Response) error {
		if resp.Success() {
			return nil
		}
		return &APIError{Service: service, Operation: op, StatusCode: resp.StatusCode, NotFound: resp.StatusCode == http.StatusNotFound,
			Message: fmt.Sprintf("%s (%d bytes of %s)", http.StatusText(resp.StatusCode), len(resp.Body), resp.ContentType())}
	}
}

// Success reports whether the answer's status is 2xx.
func (r *Response) Success() bool { return r.StatusCode >= 200 && r.StatusCode <= 299 }

// ContentType is the answer's Content-Type, for messages about answers that cannot be read.
func (r *Response) ContentType() string {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		return ct
	}
	return "no content type"
}
