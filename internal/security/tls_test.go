package security

import (
	"context"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// proxyChildEnv, when set, makes the test binary the proxy test's child: a fresh process, because
// net/http reads HTTPS_PROXY and the system's certificates once per process.
const proxyChildEnv = "SECURITY_TEST_PROXY_CHILD_BASE_URL"

func TestMain(m *testing.M) {
	if base := os.Getenv(proxyChildEnv); base != "" {
		os.Exit(proxyChild(base))
	}
	os.Exit(m.Run())
}

// A self-signed endpoint fails, without retries, saying how to trust a private CA: certificates
// are always verified, with no setting to turn that off.
func TestSelfSignedCertificateFailsSayingHowToTrustACA(t *testing.T) {
	srv := serveOn(t, "127.0.0.1", sandbox.New(sandbox.Options{EcurringAPIKey: ecurringKey}), true)
	base := sandbox.EcurringBaseURL(srv.URL)
	c, err := ecurringapi.New(ecurringapi.Settings{BaseURL: base, APIKey: ecurringKey, HTTP: httpclient.Config{UserAgent: "security-test"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	_, err = c.GetCustomer(ctx, "1")
	want := "read customer 1: GET " + base + "/customers/1: no response after 1 attempt: tls: failed to verify certificate: " +
		"x509: certificate signed by unknown authority; the service's certificate is not signed by a trusted authority: " +
		"if it uses a private CA, trust it by naming its PEM file in SSL_CERT_FILE or a directory of CA certificates in SSL_CERT_DIR"
	if err == nil || err.Error() != want {
		t.Errorf("error\n got: %v\nwant: %s", err, want)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v: a certificate error was retried", took)
	}
}

// HTTPS_PROXY is honoured: a child process with the default transport reaches the vendor through
// a local CONNECT proxy, and trusts the vendor's certificate through SSL_CERT_FILE.
func TestHTTPSProxyAndSSLCertFileAreHonoured(t *testing.T) {
	vendor := serveOn(t, "127.0.0.1", sandbox.New(sandbox.Options{EcurringAPIKey: ecurringKey}), true)
	var mu sync.Mutex
	var connects []string
	proxy := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		connects = append(connects, r.Method+" "+r.Host)
		mu.Unlock()
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		// Whatever host is asked for, the tunnel leads to the vendor on loopback.
		upstream, err := (&net.Dialer{}).DialContext(r.Context(), "tcp", vendor.Listener.Addr().String())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusOK)
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			_ = upstream.Close()
			return
		}
		go func() { _, _ = io.Copy(upstream, buf); _ = upstream.Close() }()
		_, _ = io.Copy(conn, upstream)
		_ = conn.Close()
	}), false)

	// The test certificate names example.com; only the proxy resolves it, to the vendor.
	dir := t.TempDir()
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: vendor.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	//nolint:gosec // G204: the test runs its own binary as the child
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(withoutProxyEnv(os.Environ()),
		proxyChildEnv+"="+sandbox.EcurringBaseURL("https://example.com"),
		"HTTPS_PROXY="+proxy.URL, "SSL_CERT_FILE="+caFile, "SSL_CERT_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(connects) == 0 || connects[0] != "CONNECT example.com:443" {
		t.Errorf("the proxy saw %q, want CONNECT example.com:443", connects)
	}
}

func withoutProxyEnv(env []string) []string {
	var kept []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR":
			continue
		}
		kept = append(kept, kv)
	}
	return kept
}

// proxyChild lists eCurring customers at base with the provider's default HTTP client.
func proxyChild(base string) int {
	c, err := ecurringapi.New(ecurringapi.Settings{BaseURL: base, APIKey: ecurringKey, HTTP: httpclient.Config{UserAgent: "security-test", MaxRetries: new(0)}})
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		for _, listErr := range c.Customers(ctx, "") {
			if listErr != nil {
				err = listErr
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "through the proxy:", err)
		return 1
	}
	return 0
}
