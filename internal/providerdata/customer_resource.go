package providerdata

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

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
	// The identity first, so that it is set on every path, a customer that is gone included: the
	// framework refuses a read without one.
	r.identify(ctx, types.StringValue(id), resp.Identity, &resp.Diagnostics)
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
	r.Identify(ctx, resp.State, resp.Identity, &resp.Diagnostics)
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
	r.Identify(ctx, resp.State, resp.Identity, &resp.Diagnostics)
}

// IdentitySchema is the customer's resource identity (Terraform and OpenTofu 1.12 and later): the
// ID attribute alone, under the same name, required to import by identity. It holds no personal
// data: an ID is the vendor's reference, never the customer's name or contact details.
func (r *CustomerResource[C, T, M]) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	name := r.identityName()
	var description string
	if attribute, ok := r.Attributes().Attributes[name]; ok {
		description = attribute.GetMarkdownDescription()
	}
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			name: identityschema.StringAttribute{RequiredForImport: true, Description: description},
		},
	}
}

// identityName is the name of the ID attribute, a top-level attribute of the resource's schema.
func (r *CustomerResource[C, T, M]) identityName() string {
	step, _ := r.ID.Steps().LastStep()
	name, _ := step.(path.PathStepAttributeName)
	return string(name)
}

// Identify sets the resource identity to the customer's ID in state, after a create or an update
// has written the state (Create and Written call it; an update that writes the state itself
// must too). The framework refuses a create or update that leaves the identity empty, also with
// a CLI that knows no identity (it ignores the identity then) or that sent none for this
// resource (its state predates identity).
func (r *CustomerResource[C, T, M]) Identify(ctx context.Context, state tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if state.Raw.IsNull() {
		return
	}
	var id types.String
	if got := state.GetAttribute(ctx, r.ID, &id); got.HasError() {
		diags.Append(got...)
		return
	}
	r.identify(ctx, id, identity, diags)
}

// identify sets identity to id; identity is nil when the resource has no identity (never the
// case here, but the framework's contract allows it) and id unknown when no customer was made.
func (r *CustomerResource[C, T, M]) identify(ctx context.Context, id types.String, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity == nil || id.IsNull() || id.IsUnknown() {
		return
	}
	diags.Append(identity.SetAttribute(ctx, r.ID, id)...)
}

// ImportState takes the customer's ID from an import ID (terraform import, or an import block's
// id) or from an import block's identity (Terraform and OpenTofu 1.12 and later), checking it
// the same way either way. The read that follows sets the identity.
func (r *CustomerResource[C, T, M]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	if id == "" && req.Identity != nil {
		var fromIdentity types.String
		if resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, r.ID, &fromIdentity)...); resp.Diagnostics.HasError() {
			return
		}
		id = fromIdentity.ValueString()
		if id == "" {
			resp.Diagnostics.AddError("Missing "+r.Vendor+" customer ID",
				fmt.Sprintf("The import block's identity must set %s to the ID of the %s customer to import.", r.identityName(), r.Vendor))
			return
		}
	}
	if r.CheckImportID != nil && !r.CheckImportID(id, &resp.Diagnostics) {
		return
	}
	resource.ImportStatePassthroughWithIdentity(ctx, r.ID, r.ID, req, resp)
}

// Resource is what a customer resource implements: CustomerResource's methods, and the
// ValidateConfig, Update and Delete of its own vendor.
type Resource interface {
	resource.ResourceWithConfigure
	resource.ResourceWithModifyPlan
	resource.ResourceWithImportState
	resource.ResourceWithIdentity
	resource.ResourceWithValidateConfig
}
