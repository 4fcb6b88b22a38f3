package main

import (
	"strings"
	"testing"
)

func TestMaxQueryCalls(t *testing.T) {
	for _, tc := range []struct {
		n, page   int
		phase     string
		readsEach bool
		want      int
	}{
		{100, 1000, "list", true, 2}, {300, 1000, "list", true, 2}, {1000, 1000, "list", true, 2}, {1001, 1000, "list", true, 3},
		{100, 50, "list", false, 3}, {300, 50, "list", false, 7}, {1000, 50, "list", false, 21}, {1, 50, "list", false, 2},
		// Openprovider's list lacks fax and VAT number: the generated configuration reads each customer.
		{1000, 1000, "generate", true, 1002}, {1000, 50, "generate", false, 21},
	} {
		if got := maxQueryCalls(tc.n, tc.page, tc.phase, tc.readsEach); got != tc.want {
			t.Errorf("maxQueryCalls(%d, %d, %s, %v) = %d, want %d", tc.n, tc.page, tc.phase, tc.readsEach, got, tc.want)
		}
	}
}

// queryRows are rows of a run: every type at every N with calls(n, page) calls, every customer
// found and rss(n) MiB peak.
func queryRows(ns []int, calls func(n, page int) int, rss func(n int) float64) []queryRow {
	var rows []queryRow
	for _, k := range queryKinds {
		for _, n := range ns {
			for _, phase := range queryPhases {
				rows = append(rows, queryRow{Type: k.typ, N: n, Phase: phase, Calls: calls(n, k.pageSize), ListCalls: calls(n, k.pageSize),
					MaxCalls: maxQueryCalls(n, k.pageSize, phase, k.readsEachToWrite), PageSize: k.pageSize, Found: n, RSS: rss(n)})
			}
		}
	}
	return rows
}

