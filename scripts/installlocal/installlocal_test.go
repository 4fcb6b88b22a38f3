// Package installlocal tests scripts/install-local.sh (`make install-local`) the way a user
// relies on it: terraform init and plan of an example through the installed provider, offline.
package installlocal

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// unreachable is a loopback port nothing listens on: a proxy or API there refuses at once, so
// any attempt to download or call out fails the test instead of hanging.
const unreachable = "http://127.0.0.1:9"

func TestInstallLocalInitAndPlanOffline(t *testing.T) {
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || terraform == "" {
		t.Skip("needs TF_ACC=1 and TF_ACC_TERRAFORM_PATH (make test sets both)")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	home := filepath.Join(tmp, "home") // the user's real ~/.terraform.d stays untouched
	work := filepath.Join(tmp, "work")
	for _, dir := range []string{home, work} {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(tmp, "bin", "terraform-provider-customers")
	run(t, root, nil, "go", "build", "-o", bin, ".")

	// An empty CLI configuration: no provider_installation block, so Terraform uses the implicit
	// mirror under $HOME. It must exist: the environment may name a file that does not.
	cliConfig := filepath.Join(tmp, "terraformrc")
	if err := os.WriteFile(cliConfig, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(cleanEnv(),
		"HOME="+home, "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"HTTPS_PROXY="+unreachable, "HTTP_PROXY="+unreachable, "https_proxy="+unreachable, "http_proxy="+unreachable,
		"NO_PROXY=", "no_proxy=",
	)

	// OpenTofu's suite sets TF_ACC_PROVIDER_HOST: OpenTofu looks for the provider under its own host.
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	out := run(t, root, append(env, "PROVIDER_BIN="+bin, "PROVIDER_HOST="+host), filepath.Join(root, "scripts", "install-local.sh"))
	installed := filepath.Join(home, ".terraform.d", "plugins", host, "customerhandles", "customers",
		"0.0.1", runtime.GOOS+"_"+runtime.GOARCH, "terraform-provider-customers_v0.0.1")
	if st, err := os.Stat(installed); err != nil || st.Mode()&0o111 == 0 { //nolint:gosec // G703: a path in t.TempDir(), the host from the test harness
		t.Fatalf("not installed as an executable at %s (%v); the script said:\n%s", installed, err, out)
	}

	example, err := os.ReadFile(filepath.Join(root, "examples", "quickstart", "main.tf")) //nolint:gosec // G304: the repository's own example
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "main.tf"), example, 0o600); err != nil { //nolint:gosec // G703: a file in t.TempDir()
		t.Fatal(err)
	}
	// Credentials so that the plan can configure every service; the APIs are unreachable, so a
	// plan that called one would fail.
	env = append(env,
		"OPENPROVIDER_USERNAME=u", "OPENPROVIDER_PASSWORD=p", "OPENPROVIDER_BASE_URL="+unreachable+"/openprovider/v1beta",
		"ECURRING_API_KEY=k", "ECURRING_BASE_URL="+unreachable+"/ecurring",
		"KYC_API_KEY=k", "KYC_BASE_URL="+unreachable+"/kyc/v1",
	)
	out = run(t, work, env, terraform, "init", "-input=false", "-no-color")
	if !strings.Contains(out, "Installing customerhandles/customers v0.0.1...") ||
		!strings.Contains(out, "Installed customerhandles/customers v0.0.1 (unauthenticated)") {
		t.Errorf("terraform init did not install the local provider:\n%s", out)
	}
	lock, err := os.ReadFile(filepath.Join(work, ".terraform.lock.hcl")) //nolint:gosec // G304: terraform's lock file in t.TempDir()
	if err != nil || !strings.Contains(string(lock), `provider "`+host+`/customerhandles/customers"`) ||
		!strings.Contains(string(lock), `version = "0.0.1"`) {
		t.Errorf("lock file (%v):\n%s", err, lock)
	}

	plan, err := command(t, work, env, terraform, "plan", "-input=false", "-no-color", "-detailed-exitcode").CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(plan), "Plan: 3 to add, 0 to change, 0 to destroy.") {
		t.Fatalf("terraform plan: %v (want exit 2, three to add):\n%s", err, plan)
	}
}

// cleanEnv is the test's environment without the settings that would steer Terraform elsewhere.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "OPENPROVIDER_") || strings.HasPrefix(name, "ECURRING_") ||
			strings.HasPrefix(name, "KYC_") || strings.EqualFold(name, "HTTPS_PROXY") || strings.EqualFold(name, "HTTP_PROXY") ||
			strings.EqualFold(name, "NO_PROXY") || name == "HOME" {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// command runs name in dir with env (nil: the test's own environment).
func command(t *testing.T, dir string, env []string, name string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), name, args...) //nolint:gosec // G204, G702: go, terraform and the script under test
	cmd.Dir, cmd.Env = dir, env
	return cmd
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, err := command(t, dir, env, name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}
