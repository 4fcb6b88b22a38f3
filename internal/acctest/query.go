package acctest

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/querycheck"

	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// OwnSandbox serves a sandbox of the test's own, with the acceptance tests' credentials, so that
// a test can count its API calls whatever other tests do meanwhile, and returns it with its root
// URL (sandbox.OpenproviderBaseURL and the like give each service's base URL for the provider
// block). It stops when the test ends.
func OwnSandbox(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	NeedsSandbox(t)
	srv := sandbox.New(sandbox.Options{
		OpenproviderUsername: OpenproviderUsername,
		OpenproviderPassword: OpenproviderPassword,
		EcurringAPIKey:       EcurringAPIKey,
		KYCAPIKey:            KYCAPIKey,
		KYCClaimsOnly:        true,
	})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts.URL
}

// ExpectListCalls is a query check that srv received exactly want customer list requests of
// service since the last ResetCounts; it resets the counts for the next query step. Logged is
// where the count goes too (t.Logf), for the API calls per query the docs report.
func ExpectListCalls(t *testing.T, srv *sandbox.Server, service, query string, want int) querycheck.QueryResultCheck {
	t.Helper()
	return listCalls{t, srv, service, query, want}
}

type listCalls struct {
	t       *testing.T
	srv     *sandbox.Server
	service string
	query   string
	want    int
}

func (c listCalls) CheckQuery(_ context.Context, _ querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	got := c.srv.ListCalls(c.service)
	c.srv.ResetCounts()
	c.t.Logf("%s: %d list calls", c.query, got)
	if got != c.want {
		resp.Error = fmt.Errorf("%s: %d %s list calls, want %d", c.query, got, c.service, c.want)
	}
}
