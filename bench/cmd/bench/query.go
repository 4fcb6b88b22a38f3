package main

// `terraform query` (Terraform ≥ 1.14) of N customers that the sandbox seeds directly (no apply):
// its wall time, the provider processes' peak RSS and the API calls per query, with two targets:
// at most ⌈N ÷ page size⌉ + 1 calls per query, and provider memory flat in N.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// variantQuery is the key variant of the query measurements, whose phases are queryPhases: a
// `terraform query` that lists the customers' identities (the list block's default), and one
// with -generate-config-out, which asks for the resource objects too (include_resource) and
// writes an import and a resource block for each.
const variantQuery = "query"

var queryPhases = []string{"list", "generate"}

// queryKinds are the list resource types `terraform query` measures: the sandbox service that
// seeds their customers, the page size the provider lists them with (Openprovider's limit=1000,
// eCurring's page[size]=50), and whether the whole resource that -generate-config-out writes needs
// one read per customer: Openprovider's list leaves out fax and VAT number, which the generated
// configuration must hold, or its import plans to remove them.
type queryKind struct {
	typ, service     string
	pageSize         int
	readsEachToWrite bool
}

var queryKinds = []queryKind{
	{"openprovider_customer", "openprovider", 1000, true},
	{"ecurring_customer", "ecurring", 50, false},
}

func queryKindOf(typ string) int {
	return slices.IndexFunc(queryKinds, func(k queryKind) bool { return k.typ == typ })
}

func queryKindNames() []string {
	var out []string
	for _, k := range queryKinds {
		out = append(out, k.typ)
	}
	return out
}

// Thresholds of the query targets.
const (
	// maxQueryMemoryGrowth bounds the provider's peak RSS of a query of the largest N against
	// that of the smallest N (BENCHMARKS.md explains the 1.5).
	maxQueryMemoryGrowth = 1.5
	// minQueryTerraform is the first Terraform with `terraform query` and list blocks.
	minQueryTerraform = "1.14"
)

// queryConfig is the .tfquery.hcl of a query of every customer of typ: no filter, up to n
// results (the list block's limit defaults to 100). include_resource is left to its default
// (false); -generate-config-out sets it.
func queryConfig(typ string, n int) string {
	return fmt.Sprintf("list %q \"all\" {\n  provider = customers\n  limit    = %d\n\n  config {}\n}\n", typ, n)
}

