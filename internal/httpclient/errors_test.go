package httpclient

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestAPIErrorFormat(t *testing.T) {
	tests := []struct {
		err  APIError
		want string
	}{
		{
			APIError{Service: "openprovider", Operation: "delete customer", StatusCode: 500, Code: "6200", Message: "Customer has domains"},
			"openprovider: delete customer failed: HTTP 500, code 6200: Customer has domains",
		},
		{
			APIError{Service: "noah", Operation: "read customer", StatusCode: 404},
			"noah: read customer failed: HTTP 404",
		},
		{
			APIError{Service: "ecurring", Operation: "create customer", StatusCode: 422, Message: "Invalid data",
				Fields: []FieldProblem{{"/data/attributes/email", "is invalid"}, {"", "something else"}}},
			"ecurring: create customer failed: HTTP 422: Invalid data\n  - /data/attributes/email: is invalid\n  - something else",
		},
		{
			APIError{Service: "openprovider", Operation: "update customer", StatusCode: 200, Code: "ResourceNotFound"},
			"openprovider: update customer failed: HTTP 200, code ResourceNotFound",
		},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

func TestTransportErrorFormat(t *testing.T) {
	cause := io.ErrUnexpectedEOF
	tests := []struct {
		err  TransportError
		want string
	}{
		{
			TransportError{Operation: "create customer", Method: "POST", URL: "https://x/customers", Attempts: 5, Err: cause},
			"create customer: POST https://x/customers: no response after 5 attempts: unexpected EOF",
		},
		{
			TransportError{Operation: "create customer", Method: "POST", URL: "https://x/customers", Attempts: 1, Sent: true, Err: cause},
			"create customer: POST https://x/customers: no response after 1 attempt: unexpected EOF; the request may have been processed",
		},
		{
			TransportError{Operation: "read customer", Method: "GET", URL: "https://x/customers/1", Attempts: 2, Sent: true, Err: cause},
			"read customer: GET https://x/customers/1: no response after 2 attempts: unexpected EOF",
		},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
		if !errors.Is(&tt.err, cause) {
			t.Errorf("%q does not unwrap to its cause", tt.want)
		}
	}
}

func TestIsNotFound(t *testing.T) {
	notFound := &APIError{StatusCode: 404, NotFound: true}
	tests := []struct {
		err  error
		want bool
	}{
		{notFound, true},
		{fmt.Errorf("reading: %w", fmt.Errorf("deep: %w", notFound)), true},
		{errors.Join(errors.New("other"), notFound), true},
		{&APIError{StatusCode: 404}, false}, // vendor said 404 for something else, e.g. a wrong path
		{&TransportError{Err: io.EOF}, false},
		{nil, false},
	}
	for i, tt := range tests {
		if got := IsNotFound(tt.err); got != tt.want {
			t.Errorf("case %d: IsNotFound(%v) = %v, want %v", i, tt.err, got, tt.want)
		}
	}
}

func TestOutcomeUnknown(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"sent, no answer", &TransportError{Method: "POST", Sent: true, Err: io.ErrUnexpectedEOF}, true},
		{"never sent", &TransportError{Method: "POST", Sent: false, Err: io.ErrUnexpectedEOF}, false},
		{"wrapped", fmt.Errorf("create: %w", &TransportError{Sent: true}), true},
		{"transient", &APIError{StatusCode: 502, Transient: true}, true},
		{"business 500", &APIError{StatusCode: 500, Code: "193"}, false},
		{"bad request", &APIError{StatusCode: 400}, false},
		{"plain", errors.New("x"), false},
	}
	for _, tc := range cases {
		if got := OutcomeUnknown(tc.err); got != tc.want {
			t.Errorf("%s: OutcomeUnknown = %v, want %v", tc.name, got, tc.want)
		}
	}
}
