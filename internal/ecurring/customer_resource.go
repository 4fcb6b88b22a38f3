package ecurring

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/customerhandles/terraform-provider-customers/internal/attrs"
	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

var (
	_ resource.ResourceWithConfigure   = (*customerResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*customerResource)(nil)
	_ resource.ResourceWithImportState = (*customerResource)(nil)
)

var numericID = regexp.MustCompile(`^[0-9]+$`)

// NewCustomerResource returns the ecurring_customer resource.
func NewCustomerResource() resource.Resource {
	r := &customerResource{}
	r.Base = base
	r.TypeName = "ecurring_customer"
	return r
}

type customerResource struct {
	providerdata.ResourceBase[ecurringapi.Client]
}

func (r *customerResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = customerSchema()
	resp.Schema.Attributes["timeouts"] = attrs.Timeouts(ctx, false)
}

// customerResourceModel is the resource's model: the customer and its operation timeouts.
type customerResourceModel struct {
	customerModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// ModifyPlan fails the plan when eCurring has no credentials, rather than the apply, and warns
// of customers the plan destroys (they stay in eCurring) and sensitive values it removes.
func (r *customerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.CheckCredentials(&resp.Diagnostics)
	providerdata.WarnAtPlan(ctx, req, resp, providerdata.Vendor{Name: "eCurring", ID: path.Root("id")})
}

func (r *customerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	client := r.Client(&resp.Diagnostics)
	var plan customerResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := providerdata.Deadline(ctx, plan.Timeouts.Create, attrs.DefaultCreateTimeout, &resp.Diagnostics)
	defer cancel()
	created, err := client.CreateCustomer(ctx, plan.createAttributes())
	if err != nil {
		r.APIError(&resp.Diagnostics, "Cannot create eCurring customer", err)
		return
	}
	state := customerResourceModel{customerFromAPI(created), plan.Timeouts}
	providerdata.SetCreated(ctx, &resp.State, req.Plan, &state, "eCurring", &resp.Diagnostics)
}

func (r *customerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	client := r.Client(&resp.Diagnostics)
	var prior customerResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := providerdata.Deadline(ctx, prior.Timeouts.Read, attrs.DefaultReadTimeout, &resp.Diagnostics)
	defer cancel()
	customer, err := client.GetCustomer(ctx, prior.ID.ValueString())
	if httpclient.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.APIError(&resp.Diagnostics, "Cannot read eCurring customer", err)
		return
	}
	state := customerResourceModel{customerFromAPI(customer), prior.Timeouts}
	providerdata.SetRefreshed(ctx, &resp.State, &prior, &state, &resp.Diagnostics)
}

func (r *customerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	client := r.Client(&resp.Diagnostics)
	var plan, prior customerResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := providerdata.Deadline(ctx, plan.Timeouts.Update, attrs.DefaultUpdateTimeout, &resp.Diagnostics)
	defer cancel()
	updated, err := client.UpdateCustomer(ctx, prior.ID.ValueString(), plan.changedAttributes(&prior.customerModel))
	if err != nil {
		r.APIError(&resp.Diagnostics, "Cannot update eCurring customer", err)
		return
	}
	state := customerResourceModel{customerFromAPI(updated), plan.Timeouts}
	providerdata.SetWritten(ctx, &resp.State, req.Plan, &state, "eCurring", &resp.Diagnostics)
}

// Delete only forgets the customer: eCurring's API has no way to delete one. The plan has said so
// (providerdata.WarnAtPlan); saying it again for every customer would only double the warnings.
func (r *customerResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

func (r *customerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !numericID.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid eCurring customer ID",
			fmt.Sprintf("eCurring customer IDs are numbers, such as 42; got %q.", req.ID))
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
