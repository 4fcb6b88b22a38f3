// Command bench is `make bench`: it times `terraform apply`, a refresh `plan` and `destroy` of N
// customers of each resource type with the real provider against the sandbox (running as its
// own process), with a no-op baseline provider of identical schema, and with the real provider
// again while the sandbox delays every answer (20 ms by default). It prints a table, writes
// build/bench/results.json, results.md and a PNG plot of time against N.
//
// See BENCHMARKS.md for the method and a recorded run.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Variants of one measurement.
const (
	variantBaseline = "baseline"     // the no-op provider
	variantProvider = "provider"     // the real provider, sandbox without faults
	variantLatency  = "provider+lat" // the real provider, sandbox answering after -latency
)

var phases = []string{"apply", "refresh", "destroy"}

type options struct {
	root, terraform, outDir, png string
	provider                     string // the provider binary measured
	ns                           []int
	types                        []string
	reps, parallelism, retries   int
	latency, quietWait           time.Duration
	profile, kycVerify           bool
	extraEnv                     []string
	// terraform query (query.go): the list resource types, and a Terraform ≥ 1.14 to run it with
	// ("" leaves the query targets unmeasured).
	queryTypes     []string
	queryTerraform string
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	var o options
	var ns, types, from string
	flag.StringVar(&o.root, "root", "..", "the provider's repository (bin/terraform-provider-customers must be built)")
	flag.StringVar(&o.provider, "provider", os.Getenv("BENCH_PROVIDER"), "the provider binary to measure (env BENCH_PROVIDER; default ROOT/bin/terraform-provider-customers)")
	flag.StringVar(&o.terraform, "terraform", envOr("TERRAFORM", "terraform"), "terraform binary")
	flag.StringVar(&ns, "n", envOr("BENCH_N", "100,300,1000"), "customers per configuration, comma-separated (env BENCH_N)")
	flag.StringVar(&types, "types", envOr("BENCH_TYPES", "openprovider_customer,ecurring_customer,kyc_customer"), "resource types (env BENCH_TYPES)")
	flag.IntVar(&o.reps, "reps", envInt("BENCH_REPS", 3), "repetitions of every measurement; the table shows medians (env BENCH_REPS)")
	flag.DurationVar(&o.latency, "latency", envDuration("BENCH_LATENCY", 20*time.Millisecond), "latency injected for the latency runs (env BENCH_LATENCY)")
	flag.DurationVar(&o.quietWait, "quiet-wait", envDuration("BENCH_QUIET_WAIT", 3*time.Minute), "before each measurement, wait up to this long for other processes to leave the CPUs idle; 0: do not wait (env BENCH_QUIET_WAIT)")
	flag.IntVar(&o.retries, "retries", envInt("BENCH_RETRIES", 2), "repeat a measurement up to this many times when other processes used more than 0.15 CPUs during one of its phases (env BENCH_RETRIES)")
	flag.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism (10 is terraform's default)")
	flag.BoolVar(&o.profile, "profile", os.Getenv("BENCH_PROFILE") == "1", "run the provider built from ./profprov and the baseline with a CPU profile per process, merged per phase into OUT/profiles (env BENCH_PROFILE=1); the times include the profiling")
	flag.StringVar(&o.outDir, "out", "", "output directory (default ROOT/build/bench)")
	flag.StringVar(&o.png, "png", "", "plot file (default OUT/bench.png)")
	var extraEnv string
	flag.BoolVar(&o.kycVerify, "kyc-verify", os.Getenv("BENCH_KYC_VERIFY") == "1", "have the sandbox verify NOAH's ECDSA request signatures too (env BENCH_KYC_VERIFY=1); by default it checks their claims only (-kyc-claims-only), as the verification is work of NOAH's servers, about 0.6 ms of CPU per request here")
	flag.StringVar(&extraEnv, "env", os.Getenv("BENCH_ENV"), "extra environment of every terraform command (and so of both providers), NAME=value[,NAME=value...], for what-if runs (env BENCH_ENV)")
	var queryTypes string
	flag.StringVar(&queryTypes, "query-types", envOr("BENCH_QUERY_TYPES", strings.Join(queryKindNames(), ",")), "list resource types `terraform query` lists N seeded customers of, or none (env BENCH_QUERY_TYPES)")
	flag.StringVar(&o.queryTerraform, "query-terraform", os.Getenv("BENCH_QUERY_TERRAFORM"), "a Terraform ≥ 1.14 for the `terraform query` measurements (env BENCH_QUERY_TERRAFORM; `make bench` passes the one `make terraform-latest` builds); without it the query targets are not measured, which fails the run")
	flag.StringVar(&from, "from", "", "measure nothing: rebuild the table, results.md and the plot from this results.json")
	flag.Parse()
	var err error
	if o.root, err = filepath.Abs(o.root); err != nil {
		return err
	}
	if o.outDir == "" {
		o.outDir = filepath.Join(o.root, "build", "bench")
	}
	if o.provider == "" {
		o.provider = filepath.Join(o.root, "bin", "terraform-provider-customers")
	}
	if extraEnv != "" {
		for _, kv := range strings.Split(extraEnv, ",") {
			if !strings.Contains(kv, "=") {
				return fmt.Errorf("-env: %q is not NAME=value", kv)
			}
			o.extraEnv = append(o.extraEnv, kv)
		}
	}
	if o.outDir, err = filepath.Abs(o.outDir); err != nil {
		return err
	}
	if o.png == "" {
		o.png = filepath.Join(o.outDir, "bench.png")
	}
	if o.ns, err = parseInts(ns); err != nil {
		return fmt.Errorf("-n: %w", err)
	}
	o.types = splitList(types)
	for _, t := range o.types {
		if kindOf(t) < 0 {
			return fmt.Errorf("-types: unknown resource type %q", t)
		}
	}
	o.queryTypes = splitList(queryTypes)
	for _, t := range o.queryTypes {
		if queryKindOf(t) < 0 {
			return fmt.Errorf("-query-types: unknown list resource type %q (want one of %s)", t, strings.Join(queryKindNames(), ", "))
		}
	}
	if len(o.types)+len(o.queryTypes) == 0 {
		return errors.New("-types and -query-types are both none: nothing to measure")
	}
	if o.reps < 1 {
		return errors.New("-reps must be at least 1")
	}

	if from != "" {
		return reportFrom(from, o)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	started := time.Now()
	r, err := setup(ctx, o)
	if err != nil {
		return err
	}
	defer r.cleanup()
	if err := r.measureAll(ctx); err != nil {
		return err
	}
	r.res.Machine.TotalSeconds = time.Since(started).Seconds()
	return r.report()
}

// runner holds what setup prepared.
type runner struct {
	o                   options
	providerBin         string // the copy of bin/terraform-provider-customers the run uses
	realRC, noopRC      string // TF_CLI_CONFIG_FILE of each provider
	noopSchema          string
	res                 *results
	live                *sandbox // the running sandbox, stopped on exit
	samples             map[key][]*sample
	measured, scheduled int
	// queryMissing says why the query targets cannot be measured ("" when they can).
	queryMissing string
}

type key struct {
	typ     string
	n       int
	variant string
	phase   string
}

func setup(ctx context.Context, o options) (*runner, error) {
	r := &runner{o: o, samples: map[key][]*sample{}}
	benchDir := filepath.Join(o.root, "bench")
	if err := os.RemoveAll(filepath.Join(o.outDir, "work")); err != nil {
		return nil, err
	}
	binDir := filepath.Join(o.outDir, "bin")
	for _, d := range []string{binDir, filepath.Join(o.outDir, "real"), filepath.Join(o.outDir, "noop"), filepath.Join(o.outDir, "work")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	// A copy, so that a concurrent `make build` cannot change the binary mid-run.
	r.providerBin = filepath.Join(binDir, "terraform-provider-customers")
	if err := copyFile(o.provider, r.providerBin); err != nil {
		return nil, fmt.Errorf("%w (run `make build` first)", err)
	}
	noopBin, wrapBin := filepath.Join(binDir, "noop-provider"), filepath.Join(binDir, "rsswrap")
	pkgs := map[string]string{"./rsswrap": wrapBin}
	withBaseline := len(o.types) > 0 // the query measurements need no baseline
	if withBaseline {
		pkgs["./noop"] = noopBin
	}
	served := r.providerBin // what Terraform runs as the real provider
	if o.profile {
		served = filepath.Join(binDir, "profprov")
		pkgs["./profprov"] = served
	}
	for pkg, out := range pkgs {
		cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", out, pkg)
		cmd.Dir, cmd.Stdout, cmd.Stderr = benchDir, os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("go build %s: %w", pkg, err)
		}
	}
	if withBaseline {
		if err := sameLinkedModules(ctx, served, noopBin); err != nil {
			return nil, err
		}
	}
	// dev_overrides point Terraform at a directory whose terraform-provider-customers is the
	// measuring wrapper; `wrapped-provider` names the binary it runs.
	for name, target := range map[string]string{"real": served, "noop": noopBin} {
		dir := filepath.Join(o.outDir, name)
		if err := copyFile(wrapBin, filepath.Join(dir, "terraform-provider-customers")); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, "wrapped-provider"), []byte(target+"\n"), 0o644); err != nil { //nolint:gosec // not secret
			return nil, err
		}
		rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"customerhandles/customers\" = %q\n  }\n  direct {}\n}\n", dir)
		if err := os.WriteFile(filepath.Join(o.outDir, name+".tfrc"), []byte(rc), 0o644); err != nil { //nolint:gosec // not secret
			return nil, err
		}
	}
	r.realRC, r.noopRC = filepath.Join(o.outDir, "real.tfrc"), filepath.Join(o.outDir, "noop.tfrc")
	r.noopSchema = filepath.Join(o.outDir, "noop", "schema.json")

	// The baseline's schemas are the provider's, as Terraform sees them; check that it serves
	// exactly the same provider, resource and data source schemas.
	if withBaseline {
		real, err := r.schema(ctx, o.terraform, r.realRC)
		if err != nil {
			return nil, fmt.Errorf("the provider's schema: %w", err)
		}
		if err := os.WriteFile(r.noopSchema, real, 0o644); err != nil { //nolint:gosec // not secret
			return nil, err
		}
		noop, err := r.schema(ctx, o.terraform, r.noopRC)
		if err != nil {
			return nil, fmt.Errorf("the baseline's schema: %w", err)
		}
		if !sameSchemas(real, noop) {
			_ = os.WriteFile(filepath.Join(o.outDir, "noop-schema.json"), noop, 0o644) //nolint:gosec // not secret
			return nil, fmt.Errorf("the baseline's schema differs from the provider's: compare %s with %s", r.noopSchema, filepath.Join(o.outDir, "noop-schema.json"))
		}
	}
	r.res = &results{Machine: machine(ctx, o), Settings: settings{
		N: o.ns, Types: o.types, Reps: o.reps, Parallelism: o.parallelism, LatencyMS: float64(o.latency) / 1e6,
		BaselineSchemaIdentical: withBaseline, ExtraEnv: o.extraEnv, Profile: o.profile, KYCVerify: o.kycVerify,
		QueryTypes: o.queryTypes,
	}}
	r.res.Machine.ProviderSHA256 = sha256File(r.providerBin)
	fmt.Printf("bench: %s; terraform %s; %d CPUs; provider %s\n", r.res.Machine.Go, r.res.Machine.Terraform, r.res.Machine.CPUs, r.res.Machine.ProviderVersion)
	if withBaseline {
		fmt.Printf("bench: the baseline serves the provider's schema exactly (its provider, resource and data source schemas in terraform providers schema -json are identical)\n")
	}
	if err := r.setupQuery(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *runner) cleanup() {
	r.live.stop()
	r.live = nil
}

