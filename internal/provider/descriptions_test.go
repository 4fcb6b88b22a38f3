package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// TestEveryAttributeIsDescribed walks every schema the provider serves, nested attributes
// included: the Registry docs are generated from these descriptions, so none may be empty.
func TestEveryAttributeIsDescribed(t *testing.T) {
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	schemas := map[string]*tfprotov6.Schema{"provider": resp.Provider}
	for name, s := range resp.ResourceSchemas {
		schemas["resource "+name] = s
	}
	for name, s := range resp.DataSourceSchemas {
		schemas["data source "+name] = s
	}
	for name, s := range resp.ListResourceSchemas {
		schemas["list resource "+name] = s
	}
	checked := 0
	for name, s := range schemas {
		if s.Block.Description == "" {
			t.Errorf("%s has no description", name)
		}
		checked += checkDescribed(t, name, s.Block.Attributes)
	}
	if checked < 150 {
		t.Fatalf("checked only %d attributes: the walk misses nested ones", checked)
	}
}

func checkDescribed(t *testing.T, where string, attrs []*tfprotov6.SchemaAttribute) int {
	t.Helper()
	n := 0
	for _, a := range attrs {
		n++
		if a.Description == "" {
			t.Errorf("%s: attribute %s has no description", where, a.Name)
		}
		if a.NestedType != nil {
			n += checkDescribed(t, where+"."+a.Name, a.NestedType.Attributes)
		}
	}
	return n
}
