package openprovider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

var _ providerdata.Resource = (*customerResource)(nil)

// customerDefinition is how openprovider_customer reads, maps, imports and creates customers. The
// resource, its data source and its list resource are each built from a copy of it.
var customerDefinition = providerdata.CustomerResource[openproviderapi.Client, openproviderapi.Customer, customerResourceModel]{
	ResourceBase: providerdata.ResourceBase[openproviderapi.Client]{Base: base.Named("openprovider_customer")},
	Attributes:   customerSchema, ID: path.Root("handle"), Get: (*openproviderapi.Client).GetCustomer, Model: resourceModel,
	Make: create, CheckImportID: checkImportID, Deletes: true,
}

// NewCustomerResource returns the openprovider_customer resource.
func NewCustomerResource() resource.Resource { return &customerResource{customerDefinition} }

type customerResource struct {
	providerdata.CustomerResource[openproviderapi.Client, openproviderapi.Customer, customerResourceModel]
}

// writeOnly are the write-only attributes, for CheckWriteOnlyClient.
var writeOnly = []path.Expression{
	path.MatchRoot("additional_data").AtName("passport_number_wo"),
	path.MatchRoot("additional_data").AtName("social_security_number_wo"),
}

// ValidateConfig refuses write-only values on a CLI that would store them.
func (r *customerResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	providerdata.CheckWriteOnlyClient(ctx, req, resp, writeOnly...)
}

// withWriteOnly is plan's request body with the write-only values, which only the configuration
// holds. Openprovider's create and PUT carry the whole record, so every one sends them.
func withWriteOnly(ctx context.Context, config tfsdk.Config, plan *customerResourceModel, diags *diag.Diagnostics) *openproviderapi.Customer {
	m := plan.customerModel
	if m.AdditionalData != nil {
		d := *m.AdditionalData
		diags.Append(config.GetAttribute(ctx, path.Root("additional_data").AtName("passport_number_wo"), &d.PassportNumberWO)...)
		diags.Append(config.GetAttribute(ctx, path.Root("additional_data").AtName("social_security_number_wo"), &d.SocialSecurityNumberWO)...)
		m.AdditionalData = &d
	}
	return m.toAPI()
}

// create makes the handle; its answer carries the handle only, so Create reads it back.
func create(ctx context.Context, client *openproviderapi.Client, plan *customerResourceModel, req resource.CreateRequest, diags *diag.Diagnostics) (*openproviderapi.Customer, string) {
	body := withWriteOnly(ctx, req.Config, plan, diags)
	if diags.HasError() {
		return nil, ""
	}
	handle, err := client.CreateCustomer(ctx, body)
	if err != nil {
		base.APIError(diags, "Cannot create Openprovider customer", err)
	}
	return nil, handle
}

func (r *customerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, client, plan := r.Begin(ctx, req.Plan, providerdata.Updating, &resp.Diagnostics)
	defer cancel()
	if client == nil {
		return
	}
	handle := plan.Handle.ValueString()
	body := withWriteOnly(ctx, req.Config, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// Name and company name never change in place: a change to them replaces the handle.
	body.Name, body.CompanyName = nil, nil
	removed := removedFields("", req.State.Raw, req.Plan.Raw)
	if err := client.UpdateCustomer(ctx, handle, body, removed...); err != nil {
		detail := err.Error()
		if len(removed) > 0 {
			detail += fmt.Sprintf("\n\nThe update removed %s by sending empty values. If Openprovider refuses them, set "+
				"the values in the configuration again, or remove them in Openprovider's control panel.", strings.Join(removed, ", "))
		}
		resp.Diagnostics.AddError("Cannot update Openprovider customer", detail)
		return
	}
	// The update answers only "success": what Openprovider holds now is the new state.
	updated, err := client.GetCustomer(ctx, handle)
	if err != nil {
		// Every value of an update's plan is known (locale and full_name are kept from the state).
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		r.Identify(ctx, resp.State, resp.Identity, &resp.Diagnostics)
		resp.Diagnostics.AddWarning("Cannot read Openprovider customer back after the update",
			fmt.Sprintf("Openprovider accepted the update of customer %s, but reading it back failed; the next refresh reads it. %s", handle, err))
		return
	}
	r.Written(ctx, updated, plan, req, resp)
}

// removedFields lists, as API field paths, the values the prior state holds and the plan
// removes; attribute names are the API's field names, so a path is the names joined by dots.
// A list or set the plan leaves empty is removed whole (its elements are always sent whole).
// Values the plan leaves unknown are the server's to fill in, and timeouts are no API field.
// Write-only attributes (<name>_wo) and their versions are no API fields either: a plain
// attribute whose value the plan sends write-only is not removed, and a version the plan removes
// removes the value when the plan does not set the plain attribute instead.
func removedFields(at string, state, plan tftypes.Value) []string {
	if state.IsNull() || !state.IsKnown() || !plan.IsKnown() || at == "timeouts" {
		return nil
	}
	switch {
	case plan.IsNull():
		return []string{at}
	case state.Type().Is(tftypes.Object{}):
		var s, p map[string]tftypes.Value
		if state.As(&s) != nil || plan.As(&p) != nil {
			return nil
		}
		var out []string
		for _, name := range slices.Sorted(maps.Keys(s)) {
			field := name
			if at != "" {
				field = at + "." + name
			}
			switch {
			case strings.HasSuffix(name, providerdata.VersionSuffix):
				plain := strings.TrimSuffix(name, providerdata.VersionSuffix)
				if !s[name].IsNull() && p[name].IsNull() && p[plain].IsNull() {
					out = append(out, strings.TrimSuffix(field, providerdata.VersionSuffix))
				}
			case strings.HasSuffix(name, providerdata.WriteOnlySuffix):
			case !p[name+providerdata.VersionSuffix].IsNull(): // sent write-only (a missing key is null)
			default:
				out = append(out, removedFields(field, s[name], p[name])...)
			}
		}
		slices.Sort(out)
		return out
	case state.Type().Is(tftypes.List{}), state.Type().Is(tftypes.Set{}):
		var s, p []tftypes.Value
		if state.As(&s) == nil && plan.As(&p) == nil && len(s) > 0 && len(p) == 0 {
			return []string{at}
		}
	}
	return nil
}

func (r *customerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, client, state := r.Begin(ctx, req.State, providerdata.Deleting, &resp.Diagnostics)
	defer cancel()
	if client == nil {
		return
	}
	handle := state.Handle
	err := client.DeleteCustomer(ctx, handle.ValueString())
	if reason := openproviderapi.InUseReason(err); reason != "" {
		resp.Diagnostics.AddError("Openprovider customer is still in use",
			fmt.Sprintf("Openprovider refused to delete customer %s because %s. Move the domains and other objects "+
				"that use the handle to another handle, then destroy again; the customer stays in the Terraform state "+
				"until then.\n\n%s", handle.ValueString(), reason, err))
		return
	}
	if err != nil {
		r.APIError(&resp.Diagnostics, "Cannot delete Openprovider customer", err)
	}
}
