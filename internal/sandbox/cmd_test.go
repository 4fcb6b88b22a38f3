package sandbox

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startCommand runs the command with args until the test ends and returns
// its output up to and including the "listening" line.
func startCommand(t *testing.T, args ...string) []string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, args, pw, io.Discard)
		_ = pw.Close() // never fails
		done <- err
	}()
	t.Cleanup(func() {
		cancel()
		go func() { _, _ = io.Copy(io.Discard, pr) }()
		select {
		case err := <-done:
			if err != nil {
				t.Error(err)
			}
		case <-time.After(5 * time.Second):
			t.Error("run did not return after cancel")
		}
	})
	sc := bufio.NewScanner(pr)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if strings.HasPrefix(sc.Text(), "# customers sandbox listening on ") || len(lines) > 100 {
			break
		}
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[len(lines)-1], "# customers sandbox listening on ") {
		t.Fatalf("output:\n%s", strings.Join(lines, "\n"))
	}
	return lines
}

// parseExports reads `export NAME=value` lines as sh would: values may be
// single-quoted (across lines), and a backslash escapes one character outside
// quotes. Comment lines are skipped.
func parseExports(t *testing.T, lines []string) map[string]string {
	t.Helper()
	text := strings.Join(lines, "\n") + "\n"
	out := map[string]string{}
	for text != "" {
		if strings.HasPrefix(text, "#") {
			_, text, _ = strings.Cut(text, "\n")
			continue
		}
		rest, ok := strings.CutPrefix(text, "export ")
		name, rest, ok2 := strings.Cut(rest, "=")
		if !ok || !ok2 {
			t.Fatalf("not an export: %q", text)
		}
		var v strings.Builder
		for rest != "" && rest[0] != '\n' {
			switch {
			case rest[0] == '\'':
				end := strings.IndexByte(rest[1:], '\'')
				if end < 0 {
					t.Fatalf("unterminated quote in %s", name)
				}
				v.WriteString(rest[1 : 1+end])
				rest = rest[2+end:]
			case rest[0] == '\\' && len(rest) > 1:
				v.WriteByte(rest[1])
				rest = rest[2:]
			default:
				v.WriteByte(rest[0])
				rest = rest[1:]
			}
		}
		out[name] = v.String()
		text = strings.TrimPrefix(rest, "\n")
	}
	return out
}

// kycStatus sends GET /customers to the sandbox's NOAH emulator with key and
// (unless nil) a signature made with priv.
func kycStatus(t *testing.T, baseURL, key string, priv *ecdsa.PrivateKey) int {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, baseURL+"/customers?PageSize=5", nil)
	req.Header.Set("X-Api-Key", key)
	if priv != nil {
		req.Header.Set("Api-Signature", signWith(t, priv, kycClaims(http.MethodGet, req.URL.RequestURI(), nil, time.Now())))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

func TestCommand(t *testing.T) {
	lines := startCommand(t, "-listen", "127.0.0.1:0", "-op-username", "me")
	base := regexp.MustCompile(`^export OPENPROVIDER_BASE_URL=(http://127\.0\.0\.1:\d+)/openprovider/v1beta$`).FindStringSubmatch(lines[0])
	if base == nil || len(lines) < 9 {
		t.Fatalf("output:\n%s", strings.Join(lines, "\n"))
	}
	pass := regexp.MustCompile(`^export OPENPROVIDER_PASSWORD=([0-9a-f]{16})$`).FindStringSubmatch(lines[2])
	ecKey := regexp.MustCompile(`^export ECURRING_API_KEY=([0-9a-f]{32})$`).FindStringSubmatch(lines[4])
	kycKey := regexp.MustCompile(`^export KYC_API_KEY=(apikey_sandbox_[0-9a-f]{24})$`).FindStringSubmatch(lines[6])
	if lines[1] != "export OPENPROVIDER_USERNAME=me" || pass == nil ||
		lines[3] != "export ECURRING_BASE_URL="+base[1]+"/ecurring" || ecKey == nil ||
		lines[5] != "export KYC_BASE_URL="+base[1]+"/noah/v1" || kycKey == nil ||
		lines[7] != "export KYC_SIGNING_KEY='-----BEGIN PRIVATE KEY-----" ||
		lines[len(lines)-2] != "-----END PRIVATE KEY-----'" ||
		lines[len(lines)-1] != "# customers sandbox listening on "+base[1]+" (Ctrl-C to stop)" {
		t.Fatalf("output:\n%s", strings.Join(lines, "\n"))
	}
	login(t, OpenproviderBaseURL(base[1]), "me", pass[1])
	for key, want := range map[string]int{ecKey[1]: http.StatusOK, "sandbox-ecurring-key": http.StatusUnauthorized} {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, EcurringBaseURL(base[1])+"/customers", nil)
		req.Header.Set("X-Authorization", key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("eCurring with key %q: status %d, want %d", key, resp.StatusCode, want)
		}
	}

	// The printed signing key, as the shell would hand it over, signs
	// requests the sandbox accepts; unsigned ones are refused.
	env := parseExports(t, lines)
	block, rest := pem.Decode([]byte(env["KYC_SIGNING_KEY"]))
	if block == nil || block.Type != "PRIVATE KEY" || len(rest) != 0 {
		t.Fatalf("KYC_SIGNING_KEY is not one PKCS#8 PEM block")
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	priv, ok := parsed.(*ecdsa.PrivateKey)
	if err != nil || !ok || priv.Curve != elliptic.P384() {
		t.Fatalf("KYC_SIGNING_KEY: %T %v", parsed, err)
	}
	kycURL := env["KYC_BASE_URL"]
	if got := kycStatus(t, kycURL, env["KYC_API_KEY"], priv); got != http.StatusOK {
		t.Errorf("signed request: %d", got)
	}
	if got := kycStatus(t, kycURL, env["KYC_API_KEY"], nil); got != http.StatusUnauthorized {
		t.Errorf("unsigned request: %d", got)
	}
	if got := kycStatus(t, kycURL, "apikey_sandbox_local", priv); got != http.StatusUnauthorized {
		t.Errorf("default API key: %d", got)
	}
	if got := kycStatus(t, kycURL, env["KYC_API_KEY"], newKey(t, elliptic.P384())); got != http.StatusUnauthorized {
		t.Errorf("request signed with another key: %d", got)
	}
}

// writePEM writes one PEM block to a file in a test temp dir.
func writePEM(t *testing.T, typ string, der []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestCommandKYCPublicKey(t *testing.T) {
	priv := newKey(t, elliptic.P256())
	der, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	lines := startCommand(t, "-listen", "127.0.0.1:0", "-kyc-public-key", writePEM(t, "PUBLIC KEY", der), "-kyc-api-key", "apikey_sandbox_mine")
	env := parseExports(t, lines)
	if _, has := env["KYC_SIGNING_KEY"]; has || len(lines) != 8 || env["KYC_API_KEY"] != "apikey_sandbox_mine" {
		t.Fatalf("output:\n%s", strings.Join(lines, "\n"))
	}
	if got := kycStatus(t, env["KYC_BASE_URL"], "apikey_sandbox_mine", priv); got != http.StatusOK {
		t.Errorf("signed request: %d", got)
	}
	if got := kycStatus(t, env["KYC_BASE_URL"], "apikey_sandbox_mine", nil); got != http.StatusUnauthorized {
		t.Errorf("unsigned request: %d", got)
	}
}

func TestCommandKYCUnsigned(t *testing.T) {
	lines := startCommand(t, "-listen", "127.0.0.1:0", "-kyc-unsigned")
	env := parseExports(t, lines)
	if _, has := env["KYC_SIGNING_KEY"]; has || len(lines) != 8 {
		t.Fatalf("output:\n%s", strings.Join(lines, "\n"))
	}
	if got := kycStatus(t, env["KYC_BASE_URL"], env["KYC_API_KEY"], nil); got != http.StatusOK {
		t.Errorf("unsigned request: %d", got)
	}
}

func TestCommandEcurringKey(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, []string{"-listen", "127.0.0.1:0", "-ecurring-api-key", "it's mine"}, pw, io.Discard)
		_ = pw.Close() // never fails
		done <- err
	}()
	sc := bufio.NewScanner(pr)
	var lines []string
	for len(lines) < 6 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	cancel()
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if err := <-done; err != nil {
		t.Error(err)
	}
	if len(lines) != 6 || lines[4] != `export ECURRING_API_KEY='it'\''s mine'` {
		t.Errorf("output:\n%s", strings.Join(lines, "\n"))
	}
}