func TestQueryVerdicts(t *testing.T) {
	types := queryKindNames()
	ns := []int{100, 300, 1000}
	pages := func(n, page int) int { return (n + page - 1) / page } // one call a page
	flat := func(int) float64 { return 40 }
	for _, tc := range []struct {
		name string
		rows []queryRow
		ns   []int
		miss string
		want []string // substrings of verdictsError; nil: no error
	}{
		{name: "met", rows: queryRows(ns, pages, flat)},
		{name: "an empty last page is allowed", rows: queryRows(ns, func(n, page int) int { return pages(n, page) + 1 }, flat)},
		{
			name: "no terraform for query",
			miss: "a Terraform ≥ 1.14 in -query-terraform/BENCH_QUERY_TERRAFORM",
			want: []string{"2 of 2 targets failed", "not measured: query-calls (needs a Terraform ≥ 1.14 in -query-terraform/BENCH_QUERY_TERRAFORM); query-memory (needs a Terraform ≥ 1.14"},
		},
		{
			name: "one call per customer",
			rows: queryRows(ns, func(n, _ int) int { return n }, flat),
			want: []string{"1 of 2 targets failed", "not met: query-calls (openprovider_customer list N=100 100 calls, 100 found, openprovider_customer list N=300 300 calls", "ecurring_customer generate N=1000 1000 calls, 1000 found"},
		},
		{
			// Openprovider's list lacks fax and VAT number: -generate-config-out reads each
			// customer once, which its bound allows, and not twice.
			name: "reads per customer for the resource objects",
			rows: func() []queryRow {
				rows := queryRows(ns, pages, flat)
				for i := range rows {
					if rows[i].Type == "openprovider_customer" && rows[i].Phase == "generate" {
						rows[i].Calls = pages(rows[i].N, 1000) + 2*rows[i].N
					}
				}
				return rows
			}(),
			want: []string{"not met: query-calls (openprovider_customer generate N=100 201 calls, 100 found, openprovider_customer generate N=300 601 calls, 300 found, openprovider_customer generate N=1000 2001 calls, 1000 found)"},
		},
		{
			name: "memory grows with N",
			rows: queryRows(ns, pages, func(n int) float64 { return 40 + 0.05*float64(n) }),
			want: []string{"not met: query-memory (openprovider_customer list 2.00×, openprovider_customer generate 2.00×, ecurring_customer list 2.00×, ecurring_customer generate 2.00×)"},
		},
		{
			name: "1.5× is still flat",
			rows: queryRows(ns, pages, func(n int) float64 { return map[int]float64{100: 40, 300: 50, 1000: 60}[n] }),
		},
		{
			name: "customers missing from the result",
			rows: func() []queryRow {
				rows := queryRows(ns, pages, flat)
				rows[4].Found = 100 // openprovider_customer list N=1000: the list block's default limit
				return rows
			}(),
			want: []string{"not met: query-calls (openprovider_customer list N=1000 1 calls, 100 found)"},
		},
		{
			name: "one N cannot show memory growth",
			rows: queryRows([]int{300}, pages, flat),
			want: []string{"1 of 2 targets failed", "not measured: query-memory (needs at least two values of N in -n/BENCH_N)"},
		},
		{
			name: "a type without rows",
			rows: queryRows(ns, pages, flat)[:6], // openprovider_customer only
			want: []string{"not measured: query-memory"},
		},
		{
			name: "no rows at all",
			want: []string{"2 of 2 targets failed", "query-calls (needs a measured N)"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := verdictsError(queryVerdicts(tc.rows, types, tc.miss))
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

// TestQueryTargetsFailTheRun checks a run without a Terraform for query fails even when every
// apply/refresh target is met.
func TestQueryTargetsFailTheRun(t *testing.T) {
	met := verdict{Target: "baseline", Measured: true, Met: true}
	vs := append([]verdict{met}, queryVerdicts(nil, queryKindNames(), "a Terraform ≥ 1.14 in -query-terraform/BENCH_QUERY_TERRAFORM")...)
	if err := verdictsError(vs); err == nil || !strings.Contains(err.Error(), "2 of 3 targets failed") {
		t.Errorf("want the two query targets to fail the run, got %v", err)
	}
}

func TestVersionAtLeast(t *testing.T) {
	for _, tc := range []struct {
		have string
		want bool
	}{
		{"1.16.0", true}, {"1.14.0", true}, {"1.14.0-beta1", true}, {"v1.14.2", true}, {"2.0.0", true},
		{"1.13.9", false}, {"1.11.4", false}, {"0.15.0", false}, {"", false}, {"unknown", false},
	} {
		if got := versionAtLeast(tc.have, "1.14"); got != tc.want {
			t.Errorf("versionAtLeast(%q, 1.14) = %v, want %v", tc.have, got, tc.want)
		}
	}
}

func TestListResourceTypes(t *testing.T) {
	got, err := listResourceTypes([]byte(`{"format_version":"1.0","provider_schemas":{"registry.terraform.io/customerhandles/customers":{
		"resource_schemas":{"kyc_customer":{}},"list_resource_schemas":{"openprovider_customer":{},"ecurring_customer":{}}}}}`))
	if err != nil || strings.Join(got, ",") != "ecurring_customer,openprovider_customer" {
		t.Errorf("got %v, %v", got, err)
	}
	if got, err := listResourceTypes([]byte(`{"provider_schemas":{"x":{"resource_schemas":{}}}}`)); err != nil || len(got) != 0 {
		t.Errorf("no list resources: got %v, %v", got, err)
	}
}

func TestCountImports(t *testing.T) {
	generated := "# __generated__ by Terraform\n\nimport {\n  to       = ecurring_customer.all_0\n  provider = customers\n  identity = {\n    id = \"1\"\n  }\n}\n\nresource \"ecurring_customer\" \"all_0\" {\n}\n\nimport {\n  to = ecurring_customer.all_1\n}\n"
	if got := countImports([]byte(generated)); got != 2 {
		t.Errorf("countImports = %d, want 2", got)
	}
}

func TestCountFound(t *testing.T) {
	out := `{"@level":"info","@message":"Terraform 1.16.0","type":"version"}
{"@level":"info","@message":"list.ecurring_customer.all: Starting query...","type":"list_start"}
{"@level":"info","@message":"list.ecurring_customer.all: Result found","list_resource_found":{"address":"list.ecurring_customer.all","display_name":"1"},"type":"list_resource_found"}
{"@level":"info","@message":"list.ecurring_customer.all: Result found","list_resource_found":{"address":"list.ecurring_customer.all","display_name":"2"},"type":"list_resource_found"}
{"@level":"info","@message":"list.ecurring_customer.all: List complete","list_complete":{"total":2},"type":"list_complete"}
Warning: not JSON
`
	if got := countFound([]byte(out)); got != 2 {
		t.Errorf("countFound = %d, want 2", got)
	}
}

func TestMedianSampleOfQueries(t *testing.T) {
	m := medianSample([]*sample{{Calls: 3, ListCalls: 2, Found: 100}, {Calls: 5, ListCalls: 4, Found: 90}, {Calls: 4, ListCalls: 3, Found: 100}})
	if m.Calls != 4 || m.ListCalls != 3 || m.Found != 90 {
		t.Errorf("got calls %d, list calls %d, found %d; want the medians 4 and 3, and the fewest found, 90", m.Calls, m.ListCalls, m.Found)
	}
}
