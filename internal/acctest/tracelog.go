package acctest

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// TestWithoutSecretsInTraceLog runs steps with TF_LOG=TRACE and then searches what Terraform
// and the provider logged for every secret: the fixed ones given, and those secretsAfter
// returns once the run is over (tokens, signatures). It also checks that the log holds the API
// traffic at all, which the search would otherwise prove nothing about. Callers must not be
// parallel tests (it sets environment variables).
func TestWithoutSecretsInTraceLog(t *testing.T, steps []resource.TestStep, secrets []string, secretsAfter func() []string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(dir, "%s.log"))
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: ProviderFactories(), Steps: steps})

	raw, err := os.ReadFile(filepath.Join(dir, t.Name()+".log")) //nolint:gosec // G304: the log in t.TempDir()
	if err != nil {
		t.Fatal(err)
	}
	logs := withoutHarnessEntries(raw)
	for _, want := range []string{"HTTP request", "/customers", "[REDACTED]"} {
		if !bytes.Contains(logs, []byte(want)) {
			t.Fatalf("the TRACE log (%d bytes) lacks %q", len(logs), want)
		}
	}
	if secretsAfter != nil {
		secrets = append(secrets, secretsAfter()...)
	}
	for _, s := range secrets {
		if i := bytes.Index(logs, []byte(s)); s != "" && i >= 0 {
			t.Errorf("secret %q appears in the TRACE log: ...%s...", s, logs[max(0, i-1500):min(len(logs), i+50)])
		}
	}
}

// withoutHarnessEntries drops the log entries of terraform-plugin-testing itself, which echo
// each step's configuration (the test's own secrets, written in clear in its HCL). What remains
// is what Terraform and the provider logged.
//
// In OpenTofu's logs it also drops OpenTofu's own "[WARN] Provider ... produced an unexpected new
// value for ... during refresh." entries. OpenTofu (1.10) writes one whenever a refresh returns
// other values than the prior state, as on every import, and prints the values of attributes
// whose nested attributes are sensitive in clear: it masks only attributes that are sensitive
// themselves. No provider can mask what the CLI prints; Terraform (1.11) has no such message.
func withoutHarnessEntries(log []byte) []byte {
	entryStart := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T`)
	openTofu := bytes.Contains(log, []byte(" OpenTofu version: "))
	tofuRefreshDrift := regexp.MustCompile(`^\S+ \[WARN\]\s+Provider "[^"]+" produced an unexpected new value for \S+ during refresh\.`)
	var out bytes.Buffer
	skipping := false
	for _, line := range bytes.SplitAfter(log, []byte("\n")) {
		if entryStart.Match(line) {
			skipping = bytes.Contains(line, []byte(" sdk.helper_resource: ")) ||
				(openTofu && tofuRefreshDrift.Match(line))
		}
		if !skipping {
			out.Write(line)
		}
	}
	return out.Bytes()
}

// HeaderValues returns the values of a request header the sandbox received, matched by re's
// first group (the whole value when re has none).
func HeaderValues(header string, re *regexp.Regexp) []string {
	var out []string
	for _, r := range Sandbox.Requests() {
		if m := re.FindStringSubmatch(r.Header.Get(header)); m != nil {
			out = append(out, m[len(m)-1])
		}
	}
	return out
}
