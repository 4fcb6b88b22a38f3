package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"
)

type results struct {
	Machine   machineInfo `json:"machine"`
	Settings  settings    `json:"settings"`
	Rows      []row       `json:"rows"`
	Linearity []linearity `json:"linearity"`
	QueryRows []queryRow  `json:"query_rows,omitempty"`
	// QueryNotMeasured is what the run lacked to measure `terraform query` ("" when it could).
	QueryNotMeasured string        `json:"query_not_measured,omitempty"`
	Verdicts         []verdict     `json:"verdicts"`
	Measurements     []measurement `json:"measurements"`
}

type machineInfo struct {
	Date            string  `json:"date"`
	CPUs            int     `json:"cpus"`
	CPUModel        string  `json:"cpu_model"`
	MemoryGiB       float64 `json:"memory_gib"`
	Kernel          string  `json:"kernel"`
	Go              string  `json:"go"`
	Terraform       string  `json:"terraform"`
	ProviderVersion string  `json:"provider_version"`
	ProviderSHA256  string  `json:"provider_sha256"`
	QueryTerraform  string  `json:"query_terraform,omitempty"` // the Terraform of the query measurements
	TotalSeconds    float64 `json:"total_seconds"`
}

type settings struct {
	N                       []int    `json:"n"`
	Types                   []string `json:"types"`
	Reps                    int      `json:"reps"`
	Parallelism             int      `json:"parallelism"`
	LatencyMS               float64  `json:"latency_ms"`
	BaselineSchemaIdentical bool     `json:"baseline_schema_identical"`
	ExtraEnv                []string `json:"extra_env,omitempty"`
	Profile                 bool     `json:"profile,omitempty"`
	KYCVerify               bool     `json:"kyc_verify,omitempty"`
	QueryTypes              []string `json:"query_types,omitempty"`
}

// measurement is one (type, N, variant, phase): the median of its samples, and the samples.
type measurement struct {
	Type    string    `json:"type"`
	N       int       `json:"n"`
	Variant string    `json:"variant"`
	Phase   string    `json:"phase"`
	Median  sample    `json:"median"`
	Samples []*sample `json:"samples"`
}

// row is one line of the table: one type, N and phase, every variant.
type row struct {
	Type  string `json:"type"`
	N     int    `json:"n"`
	Phase string `json:"phase"`
	// Wall time, seconds (medians).
	Baseline float64 `json:"baseline_s"`
	Provider float64 `json:"provider_s"`
	Latency  float64 `json:"provider_latency_s"`
	// Provider ÷ baseline at zero latency.
	RatioBaseline float64 `json:"ratio_baseline"`
	// Ideal = baseline + calls × latency ÷ parallelism, with the calls of the latency run.
	Ideal      float64 `json:"ideal_s"`
	RatioIdeal float64 `json:"ratio_ideal"`
	// The pure latency term and what the latency added to the zero-latency run.
	LatencyTerm  float64 `json:"latency_term_s"`
	LatencyAdded float64 `json:"latency_added_s"`
	// Sandbox requests in the zero-latency run: all, per customer, and Openprovider logins.
	Calls        int     `json:"calls"`
	CallsPerRes  float64 `json:"calls_per_customer"`
	Logins       int     `json:"logins"`
	LatencyCalls int     `json:"latency_calls"`
	// Provider processes Terraform started, the largest peak RSS among them (MiB), and CPU
	// seconds of the providers, Terraform and the sandbox: real provider / baseline.
	Procs, BaselineProcs       int     `json:"-"`
	RSS, BaselineRSS           float64 `json:"-"`
	ProviderCPU, BaselineCPU   float64 `json:"-"`
	TerraformCPU, BaselineTCPU float64 `json:"-"`
	SandboxCPU                 float64 `json:"sandbox_cpu_s"`
	// The most CPU other processes used during the phase, in CPUs, among the three variants
	// (medians over the repetitions).
	OtherLoad float64 `json:"other_load_cpus"`
	Endpoints map[string]int
}

