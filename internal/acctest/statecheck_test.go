package acctest

import (
	"context"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestExpectNoValue(t *testing.T) {
	state := &tfjson.State{Values: &tfjson.StateValues{RootModule: &tfjson.StateModule{Resources: []*tfjson.StateResource{{
		Address:         "data.kyc_customer.test",
		AttributeValues: map[string]any{"created": "2026-01-01T00:00:00Z", "note": nil, "name": map[string]any{"first": "Jane"}},
	}}}}}
	for _, tc := range []struct {
		address string
		path    tfjsonpath.Path
		fails   bool
	}{
		{"data.kyc_customer.test", tfjsonpath.New("email"), false},                   // not in the schema
		{"data.kyc_customer.test", tfjsonpath.New("note"), false},                    // null
		{"data.kyc_customer.test", tfjsonpath.New("name").AtMapKey("middle"), false}, // nested, absent
		{"data.kyc_customer.test", tfjsonpath.New("created"), true},                  // has a value
		{"data.kyc_customer.test", tfjsonpath.New("name").AtMapKey("first"), true},   // nested value
		{"data.kyc_customer.other", tfjsonpath.New("email"), true},                   // no such resource
	} {
		var resp statecheck.CheckStateResponse
		ExpectNoValue(tc.address, tc.path).CheckState(context.Background(), statecheck.CheckStateRequest{State: state}, &resp)
		if failed := resp.Error != nil; failed != tc.fails {
			t.Errorf("%s %s: error %v, want failure %v", tc.address, tc.path, resp.Error, tc.fails)
		}
	}
}
