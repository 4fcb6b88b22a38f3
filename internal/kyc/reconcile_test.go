package kyc

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

func sandboxClient(t *testing.T, dropFirstPut bool) (*sandbox.Server, *kycapi.Client, *atomic.Int32) {
	t.Helper()
	srv := sandbox.New(sandbox.Options{KYCAPIKey: "apikey_sandbox_unit"})
	var puts atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut && puts.Add(1) == 1 && dropFirstPut {
			srv.ServeHTTP(httptest.NewRecorder(), r)
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				_ = conn.Close()
			}
			return
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	c, err := kycapi.New(kycapi.Settings{BaseURL: sandbox.KYCBaseURL(ts.URL), APIKey: "apikey_sandbox_unit",
		// A cap rather than retries until a deadline keeps tests of failing answers short.
		HTTP: httpclient.Config{UserAgent: "test", MinBackoff: 1, MaxBackoff: 2, MaxRetries: new(4), LookupPause: time.Nanosecond}})
	if err != nil {
		t.Fatal(err)
	}
	return srv, c, &puts
}

// createThroughResource runs the resource's Create for the sample customer with a plan that
// leaves created and verification_status to NOAH, as Terraform plans a create.
func createThroughResource(ctx context.Context, t *testing.T, c *kycapi.Client) (*resource.CreateResponse, customerResourceModel) {
	t.Helper()
	r := configured(t, c)
	var sch resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sch)
	timeoutTypes := sch.Schema.Attributes["timeouts"].GetType().(timeouts.Type).AttrTypes
	planned := customerResourceModel{sampleModel(), timeouts.Value{Object: types.ObjectNull(timeoutTypes)}}
	planned.Created, planned.VerificationStatus = types.StringUnknown(), types.StringUnknown()
	plan := tfsdk.Plan{Schema: sch.Schema, Raw: tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil)}
	if diags := plan.Set(ctx, &planned); diags.HasError() {
		t.Fatal(diags)
	}
	resp := &resource.CreateResponse{State: tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil)}}
	r.Create(ctx, resource.CreateRequest{Plan: plan, Config: tfsdk.Config(plan)}, resp)
	var got customerResourceModel
	if diags := resp.State.Get(ctx, &got); diags.HasError() {
		t.Fatal(diags)
	}
	return resp, got
}

// A create is three requests: the read that finds the id free, the PUT, and the read that learns
// what NOAH filled in (the PUT answers without a body), so created and verification_status are
// known in the apply that creates the customer.
func TestCreateIsThreeRequests(t *testing.T) {
	srv, c, _ := sandboxClient(t, false)
	resp, got := createThroughResource(t.Context(), t, c)
	want := map[string]int{"GET /noah/v1/customers/{id}": 2, "PUT /noah/v1/customers/{id}": 1}
	if got := srv.Counts(); !maps.Equal(got, want) || srv.KYC.CustomerCount() != 1 {
		t.Fatalf("requests %v and %d customers, want %v and 1", got, srv.KYC.CustomerCount(), want)
	}
	if len(resp.Diagnostics) != 0 || got.VerificationStatus.ValueString() != "Approved" || got.Created.IsNull() || got.Email != sampleModel().Email {
		t.Fatalf("diagnostics %v, state %+v", resp.Diagnostics, got)
	}
}