// MarshalJSON writes the fields the table shows as pairs under their own names.
func (r row) MarshalJSON() ([]byte, error) {
	type plain row // without this method
	return json.Marshal(struct {
		plain
		ProviderProcs     int     `json:"provider_procs"`
		BaselineProcs     int     `json:"baseline_procs"`
		PeakRSSMiB        float64 `json:"provider_peak_rss_mib"`
		BaselinePeakRSS   float64 `json:"baseline_peak_rss_mib"`
		ProviderCPU       float64 `json:"provider_cpu_s"`
		BaselineCPU       float64 `json:"baseline_provider_cpu_s"`
		TerraformCPU      float64 `json:"terraform_cpu_s"`
		BaselineTerraform float64 `json:"baseline_terraform_cpu_s"`
	}{plain(r), r.Procs, r.BaselineProcs, r.RSS, r.BaselineRSS, r.ProviderCPU, r.BaselineCPU, r.TerraformCPU, r.BaselineTCPU})
}

// linearity is how one type, phase and variant grows with N: the least-squares line through
// (N, seconds), and the per-customer cost between the two largest N divided by that between
// the two smallest (1 for a straight line; above 1 grows faster than linearly).
type linearity struct {
	Type           string    `json:"type"`
	Phase          string    `json:"phase"`
	Variant        string    `json:"variant"`
	N              []int     `json:"n"`
	Seconds        []float64 `json:"seconds"`
	PerCustomerMS  float64   `json:"slope_ms_per_customer"`
	InterceptS     float64   `json:"intercept_s"`
	R2             float64   `json:"r2"`
	MarginalGrowth float64   `json:"marginal_growth"`
}

type verdict struct {
	Target    string   `json:"target"` // a short name, for the final line
	Criterion string   `json:"criterion"`
	Met       bool     `json:"met"`
	Measured  bool     `json:"measured"`
	Details   []string `json:"details"`
	Failed    []string `json:"failed,omitempty"` // what missed the target ("kyc_customer apply")
	NeedsToBe string   `json:"needs,omitempty"`  // what a run needs to measure it
}

// verdictsError is the exit decision of a run: nil when every target was measured and met,
// otherwise an error naming each target that was not met (and where) or could not be measured
// (and what it needs). No target at all is a failure too: nothing was checked.
func verdictsError(vs []verdict) error {
	if len(vs) == 0 {
		return errors.New("FAILED: no target was evaluated")
	}
	var notMet, notMeasured []string
	for _, v := range vs {
		switch {
		case !v.Measured:
			s := v.Target
			if v.NeedsToBe != "" {
				s += " (needs " + v.NeedsToBe + ")"
			}
			notMeasured = append(notMeasured, s)
		case !v.Met:
			s := v.Target
			if len(v.Failed) > 0 {
				s += " (" + strings.Join(v.Failed, ", ") + ")"
			}
			notMet = append(notMet, s)
		}
	}
	var parts []string
	if len(notMet) > 0 {
		parts = append(parts, "not met: "+strings.Join(notMet, "; "))
	}
	if len(notMeasured) > 0 {
		parts = append(parts, "not measured: "+strings.Join(notMeasured, "; "))
	}
	if len(parts) == 0 {
		return nil
	}
	return fmt.Errorf("FAILED: %d of %d targets failed; %s", len(notMet)+len(notMeasured), len(vs), strings.Join(parts, "; "))
}