// setupQuery decides whether the query targets can be measured: a Terraform ≥ 1.14 given, and a
// provider that serves every list resource type asked for. When not, r.queryMissing says what is
// needed, the run prints it and the query targets are "not measured".
func (r *runner) setupQuery(ctx context.Context) error {
	if len(r.o.queryTypes) == 0 {
		r.queryMissing = "a list resource type in -query-types/BENCH_QUERY_TYPES"
		return nil
	}
	if r.o.queryTerraform == "" {
		r.queryMissing = "a Terraform ≥ " + minQueryTerraform + " in -query-terraform/BENCH_QUERY_TERRAFORM"
		fmt.Printf("bench: terraform query NOT MEASURED: no -query-terraform/BENCH_QUERY_TERRAFORM (a Terraform ≥ %s); the query targets will fail\n", minQueryTerraform)
		return nil
	}
	var tv struct {
		Version string `json:"terraform_version"`
	}
	out, err := commandOutput(ctx, r.o.queryTerraform, "version", "-json")
	if err != nil || json.Unmarshal(out, &tv) != nil {
		return fmt.Errorf("-query-terraform %s: `version -json` failed: %v", r.o.queryTerraform, err)
	}
	if !versionAtLeast(tv.Version, minQueryTerraform) {
		return fmt.Errorf("-query-terraform %s is Terraform %s; terraform query needs %s or later", r.o.queryTerraform, tv.Version, minQueryTerraform)
	}
	r.res.Machine.QueryTerraform = tv.Version
	schema, err := r.schema(ctx, r.o.queryTerraform, r.realRC)
	if err != nil {
		return fmt.Errorf("the provider's schema with %s: %w", r.o.queryTerraform, err)
	}
	served, err := listResourceTypes(schema)
	if err != nil {
		return err
	}
	var missing []string
	for _, t := range r.o.queryTypes {
		if !slices.Contains(served, t) {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		have := "none"
		if len(served) > 0 {
			have = strings.Join(served, ", ")
		}
		r.queryMissing = fmt.Sprintf("a provider with the list resource %s (this one lists %s)", strings.Join(missing, " and "), have)
		fmt.Printf("bench: terraform query NOT MEASURED: the provider serves no list resource %s; the query targets will fail\n", strings.Join(missing, ", "))
		return nil
	}
	fmt.Printf("bench: terraform query with Terraform %s (%s)\n", tv.Version, r.o.queryTerraform)
	return nil
}

// listResourceTypes are the list resource types in `terraform providers schema -json`.
func listResourceTypes(schemaJSON []byte) ([]string, error) {
	var doc struct {
		ProviderSchemas map[string]struct {
			ListResourceSchemas map[string]json.RawMessage `json:"list_resource_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal(schemaJSON, &doc); err != nil {
		return nil, fmt.Errorf("terraform providers schema -json: %w", err)
	}
	var out []string
	for _, p := range doc.ProviderSchemas {
		for t := range p.ListResourceSchemas {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out, nil
}

// versionAtLeast compares dotted versions ("1.16.0", "1.14.0-beta1") by their numeric parts.
func versionAtLeast(have, want string) bool {
	parse := func(v string) []int {
		v, _, _ = strings.Cut(strings.TrimPrefix(v, "v"), "-")
		var out []int
		for _, f := range strings.Split(v, ".") {
			n, err := strconv.Atoi(f)
			if err != nil {
				return nil
			}
			out = append(out, n)
		}
		return out
	}
	h, w := parse(have), parse(want)
	if h == nil {
		return false
	}
	for i := range w {
		x := 0
		if i < len(h) {
			x = h[i]
		}
		if x != w[i] {
			return x > w[i]
		}
	}
	return true
}

// measureQuery starts a sandbox seeded with n customers of typ's service and times the two
// `terraform query` runs of queryPhases against it, each listing them all.
func (r *runner) measureQuery(ctx context.Context, typ string, n, rep, attempt int) (map[string]*sample, error) {
	k := queryKinds[queryKindOf(typ)]
	dir := filepath.Join(r.o.outDir, "work", fmt.Sprintf("query-%s-%d-%d", typ, n, rep))
	if attempt > 0 {
		dir += fmt.Sprintf("-attempt%d", attempt+1)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(configHeader), 0o644); err != nil { //nolint:gosec // not secret
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "bench.tfquery.hcl"), []byte(queryConfig(typ, n)), 0o644); err != nil { //nolint:gosec // not secret
		return nil, err
	}
	generated := filepath.Join(dir, "imported.tf")
	_ = os.Remove(generated) // -generate-config-out refuses an existing file
	sb, err := startSandbox(r.providerBin, filepath.Join(dir, "sandbox.log"), r.o.kycVerify, []string{"-seed", fmt.Sprintf("%s=%d", k.service, n)})
	if err != nil {
		return nil, err
	}
	r.live = sb
	defer r.cleanup()
	out := map[string]*sample{}
	for _, phase := range queryPhases {
		args := map[string][]string{
			"list":     {"query", "-no-color", "-json"},
			"generate": {"query", "-no-color", "-generate-config-out=imported.tf"},
		}[phase]
		s, err := r.terraformRun(ctx, r.o.queryTerraform, dir, "query-"+phase, r.realRC, sb.env, k.service, args)
		if err != nil {
			fmt.Println()
			return nil, err
		}
		if s.Customers != n {
			fmt.Println()
			return nil, fmt.Errorf("the sandbox holds %d %s customers, want the %d seeded", s.Customers, k.service, n)
		}
		switch phase {
		case "list":
			b, err := os.ReadFile(filepath.Join(dir, "query-list.log")) //nolint:gosec // under build/bench
			if err != nil {
				return nil, err
			}
			s.Found = countFound(b)
		case "generate":
			b, err := os.ReadFile(generated) //nolint:gosec // under build/bench
			if err != nil {
				fmt.Println()
				return nil, fmt.Errorf("terraform query generated no configuration: %w", err)
			}
			s.Found = countImports(b)
		}
		out[phase] = s
		fmt.Printf(" %s %.2fs (%d calls, %d list pages, %d found, provider peak RSS %.0f MiB)", phase, s.Seconds, s.Calls, s.ListCalls, s.Found, mib(s.PeakRSSKiB))
		if s.OtherLoad > maxOtherLoad {
			fmt.Printf(" [others %.2f CPUs]", s.OtherLoad)
		}
	}
	fmt.Println()
	return out, nil
}

// countFound counts the results in `terraform query -json` output (its list_resource_found
// messages).
func countFound(b []byte) int {
	n := 0
	for _, line := range bytes.Split(b, []byte("\n")) {
		var msg struct {
			Type string `json:"type"`
		}
		if json.Unmarshal(line, &msg) == nil && msg.Type == "list_resource_found" {
			n++
		}
	}
	return n
}

// countImports counts the import blocks of configuration -generate-config-out wrote.
func countImports(b []byte) int {
	n := 0
	for _, line := range bytes.Split(b, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("import {")) {
			n++
		}
	}
	return n
}

// queryRow is one `terraform query` of N customers of a type (medians).
type queryRow struct {
	Type         string         `json:"type"`
	N            int            `json:"n"`
	Phase        string         `json:"phase"` // list or generate
	Seconds      float64        `json:"seconds"`
	Calls        int            `json:"calls"`      // API requests, Openprovider logins aside
	Logins       int            `json:"logins"`     // Openprovider logins
	ListCalls    int            `json:"list_calls"` // of the calls, list pages
	MaxCalls     int            `json:"max_calls"`  // ⌈N ÷ page size⌉ + 1
	PageSize     int            `json:"page_size"`
	Found        int            `json:"found"` // import blocks generated
	Procs        int            `json:"provider_procs"`
	RSS          float64        `json:"provider_peak_rss_mib"`
	ProviderCPU  float64        `json:"provider_cpu_s"`
	TerraformCPU float64        `json:"terraform_cpu_s"`
	SandboxCPU   float64        `json:"sandbox_cpu_s"`
	OtherLoad    float64        `json:"other_load_cpus"`
	Endpoints    map[string]int `json:"endpoints"` // requests per endpoint, logins included
}

// maxQueryCalls is the target's bound on API calls for a query of n customers: the list's pages
// and one more, and with -generate-config-out, for a vendor whose list lacks attributes, one read
// per customer besides.
func maxQueryCalls(n, pageSize int, phase string, readsEachToWrite bool) int {
	most := (n+pageSize-1)/pageSize + 1
	if phase == "generate" && readsEachToWrite {
		most += n
	}
	return most
}

func newQueryRow(typ string, n int, phase string, m sample) queryRow {
	k := queryKinds[queryKindOf(typ)]
	return queryRow{
		Type: typ, N: n, Phase: phase, Seconds: m.Seconds, Calls: m.Calls - m.Logins, Logins: m.Logins, ListCalls: m.ListCalls,
		MaxCalls: maxQueryCalls(n, k.pageSize, phase, k.readsEachToWrite), PageSize: k.pageSize, Found: m.Found, Procs: m.Procs,
		RSS: mib(m.PeakRSSKiB), ProviderCPU: m.ProviderCPU, TerraformCPU: m.TerraformCPU, SandboxCPU: m.SandboxCPU, OtherLoad: m.OtherLoad,
		Endpoints: m.Counts,
	}
}

// queryVerdicts are the query targets from the rows of a run; missing, when not "", is what the
// run lacked to measure them (and both are then not measured).
func queryVerdicts(rows []queryRow, types []string, missing string) []verdict {
	calls := verdict{Target: "query-calls", Met: true, NeedsToBe: missing,
		Criterion: "`terraform query` of N seeded customers listing identities makes at most ⌈N ÷ page size⌉ + 1 API calls (Openprovider page 1000, eCurring 50; Openprovider logins aside) and finds all N; with -generate-config-out the same, plus one read per customer for Openprovider, whose list leaves out fax and VAT number"}
	mem := verdict{Target: "query-memory", Met: true, NeedsToBe: missing,
		Criterion: fmt.Sprintf("the provider's peak RSS during `terraform query` is flat in N: at the largest N at most %.1f× that at the smallest", maxQueryMemoryGrowth)}
	if missing != "" {
		return []verdict{calls, mem}
	}
	calls.NeedsToBe, mem.NeedsToBe = "a measured N", "at least two values of N in -n/BENCH_N"
	memAll := true
	for _, typ := range types {
		for _, phase := range queryPhases {
			memAll = queryTypeVerdicts(rows, typ, phase, &calls, &mem) && memAll
		}
	}
	mem.Measured = memAll && len(types) > 0
	return []verdict{calls, mem}
}

// queryTypeVerdicts adds the rows of typ and phase to the two verdicts; false when they cannot
// tell the memory's growth (fewer than two values of N).
func queryTypeVerdicts(rows []queryRow, typ, phase string, calls, mem *verdict) bool {
	{
		var ofType []queryRow
		for _, rw := range rows {
			if rw.Type == typ && rw.Phase == phase {
				ofType = append(ofType, rw)
			}
		}
		sort.Slice(ofType, func(i, j int) bool { return ofType[i].N < ofType[j].N })
		for _, rw := range ofType {
			calls.Measured = true
			ok := rw.Calls <= rw.MaxCalls && rw.Found == rw.N
			calls.Met = calls.Met && ok
			if !ok {
				calls.Failed = append(calls.Failed, fmt.Sprintf("%s %s N=%d %d calls, %d found", typ, phase, rw.N, rw.Calls, rw.Found))
			}
			d := fmt.Sprintf("%s %s N=%d: %d calls (%d list pages) ≤ %d, %d of %d found, %.2fs %s",
				typ, phase, rw.N, rw.Calls, rw.ListCalls, rw.MaxCalls, rw.Found, rw.N, rw.Seconds, mark(ok))
			if rw.Logins > 0 {
				d += fmt.Sprintf("; plus %d login(s)", rw.Logins)
			}
			calls.Details = append(calls.Details, d)
		}
		if len(ofType) < 2 {
			// One N (or none) cannot show a growth: the whole target is then not measured.
			return false
		}
		lo, hi := ofType[0], ofType[len(ofType)-1]
		growth := math.Inf(1)
		if lo.RSS > 0 {
			growth = hi.RSS / lo.RSS
		}
		ok := growth <= maxQueryMemoryGrowth
		mem.Met = mem.Met && ok
		if !ok {
			mem.Failed = append(mem.Failed, fmt.Sprintf("%s %s %.2f×", typ, phase, growth))
		}
		var each []string
		for _, rw := range ofType {
			each = append(each, fmt.Sprintf("%.0f MiB at N=%d", rw.RSS, rw.N))
		}
		mem.Details = append(mem.Details, fmt.Sprintf("%s %s: %s; N=%d ÷ N=%d = %.2f× %s", typ, phase, strings.Join(each, ", "), hi.N, lo.N, growth, mark(ok)))
	}
	return true
}

// queryMarkdown is the report's query table.
func queryMarkdown(rows []queryRow, terraform string) string {
	if len(rows) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n`terraform query` of N customers seeded in the sandbox (Terraform %s, medians): list = `terraform query -json` (identities), "+
		"generate = `terraform query -generate-config-out` (resource objects too, an import and a resource block each); API calls are the sandbox's, Openprovider logins apart, list pages in parentheses:\n\n", terraform)
	b.WriteString("| type | N | query | wall s | ms / customer | API calls (list pages) | target ≤ | found | provider peak RSS MiB | provider CPU s | terraform CPU s | provider processes | others CPUs |\n")
	b.WriteString("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, rw := range rows {
		calls := fmt.Sprintf("%d (%d)", rw.Calls, rw.ListCalls)
		if rw.Logins > 0 {
			calls += fmt.Sprintf(" + %d login", rw.Logins)
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %.2f | %.2f | %s | %d | %d | %.0f | %.2f | %.2f | %d | %.2f |\n",
			rw.Type, rw.N, rw.Phase, rw.Seconds, 1000*rw.Seconds/float64(rw.N), calls, rw.MaxCalls, rw.Found, rw.RSS, rw.ProviderCPU, rw.TerraformCPU, rw.Procs, rw.OtherLoad)
	}
	nmax := 0
	for _, rw := range rows {
		nmax = max(nmax, rw.N)
	}
	fmt.Fprintf(&b, "\nAPI calls of a query by endpoint at N=%d:\n\n| type | query | calls |\n|---|---|---|\n", nmax)
	for _, rw := range rows {
		if rw.N != nmax {
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", rw.Type, rw.Phase, endpointCalls(rw.Endpoints))
	}
	return b.String()
}

// commandOutput is the standard output of a command.
func commandOutput(ctx context.Context, name string, args ...string) ([]byte, error) {
	return exec.CommandContext(ctx, name, args...).Output() //nolint:gosec // the chosen terraform
}
