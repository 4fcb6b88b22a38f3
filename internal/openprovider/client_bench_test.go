package openprovider

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// sandboxCustomer returns a client of a fresh emulator, and the handle of fullModel's customer.
func sandboxCustomer(tb testing.TB) (*openproviderapi.Client, string) {
	tb.Helper()
	srv := sandbox.New(sandbox.Options{OpenproviderUsername: "test", OpenproviderPassword: "test-pw"})
	ts := httptest.NewServer(srv)
	tb.Cleanup(ts.Close)
	c, err := openproviderapi.New(openproviderapi.Settings{BaseURL: sandbox.OpenproviderBaseURL(ts.URL), Username: "test", Password: "test-pw",
		HTTP: httpclient.Config{UserAgent: "test"}})
	if err != nil {
		tb.Fatal(err)
	}
	m := fullModel()
	handle, err := c.CreateCustomer(context.Background(), m.toAPI())
	if err != nil {
		tb.Fatal(err)
	}
	return c, handle
}

// BenchmarkClientGetCustomer is the cost of one refresh's API call over loopback, emulator included.
func BenchmarkClientGetCustomer(b *testing.B) {
	c, handle := sandboxCustomer(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetCustomer(context.Background(), handle); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClientGetCustomerParallel reads concurrently, as Terraform's parallel walks do, through
// the shared session and connection pool.
func BenchmarkClientGetCustomerParallel(b *testing.B) {
	c, handle := sandboxCustomer(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.GetCustomer(context.Background(), handle); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