func machine(ctx context.Context, o options) machineInfo {
	m := machineInfo{Date: time.Now().UTC().Format(time.RFC3339), CPUs: runtime.NumCPU()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kib float64
		if _, err := fmt.Sscanf(string(b), "MemTotal: %f kB", &kib); err == nil {
			m.MemoryGiB = math.Round(kib/1024/1024*10) / 10
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	out := func(name string, args ...string) string {
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir = o.root
		b, err := cmd.Output()
		if err != nil {
			return "unknown"
		}
		return strings.TrimSpace(string(b))
	}
	m.Go = out("go", "version")
	var tv struct {
		Version string `json:"terraform_version"`
	}
	if json.Unmarshal([]byte(out(o.terraform, "version", "-json")), &tv) == nil {
		m.Terraform = tv.Version
	}
	m.ProviderVersion = out("git", "describe", "--tags", "--always", "--dirty")
	if o.provider != filepath.Join(o.root, "bin", "terraform-provider-customers") {
		// Another binary (-provider): its own commit, from the VCS stamp Go built into it.
		rev, modified := "unknown commit", ""
		for _, line := range strings.Split(out("go", "version", "-m", o.provider), "\n") {
			if f := strings.Fields(line); len(f) == 2 && f[0] == "build" {
				if v, ok := strings.CutPrefix(f[1], "vcs.revision="); ok && len(v) >= 7 {
					rev = v[:7]
				}
				if f[1] == "vcs.modified=true" {
					modified = "-dirty"
				}
			}
		}
		m.ProviderVersion = fmt.Sprintf("%s (%s%s)", o.provider, rev, modified)
	}
	return m
}

// report aggregates the samples, prints the table and writes results.json, results.md and the plot.
func (r *runner) report() error {
	res := r.res
	keys := make([]key, 0, len(r.samples))
	for k := range r.samples {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.typ != b.typ {
			return kindOf(a.typ) < kindOf(b.typ)
		}
		if a.n != b.n {
			return a.n < b.n
		}
		if a.variant != b.variant {
			return a.variant < b.variant
		}
		return phaseIndex(a.phase) < phaseIndex(b.phase)
	})
	med := map[key]sample{}
	for _, k := range keys {
		m := medianSample(r.samples[k])
		med[k] = m
		res.Measurements = append(res.Measurements, measurement{Type: k.typ, N: k.n, Variant: k.variant, Phase: k.phase, Median: m, Samples: r.samples[k]})
	}
	lat := r.o.latency.Seconds()
	par := float64(r.o.parallelism)
	for _, typ := range r.o.types {
		for _, n := range r.o.ns {
			for _, phase := range phases {
				b, p, l := med[key{typ, n, variantBaseline, phase}], med[key{typ, n, variantProvider, phase}], med[key{typ, n, variantLatency, phase}]
				rw := row{
					Type: typ, N: n, Phase: phase,
					Baseline: b.Seconds, Provider: p.Seconds, Latency: l.Seconds,
					RatioBaseline: p.Seconds / b.Seconds,
					LatencyTerm:   float64(l.Calls) * lat / par,
					LatencyAdded:  l.Seconds - p.Seconds,
					Calls:         p.Calls, CallsPerRes: float64(p.Calls) / float64(n), Logins: p.Logins, LatencyCalls: l.Calls,
					Procs: p.Procs, BaselineProcs: b.Procs,
					RSS: mib(p.PeakRSSKiB), BaselineRSS: mib(b.PeakRSSKiB),
					ProviderCPU: p.ProviderCPU, BaselineCPU: b.ProviderCPU,
					TerraformCPU: p.TerraformCPU, BaselineTCPU: b.TerraformCPU,
					SandboxCPU: p.SandboxCPU, Endpoints: p.Counts,
					OtherLoad: max(b.OtherLoad, p.OtherLoad, l.OtherLoad),
				}
				rw.Ideal = b.Seconds + rw.LatencyTerm
				rw.RatioIdeal = l.Seconds / rw.Ideal
				res.Rows = append(res.Rows, rw)
			}
		}
	}
	for _, typ := range r.o.types {
		for _, phase := range phases {
			for _, v := range []string{variantBaseline, variantProvider, variantLatency} {
				lin := linearity{Type: typ, Phase: phase, Variant: v, N: r.o.ns}
				for _, n := range r.o.ns {
					lin.Seconds = append(lin.Seconds, med[key{typ, n, v, phase}].Seconds)
				}
				lin.fit()
				res.Linearity = append(res.Linearity, lin)
			}
		}
	}
	res.QueryRows = nil
	for _, typ := range r.o.queryTypes {
		for _, n := range r.o.ns {
			for _, phase := range queryPhases {
				if m, ok := med[key{typ, n, variantQuery, phase}]; ok {
					res.QueryRows = append(res.QueryRows, newQueryRow(typ, n, phase, m))
				}
			}
		}
	}
	res.QueryNotMeasured = r.queryMissing
	res.Verdicts = append(r.verdicts(), queryVerdicts(res.QueryRows, r.o.queryTypes, r.queryMissing)...)

	md := r.markdown()
	if err := os.MkdirAll(r.o.outDir, 0o755); err != nil {
		return err
	}
	fmt.Println()
	fmt.Print(md)
	if err := os.WriteFile(filepath.Join(r.o.outDir, "results.md"), []byte(md), 0o644); err != nil { //nolint:gosec // not secret
		return err
	}
	js, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(r.o.outDir, "results.json"), append(js, '\n'), 0o644); err != nil { //nolint:gosec // not secret
		return err
	}
	if len(r.o.types) > 0 {
		if err := writePlot(r.o.png, res, r.o); err != nil {
			return fmt.Errorf("plot: %w", err)
		}
	}
	png := r.o.png
	if len(r.o.types) == 0 {
		png = "no plot (no resource type)"
	}
	fmt.Printf("\nbench: wrote %s, %s and %s in %s\n", filepath.Join(r.o.outDir, "results.json"),
		filepath.Join(r.o.outDir, "results.md"), png, time.Duration(res.Machine.TotalSeconds*float64(time.Second)).Round(time.Second))
	if err := verdictsError(res.Verdicts); err != nil {
		return err
	}
	fmt.Printf("bench: all %d targets met\n", len(res.Verdicts))
	return nil
}

