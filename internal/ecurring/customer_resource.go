package ecurring

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

var _ providerdata.Resource = (*customerResource)(nil)

var numericID = regexp.MustCompile(`^[0-9]+$`)

// customerDefinition is how ecurring_customer reads, maps, imports and creates customers. The
// resource, its data source and its list resource are each built from a copy of it.
var customerDefinition = providerdata.CustomerResource[ecurringapi.Client, ecurringapi.Customer, customerResourceModel]{
	ResourceBase: providerdata.ResourceBase[ecurringapi.Client]{Base: base.Named("ecurring_customer")},
	Attributes:   customerSchema, ID: path.Root("id"), Get: (*ecurringapi.Client).GetCustomer, Model: resourceModel,
	Make: create, CheckImportID: checkImportID,
}

// NewCustomerResource returns the ecurring_customer resource.
func NewCustomerResource() resource.Resource { return &customerResource{customerDefinition} }

type customerResource struct {
	providerdata.CustomerResource[ecurringapi.Client, ecurringapi.Customer, customerResourceModel]
}

// ValidateConfig refuses iban_wo on a CLI that would store it.
func (r *customerResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	providerdata.CheckWriteOnlyClient(ctx, req, resp, path.MatchRoot("iban_wo"))
}

// configIBAN is iban_wo from the configuration, the only place that holds it.
func configIBAN(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) *string {
	var iban types.String
	diags.Append(config.GetAttribute(ctx, path.Root("iban_wo"), &iban)...)
	return iban.ValueStringPointer()
}

// create sends the attributes that are set, iban_wo included: eCurring answers with the customer
// as stored.
func create(ctx context.Context, client *ecurringapi.Client, plan *customerResourceModel, req resource.CreateRequest, diags *diag.Diagnostics) (*ecurringapi.Customer, string) {
	attributes := plan.createAttributes()
	if iban := configIBAN(ctx, req.Config, diags); iban != nil {
		attributes[ecurringapi.AttrIBAN] = iban
	}
	if diags.HasError() {
		return nil, ""
	}
	created, err := client.CreateCustomer(ctx, attributes)
	if err != nil {
		base.APIError(diags, "Cannot create eCurring customer", err)
		return nil, ""
	}
	return created, created.ID
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
	changed := plan.changedAttributes(&prior.customerModel)
	// A PATCH carries only what changed: iban_wo's value when its version changed, or, when the
	// configuration drops iban_wo without setting iban, the clearing of the IBAN.
	if !plan.IBANWOVersion.Equal(prior.IBANWOVersion) && (!plan.IBANWOVersion.IsNull() || plan.IBAN.IsNull()) {
		changed[ecurringapi.AttrIBAN] = configIBAN(ctx, req.Config, &resp.Diagnostics) // nil clears
		if !plan.BankHolder.IsNull() {
			changed[ecurringapi.AttrBankHolder] = plan.BankHolder.ValueStringPointer()
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	updated, err := client.UpdateCustomer(ctx, prior.ID.ValueString(), changed)
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
