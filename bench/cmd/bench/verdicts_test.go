package main

import (
	"strings"
	"testing"
)

func TestVerdictsError(t *testing.T) {
	met := func(target string) verdict { return verdict{Target: target, Measured: true, Met: true} }
	for _, tc := range []struct {
		name string
		vs   []verdict
		want []string // substrings of the error; nil: no error
	}{
		{name: "all met", vs: []verdict{met("baseline"), met("latency"), met("linear"), met("api-calls")}},
		{name: "no targets", want: []string{"no target was evaluated"}},
		{
			name: "one not met",
			vs:   []verdict{met("baseline"), {Target: "latency", Measured: true, Failed: []string{"kyc_customer refresh 1.130×"}}, met("linear")},
			want: []string{"1 of 3 targets failed", "not met: latency (kyc_customer refresh 1.130×)"},
		},
		{
			name: "not measured counts as failed, even when Met was left true",
			vs:   []verdict{{Target: "baseline", Met: true, NeedsToBe: "N=300 in -n/BENCH_N"}, met("api-calls")},
			want: []string{"1 of 2 targets failed", "not measured: baseline (needs N=300 in -n/BENCH_N)"},
		},
		{
			name: "both kinds",
			vs: []verdict{
				{Target: "baseline", Met: true, NeedsToBe: "N=300 in -n/BENCH_N"},
				{Target: "linear", Met: true, NeedsToBe: "at least two values of N in -n/BENCH_N"},
				{Target: "api-calls", Measured: true, Failed: []string{"openprovider_customer apply 2.50 per customer", "ecurring_customer apply 3.00 per customer"}},
			},
			want: []string{
				"3 of 3 targets failed",
				"not met: api-calls (openprovider_customer apply 2.50 per customer, ecurring_customer apply 3.00 per customer)",
				"not measured: baseline (needs N=300 in -n/BENCH_N); linear (needs at least two values of N in -n/BENCH_N)",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := verdictsError(tc.vs)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("want no error, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("want an error containing %q, got none", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestVerdictsOfRun checks the verdicts a run computes feed the exit decision: a run with one N
// (not 300) cannot measure three of the four targets, and one over a threshold fails its target.
func TestVerdictsOfRun(t *testing.T) {
	newRunner := func(ns []int, calls int) *runner {
		r := &runner{o: options{ns: ns, types: []string{"ecurring_customer"}, parallelism: 10}, res: &results{Settings: settings{LatencyMS: 20}}}
		for _, n := range ns {
			for _, phase := range phases {
				r.res.Rows = append(r.res.Rows, row{
					Type: "ecurring_customer", N: n, Phase: phase, Baseline: 1, Provider: 1.1, Latency: 1.5, Ideal: 1.6,
					RatioBaseline: 1.1, RatioIdeal: 1.5 / 1.6, Calls: calls * n, CallsPerRes: float64(calls), ProviderCPU: 0.001 * float64(n),
				})
			}
		}
		return r
	}

	err := verdictsError(newRunner([]int{100}, 1).verdicts())
	if err == nil || !strings.Contains(err.Error(), "not measured: baseline (needs N=300 in -n/BENCH_N); latency (needs N=300 in -n/BENCH_N); linear (needs at least two values of N in -n/BENCH_N)") {
		t.Errorf("one N=100: want baseline, latency and linear not measured, got %v", err)
	}
	if err := verdictsError(newRunner([]int{100, 300}, 1).verdicts()); err != nil {
		t.Errorf("N=100,300 within every threshold: want no error, got %v", err)
	}
	err = verdictsError(newRunner([]int{100, 300}, 3).verdicts())
	if err == nil || !strings.Contains(err.Error(), "not met: api-calls (ecurring_customer apply 3.00 per customer, ecurring_customer refresh 3.00 per customer)") {
		t.Errorf("3 calls per customer: want api-calls not met, got %v", err)
	}
}
