package httpclient

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

var errLost = &TransportError{Operation: "create customer", Sent: true, Err: errors.New("connection reset")}

func TestCreateOnce(t *testing.T) {
	c := New(Config{Service: "svc", UserAgent: "test", MaxRetries: new(2), LookupPause: time.Nanosecond})
	tests := []struct {
		name                   string
		creates                []error // what each create returns
		finds                  []bool  // what each look-up finds
		findErr                error
		want                   string
		wantErr                string
		wantCreates, wantFinds int
	}{
		{name: "created", creates: []error{nil}, want: "made", wantCreates: 1},
		{name: "refused: no look-up", creates: []error{&APIError{StatusCode: 400}}, wantErr: "HTTP 400", wantCreates: 1},
		{name: "lost, found: adopted", creates: []error{errLost}, finds: []bool{true}, want: "found", wantCreates: 1, wantFinds: 1},
		{name: "lost, not found: sent again", creates: []error{errLost, nil}, finds: []bool{false}, want: "made", wantCreates: 2, wantFinds: 1},
		{name: "lost every time: at most MaxRetries resends", creates: []error{errLost, errLost, errLost, errLost}, finds: []bool{false, false, false},
			wantErr: "connection reset", wantCreates: 3, wantFinds: 3},
		{name: "look-up fails: both errors, nothing sent again", creates: []error{errLost}, findErr: errors.New("list refused"),
			wantErr: "looking for the customer it may have created failed too, so check for a duplicate: list refused", wantCreates: 1, wantFinds: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var creates, finds int
			got, err := CreateOnce(context.Background(), c,
				func(context.Context) (string, error) {
					creates++
					return "made", tc.creates[creates-1]
				},
				func(context.Context) (string, bool, error) {
					finds++
					if tc.findErr != nil {
						return "", false, tc.findErr
					}
					return "found", tc.finds[finds-1], nil
				})
			if err != nil && (tc.wantErr == "" || !strings.Contains(err.Error(), tc.wantErr)) || err == nil && tc.wantErr != "" {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
			if err == nil && got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if creates != tc.wantCreates || finds != tc.wantFinds {
				t.Errorf("%d creates and %d look-ups, want %d and %d", creates, finds, tc.wantCreates, tc.wantFinds)
			}
		})
	}
}

// The look-up runs even after the apply was cancelled: an interrupted apply learns what it made.
func TestCreateOnceLooksUpAfterCancellation(t *testing.T) {
	c := New(Config{Service: "svc", UserAgent: "test", LookupPause: time.Nanosecond})
	ctx, cancel := context.WithCancel(context.Background())
	got, err := CreateOnce(ctx, c,
		func(context.Context) (string, error) {
			cancel()
			return "", errLost
		},
		func(ctx context.Context) (string, bool, error) { return "found", ctx.Err() == nil, ctx.Err() })
	if err != nil || got != "found" {
		t.Fatalf("CreateOnce = %q, %v; want the customer found", got, err)
	}
}
