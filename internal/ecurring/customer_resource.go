package ecurring

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
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
	r.Base, r.TypeName = base, "ecurring_customer"
	r.Attributes, r.ID, r.Get, r.CheckImportID = customerSchema, path.Root("id"), (*ecurringapi.Client).GetCustomer, checkImportID
	r.Model = func(c *ecurringapi.Customer, prior *customerResourceModel) customerResourceModel {
		return customerResourceModel{customerFromAPI(c), prior.Timeouts}
	}
	return r
}

type customerResource struct {
	providerdata.CustomerResource[ecurringapi.Client, ecurringapi.Customer, customerResourceModel]
}

// customerResourceModel is the resource's model: the customer and its operation timeouts.
type customerResourceModel struct {
	customerModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *customerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, client, plan := r.Begin(ctx, req.Plan, providerdata.Creating, &resp.Diagnostics)
	defer cancel()
	if client == nil {
		return
	}
	created, err := client.CreateCustomer(ctx, plan.createAttributes())
	if err != nil {
		r.APIError(&resp.Diagnostics, "Cannot create eCurring customer", err)
		return
	}
	r.Created(ctx, created, plan, req, resp)
}

// Update sends only what changed: eCurring's PATCH answers with the customer as stored.
func (r *customerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, client, plan := r.Begin(ctx, req.Plan, providerdata.Updating, &resp.Diagnostics)
	defer cancel()
	if client == nil {
		return
	}
	var prior customerResourceModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &prior)...); resp.Diagnostics.HasError() {
		return
	}
	updated, err := client.UpdateCustomer(ctx, prior.ID.ValueString(), plan.changedAttributes(&prior.customerModel))
	if err != nil {
		r.APIError(&resp.Diagnostics, "Cannot update eCurring customer", err)
		return
	}
	r.Written(ctx, updated, plan, req, resp)
}

// Delete only forgets the customer: eCurring's API has no way to delete one. The plan has said so
// (providerdata.WarnAtPlan); saying it again for every customer would only double the warnings.
func (r *customerResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

func checkImportID(id string, diags *diag.Diagnostics) bool {
	if !numericID.MatchString(id) {
		diags.AddError("Invalid eCurring customer ID", fmt.Sprintf("eCurring customer IDs are numbers, such as 42; got %q.", id))
		return false
	}
	return true
}