// reportFrom rebuilds the report from the samples of an earlier run's results.json.
func reportFrom(file string, o options) error {
	b, err := os.ReadFile(file) //nolint:gosec // the file asked for
	if err != nil {
		return err
	}
	var old results
	if err := json.Unmarshal(b, &old); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	o.ns, o.types, o.reps, o.parallelism = old.Settings.N, old.Settings.Types, old.Settings.Reps, old.Settings.Parallelism
	o.latency = time.Duration(old.Settings.LatencyMS * float64(time.Millisecond))
	o.extraEnv, o.profile, o.kycVerify = old.Settings.ExtraEnv, old.Settings.Profile, old.Settings.KYCVerify
	o.queryTypes = old.Settings.QueryTypes
	r := &runner{o: o, samples: map[key][]*sample{}, res: &results{Machine: old.Machine, Settings: old.Settings}, queryMissing: old.QueryNotMeasured}
	for _, m := range old.Measurements {
		r.samples[key{m.Type, m.N, m.Variant, m.Phase}] = m.Samples
	}
	return r.report()
}

func (l *linearity) fit() {
	var sx, sy, sxx, sxy float64
	k := float64(len(l.N))
	for i, n := range l.N {
		x, y := float64(n), l.Seconds[i]
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	if len(l.N) < 2 {
		return
	}
	slope := (k*sxy - sx*sy) / (k*sxx - sx*sx)
	icpt := (sy - slope*sx) / k
	var ssr, sst float64
	for i, n := range l.N {
		y := l.Seconds[i]
		ssr += math.Pow(y-(icpt+slope*float64(n)), 2)
		sst += math.Pow(y-sy/k, 2)
	}
	l.PerCustomerMS, l.InterceptS = slope*1000, icpt
	if sst > 0 {
		l.R2 = 1 - ssr/sst
	}
	if len(l.N) >= 3 {
		j := len(l.N) - 1
		first := (l.Seconds[1] - l.Seconds[0]) / float64(l.N[1]-l.N[0])
		last := (l.Seconds[j] - l.Seconds[j-1]) / float64(l.N[j]-l.N[j-1])
		l.MarginalGrowth = last / first
	}
}

// Thresholds of the done-criteria.
const (
	maxRatioBaseline = 1.25
	maxRatioIdeal    = 1.10
	maxGrowth        = 1.25 // per-customer cost at one N against the next smaller N
	maxCreateCalls   = 2.0
	maxKYCCreate     = 3.0 // GET (must be 404), PUT (no body), GET: created and verification_status known after apply
	maxRefreshCalls  = 1.0
	criterionN       = 300
)

func (r *runner) verdicts() []verdict {
	res := r.res
	rowAt := func(typ string, n int, phase string) *row {
		for i := range res.Rows {
			if rw := &res.Rows[i]; rw.Type == typ && rw.N == n && rw.Phase == phase {
				return rw
			}
		}
		return nil
	}
	lat := fmt.Sprintf("%g ms", res.Settings.LatencyMS)
	v1 := verdict{Target: "baseline", NeedsToBe: fmt.Sprintf("N=%d in -n/BENCH_N", criterionN), Criterion: fmt.Sprintf("apply and refresh of N=%d within %.2f× of the no-op baseline at zero latency", criterionN, maxRatioBaseline), Met: true}
	v2 := verdict{Target: "latency", NeedsToBe: fmt.Sprintf("N=%d in -n/BENCH_N", criterionN), Criterion: fmt.Sprintf("apply and refresh of N=%d within %.2f× of the ideal at %s latency", criterionN, maxRatioIdeal, lat), Met: true}
	for _, typ := range r.o.types {
		for _, phase := range []string{"apply", "refresh"} {
			rw := rowAt(typ, criterionN, phase)
			if rw == nil {
				continue
			}
			v1.Measured, v2.Measured = true, true
			ok1, ok2 := rw.RatioBaseline <= maxRatioBaseline, rw.RatioIdeal <= maxRatioIdeal
			v1.Met = v1.Met && ok1
			v2.Met = v2.Met && ok2
			if !ok1 {
				v1.Failed = append(v1.Failed, fmt.Sprintf("%s %s %.3f×", typ, phase, rw.RatioBaseline))
			}
			if !ok2 {
				v2.Failed = append(v2.Failed, fmt.Sprintf("%s %s %.3f×", typ, phase, rw.RatioIdeal))
			}
			v1.Details = append(v1.Details, fmt.Sprintf("%s %s: %.2fs vs %.2fs = %.3f× %s", typ, phase, rw.Provider, rw.Baseline, rw.RatioBaseline, mark(ok1)))
			v2.Details = append(v2.Details, fmt.Sprintf("%s %s: %.2fs vs ideal %.2fs (%.2fs + %d calls × %s ÷ %d) = %.3f× %s; the latency added %.2fs to the zero-latency run (%.2fs)",
				typ, phase, rw.Latency, rw.Ideal, rw.Baseline, rw.LatencyCalls, lat, r.o.parallelism, rw.RatioIdeal, mark(ok2), rw.LatencyAdded, rw.Provider))
		}
	}
	v3 := verdict{Target: "linear", NeedsToBe: "at least two values of N in -n/BENCH_N", Criterion: fmt.Sprintf("cost grows linearly with N: the provider's own cost per customer (its processes' CPU, and API calls) "+
		"grows by at most %.2f× from one N to the next (it may fall: a provider process's fixed start-up cost spreads over more customers); "+
		"the wall time it adds over the baseline and the total wall time are shown against the baseline's growth", maxGrowth), Met: true}
	if len(r.o.ns) >= 2 && len(res.Rows) > 0 {
		v3.Measured = true
		for _, typ := range r.o.types {
			for _, phase := range phases {
				var cpu, excess, calls []float64
				for _, n := range r.o.ns {
					rw := rowAt(typ, n, phase)
					if rw == nil {
						continue
					}
					cpu = append(cpu, 1000*rw.ProviderCPU/float64(n))
					excess = append(excess, 1000*(rw.Provider-rw.Baseline)/float64(n))
					calls = append(calls, float64(rw.Calls-rw.Logins)/float64(n))
				}
				ok := steepestGrowth(cpu) <= maxGrowth && slices.Max(calls)-slices.Min(calls) < 1e-9
				v3.Met = v3.Met && ok
				if !ok {
					v3.Failed = append(v3.Failed, typ+" "+phase)
				}
				var lin, base linearity
				for _, l := range res.Linearity {
					if l.Type == typ && l.Phase == phase && l.Variant == variantProvider {
						lin = l
					}
					if l.Type == typ && l.Phase == phase && l.Variant == variantBaseline {
						base = l
					}
				}
				d := fmt.Sprintf("%s %s: provider CPU %s ms per customer (largest step %.2f×); API calls %s per customer; wall time added over the baseline %s ms per customer",
					typ, phase, joinFloats(cpu, "%.1f"), steepestGrowth(cpu), joinFloats(calls, "%.2f"), joinFloats(excess, "%.1f"))
				if lin.MarginalGrowth != 0 {
					d += fmt.Sprintf("; total wall time marginal growth %.2f (baseline %.2f)", lin.MarginalGrowth, base.MarginalGrowth)
				}
				v3.Details = append(v3.Details, d+" "+mark(ok))
			}
		}
	}
	v4 := verdict{Target: "api-calls", NeedsToBe: "a measured N", Criterion: fmt.Sprintf("at most %g API calls per created customer (NOAH: %g) and %g per refreshed one", maxCreateCalls, maxKYCCreate, maxRefreshCalls), Met: true}
	for _, typ := range r.o.types {
		for _, phase := range []string{"apply", "refresh"} {
			limit := map[string]float64{"apply": maxCreateCalls, "refresh": maxRefreshCalls}[phase]
			if typ == "kyc_customer" && phase == "apply" {
				limit = maxKYCCreate
			}
			worst, worstAll, at := 0.0, 0.0, 0
			logins := 0
			for _, n := range r.o.ns {
				rw := rowAt(typ, n, phase)
				if rw == nil {
					continue
				}
				v4.Measured = true
				if per := float64(rw.Calls-rw.Logins) / float64(n); per >= worst {
					worst, worstAll, at, logins = per, rw.CallsPerRes, n, rw.Logins
				}
			}
			ok := worst <= limit
			v4.Met = v4.Met && ok
			if !ok {
				v4.Failed = append(v4.Failed, fmt.Sprintf("%s %s %.2f per customer", typ, phase, worst))
			}
			d := fmt.Sprintf("%s %s: %.2f per customer (N=%d) %s", typ, phase, worst, at, mark(ok))
			if logins > 0 {
				d += fmt.Sprintf("; plus %d login(s) per run (one per provider process that calls the API): %.3f per customer with them", logins, worstAll)
			}
			v4.Details = append(v4.Details, d)
		}
	}
	if len(r.o.types) == 0 {
		for _, v := range []*verdict{&v1, &v2, &v3, &v4} {
			v.NeedsToBe = "a resource type in -types/BENCH_TYPES"
		}
	}
	return []verdict{v1, v2, v3, v4}
}

func joinFloats(v []float64, format string) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprintf(format, x)
	}
	return strings.Join(parts, " / ")
}

