// Package reliability_test applies hundreds of customers through the built provider, as Terraform
// runs it (a separate process per command), against the sandbox with faults injected, and
// checks that nothing is duplicated or lost. Run with CUSTOMERS_RELIABILITY=1 (make reliability);
// without it every test reports a skip that says so.
package reliability_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// pluginDir holds the provider as Terraform finds it through dev_overrides: a wrapper that logs
// each launch (one line per provider process) and runs the binary built for these tests.
var pluginDir string

// skipped is why the tests skip: CUSTOMERS_RELIABILITY is unset.
const skipped = "reliability tests skipped: set CUSTOMERS_RELIABILITY=1 to run them (make reliability)"

func enabled() bool { return os.Getenv("CUSTOMERS_RELIABILITY") != "" }

func TestMain(m *testing.M) {
	if !enabled() {
		// Run the tests anyway: each one skips with the reason (newEnv), so `go test -v` and
		// `go test -json` show SKIP instead of a package that passed without testing anything.
		fmt.Println(skipped)
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "reliability")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pluginDir = filepath.Join(dir, "plugins")
	built := filepath.Join(dir, "terraform-provider-customers-built")
	build := exec.CommandContext(context.Background(), "go", "build", "-o", built, "github.com/customerhandles/terraform-provider-customers") //nolint:gosec // G204: our own build
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	wrapper := "#!/bin/sh\necho $$ >> \"$CUSTOMERS_LAUNCH_LOG\"\nexec " + built + " \"$@\"\n"
	if err := build.Run(); err != nil || os.MkdirAll(pluginDir, 0o750) != nil ||
		os.WriteFile(filepath.Join(pluginDir, "terraform-provider-customers"), []byte(wrapper), 0o755) != nil { //nolint:gosec // G306: the wrapper must be executable
		fmt.Fprintln(os.Stderr, "building the provider:", err)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// env is one test's sandbox and Terraform working directory.
type env struct {
	t    *testing.T
	dir  string
	sb   *sandbox.Server
	vars []string
}

const opUser, opPassword = "reliability", "reliability-Secret-9"

func newEnv(t *testing.T) *env {
	t.Helper()
	if !enabled() {
		t.Skip(skipped)
	}
	terraform, err := exec.LookPath("terraform")
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		terraform, err = p, nil
	}
	if err != nil {
		t.Fatal("no terraform on PATH")
	}
	key, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sb := sandbox.New(sandbox.Options{
		OpenproviderUsername: opUser, OpenproviderPassword: opPassword,
		EcurringAPIKey: "reliability-ecurring", KYCAPIKey: "apikey_sandbox_reliability", KYCPublicKey: &key.PublicKey,
		FaultSeed: 20261121,
	})
	root, err := sb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	dir := t.TempDir()
	rc := filepath.Join(dir, "terraformrc")
	writeFile(t, rc, fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"customerhandles/customers\" = %q\n  }\n  direct {}\n}\n", pluginDir))
	return &env{t: t, dir: dir, sb: sb, vars: []string{
		"TERRAFORM=" + terraform,
		"TF_CLI_CONFIG_FILE=" + rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"CUSTOMERS_LAUNCH_LOG=" + filepath.Join(dir, "launches"),
		"OPENPROVIDER_BASE_URL=" + sandbox.OpenproviderBaseURL(root), "OPENPROVIDER_USERNAME=" + opUser, "OPENPROVIDER_PASSWORD=" + opPassword,
		"ECURRING_BASE_URL=" + sandbox.EcurringBaseURL(root), "ECURRING_API_KEY=reliability-ecurring",
		"KYC_BASE_URL=" + sandbox.KYCBaseURL(root), "KYC_API_KEY=apikey_sandbox_reliability", "KYC_SIGNING_KEY=" + acctest.PEMPrivateKey(key),
	}}
}

// command prepares a terraform command in the working directory.
func (e *env) command(args ...string) *exec.Cmd {
	cmd := exec.CommandContext(e.t.Context(), strings.TrimPrefix(e.vars[0], "TERRAFORM="), append(args, "-no-color")...) //nolint:gosec // G204: the test's own terraform
	cmd.Dir, cmd.Env = e.dir, append(os.Environ(), e.vars...)
	return cmd
}

// terraform runs a command and returns its output and error.
func (e *env) terraform(args ...string) (string, error) {
	start := time.Now()
	out, err := e.command(args...).CombinedOutput()
	e.t.Logf("terraform %s: %v in %s", args[0], err, time.Since(start).Round(time.Millisecond))
	return string(out), err
}

// apply applies and fails the test unless that one run succeeds: transient faults must never
// fail an apply, so none may need a second run.
func (e *env) apply(args ...string) {
	e.t.Helper()
	if out, err := e.terraform(append([]string{"apply", "-auto-approve", "-input=false"}, args...)...); err != nil {
		e.t.Fatalf("the apply failed, and one run must converge:\n%s", lastLines(out, 30))
	}
}

