package acctest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
)

// Phrase matches text in Terraform's output, where long lines wrap at any space.
func Phrase(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// NonEmptyString is the state check's counterpart of resource.TestCheckResourceAttrSet: a string
// that is neither null nor empty, for values the vendor chooses.
func NonEmptyString() knownvalue.Check { return knownvalue.StringRegexp(nonEmpty) }

var nonEmpty = regexp.MustCompile(`(?s).`)

// BadConfig is a configuration that must fail at plan time with an error containing Want.
type BadConfig struct{ Config, Want string }

// PlanFailsWithoutAPICalls plans each configuration, expecting its error, and checks that not
// one request reached the sandbox. Callers must not be parallel tests, so that the counter is
// theirs alone (Go runs all sequential tests before the parallel ones).
func PlanFailsWithoutAPICalls(t *testing.T, preCheck func(*testing.T), cases map[string]BadConfig) {
	t.Helper()
	before := -1
	if Sandbox != nil {
		before = Sandbox.TotalRequests()
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.Config, PlanOnly: true, ExpectError: Phrase(tc.Want)})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { preCheck(t) },
		ProtoV6ProviderFactories: ProviderFactories(),
		Steps:                    steps,
	})
	if before >= 0 {
		if calls := Sandbox.TotalRequests() - before; calls != 0 {
			t.Fatalf("invalid configurations made %d API calls, want 0: %v", calls, Sandbox.Counts())
		}
	}
}

// InAnyOrder matches text holding every one of the patterns, in any order: an alternation of
// their permutations, each joined by `(?s).*`. Use it for several diagnostics of one step, whose
// order is the CLI's choice: Terraform 1.16 sorts them by source position before printing (a
// diagnostic on a nested attribute's line comes after those on the resource's line), Terraform
// 1.11 prints them as the provider returned them. Meant for a handful of patterns (n! branches).
func InAnyOrder(patterns ...*regexp.Regexp) *regexp.Regexp {
	parts := make([]string, len(patterns))
	for i, p := range patterns {
		parts[i] = "(?:" + p.String() + ")"
	}
	var branches []string
	var permute func(k int)
	permute = func(k int) {
		if k == len(parts) {
			branches = append(branches, strings.Join(parts, `.*`))
			return
		}
		for i := k; i < len(parts); i++ {
			parts[k], parts[i] = parts[i], parts[k]
			permute(k + 1)
			parts[k], parts[i] = parts[i], parts[k]
		}
	}
	permute(0)
	return regexp.MustCompile(`(?s)(?:` + strings.Join(branches, "|") + `)`)
}
