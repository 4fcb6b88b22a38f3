package acctest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// GeneratedConfigTest imports an existing remote object with an import {} block, has the CLI
// write its configuration (plan -generate-config-out), and proves that configuration right: it
// is valid, the import plans as a no-op, and after the import apply a plan is empty. The values
// the CLI cannot write (sensitive ones, generated as `null # sensitive`) are what a user must
// supply: sensitive maps each such attribute name to its HCL value, and the test fails if the
// generated configuration asks for any other.
type GeneratedConfigTest struct {
	Type      string            // resource type, such as "openprovider_customer"
	ID        string            // import ID of the existing object
	Sensitive map[string]string // attribute name → HCL value the user supplies
	// Deprecated maps the top-level deprecated attributes, which the CLI never generates, to the
	// HCL values the user adds; the test fails if the CLI does generate one.
	Deprecated map[string]string
	Contains   []string // lines the generated configuration must hold, such as `email = "jane@example.com"`
	// MissingError is the summary of the error the first plan gives when a required sensitive
	// value is generated as null; by default the framework's for a required attribute.
	MissingError string
}

// sensitivePlaceholder is a value the CLI cannot write into generated configuration (OpenTofu adds
// "write-only" for a write-only attribute).
var sensitivePlaceholder = regexp.MustCompile(`(?m)^(\s*)([a-z_0-9]+)(\s*)= null # sensitive( write-only)?$`)

// fillIn checks that generated configuration has each of the contains lines (in any alignment:
// the CLI lines up a block's "=") and asks the user for exactly the sensitive attributes named,
// and returns it with those filled in.
func fillIn(t *testing.T, generated string, contains []string, sensitive map[string]string) string {
	t.Helper()
	for _, want := range contains {
		pattern := strings.ReplaceAll(regexp.QuoteMeta(want), " = ", `\s*=\s*`)
		if !regexp.MustCompile(`(?m)^\s*` + pattern + `\s*$`).MatchString(generated) {
			t.Errorf("the generated configuration lacks %q", want)
		}
	}
	asked := map[string]bool{}
	filled := sensitivePlaceholder.ReplaceAllStringFunc(generated, func(line string) string {
		m := sensitivePlaceholder.FindStringSubmatch(line)
		asked[m[2]] = true
		value, ok := sensitive[m[2]]
		if !ok {
			return line
		}
		return m[1] + m[2] + m[3] + "= " + value
	})
	if names, want := sortedKeys(asked), sortedKeys(sensitive); strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("the generated configuration leaves %v for the user to supply, want exactly %v", names, want)
	}
	return filled
}

// Run performs the test with the real CLI of TF_ACC_TERRAFORM_PATH.
func (g GeneratedConfigTest) Run(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), fmt.Sprintf(`terraform {
  required_providers {
    customers = { source = "customerhandles/customers" }
  }
}

import {
  provider = customers
  to       = %s.imported
  id       = %q
}
`, g.Type, g.ID))
	cli := newCLI(t, dir)
	cli.run("init", "-input=false")
	// A required sensitive attribute is generated as null, so this plan may fail; the file is
	// written all the same, and its placeholders are checked below.
	missing := g.MissingError
	if missing == "" {
		missing = "Missing Configuration for Required Attribute"
	}
	if out, code := cli.runStatus("plan", "-input=false", "-generate-config-out=generated.tf"); code != 0 && !strings.Contains(out, missing) {
		t.Fatalf("generating the configuration failed (exit %d):\n%s", code, out)
	}

	generated := readFile(t, filepath.Join(dir, "generated.tf"))
	t.Logf("generated configuration:\n%s", generated)
	filled := fillIn(t, generated, g.Contains, g.Sensitive)
	for name, value := range g.Deprecated {
		if regexp.MustCompile(`(?m)^\s*` + name + `\s*=`).MatchString(filled) {
			t.Fatalf("the deprecated attribute %s was generated after all:\n%s", name, generated)
		}
		closing := strings.LastIndex(filled, "}")
		filled = filled[:closing] + "  " + name + " = " + value + "\n" + filled[closing:]
	}
	writeFile(t, filepath.Join(dir, "generated.tf"), filled)

	cli.importsUnchanged(1)
}

