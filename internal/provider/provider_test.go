package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// TestSchemasAreValid asks the provider server for every schema, which validates each one the
// way Terraform would when it loads the provider.
func TestSchemasAreValid(t *testing.T) {
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("%s: %s: %s", d.Severity, d.Summary, d.Detail)
	}
	for _, name := range []string{"openprovider_customer", "ecurring_customer", "kyc_customer"} {
		if resp.ResourceSchemas[name] == nil {
			t.Errorf("resource %s is missing", name)
		}
		if resp.DataSourceSchemas[name] == nil {
			t.Errorf("data source %s is missing", name)
		}
	}
	for _, name := range []string{"openprovider_customers", "ecurring_customers", "kyc_customers"} {
		if resp.DataSourceSchemas[name] == nil {
			t.Errorf("data source %s is missing", name)
		}
	}
	for _, name := range []string{"openprovider_customer", "ecurring_customer", "kyc_customer"} {
		if resp.ListResourceSchemas[name] == nil {
			t.Errorf("list resource %s is missing", name)
		}
	}
	for _, service := range []string{"openprovider", "ecurring", "kyc"} {
		if !hasAttribute(resp.Provider, service) {
			t.Errorf("provider schema lacks %q", service)
		}
	}
}

func hasAttribute(s *tfprotov6.Schema, name string) bool {
	for _, a := range s.Block.Attributes {
		if a.Name == name {
			return true
		}
	}
	return false
}
