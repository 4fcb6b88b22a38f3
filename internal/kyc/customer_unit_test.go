package kyc

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

func TestAttributePath(t *testing.T) {
	for field, want := range map[string]path.Path{
		"FullName.FirstName":           path.Root("full_name").AtName("first_name"),
		"Identities[1].IDNumber":       path.Root("identities").AtListIndex(1).AtName("id_number"),
		"Identities.0.ExpiryDate":      path.Root("identities").AtListIndex(0).AtName("expiry_date"),
		"PrimaryResidence.PostCode":    path.Root("primary_residence").AtName("post_code"),
		"DateOfBirth":                  path.Root("date_of_birth"),
		"CustomerID":                   path.Root("customer_id"),
		"PrimaryResidence.Street2":     path.Root("primary_residence").AtName("street2"),
		"Identities[0].IssuingCountry": path.Root("identities").AtListIndex(0).AtName("issuing_country"),
	} {
		got, ok := attributePath(field)
		if !ok || !got.Equal(want) {
			t.Errorf("attributePath(%q) = %s, %v; want %s", field, got, ok, want)
		}
	}
	for _, field := range []string{"", "Metadata.x", "FullName.Nickname", "0"} {
		if p, ok := attributePath(field); ok {
			t.Errorf("attributePath(%q) = %s, want no path", field, p)
		}
	}
}

func sampleModel() customerModel {
	s := types.StringValue
	return customerModel{
		CustomerID:  s("cust-1"),
		FullName:    &fullNameModel{FirstName: s("Jane"), LastName: s("Doe"), MiddleName: types.StringNull()},
		DateOfBirth: s("1990-04-16"),
		Email:       s("jane@example.com"),
		PhoneNumber: s("+14155550123"),
		Identities: []identityModel{{IdentityFields: IdentityFields{IssuingCountry: s("US"), IDNumber: s("P1"), IssuedDate: s("2020-01-15"),
			ExpiryDate: s("2030-01-14"), IDType: s("Passport")}}},
		PrimaryResidence: &addressModel{Street: s("1 Market Street"), Street2: types.StringNull(), City: s("San Francisco"),
			PostCode: s("94105"), State: s("CA"), Country: s("US")},
		Created:            s("2026-11-21T10:00:00Z"),
		VerificationStatus: s("Approved"),
	}
}

// What NOAH returns for what was put maps back to the configuration, e-mail and phone kept.
func TestCustomerMappingRoundTrip(t *testing.T) {
	m := sampleModel()
	in := m.toAPI()
	out := &kycapi.Customer{Type: in.Type, CustomerID: "cust-1", Created: "2026-11-21T10:00:00Z", DateOfBirth: in.DateOfBirth,
		FullName: in.FullName, Identities: in.Identities, PrimaryResidence: in.PrimaryResidence,
		Verification: &kycapi.Verification{Status: "Approved"}}
	if got := customerFromAPI(out, &m); !reflect.DeepEqual(got, m) {
		t.Fatalf("round trip changed the model:\n got %+v\nwant %+v", got, m)
	}
	imported := customerFromAPI(out, nil)
	if !imported.Email.IsNull() || !imported.PhoneNumber.IsNull() {
		t.Fatal("an import cannot know e-mail and phone: they must be null")
	}
}

// Destroy cannot delete at the vendor: Delete calls nothing (it has no client) and adds nothing
// to the warning the plan gave.
func TestDeleteCallsNothing(t *testing.T) {
	ctx := context.Background()
	s := customerSchema()
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	resp := &resource.DeleteResponse{State: state}
	(&customerResource{}).Delete(ctx, resource.DeleteRequest{State: state}, resp)
	if len(resp.Diagnostics) != 0 {
		t.Fatalf("diagnostics = %v, want none", resp.Diagnostics)
	}
}

// configured is the resource as the provider configures it, with c as NOAH's client.
func configured(t *testing.T, c *kycapi.Client) *customerResource {
	t.Helper()
	svc := providerdata.Service{Name: serviceName, Title: vendor, Connect: func(*providerdata.Settings) (any, error) { return c, nil }}
	var diags diag.Diagnostics
	clients := providerdata.NewClients()
	clients.Connect(svc, providerdata.NewSettings(types.ObjectNull(nil), svc, "test", &diags))
	r, _ := NewCustomerResource().(*customerResource)
	var resp resource.ConfigureResponse
	r.Configure(context.Background(), resource.ConfigureRequest{ProviderData: clients}, &resp)
	if diags.HasError() || resp.Diagnostics.HasError() {
		t.Fatal(diags, resp.Diagnostics)
	}
	return r
}
