package openprovider

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// benchClient returns a client of a fresh emulator, and one customer to read.
func benchClient(b *testing.B) (*Client, string) {
	b.Helper()
	srv := sandbox.New(sandbox.Options{OpenproviderUsername: "bench", OpenproviderPassword: "bench-pw"})
	ts := httptest.NewServer(srv)
	b.Cleanup(ts.Close)
	c := NewClient(Config{BaseURL: sandbox.OpenproviderBaseURL(ts.URL), Username: "bench", Password: "bench-pw"},
		httpclient.New(httpclient.Config{Service: service, UserAgent: "bench"}))
	m := fullModel()
	handle, err := c.CreateCustomer(context.Background(), m.toAPI())
	if err != nil {
		b.Fatal(err)
	}
	return c, handle
}

// BenchmarkClientGetCustomer is the cost of one refresh's API call over loopback, emulator included.
func BenchmarkClientGetCustomer(b *testing.B) {
	c, handle := benchClient(b)
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
	c, handle := benchClient(b)
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
