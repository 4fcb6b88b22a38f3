package acctest

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// ExpectNoValue is the state check's counterpart of resource.TestCheckNoResourceAttr: the
// resource's attribute at path is null or is not in its schema at all (statecheck's
// knownvalue.Null fails on an attribute the schema lacks, such as an attribute a data source
// does not expose).
func ExpectNoValue(resourceAddress string, path tfjsonpath.Path) statecheck.StateCheck {
	return noValue{resourceAddress, path}
}

type noValue struct {
	address string
	path    tfjsonpath.Path
}

func (c noValue) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("%s: the state holds no resources", c.address)
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != c.address {
			continue
		}
		v, err := tfjsonpath.Traverse(r.AttributeValues, c.path)
		switch {
		case err != nil && !strings.Contains(err.Error(), "not found"):
			resp.Error = fmt.Errorf("%s.%s: %w", c.address, c.path, err)
		case err == nil && v != nil:
			resp.Error = fmt.Errorf("%s.%s = %v, want no value", c.address, c.path, v)
		}
		return
	}
	resp.Error = fmt.Errorf("%s - Resource not found in state", c.address)
}
