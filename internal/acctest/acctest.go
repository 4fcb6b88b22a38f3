// Package acctest runs acceptance tests against the in-process sandbox, or against the vendors'
// real endpoints when CUSTOMERS_ACC_LIVE=1 and their credentials are in the environment.
package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/customerhandles/terraform-provider-customers/internal/provider"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// Credentials the sandbox is started with.
const (
	OpenproviderUsername = "acc-user"
	OpenproviderPassword = "acc-Pa55word-never-logged"
	EcurringAPIKey       = "acc-ecurring-Key-never-logged"
)

// Sandbox is the emulator shared by this test process, or nil in live mode and when TF_ACC is
// unset (acceptance tests are skipped then).
var Sandbox *sandbox.Server

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
	Sandbox = sandbox.New(sandbox.Options{
		OpenproviderUsername: OpenproviderUsername,
		OpenproviderPassword: OpenproviderPassword,
		EcurringAPIKey:       EcurringAPIKey,
	})
	root, err := Sandbox.Start("127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "acctest: starting the sandbox:", err)
		return 1
	}
	defer Sandbox.Close()
	for k, v := range map[string]string{
		"OPENPROVIDER_BASE_URL": sandbox.OpenproviderBaseURL(root),
		"OPENPROVIDER_USERNAME": OpenproviderUsername,
		"OPENPROVIDER_PASSWORD": OpenproviderPassword,
		"ECURRING_BASE_URL":     sandbox.EcurringBaseURL(root),
		"ECURRING_API_KEY":      EcurringAPIKey,
	} {
		os.Setenv(k, v)
	}
	return m.Run()
}

// useLocalTerraform makes terraform-plugin-testing use the terraform on PATH; it must never
// download one.
func useLocalTerraform() error {
	os.Setenv("CHECKPOINT_DISABLE", "1")
	if os.Getenv("TF_ACC_TERRAFORM_PATH") != "" {
		return nil
	}
	path, err := exec.LookPath("terraform")
	if err != nil {
		return fmt.Errorf("no terraform on PATH and TF_ACC_TERRAFORM_PATH unset: %w", err)
	}
	return os.Setenv("TF_ACC_TERRAFORM_PATH", path)
}

// ProviderFactories serves the provider in-process for terraform-plugin-testing.
func ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"customers": providerserver.NewProtocol6WithError(provider.New("acctest")()),
	}
}

// PreCheckOpenprovider skips live runs that lack Openprovider credentials.
func PreCheckOpenprovider(t *testing.T) {
	t.Helper()
	needInLiveMode(t, "OPENPROVIDER_USERNAME", "OPENPROVIDER_PASSWORD", "OPENPROVIDER_BASE_URL")
}

// PreCheckEcurring skips live runs that lack an eCurring API key (the base URL has a default).
func PreCheckEcurring(t *testing.T) {
	t.Helper()
	needInLiveMode(t, "ECURRING_API_KEY")
}

func needInLiveMode(t *testing.T, envs ...string) {
	t.Helper()
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