func TestCommandErrors(t *testing.T) {
	pub, _ := x509.MarshalPKIXPublicKey(&newKey(t, elliptic.P384()).PublicKey)
	pubFile := writePEM(t, "PUBLIC KEY", pub)
	p521, _ := x509.MarshalPKIXPublicKey(&newKey(t, elliptic.P521()).PublicKey)
	privDER, _ := x509.MarshalPKCS8PrivateKey(newKey(t, elliptic.P384()))
	notPEM := filepath.Join(t.TempDir(), "not.pem")
	if err := os.WriteFile(notPEM, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-kyc-unsigned", "-kyc-public-key", pubFile},
		{"-kyc-unsigned", "-kyc-claims-only"},
		{"-kyc-public-key", filepath.Join(t.TempDir(), "missing.pem")},
		{"-kyc-public-key", notPEM},
		{"-kyc-public-key", writePEM(t, "PUBLIC KEY", p521)},
		{"-kyc-public-key", writePEM(t, "PRIVATE KEY", privDER)},
		{"-kyc-public-key", writePEM(t, "PUBLIC KEY", []byte("junk"))},
		{"-listen", "0.0.0.0:8080"},
		{"-listen", ":8080"},
		{"-nope"},
		{"extra"},
		{"-op-username", ""},
		{"-seed", "noah=1"},
		{"-seed", "kyc"},
		{"-seed", "kyc=-1"},
		{"-seed", "kyc=x"},
		{"-seed", "kyc=100001"},
	} {
		var out strings.Builder
		if err := run(context.Background(), args, &out, io.Discard); err == nil {
			t.Errorf("%q: no error", args)
		}
		if out.Len() != 0 {
			t.Errorf("%q: printed %q", args, out.String())
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"sandbox":              "sandbox",
		"http://127.0.0.1:1/x": "http://127.0.0.1:1/x",
		"it's $x":              `'it'\''s $x'`,
		"http://[::1]:8080/a":  "'http://[::1]:8080/a'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCommandSeed(t *testing.T) {
	lines := startCommand(t, "-listen", "127.0.0.1:0", "-kyc-unsigned", "-ecurring-api-key", "k", "-seed", "ecurring=5", "-seed", "kyc=7", "-seed", "ecurring=120")
	env := parseExports(t, lines)
	text := strings.Join(lines, "\n")
	if !strings.Contains(text, "\n# seeded 120 ecurring customers\n# seeded 7 kyc customers\n") || strings.Contains(text, "openprovider customers") {
		t.Fatalf("output:\n%s", text)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, env["ECURRING_BASE_URL"]+"/customers", nil)
	req.Header.Set("X-Authorization", "k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var doc struct {
		Meta struct{ Total int } `json:"meta"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil || doc.Meta.Total != 120 {
		t.Errorf("eCurring list: %d %+v %v", resp.StatusCode, doc, err)
	}
}