func mark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

// steepestGrowth is the largest ratio of a value to the one before it (values in order of N);
// a cost that is linear in N plus a fixed part gives ratios at most 1.
func steepestGrowth(perCustomer []float64) float64 {
	steepest := 0.0
	for i := 1; i < len(perCustomer); i++ {
		steepest = max(steepest, perCustomer[i]/perCustomer[i-1])
	}
	return steepest
}

// markdown is the report: settings, the table, calls by endpoint, linearity and verdicts.
func (r *runner) markdown() string {
	res := r.res
	m := res.Machine
	var b strings.Builder
	fmt.Fprintf(&b, "Run of %s: %d CPUs (%s), %.1f GiB, Linux %s; %s; terraform %s; provider %s.\n",
		m.Date, m.CPUs, m.CPUModel, m.MemoryGiB, m.Kernel, m.Go, m.Terraform, m.ProviderVersion)
	if len(r.o.extraEnv) > 0 {
		fmt.Fprintf(&b, "**What-if run**: every terraform command (and so both providers) ran with %s.\n", strings.Join(r.o.extraEnv, " "))
	}
	if r.o.kycVerify {
		b.WriteString("**Full signature checks** (BENCH_KYC_VERIFY=1): the sandbox verified every NOAH request signature's ECDSA signature, on the same CPUs.\n")
	} else {
		b.WriteString("The sandbox checked NOAH request signatures' claims, not their ECDSA signatures (NOAH's servers' work; BENCH_KYC_VERIFY=1 adds it).\n")
	}
	if r.o.profile {
		b.WriteString("**Profiling run** (BENCH_PROFILE=1): the provider built from bench/profprov and the baseline wrote CPU profiles; the times include the profiling.\n")
	}
	fmt.Fprintf(&b, "Medians of %d repetitions; terraform -parallelism=%d; latency runs: every sandbox answer delayed %g ms. Total run time %s.\n\n",
		res.Settings.Reps, res.Settings.Parallelism, res.Settings.LatencyMS, time.Duration(m.TotalSeconds*float64(time.Second)).Round(time.Second))
	if len(res.Rows) > 0 {
		r.applyMarkdown(&b)
	}
	b.WriteString(queryMarkdown(res.QueryRows, m.QueryTerraform))
	if res.QueryNotMeasured != "" {
		fmt.Fprintf(&b, "\n`terraform query`: **not measured**, the run needs %s.\n", res.QueryNotMeasured)
	}
	b.WriteString("\nDone-criteria:\n\n")
	for _, v := range res.Verdicts {
		status := "not measured"
		if v.Measured {
			status = map[bool]string{true: "**met**", false: "**not met**"}[v.Met]
		}
		fmt.Fprintf(&b, "- `%s` %s: %s\n", v.Target, v.Criterion, status)
		for _, d := range v.Details {
			fmt.Fprintf(&b, "  - %s\n", d)
		}
	}
	return b.String()
}

