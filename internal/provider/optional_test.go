package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

// TestEveryOptionalStringRefusesEmptyAlike walks every resource schema, nested attributes
// included: "" in any optional text attribute gets the one message that says to use null, and
// nothing else.
func TestEveryOptionalStringRefusesEmptyAlike(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	checked := 0
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{}, &meta)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		checked += checkOptionalStrings(t, path.Root(meta.TypeName), resp.Schema.Attributes)
	}
	if checked < 40 {
		t.Fatalf("checked only %d optional text attributes: the walk misses nested ones", checked)
	}
}

func checkOptionalStrings(t *testing.T, where path.Path, attributes map[string]schema.Attribute) int {
	t.Helper()
	names := make([]string, 0, len(attributes))
	for name := range attributes {
		names = append(names, name)
	}
	sort.Strings(names)
	n := 0
	for _, name := range names {
		at := where.AtName(name)
		switch a := attributes[name].(type) {
		case schema.StringAttribute:
			if !a.Optional {
				continue
			}
			n++
			want := "Attribute " + at.String() + " " + validate.EmptyOptional + "."
			if got := emptyErrors(a.Validators, at); len(got) != 1 || got[0] != want {
				t.Errorf("%s = \"\": errors %q, want only %q", at, got, want)
			}
		case schema.SingleNestedAttribute:
			if name == "timeouts" { // the timeouts module's durations, checked by it
				continue
			}
			n += checkOptionalStrings(t, at, a.Attributes)
		case schema.ListNestedAttribute:
			n += checkOptionalStrings(t, at, a.NestedObject.Attributes)
		case schema.SetNestedAttribute:
			n += checkOptionalStrings(t, at, a.NestedObject.Attributes)
		}
	}
	return n
}

func emptyErrors(validators []validator.String, at path.Path) (details []string) {
	for _, v := range validators {
		// Validators that relate attributes (iban's AlsoRequires) need the whole configuration,
		// which this walk does not have.
		if strings.HasPrefix(fmt.Sprintf("%T", v), "schemavalidator.") {
			continue
		}
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{Path: at, ConfigValue: types.StringValue("")}, resp)
		for _, d := range resp.Diagnostics.Errors() {
			details = append(details, d.Detail())
		}
	}
	return details
}
