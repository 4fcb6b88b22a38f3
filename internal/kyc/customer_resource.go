package kyc

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/iso3166"
	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

var _ providerdata.Resource = (*customerResource)(nil)

// customerDefinition is how kyc_customer reads, maps, imports and creates customers. The
// resource, its data source and its list resource are each built from a copy of it.
var customerDefinition = providerdata.CustomerResource[kycapi.Client, kycapi.Customer, customerResourceModel]{
	ResourceBase: providerdata.ResourceBase[kycapi.Client]{Base: base.Named("kyc_customer")},
	Attributes:   customerSchema, ID: path.Root("customer_id"), Get: (*kycapi.Client).GetCustomer, Model: resourceModel,
	Make: create,
}

// NewCustomerResource returns the kyc_customer resource.
func NewCustomerResource() resource.Resource { return &customerResource{customerDefinition} }

type customerResource struct {
	providerdata.CustomerResource[kycapi.Client, kycapi.Customer, customerResourceModel]
}

// ValidateConfig checks what single attributes cannot: an identity's document number (plain or
// write-only, on a CLI that supports write-only values), its expiry after its issue, and a US or
// Canadian residence's state as an ISO 3166-2 code.
func (r *customerResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	providerdata.CheckWriteOnlyClient(ctx, req, resp, path.MatchRoot("identities").AtAnyListIndex().AtName("id_number_wo"))
	var identities []identityModel
	if diags := req.Config.GetAttribute(ctx, path.Root("identities"), &identities); !diags.HasError() {
		for i, id := range identities {
			at := path.Root("identities").AtListIndex(i)
			checkDates(id.IssuedDate, id.ExpiryDate, at.AtName("expiry_date"), &resp.Diagnostics)
			if id.IDNumber.IsNull() && id.IDNumberWO.IsNull() {
				resp.Diagnostics.AddAttributeError(at.AtName("id_number"), "Missing document number",
					fmt.Sprintf("%s needs the document's number: set %s, or %s with %s to keep the number out of the state.",
						at, at.AtName("id_number"), at.AtName("id_number_wo"), at.AtName("id_number_wo_version")))
			}
		}
	}
	var residence *addressModel
	if diags := req.Config.GetAttribute(ctx, path.Root("primary_residence"), &residence); !diags.HasError() && residence != nil {
		country, state := residence.Country, residence.State
		if known(country) && known(state) && iso3166.RequiresSubdivision(country.ValueString()) && !iso3166.IsSubdivision(country.ValueString(), state.ValueString()) {
			resp.Diagnostics.AddAttributeError(path.Root("primary_residence").AtName("state"), "Invalid state code",
				fmt.Sprintf("Attribute primary_residence.state must be the ISO 3166-2 code of a state or province of %s without the "+
					"country prefix, such as \"CA\" or \"NY\" in the US and \"QC\" in Canada, got: %q.", country.ValueString(), state.ValueString()))
		}
	}
}

func checkDates(issued, expiry types.String, at path.Path, diags *diag.Diagnostics) {
	if !known(issued) || !known(expiry) {
		return
	}
	from, err1 := validate.ParseDate(issued.ValueString())
	until, err2 := validate.ParseDate(expiry.ValueString())
	if err1 == nil && err2 == nil && !until.After(from) {
		diags.AddAttributeError(at, "Invalid expiry date",
			fmt.Sprintf("Attribute %s must be after the issue date %s, got: %s.", at, issued.ValueString(), expiry.ValueString()))
	}
}

func known(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }

// withWriteOnly is plan's PUT body with the identities' id_number_wo, which only the
// configuration holds. The PUT carries the whole record, so every create and update sends them.
func withWriteOnly(ctx context.Context, config tfsdk.Config, plan *customerResourceModel, diags *diag.Diagnostics) *kycapi.CustomerInput {
	var configured []identityModel
	if diags.Append(config.GetAttribute(ctx, path.Root("identities"), &configured)...); diags.HasError() {
		return nil
	}
	m := plan.customerModel
	m.Identities = slices.Clone(m.Identities)
	for i := range m.Identities {
		if i < len(configured) {
			m.Identities[i].IDNumberWO = configured[i].IDNumberWO
		}
	}
	return m.toAPI()
}

// AdoptedWarning is the summary of the warning a create gives when it takes over a customer.
const AdoptedWarning = "Existing NOAH customer adopted"

// create refuses to take over a different existing customer (see kycapi.Client.CreateCustomer).
// NOAH's PUT answers without a body, so Create reads the customer back: created and
// verification_status are known in the apply that creates the customer.
func create(ctx context.Context, client *kycapi.Client, plan *customerResourceModel, req resource.CreateRequest, diags *diag.Diagnostics) (*kycapi.Customer, string) {
	id := plan.CustomerID.ValueString()
	body := withWriteOnly(ctx, req.Config, plan, diags)
	if diags.HasError() {
		return nil, ""
	}
	adopted, err := client.CreateCustomer(ctx, id, body)
	var exists *kycapi.ExistsError
	switch {
	case errors.As(err, &exists):
		diags.AddAttributeError(path.Root("customer_id"), "NOAH customer already exists",
			fmt.Sprintf("A customer with customer_id %q already exists at NOAH. Creating it would overwrite that record, so "+
				"the provider refuses. To manage it with Terraform, import it instead:\n\n"+
				"  terraform import kyc_customer.<name> %s\n\nor add an import block:\n\n"+
				"  import {\n    provider = customers\n    to       = kyc_customer.<name>\n    id       = %q\n  }", id, id, id))
	case err != nil:
		base.APIError(diags, "Cannot create NOAH customer", err)
	case adopted:
		diags.AddAttributeWarning(path.Root("customer_id"), AdoptedWarning, fmt.Sprintf(
			"A customer with customer_id %q already existed at NOAH with the record this configuration sets (an apply that "+
				"was interrupted may have made it), so Terraform now manages that customer instead of creating one.", id))
	}
	return nil, id
}

func (r *customerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, client, plan := r.Begin(ctx, req.Plan, providerdata.Updating, &resp.Diagnostics)
	defer cancel()
	if client == nil {
		return
	}
	id := plan.CustomerID.ValueString()
	body := withWriteOnly(ctx, req.Config, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := client.PutCustomer(ctx, id, body); err != nil {
		r.APIError(&resp.Diagnostics, "Cannot update NOAH customer", err)
		return
	}
	// The PUT answers without a body, so what NOAH holds now is read back: it is the new state, and
	// each attribute NOAH did not keep as planned is an error on that attribute.
	customer, err := client.GetCustomer(ctx, id)
	if err != nil {
		// The plan leaves the status open (NOAH may decide meanwhile): keep the one last read.
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("verification_status"), &plan.VerificationStatus)...)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		r.Identify(ctx, resp.State, resp.Identity, &resp.Diagnostics)
		resp.Diagnostics.AddWarning("Cannot read NOAH customer back after the update",
			"NOAH accepted the update, but reading the customer back failed; the next refresh reads it. "+err.Error())
		return
	}
	r.Written(ctx, customer, plan, req, resp)
}

// Delete only forgets the customer: NOAH's API has no way to delete one. The plan has said so
// (providerdata.WarnAtPlan); saying it again for every customer would only double the warnings.
func (r *customerResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