// checkConverged proves the end state: exactly n customers of each kind remotely, none twice,
// the state holding exactly those, and a refresh plan with no changes.
func (e *env) checkConverged(n int, kinds ...string) {
	e.t.Helper()
	remote := map[string]map[string]bool{}
	for _, kind := range kinds {
		remote[kind] = e.remoteIDs(kind)
		if got := len(remote[kind]); got != n {
			e.t.Errorf("%s: the sandbox holds %d customers, want exactly %d", kind, got, n)
		}
	}
	state := e.stateIDs()
	for _, kind := range kinds {
		if len(state[kind]) != n {
			e.t.Errorf("%s: the state holds %d customers, want %d", kind, len(state[kind]), n)
		}
		for id := range state[kind] {
			if !remote[kind][id] {
				e.t.Errorf("%s: %s is in the state but not in the sandbox", kind, id)
			}
		}
	}
	if out, err := e.terraform("plan", "-input=false", "-detailed-exitcode"); err != nil {
		e.t.Errorf("the refresh plan is not empty (%v):\n%s", err, lastLines(out, 40))
	}
}

// remoteIDs lists one kind's customers in the sandbox, and fails on a duplicate: two customers
// with the same identifying detail (the test gives each customer a unique one).
func (e *env) remoteIDs(kind string) map[string]bool {
	ids, details := map[string]bool{}, map[string]string{}
	note := func(id, detail string) {
		if other, dup := details[detail]; dup {
			e.t.Errorf("%s: duplicate customers %s and %s for %q", kind, other, id, detail)
		}
		ids[id], details[detail] = true, id
	}
	switch kind {
	case "openprovider_customer":
		for _, handle := range e.sb.Openprovider.Customers() {
			c, _ := e.sb.Openprovider.Customer(handle)
			note(handle, fmt.Sprint(c["email"]))
		}
	case "ecurring_customer":
		for _, id := range e.sb.Ecurring.Customers() {
			c, _ := e.sb.Ecurring.Customer(id)
			note(id, fmt.Sprint(c["email"]))
		}
	case "kyc_customer":
		for _, id := range e.sb.KYC.Customers() {
			note(id, id) // the id is the identity: PUT cannot make two
		}
	}
	return ids
}

// stateIDs reads the ids of the customers in the Terraform state, by resource type.
func (e *env) stateIDs() map[string]map[string]bool {
	e.t.Helper()
	out, err := e.command("show", "-json").Output()
	if err != nil {
		e.t.Fatalf("terraform show: %v", err)
	}
	var shown struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Type   string         `json:"type"`
					Values map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal(out, &shown); err != nil {
		e.t.Fatalf("terraform show -json: %v", err)
	}
	key := map[string]string{"openprovider_customer": "handle", "ecurring_customer": "id", "kyc_customer": "customer_id"}
	ids := map[string]map[string]bool{}
	for _, r := range shown.Values.RootModule.Resources {
		if ids[r.Type] == nil {
			ids[r.Type] = map[string]bool{}
		}
		ids[r.Type][fmt.Sprint(r.Values[key[r.Type]])] = true
	}
	return ids
}

func (e *env) launches() int {
	b, _ := os.ReadFile(filepath.Join(e.dir, "launches"))
	return strings.Count(string(b), "\n")
}

// customers renders n customers of each given kind; provider is the provider block's body.
func customers(n int, provider string, kinds ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "terraform {\n  required_providers {\n    customers = { source = \"customerhandles/customers\" }\n  }\n}\n\nprovider \"customers\" {\n%s\n}\n", provider)
	for _, kind := range kinds {
		switch kind {
		case "openprovider_customer":
			fmt.Fprintf(&b, `
resource "openprovider_customer" "c" {
  provider = customers
  count    = %d
  name     = { first_name = "Rel", last_name = "Doe${count.index}" }
  address  = { street = "Main Street", number = "${count.index + 1}", zipcode = "1234 AB", city = "Amsterdam", country = "NL" }
  phone    = { country_code = "+31", area_code = "20", subscriber_number = "1234567" }
  email    = "op${count.index}@example.com"
}
`, n)
		case "ecurring_customer":
			fmt.Fprintf(&b, `
resource "ecurring_customer" "c" {
  provider   = customers
  count      = %d
  first_name = "Rel"
  last_name  = "Doe${count.index}"
  email      = "ec${count.index}@example.com"
  city       = "Utrecht"
}
`, n)
		case "kyc_customer":
			fmt.Fprintf(&b, `
resource "kyc_customer" "c" {
  provider      = customers
  count         = %d
  customer_id   = "rel-${count.index}"
  full_name     = { first_name = "Rel", last_name = "Doe${count.index}" }
  date_of_birth = "1990-04-16"
  identities    = [{ issuing_country = "NL", id_type = "Passport", id_number = "NX${count.index}" }]
  primary_residence = { street = "Damrak 1", city = "Amsterdam", post_code = "1012 LG", state = "Noord-Holland", country = "NL" }
}
`, n)
		}
	}
	return b.String()
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