// applyMarkdown is the report's apply, refresh and destroy tables.
func (r *runner) applyMarkdown(b *strings.Builder) {
	res := r.res
	lat := fmt.Sprintf("%g ms", res.Settings.LatencyMS)
	fmt.Fprintf(b, "| type | N | phase | baseline s | provider s | × baseline | +%s s | ideal s | × ideal | API calls / customer | provider peak RSS MiB (baseline) |\n", lat)
	b.WriteString("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, rw := range res.Rows {
		calls := fmt.Sprintf("%.2f", rw.CallsPerRes)
		if rw.Logins > 0 {
			calls = fmt.Sprintf("%.2f + %d login", float64(rw.Calls-rw.Logins)/float64(rw.N), rw.Logins)
		}
		fmt.Fprintf(b, "| %s | %d | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %.0f (%.0f) |\n",
			rw.Type, rw.N, rw.Phase, rw.Baseline, rw.Provider, rw.RatioBaseline, rw.Latency, rw.Ideal, rw.RatioIdeal, calls, rw.RSS, rw.BaselineRSS)
	}
	b.WriteString("\nWhere the CPU goes at zero latency (seconds, provider run with the baseline run in parentheses): the provider processes, " +
		"Terraform itself, the sandbox; CPU × baseline is the total of the three against the baseline's total; " +
		"provider processes Terraform started; others: CPUs that other processes on the machine used during the phase (the most of the three variants):\n\n")
	b.WriteString("| type | N | phase | provider CPU s | terraform CPU s | sandbox CPU s | CPU × baseline | provider processes | others CPUs |\n")
	b.WriteString("|---|--:|---|--:|--:|--:|--:|--:|--:|\n")
	for _, rw := range res.Rows {
		cpu := (rw.ProviderCPU + rw.TerraformCPU + rw.SandboxCPU) / (rw.BaselineCPU + rw.BaselineTCPU)
		fmt.Fprintf(b, "| %s | %d | %s | %.2f (%.2f) | %.2f (%.2f) | %.2f | %.2f | %d (%d) | %.2f |\n",
			rw.Type, rw.N, rw.Phase, rw.ProviderCPU, rw.BaselineCPU, rw.TerraformCPU, rw.BaselineTCPU, rw.SandboxCPU, cpu, rw.Procs, rw.BaselineProcs, rw.OtherLoad)
	}
	nmax := res.Settings.N[len(res.Settings.N)-1]
	fmt.Fprintf(b, "\nAPI calls by endpoint at N=%d (zero latency):\n\n", nmax)
	b.WriteString("| type | phase | calls |\n|---|---|---|\n")
	for _, rw := range res.Rows {
		if rw.N != nmax {
			continue
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", rw.Type, rw.Phase, endpointCalls(rw.Endpoints))
	}
	if len(res.Settings.N) >= 2 {
		b.WriteString("\nGrowth with N: least-squares ms per customer, R², and marginal growth (per-customer time between the two largest N ÷ between the two smallest; 1 = linear):\n\n")
		b.WriteString("| type | phase | baseline ms/customer | provider ms/customer | +latency ms/customer | R² (provider) | marginal growth baseline / provider / +latency |\n|---|---|--:|--:|--:|--:|--:|\n")
		for _, typ := range r.o.types {
			for _, phase := range phases {
				ls := map[string]linearity{}
				for _, l := range res.Linearity {
					if l.Type == typ && l.Phase == phase {
						ls[l.Variant] = l
					}
				}
				fmt.Fprintf(b, "| %s | %s | %.2f | %.2f | %.2f | %.4f | %.2f / %.2f / %.2f |\n", typ, phase,
					ls[variantBaseline].PerCustomerMS, ls[variantProvider].PerCustomerMS, ls[variantLatency].PerCustomerMS, ls[variantProvider].R2,
					ls[variantBaseline].MarginalGrowth, ls[variantProvider].MarginalGrowth, ls[variantLatency].MarginalGrowth)
			}
		}
	}
}

func phaseIndex(p string) int {
	for i, q := range phases {
		if p == q {
			return i
		}
	}
	return len(phases)
}

func mib(kib int64) float64 { return float64(kib) / 1024 }

// medianSample is the per-field median of the samples (Counts of the first sample).
func medianSample(ss []*sample) sample {
	med := func(f func(*sample) float64) float64 {
		v := make([]float64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		sort.Float64s(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	m := *ss[0]
	m.Seconds = med(func(s *sample) float64 { return s.Seconds })
	m.Calls = int(math.Round(med(func(s *sample) float64 { return float64(s.Calls) })))
	m.Logins = int(math.Round(med(func(s *sample) float64 { return float64(s.Logins) })))
	m.Procs = int(math.Round(med(func(s *sample) float64 { return float64(s.Procs) })))
	m.PeakRSSKiB = int64(med(func(s *sample) float64 { return float64(s.PeakRSSKiB) }))
	m.ProviderCPU = med(func(s *sample) float64 { return s.ProviderCPU })
	m.TerraformCPU = med(func(s *sample) float64 { return s.TerraformCPU })
	m.SandboxCPU = med(func(s *sample) float64 { return s.SandboxCPU })
	m.OtherLoad = med(func(s *sample) float64 { return s.OtherLoad })
	m.PeakPerSecond = int(med(func(s *sample) float64 { return float64(s.PeakPerSecond) }))
	m.ListCalls = int(math.Round(med(func(s *sample) float64 { return float64(s.ListCalls) })))
	for _, s := range ss { // the fewest results found: one repetition that missed some fails
		m.Found = min(m.Found, s.Found)
	}
	return m
}

func copyFile(from, to string) error {
	in, err := os.Open(from) //nolint:gosec // the runner's own paths
	if err != nil {
		return err
	}
	defer in.Close()
	_ = os.Remove(to)                                                      // a running copy cannot be overwritten in place ("text file busy")
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755) //nolint:gosec // executables
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

func sha256File(file string) string {
	b, err := os.ReadFile(file) //nolint:gosec // the runner's own paths
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// sameJSON compares two JSON documents by value.
func sameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(bytes.TrimSpace(a), &x) != nil || json.Unmarshal(bytes.TrimSpace(b), &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// sameSchemas reports whether two `terraform providers schema -json` documents hold the same
// provider, resource and data source schemas: what an apply and a refresh use. Functions, list
// resources and identities, which newer CLIs add, play no part in them.
func sameSchemas(a, b []byte) bool {
	type schemas struct {
		ProviderSchemas map[string]struct {
			Provider          json.RawMessage `json:"provider"`
			ResourceSchemas   json.RawMessage `json:"resource_schemas"`
			DataSourceSchemas json.RawMessage `json:"data_source_schemas"`
		} `json:"provider_schemas"`
	}
	var x, y schemas
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil || len(x.ProviderSchemas) != len(y.ProviderSchemas) {
		return false
	}
	for name, p := range x.ProviderSchemas {
		q, ok := y.ProviderSchemas[name]
		if !ok || !sameJSON(p.Provider, q.Provider) || !sameJSON(p.ResourceSchemas, q.ResourceSchemas) || !sameJSON(p.DataSourceSchemas, q.DataSourceSchemas) {
			return false
		}
	}
	return true
}

// endpointCalls lists the calls of a run by endpoint, such as "GET /customers ×300", in order.
func endpointCalls(endpoints map[string]int) string {
	calls := make([]string, 0, len(endpoints))
	for endpoint, n := range endpoints {
		calls = append(calls, fmt.Sprintf("%s ×%d", endpoint, n))
	}
	sort.Strings(calls)
	if len(calls) == 0 {
		return "none"
	}
	return strings.Join(calls, ", ")
}