// A Ctrl-C that cancels the apply while the customer is being read back does not stop the read:
// the customer is recorded with what NOAH filled in, without an error (which would taint it, and
// the next apply would replace it).
func TestCreateInterruptedDuringTheReadBack(t *testing.T) {
	srv := sandbox.New(sandbox.Options{KYCAPIKey: "apikey_sandbox_unit"})
	if err := srv.SetFaults(sandbox.ServiceKYC, sandbox.Faults{Latency: 50 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	ctx, interrupt := context.WithCancel(t.Context())
	defer interrupt()
	var gets atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && gets.Add(1) == 2 {
			interrupt() // the read-back has been sent: the user presses Ctrl-C
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	c, err := kycapi.New(kycapi.Settings{BaseURL: sandbox.KYCBaseURL(ts.URL), APIKey: "apikey_sandbox_unit",
		HTTP: httpclient.Config{UserAgent: "test", MinBackoff: 1, MaxBackoff: 2, LookupPause: time.Nanosecond}})
	if err != nil {
		t.Fatal(err)
	}
	resp, got := createThroughResource(ctx, t, c)
	if ctx.Err() == nil || len(resp.Diagnostics) != 0 || got.VerificationStatus.ValueString() != "Approved" || got.Created.IsNull() {
		t.Fatalf("interrupted %v; diagnostics %v, state %+v", ctx.Err(), resp.Diagnostics, got)
	}
}

// When the read-back fails, the customer is still recorded, untainted: the planned values, what
// NOAH fills in null until the next refresh, and a warning that says nothing needs doing.
func TestCreateWhoseReadBackFailsIsKept(t *testing.T) {
	srv := sandbox.New(sandbox.Options{KYCAPIKey: "apikey_sandbox_unit"})
	var gets atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && gets.Add(1) > 1 {
			http.Error(w, `{"Type":"Forbidden","Detail":"read refused"}`, http.StatusForbidden)
			return
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	c, err := kycapi.New(kycapi.Settings{BaseURL: sandbox.KYCBaseURL(ts.URL), APIKey: "apikey_sandbox_unit",
		HTTP: httpclient.Config{UserAgent: "test", MinBackoff: 1, MaxBackoff: 2, LookupPause: time.Nanosecond}})
	if err != nil {
		t.Fatal(err)
	}
	resp, got := createThroughResource(t.Context(), t, c)
	// The read's error in the middle is the HTTP client's wording.
	prefix := "NOAH created customer cust-1 and it is in the Terraform state. Reading it back afterwards did not finish (kyc: read customer cust-1"
	suffix := "read refused), so the values NOAH fills in itself are empty in the state until the next refresh (part of every plan and apply) " +
		"reads them. Nothing needs to be done."
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity() != diag.SeverityWarning || resp.Diagnostics[0].Summary() != providerdata.CreatedNotReadSummary ||
		!strings.HasPrefix(resp.Diagnostics[0].Detail(), prefix) || !strings.HasSuffix(resp.Diagnostics[0].Detail(), suffix) {
		t.Fatalf("diagnostics %v", resp.Diagnostics)
	}
	m := sampleModel()
	if got.CustomerID.ValueString() != "cust-1" || !got.Created.IsNull() || !got.VerificationStatus.IsNull() || got.Email != m.Email || srv.KYC.CustomerCount() != 1 {
		t.Fatalf("state %+v", got)
	}
}

// A PUT whose answer is lost is sent again (it is idempotent); the customer is created once.
func TestCreateSurvivesALostPut(t *testing.T) {
	srv, c, puts := sandboxClient(t, true)
	m := sampleModel()
	if _, err := c.CreateCustomer(t.Context(), "cust-1", m.toAPI()); err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	if puts.Load() != 2 || srv.KYC.CustomerCount() != 1 {
		t.Fatalf("%d PUTs and %d customers, want 2 and 1", puts.Load(), srv.KYC.CustomerCount())
	}
}

// A customer whose record already equals the configuration (an interrupted apply's) is adopted
// with a warning naming it; a different one is refused.
func TestCreateAdoptsOnlyAnIdenticalRecord(t *testing.T) {
	srv, c, _ := sandboxClient(t, false)
	m := sampleModel()
	in := m.toAPI()
	if err := c.PutCustomer(t.Context(), "cust-1", in); err != nil {
		t.Fatal(err)
	}
	resp, got := createThroughResource(t.Context(), t, c)
	want := diag.Diagnostics{diag.NewAttributeWarningDiagnostic(path.Root("customer_id"), AdoptedWarning,
		`A customer with customer_id "cust-1" already existed at NOAH with the record this configuration sets (an apply that `+
			`was interrupted may have made it), so Terraform now manages that customer instead of creating one.`)}
	if !resp.Diagnostics.Equal(want) || srv.KYC.CustomerCount() != 1 || got.VerificationStatus.ValueString() != "Approved" {
		t.Fatalf("create over an identical record: diagnostics %v, %d customers, state %+v", resp.Diagnostics, srv.KYC.CustomerCount(), got)
	}
	other := *in
	other.FullName.FirstName = "Someone"
	var exists *kycapi.ExistsError
	if _, err := c.CreateCustomer(t.Context(), "cust-1", &other); !errors.As(err, &exists) {
		t.Fatalf("CreateCustomer over a different record = %v, want ExistsError", err)
	}
}