// importsUnchanged plans the configuration in the directory, which must import want resources,
// each as a no-op, applies that plan and checks that the next plan is empty.
func (c *cli) importsUnchanged(want int) {
	c.t.Helper()
	c.run("plan", "-input=false", "-out=import.plan")
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions   []string        `json:"actions"`
				Importing json.RawMessage `json:"importing"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(c.stdout("show", "-json", "import.plan"), &plan); err != nil {
		c.t.Fatalf("reading the plan: %v", err)
	}
	if len(plan.ResourceChanges) != want {
		c.t.Fatalf("the plan imports %d customers, want %d:\n%s", len(plan.ResourceChanges), want, c.run("show", "import.plan"))
	}
	for _, rc := range plan.ResourceChanges {
		if strings.Join(rc.Change.Actions, ",") != "no-op" || rc.Change.Importing == nil {
			c.t.Fatalf("%s does not import as a no-op (%v):\n%s", rc.Address, rc.Change.Actions, c.run("show", "import.plan"))
		}
	}
	c.run("apply", "-input=false", "import.plan")
	if out, code := c.runStatus("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		c.t.Fatalf("the plan after importing is not empty (exit %d):\n%s", code, out)
	}
}

// cli runs the Terraform (or OpenTofu) binary in a directory, attached to an in-process provider.
type cli struct {
	t    *testing.T
	dir  string
	path string
	env  []string
}

func newCLI(t *testing.T, dir string) *cli {
	t.Helper()
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH is not set")
	}
	return &cli{t: t, dir: dir, path: path, env: append(os.Environ(), "TF_REATTACH_PROVIDERS="+serveProvider(t), "TF_IN_AUTOMATION=1")}
}

func (c *cli) run(args ...string) string {
	c.t.Helper()
	out, code := c.runStatus(args...)
	if code != 0 {
		c.t.Fatalf("%s %s failed (exit %d):\n%s", filepath.Base(c.path), strings.Join(args, " "), code, out)
	}
	return out
}

func (c *cli) runStatus(args ...string) (string, int) {
	c.t.Helper()
	cmd := c.command(append([]string{args[0], "-no-color"}, args[1:]...)...)
	out, err := cmd.CombinedOutput()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return string(out), exitErr.ExitCode()
	}
	if err != nil {
		c.t.Fatalf("running %s: %v", c.path, err)
	}
	return string(out), 0
}

// stdout runs a command whose standard output is data, such as show -json.
func (c *cli) stdout(args ...string) []byte {
	c.t.Helper()
	out, err := c.command(args...).Output()
	if err != nil {
		c.t.Fatalf("%s %s failed: %v", filepath.Base(c.path), strings.Join(args, " "), err)
	}
	return out
}

func (c *cli) command(args ...string) *exec.Cmd {
	cmd := exec.CommandContext(c.t.Context(), c.path, args...) //nolint:gosec // G204: the terraform binary the test run was given
	cmd.Dir, cmd.Env = c.dir, c.env
	return cmd
}

// serveProvider serves the provider in this process, in the debug mode the CLI reattaches to,
// and returns the value of TF_REATTACH_PROVIDERS. It stops when the test ends.
func serveProvider(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig)
	closed := make(chan struct{})
	server := providerserver.NewProtocol6(newProvider())()
	go func() {
		err := tf6server.Serve("registry.terraform.io/customerhandles/customers", func() tfprotov6.ProviderServer { return server },
			tf6server.WithDebug(ctx, reattach, closed),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t),
			tf6server.WithoutLogStderrOverride())
		if err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	}()
	config := <-reattach
	t.Cleanup(func() { cancel(); <-closed })

	attach := map[string]any{
		"Protocol": config.Protocol, "ProtocolVersion": config.ProtocolVersion, "Pid": config.Pid, "Test": true,
		"Addr": map[string]string{"Network": config.Addr.Network(), "String": config.Addr.String()},
	}
	// Terraform and OpenTofu resolve the source against different registry hosts.
	env, err := json.Marshal(map[string]any{
		"registry.terraform.io/customerhandles/customers": attach,
		"registry.opentofu.org/customerhandles/customers": attach,
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(env)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path) //nolint:gosec // G304: a file in the test's own working directory
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
