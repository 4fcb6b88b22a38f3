package kyc

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// An update reads the customer back (NOAH's PUT has no body). What NOAH holds is the new state,
// and a value it did not keep is an error on that attribute, not Terraform's "inconsistent result".
func TestUpdateReportsWhatNOAHDidNotKeep(t *testing.T) {
	ctx := context.Background()
	srv := sandbox.New(sandbox.Options{KYCAPIKey: "apikey_sandbox_unit"})
	keep := true
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r)
		if r.Method == http.MethodPut && !keep {
			srv.KYC.SetOutOfBand("cust-full", "PrimaryResidence.City", "Oakland")
		}
	}))
	t.Cleanup(ts.Close)
	client, err := kycapi.New(kycapi.Settings{BaseURL: sandbox.KYCBaseURL(ts.URL), APIKey: "apikey_sandbox_unit",
		// A cap rather than retries until a deadline keeps tests of failing answers short.
		HTTP: httpclient.Config{UserAgent: "test", MaxRetries: new(4)}})
	if err != nil {
		t.Fatal(err)
	}
	r := configured(t, client)
	var sch resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sch)
	m := fullModel()
	if err := client.PutCustomer(ctx, "cust-full", m.toAPI()); err != nil {
		t.Fatal(err)
	}
	timeoutTypes := sch.Schema.Attributes["timeouts"].GetType().(timeouts.Type).AttrTypes
	planned := customerResourceModel{m, timeouts.Value{Object: types.ObjectNull(timeoutTypes)}}
	planned.Created, planned.VerificationStatus = types.StringUnknown(), types.StringUnknown()
	planned.PrimaryResidence.City = types.StringValue("Oakland Hills")

	update := func() (*resource.UpdateResponse, customerResourceModel) {
		plan := tfsdk.Plan{Schema: sch.Schema, Raw: tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil)}
		if diags := plan.Set(ctx, &planned); diags.HasError() {
			t.Fatal(diags)
		}
		resp := &resource.UpdateResponse{State: tfsdk.State{Schema: sch.Schema, Raw: plan.Raw.Copy()}}
		r.Update(ctx, resource.UpdateRequest{Plan: plan, Config: tfsdk.Config(plan)}, resp)
		var got customerResourceModel
		if diags := resp.State.Get(ctx, &got); diags.HasError() {
			t.Fatal(diags)
		}
		return resp, got
	}

	resp, got := update()
	if resp.Diagnostics.HasError() || got.PrimaryResidence.City.ValueString() != "Oakland Hills" ||
		got.VerificationStatus.ValueString() != "Approved" || got.Created.IsUnknown() || got.Email != m.Email {
		t.Fatalf("kept update: %v, state %+v", resp.Diagnostics, got)
	}

	keep = false
	resp, got = update()
	if got.PrimaryResidence.City.ValueString() != "Oakland" {
		t.Errorf("state city %s, want what NOAH holds", got.PrimaryResidence.City)
	}
	errs := resp.Diagnostics.Errors()
	if len(errs) != 1 || !strings.Contains(errs[0].Summary(), "NOAH did not apply primary_residence.city") {
		t.Fatalf("diagnostics %v", resp.Diagnostics)
	}
	if withPath, ok := errs[0].(interface{ Path() path.Path }); !ok || !withPath.Path().Equal(path.Root("primary_residence").AtName("city")) {
		t.Errorf("error not on primary_residence.city: %v", errs[0])
	}
	if strings.Contains(errs[0].Detail(), "Oakland") {
		t.Errorf("the error shows values: %s", errs[0].Detail())
	}
}
