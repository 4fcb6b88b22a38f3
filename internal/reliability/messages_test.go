package reliability_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// warningsConfig is an eCurring customer with an IBAN and a NOAH customer; withIBAN false is the
// configuration -generate-config-out would write, without the sensitive value.
func warningsConfig(withIBAN bool) string {
	iban := ""
	if withIBAN {
		iban = `  iban        = "NL91ABNA0417164300"` + "\n"
	}
	return customers(0, "") + `
resource "ecurring_customer" "w" {
  provider    = customers
  first_name  = "Wendy"
  last_name   = "Warn"
  email       = "warn@example.com"
  bank_holder = "W. Warn"
` + iban + `}

resource "kyc_customer" "w" {
  provider      = customers
  customer_id   = "warn-1"
  full_name     = { first_name = "Wendy", last_name = "Warn" }
  date_of_birth = "1990-04-16"
  identities    = [{ issuing_country = "NL", id_type = "Passport", id_number = "NXWARN1" }]
  primary_residence = { street = "Damrak 1", city = "Amsterdam", post_code = "1012 LG", state = "Noord-Holland", country = "NL" }
}
`
}

// planWarnings runs terraform plan -json with args and returns its warnings as "summary: detail".
func (e *env) planWarnings(args ...string) []string {
	e.t.Helper()
	out, err := e.command(append([]string{"plan", "-input=false", "-json"}, args...)...).Output()
	if err != nil {
		e.t.Fatalf("terraform plan %v: %v\n%s", args, err, lastLines(string(out), 20))
	}
	var warnings []string
	for _, line := range strings.Split(string(out), "\n") {
		var msg struct {
			Type       string
			Diagnostic struct{ Severity, Summary, Detail string }
		}
		if json.Unmarshal([]byte(line), &msg) == nil && msg.Type == "diagnostic" && msg.Diagnostic.Severity == "warning" {
			warnings = append(warnings, msg.Diagnostic.Summary+": "+msg.Diagnostic.Detail)
		}
	}
	return warnings
}

// The plan-time warnings reach the user through the real CLI: a plan that removes a sensitive
// value the state holds, and a destroy of customers the vendors cannot delete.
func TestPlanWarningsThroughTheCLI(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.dir, "main.tf"), warningsConfig(true))
	e.apply()
	id := ""
	for got := range e.stateIDs()["ecurring_customer"] {
		id = got
	}

	writeFile(t, filepath.Join(e.dir, "main.tf"), warningsConfig(false))
	want := "The plan removes sensitive values: Applying this plan removes the value of iban from eCurring customer " + id +
		" at eCurring: the configuration no longer sets what the state holds. terraform plan -generate-config-out writes " +
		"sensitive attributes as null: to keep the values, set them in the configuration (from a variable, for example) before applying."
	if got := e.planWarnings(); !slices.Contains(got, want) {
		t.Errorf("the plan without the IBAN warns %q, want among them %q", got, want)
	}

	got := e.planWarnings("-destroy")
	for _, want := range []string{
		"Destroying these customers does not delete them at the vendor: This plan removes eCurring customer " + id + " from the " +
			"Terraform state, but eCurring's API cannot delete customers: the customer stays at eCurring. Remove it in eCurring's " +
			"own interface if it should go.",
		"Destroying these customers does not delete them at the vendor: This plan removes NOAH customer warn-1 from the " +
			"Terraform state, but NOAH's API cannot delete customers: the customer stays at NOAH. Remove it in NOAH's own " +
			"interface if it should go.",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("the destroy plan warns %q, want among them %q", got, want)
		}
	}
}

// A base URL that carries credentials is refused, and neither the user name nor the password
// reaches the output, the error included.
func TestCredentialsInBaseURLNeverShown(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.dir, "main.tf"), customers(1, "", "openprovider_customer"))
	cmd := e.command("plan", "-input=false")
	cmd.Env = append(cmd.Env, "OPENPROVIDER_BASE_URL=https://jane:s3cret-Pw@api.openprovider.eu/v1beta")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the plan succeeded:\n%s", out)
	}
	flat := strings.Join(strings.Fields(string(out)), " ")
	if want := `OPENPROVIDER_BASE_URL must not carry a user name or password: set the credentials in the provider's settings, ` +
		`not in the URL, got: "https://api.openprovider.eu/v1beta" (credentials left out).`; !strings.Contains(flat, want) {
		t.Errorf("the output lacks %q:\n%s", want, out)
	}
	if strings.Contains(string(out), "s3cret-Pw") || strings.Contains(string(out), "jane") {
		t.Errorf("the output shows the credentials:\n%s", out)
	}
}
