package providerdata

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/customerhandles/terraform-provider-customers/internal/attrs"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

// CustomerResource is what every customer resource does the same way: its schema's timeouts,
// the plan-time checks and warnings, Read, import, and the steps of a create or update. Embed it;
// C is the service's client, T a customer as its API returns it, and M the resource's model (the
// customer and its timeouts attribute).
type CustomerResource[C, T, M any] struct {
	ResourceBase[C]
	// Attributes is the resource's schema, without the timeouts attribute.
	Attributes func() schema.Schema
	// ID is the attribute that identifies a customer; it is the import ID.
	ID path.Path
	// Deletes says whether destroying a customer deletes it at the vendor; otherwise Terraform
	// only forgets it, and the plan says so.
	Deletes bool
	// Get reads a customer (a client method); httpclient.IsNotFound tells one that is gone.
	Get func(client *C, ctx context.Context, id string) (*T, error)
	// Model is the model for what the vendor holds, keeping from prior what the vendor never
	// returns (and prior's timeouts).
	Model func(customer *T, prior *M) M
	// CheckImportID refuses, saying why, an import ID that cannot be a customer's; nil accepts all.
	CheckImportID func(id string, diags *diag.Diagnostics) bool
	// Make creates plan's customer. It returns the customer as the vendor answered, or nil and
	// the customer's ID when the answer says no more (Create then reads the customer back); a
	// failure it reports in diags.
	Make func(ctx context.Context, client *C, plan *M, req resource.CreateRequest, diags *diag.Diagnostics) (customer *T, id string)
}

// Schema is Attributes with the timeouts of the operations that call the vendor.
func (r *CustomerResource[C, T, M]) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.Attributes()
	resp.Schema.Attributes["timeouts"] = attrs.Timeouts(ctx, r.Deletes)
}

// ModifyPlan fails the plan when the service has no credentials, rather than the apply, and warns
// of customers the plan destroys and of sensitive values it removes.
func (r *CustomerResource[C, T, M]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.CheckCredentials(&resp.Diagnostics)
	WarnAtPlan(ctx, req, resp, Vendor{Name: r.Vendor, ID: r.ID, Deletes: r.Deletes})
}

// Operation is one of the operations a resource's timeouts bound.
type Operation struct {
	timeout func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics)
	def     time.Duration
}

// The operations, with their default time limits.
var (
	Creating = Operation{timeouts.Value.Create, attrs.DefaultCreateTimeout}
	Reading  = Operation{timeouts.Value.Read, attrs.DefaultReadTimeout}
	Updating = Operation{timeouts.Value.Update, attrs.DefaultUpdateTimeout}
	Deleting = Operation{timeouts.Value.Delete, attrs.DefaultDeleteTimeout}
)

// source is a plan or a state.
type source interface {
	Get(ctx context.Context, target any) diag.Diagnostics
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// Begin starts op on the model in from (the plan, or the state): it returns ctx bounded by op's
// time limit, the service's client and the model. The client is nil when an error was reported.
func (r *CustomerResource[C, T, M]) Begin(ctx context.Context, from source, op Operation, diags *diag.Diagnostics) (context.Context, context.CancelFunc, *C, *M) {
	client := r.Client(diags)
	var model M
	var limits timeouts.Value
	diags.Append(from.Get(ctx, &model)...)
	diags.Append(from.GetAttribute(ctx, path.Root("timeouts"), &limits)...)
	if diags.HasError() || client == nil {
		return ctx, func() {}, nil, nil
	}
	ctx, cancel := Deadline(ctx, func(ctx context.Context, def time.Duration) (time.Duration, diag.Diagnostics) {
		return op.timeout(limits, ctx, def)
	}, op.def, diags)
	return ctx, cancel, client, &model
}

// Read refreshes the customer from the vendor; one that is gone leaves the state, so that the
// next plan creates it again.
func (r *CustomerResource[C, T, M]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx, cancel, client, prior := r.Begin(ctx, req.State, Reading, &resp.Diagnostics)
	defer cancel()
	if client == nil {
		return
	}
	var id string
	if resp.Diagnostics.Append(req.State.GetAttribute(ctx, r.ID, &id)...); resp.Diagnostics.HasError() {
		return
	}
	customer, err := r.Get(client, ctx, id)
	if httpclient.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.APIError(&resp.Diagnostics, "Cannot read "+r.Vendor+" customer", err)
		return
	}
	state := r.Model(customer, prior)
	SetRefreshed(ctx, &resp.State, prior, &state, &resp.Diagnostics)
}

// Create makes the customer (Make) and records it as the vendor holds it.
func (r *CustomerResource[C, T, M]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, client, plan := r.Begin(ctx, req.Plan, Creating, &resp.Diagnostics)
	defer cancel()
	if client == nil {
		return
	}
	customer, id := r.Make(ctx, client, plan, req, &resp.Diagnostics)
	switch {
	case resp.Diagnostics.HasError():
	case customer != nil:
		r.created(ctx, customer, plan, req, resp)
	default:
		r.readBackCreated(ctx, client, id, plan, req, resp)
	}
}

// created records the customer a create made, as the vendor holds it (SetCreated).
func (r *CustomerResource[C, T, M]) created(ctx context.Context, customer *T, plan *M, req resource.CreateRequest, resp *resource.CreateResponse) {
	state := r.Model(customer, plan)
	SetCreated(ctx, &resp.State, req.Plan, &state, r.Vendor, &resp.Diagnostics)
}

// readBackCreated reads the customer id a create made and records it; when that read fails
// (even after an interrupt: see ReadBackContext), the customer is recorded from the plan.
func (r *CustomerResource[C, T, M]) readBackCreated(ctx context.Context, client *C, id string, plan *M, req resource.CreateRequest, resp *resource.CreateResponse) {
	readCtx, cancel := ReadBackContext(ctx)
	defer cancel()
	customer, err := r.Get(client, readCtx, id)
	if err != nil {
		SetCreatedUnread(ctx, &resp.State, req.Plan, r.ID, id, r.Vendor, err, &resp.Diagnostics)
		return
	}
	r.created(ctx, customer, plan, req, resp)
}

// Written records what the vendor holds after an update (SetWritten).
func (r *CustomerResource[C, T, M]) Written(ctx context.Context, customer *T, plan *M, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	state := r.Model(customer, plan)
	SetWritten(ctx, &resp.State, req.Plan, &state, r.Vendor, &resp.Diagnostics)
}

// ImportState takes the import ID as the customer's ID attribute.
func (r *CustomerResource[C, T, M]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.CheckImportID != nil && !r.CheckImportID(req.ID, &resp.Diagnostics) {
		return
	}
	resource.ImportStatePassthroughID(ctx, r.ID, req, resp)
}
