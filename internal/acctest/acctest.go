// Package acctest runs acceptance tests against the in-process sandbox, or against the vendors'
// real endpoints when CUSTOMERS_ACC_LIVE=1 and their credentials are in the environment.
package acctest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/customerhandles/terraform-provider-customers/internal/provider"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// Credentials the sandbox is started with.
//
//nolint:gosec // G101: fake credentials of the in-process sandbox, searched for by the TRACE-log scans
const (
	OpenproviderUsername = "acc-user"
	OpenproviderPassword = "acc-Pa55word-never-logged"
	EcurringAPIKey       = "acc-ecurring-Key-never-logged"
	KYCAPIKey            = "apikey_sandbox_acc-never-logged"
)

// KYCSigningKey is the PEM private key the provider signs NOAH requests with in this test
// process; the sandbox verifies them with its public half.
var KYCSigningKey string

// Sandbox is the emulator shared by this test process, or nil in live mode and when TF_ACC is
// unset (acceptance tests are skipped then).
var Sandbox *sandbox.Server

// OpenTofu reports whether the acceptance tests run with OpenTofu: its suite (make testacc-tofu)
// reattaches the provider under OpenTofu's registry host.
func OpenTofu() bool { return os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org" }

// Live reports whether acceptance tests target the vendors' real endpoints.
func Live() bool { return os.Getenv("CUSTOMERS_ACC_LIVE") == "1" }

// Main is the TestMain of packages with acceptance tests: it starts one sandbox for the whole
// test process and points the provider's environment variables at it.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if os.Getenv("TF_ACC") == "" {
		return m.Run()
	}
	if err := useLocalTerraform(); err != nil {
		fmt.Fprintln(os.Stderr, "acctest:", err)
		return 1
	}
	if Live() {
		return m.Run()
	}
	key, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		fmt.Fprintln(os.Stderr, "acctest: generating the NOAH signing key:", err)
		return 1
	}
	KYCSigningKey = PEMPrivateKey(key)
	Sandbox = sandbox.New(sandbox.Options{
		OpenproviderUsername: OpenproviderUsername,
		OpenproviderPassword: OpenproviderPassword,
		EcurringAPIKey:       EcurringAPIKey,
		KYCAPIKey:            KYCAPIKey,
		KYCPublicKey:         &key.PublicKey,
	})
	root, err := Sandbox.Start("127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "acctest: starting the sandbox:", err)
		return 1
	}
	defer func() { _ = Sandbox.Close() }() // the process exits next
	for k, v := range map[string]string{
		"OPENPROVIDER_BASE_URL": sandbox.OpenproviderBaseURL(root),
		"OPENPROVIDER_USERNAME": OpenproviderUsername,
		"OPENPROVIDER_PASSWORD": OpenproviderPassword,
		"ECURRING_BASE_URL":     sandbox.EcurringBaseURL(root),
		"ECURRING_API_KEY":      EcurringAPIKey,
		"KYC_BASE_URL":          sandbox.KYCBaseURL(root),
		"KYC_API_KEY":           KYCAPIKey,
		"KYC_SIGNING_KEY":       KYCSigningKey,
	} {
		if err := os.Setenv(k, v); err != nil {
			fmt.Fprintln(os.Stderr, "acctest:", err)
			return 1
		}
	}
	return m.Run()
}

// useLocalTerraform makes terraform-plugin-testing use the terraform on PATH; it must never
// download one.
func useLocalTerraform() error {
	if err := os.Setenv("CHECKPOINT_DISABLE", "1"); err != nil {
		return err
	}
	if err := cliConfigThatExists(); err != nil {
		return err
	}
	if os.Getenv("TF_ACC_TERRAFORM_PATH") != "" {
		return nil
	}
	path, err := exec.LookPath("terraform")
	if err != nil {
		return fmt.Errorf("no terraform on PATH and TF_ACC_TERRAFORM_PATH unset: %w", err)
	}
	return os.Setenv("TF_ACC_TERRAFORM_PATH", path)
}

// cliConfigThatExists points TF_CLI_CONFIG_FILE at an empty file when it names a file that does
// not exist. Terraform ignores a missing CLI configuration, but OpenTofu (1.12) warns about it
// on stdout, in the middle of the JSON that terraform-plugin-testing parses, and every test fails.
// An empty configuration is what the missing file meant.
func cliConfigThatExists() error {
	name := os.Getenv("TF_CLI_CONFIG_FILE")
	if name == "" {
		return nil
	}
	if _, err := os.Stat(name); err == nil || !errors.Is(err, fs.ErrNotExist) { //nolint:gosec // G703: the caller's own TF_CLI_CONFIG_FILE, only checked for existence
		return nil
	}
	dir, err := os.MkdirTemp("", "acctest-cliconfig")
	if err != nil {
		return err
	}
	empty := filepath.Join(dir, "terraform.rc")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "acctest: TF_CLI_CONFIG_FILE=%s does not exist; using an empty CLI configuration instead\n", name)
	return os.Setenv("TF_CLI_CONFIG_FILE", empty)
}

// newProvider constructs the providers of this test process; like the one a real provider
// process has, it shares Openprovider's login sessions between them.
var newProvider = provider.New("acctest")

// ProviderFactories serves the provider in-process for terraform-plugin-testing.
func ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"customers": providerserver.NewProtocol6WithError(newProvider()),
	}
}

// PreCheckOpenprovider skips live runs that lack Openprovider credentials.
func PreCheckOpenprovider(t *testing.T) {
	t.Helper()
	needInLiveMode(t, "OPENPROVIDER_USERNAME", "OPENPROVIDER_PASSWORD", "OPENPROVIDER_BASE_URL")
}

// PreCheckEcurring skips live runs that lack an eCurring API key or base URL. eCurring customers
// cannot be deleted and eCurring has no documented sandbox host, so live tests never write to
// production by default: the base URL must be given explicitly.
func PreCheckEcurring(t *testing.T) {
	t.Helper()
	needInLiveMode(t, "ECURRING_API_KEY", "ECURRING_BASE_URL")
}

// PreCheckKYC skips live runs that lack NOAH credentials; the base URL must be given too, so
// that tests never run against production by default.
func PreCheckKYC(t *testing.T) {
	t.Helper()
	needInLiveMode(t, "KYC_API_KEY", "KYC_SIGNING_KEY", "KYC_BASE_URL")
}

// PEMPrivateKey encodes an EC private key as PKCS#8 PEM.
func PEMPrivateKey(key *ecdsa.PrivateKey) string {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		panic(err) // a freshly generated P-384 key always marshals
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// needInLiveMode skips acceptance tests without TF_ACC (for tests that call the API before
// resource.Test would skip them), and live runs that lack the given variables.
func needInLiveMode(t *testing.T, envs ...string) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	if !Live() {
		return
	}
	for _, env := range envs {
		if os.Getenv(env) == "" {
			t.Skipf("live mode needs %s", env)
		}
	}
}

// NeedsSandbox skips a test that inspects or steers the emulator when running live.
func NeedsSandbox(t *testing.T) *sandbox.Server {
	t.Helper()
	if Sandbox == nil {
		t.Skip("needs the local sandbox (not available in live mode)")
	}
	return Sandbox
}