// schema is `terraform providers schema -json` with the provider of rc.
func (r *runner) schema(ctx context.Context, terraform, rc string) ([]byte, error) {
	dir := filepath.Join(r.o.outDir, "work", "schema-"+filepath.Base(terraform)+"-"+filepath.Base(rc))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(configHeader), 0o644); err != nil { //nolint:gosec // not secret
		return nil, err
	}
	cmd := exec.CommandContext(ctx, terraform, "-chdir="+dir, "providers", "schema", "-json") //nolint:gosec // the chosen terraform
	cmd.Env = append(cleanEnv(os.Environ()), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "BENCH_NOOP_SCHEMA="+r.noopSchema)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%w: %s", err, ansi.ReplaceAllString(errOut.String(), ""))
	}
	return out.Bytes(), nil
}

// measureAll runs every measurement, repetitions outermost so that slow drifts of the machine
// spread over all of them, and for each type and N the three variants back to back, then the
// `terraform query` measurements of that N.
func (r *runner) measureAll(ctx context.Context) error {
	variants := []string{variantBaseline, variantProvider, variantLatency}
	queries := 0
	if r.queryMissing == "" {
		queries = len(r.o.queryTypes)
	}
	r.scheduled = r.o.reps * len(r.o.ns) * (len(r.o.types)*len(variants) + queries)
	for rep := 1; rep <= r.o.reps; rep++ {
		for _, n := range r.o.ns {
			for _, typ := range r.o.types {
				for _, v := range variants {
					err := r.attempts(ctx, fmt.Sprintf("%s N=%d %s (repetition %d)", typ, n, v, rep), func(attempt int) (map[string]*sample, error) {
						return r.measure(ctx, typ, n, v, rep, attempt)
					}, func(phase string, s *sample) {
						k := key{typ, n, v, phase}
						r.samples[k] = append(r.samples[k], s)
					})
					if err != nil {
						return err
					}
				}
			}
			for _, typ := range r.o.queryTypes[:queries] {
				err := r.attempts(ctx, fmt.Sprintf("%s N=%d terraform query (repetition %d)", typ, n, rep), func(attempt int) (map[string]*sample, error) {
					return r.measureQuery(ctx, typ, n, rep, attempt)
				}, func(phase string, s *sample) {
					k := key{typ, n, variantQuery, phase}
					r.samples[k] = append(r.samples[k], s)
				})
				if err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// attempts runs one measurement, again (up to -retries times) while other processes used more
// than maxOtherLoad CPUs during one of its phases, and keeps the least disturbed attempt's samples.
func (r *runner) attempts(ctx context.Context, label string, measure func(attempt int) (map[string]*sample, error), keep func(phase string, s *sample)) error {
	r.measured++
	var best map[string]*sample
	bestLoad := math.Inf(1)
	for attempt := 0; attempt <= r.o.retries; attempt++ {
		waited, quiet := waitQuiet(ctx, r.o.quietWait)
		fmt.Printf("bench: [%d/%d] %s%s:", r.measured, r.scheduled, label, loadNote(waited, quiet))
		got, err := measure(attempt)
		if err != nil {
			return fmt.Errorf("%s: %w", label, err)
		}
		load := 0.0
		for _, s := range got {
			load = max(load, s.OtherLoad)
		}
		if load < bestLoad {
			best, bestLoad = got, load
		}
		if load <= maxOtherLoad {
			break
		}
		fmt.Printf("bench: other processes used %.2f CPUs during a phase; ", load)
		if attempt < r.o.retries {
			fmt.Println("measuring again")
		} else {
			fmt.Printf("keeping the least disturbed attempt (%.2f CPUs)\n", bestLoad)
		}
	}
	for phase, s := range best {
		keep(phase, s)
	}
	return nil
}

// measure applies, refreshes and destroys n customers of typ with one variant, in a fresh
// working directory and, for the real provider, a fresh sandbox.
func (r *runner) measure(ctx context.Context, typ string, n int, variant string, rep, attempt int) (map[string]*sample, error) {
	k := kinds[kindOf(typ)]
	dir := filepath.Join(r.o.outDir, "work", fmt.Sprintf("%s-%d-%s-%d", typ, n, variant, rep))
	if attempt > 0 {
		dir += fmt.Sprintf("-attempt%d", attempt+1)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config(typ, k.body, n)), 0o644); err != nil { //nolint:gosec // not secret
		return nil, err
	}
	rc := r.noopRC
	var env []string
	if variant != variantBaseline {
		rc = r.realRC
		sb, err := startSandbox(r.providerBin, filepath.Join(dir, "sandbox.log"), r.o.kycVerify, nil)
		if err != nil {
			return nil, err
		}
		r.live = sb
		defer r.cleanup()
		env = sb.env
		if variant == variantLatency {
			if err := sb.setLatency(r.o.latency); err != nil {
				return nil, err
			}
		}
	}
	out := map[string]*sample{}
	for _, phase := range phases {
		args := map[string][]string{
			"apply":   {"apply", "-auto-approve"},
			"refresh": {"plan", "-detailed-exitcode"},
			"destroy": {"destroy", "-auto-approve"},
		}[phase]
		args = append(args, "-input=false", "-no-color", "-parallelism="+strconv.Itoa(r.o.parallelism))
		s, err := r.terraformRun(ctx, r.o.terraform, dir, phase, rc, env, k.service, args)
		if err != nil {
			fmt.Println()
			return nil, err
		}
		out[phase] = s
		if r.o.profile {
			if err := mergeProfiles(ctx, filepath.Join(dir, phase+".pprof.d"),
				filepath.Join(r.o.outDir, "profiles", fmt.Sprintf("%s-%d-%s-%s.pprof", typ, n, variant, phase))); err != nil {
				return nil, err
			}
		}
		fmt.Printf(" %s %.2fs", phase, s.Seconds)
		if r.live != nil {
			fmt.Printf(" (%d calls)", s.Calls)
		}
		if s.OtherLoad > maxOtherLoad {
			fmt.Printf(" [others %.2f CPUs]", s.OtherLoad)
		}
	}
	fmt.Println()
	return out, nil
}

// mergeProfiles merges the CPU profiles of a phase's provider processes into one file.
func mergeProfiles(ctx context.Context, dir, to string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.pprof"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no CPU profiles in %s", dir)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	out, err := os.Create(to) //nolint:gosec // under build/bench
	if err != nil {
		return err
	}
	defer out.Close()
	cmd := exec.CommandContext(ctx, "go", append([]string{"tool", "pprof", "-proto"}, files...)...) //nolint:gosec // our files
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &errOut
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go tool pprof -proto: %w: %s", err, errOut.String())
	}
	return nil
}

// sample is one timed terraform command.
type sample struct {
	Seconds       float64        `json:"seconds"`
	Calls         int            `json:"calls"`          // requests the sandbox received, all services
	Logins        int            `json:"logins"`         // of which Openprovider logins
	Counts        map[string]int `json:"counts"`         // per endpoint
	Faulted       int            `json:"faulted"`        // injected faults (must be 0)
	Customers     int            `json:"customers"`      // customers in the sandbox afterwards
	Procs         int            `json:"provider_procs"` // provider processes Terraform started
	PeakRSSKiB    int64          `json:"peak_rss_kib"`   // the largest of their peak RSS
	ProviderCPU   float64        `json:"provider_cpu_s"` // their user+system CPU time, summed
	TerraformCPU  float64        `json:"terraform_cpu_s"`
	SandboxCPU    float64        `json:"sandbox_cpu_s"`
	OtherLoad     float64        `json:"other_load_cpus"` // CPU other processes used, averaged over the phase
	PeakPerSecond int            `json:"peak_requests_per_s"`
	ListCalls     int            `json:"list_calls,omitempty"` // customer list pages requested, all services (GET /_sandbox/stats)
	Found         int            `json:"found,omitempty"`      // terraform query: import blocks it generated
}

func (r *runner) terraformRun(ctx context.Context, terraform, dir, phase, rc string, env []string, service string, args []string) (*sample, error) {
	rss := filepath.Join(dir, phase+".rss.jsonl")
	_ = os.Remove(rss)
	logf, err := os.Create(filepath.Join(dir, phase+".log")) //nolint:gosec // under build/bench
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	sb := r.live
	var cpu0 float64
	if sb != nil {
		if err := sb.reset(); err != nil {
			return nil, err
		}
		cpu0 = sb.cpuSeconds()
	}
	cmd := exec.CommandContext(ctx, terraform, append([]string{"-chdir=" + dir}, args...)...) //nolint:gosec // the chosen terraform
	cmd.Env = append(cleanEnv(os.Environ()), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"BENCH_RSS_FILE="+rss, "BENCH_NOOP_SCHEMA="+r.noopSchema)
	cmd.Env = append(cmd.Env, env...)
	cmd.Env = append(cmd.Env, r.o.extraEnv...)
	if r.o.profile {
		cmd.Env = append(cmd.Env, "BENCH_CPUPROFILE_DIR="+filepath.Join(dir, phase+".pprof.d"))
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	busy0 := busySeconds()
	start := time.Now()
	runErr := cmd.Run()
	s := &sample{Seconds: time.Since(start).Seconds()}
	busy := busySeconds() - busy0
	code := cmd.ProcessState.ExitCode()
	switch {
	case phase == "refresh" && code == 2:
		return nil, fmt.Errorf("the plan after apply is not empty; see %s", logf.Name())
	case runErr != nil:
		return nil, fmt.Errorf("terraform %s: %w; see %s", args[0], runErr, logf.Name())
	}
	// wait4's usage of terraform includes its waited-for descendants: the wrappers and providers.
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.TerraformCPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	}
	procs, err := readUsage(rss)
	if err != nil {
		return nil, err
	}
	for _, u := range procs {
		s.Procs++
		s.PeakRSSKiB = max(s.PeakRSSKiB, u.MaxRSSKiB)
		s.ProviderCPU += u.UserSec + u.SysSec
	}
	ours := s.TerraformCPU // terraform and its providers
	s.TerraformCPU -= s.ProviderCPU
	if sb != nil {
		s.SandboxCPU = sb.cpuSeconds() - cpu0
		st, err := sb.stats()
		if err != nil {
			return nil, err
		}
		s.Counts = map[string]int{}
		for _, svc := range st {
			s.Calls += svc.Requests
			s.ListCalls += svc.ListCalls
			for _, n := range svc.Faulted {
				s.Faulted += n
			}
			for ep, n := range svc.Counts {
				s.Counts[ep] = n
				if strings.HasSuffix(ep, "/auth/login") {
					s.Logins += n
				}
			}
		}
		s.Customers = st[service].Customers
		s.PeakPerSecond = st[service].PeakPerSecond
		ours += s.SandboxCPU
		if s.Faulted > 0 {
			return nil, fmt.Errorf("the sandbox injected %d faults; the benchmark wants none", s.Faulted)
		}
	}
	s.OtherLoad = max(0, busy-ours) / s.Seconds
	return s, nil
}

// usage is one line of the wrapper's file (rsswrap.Usage).
type usage struct {
	MaxRSSKiB int64   `json:"maxrss_kib"`
	UserSec   float64 `json:"user_s"`
	SysSec    float64 `json:"sys_s"`
	WallSec   float64 `json:"wall_s"`
	Exit      int     `json:"exit"`
}

func readUsage(file string) ([]usage, error) {
	b, err := os.ReadFile(file) //nolint:gosec // under build/bench
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []usage
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var u usage
		if err := json.Unmarshal(line, &u); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		out = append(out, u)
	}
	return out, nil
}

