package mappingtest

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

type inner struct {
	Code types.String
	Tags []string
}

type outer struct {
	Name    string
	Count   int
	Active  bool
	Inner   *inner
	Items   []inner
	Data    map[string]string
	Value   types.String
	private string
}

func TestFillLeavesNothingUnset(t *testing.T) {
	var o outer
	Fill(&o)
	if missing := Unset(o); len(missing) > 0 {
		t.Fatalf("Fill left %v unset", missing)
	}
	if o.Inner.Code.ValueString() != "outer.Inner.Code" || o.Items[0].Tags[0] != "outer.Items[0].Tags[0]" {
		t.Errorf("values must name their paths: %v, %v", o.Inner.Code, o.Items[0].Tags)
	}
	if o.private != "" {
		t.Error("unexported fields are not the mapping's")
	}
}

func TestUnsetFindsEachEmptyField(t *testing.T) {
	var o outer
	Fill(&o)
	o.Inner.Code = types.StringNull()
	o.Items[0].Tags = nil
	o.Data = map[string]string{}
	o.Value = types.StringUnknown()
	o.Count = 0
	got := Unset(&o)
	want := []string{"outer.Count", "outer.Inner.Code", "outer.Items[0].Tags", "outer.Data", "outer.Value"}
	if !slices.Equal(got, want) {
		t.Errorf("Unset = %v, want %v", got, want)
	}
	if got := Unset(&o, "outer.Inner", "outer.Items", "outer.Data", "outer.Value", "outer.Count"); len(got) != 0 {
		t.Errorf("skipped paths reported: %v", got)
	}
}