func kindOf(typ string) int {
	return slices.IndexFunc(kinds[:], func(k struct{ typ, service, body string }) bool { return k.typ == typ })
}

// ansi matches terminal colour codes (`terraform providers schema` has no -no-color).
var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// sameLinkedModules checks that every module linked into both the provider and the baseline has
// the same version in each (from `go version -m`): the baseline must run the provider's
// framework, plugin and gRPC libraries, or it would not measure the same floor. bench/go.mod
// makes the provider a tool, so Go's version selection aligns them; this catches the rest.
func sameLinkedModules(ctx context.Context, providerBin, noopBin string) error {
	deps := func(bin string) (map[string]string, error) {
		out, err := exec.CommandContext(ctx, "go", "version", "-m", bin).Output() //nolint:gosec // the runner's binaries
		if err != nil {
			return nil, fmt.Errorf("go version -m %s: %w", bin, err)
		}
		m := map[string]string{}
		for _, line := range strings.Split(string(out), "\n") {
			if f := strings.Fields(line); len(f) >= 3 && f[0] == "dep" {
				m[f[1]] = f[2]
			}
		}
		return m, nil
	}
	provider, err := deps(providerBin)
	if err != nil {
		return err
	}
	noop, err := deps(noopBin)
	if err != nil {
		return err
	}
	var diffs []string
	for p, v := range noop {
		if pv, ok := provider[p]; ok && pv != v {
			diffs = append(diffs, fmt.Sprintf("%s %s (provider %s)", p, v, pv))
		}
	}
	if len(diffs) > 0 {
		sort.Strings(diffs)
		return fmt.Errorf("the baseline links other versions than the provider: %s; align bench/go.mod", strings.Join(diffs, ", "))
	}
	return nil
}

// splitList splits a comma-separated list; "" and "none" are the empty list.
func splitList(s string) []string {
	if s = strings.TrimSpace(s); s == "" || s == "none" {
		return nil
	}
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, n)
	}
	sort.Ints(out)
	return slices.Compact(out), nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

func envDuration(name string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(name)); err == nil {
		return v
	}
	return def
}
