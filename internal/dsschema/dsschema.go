// Package dsschema derives a data source's schema from its resource's, so the two cannot drift
// apart: every attribute becomes computed, except the lookup key, which the user sets.
package dsschema

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// FromResource returns a data source schema with the attributes of r, all computed, except the
// top-level attribute key, which becomes required. description replaces r's description.
func FromResource(r rschema.Schema, key, description string) schema.Schema {
	attrs := Computed(r.Attributes)
	keyAttr, ok := r.Attributes[key].(rschema.StringAttribute)
	if !ok {
		panic(fmt.Sprintf("dsschema: lookup key %q is not a string attribute", key))
	}
	attrs[key] = schema.StringAttribute{Required: true, MarkdownDescription: keyAttr.MarkdownDescription}
	return schema.Schema{MarkdownDescription: description, Attributes: attrs}
}

// Computed returns the data source form of resource attributes, all computed, without the
// write-only ones and their versions, for example as the nested object of a list of results.
func Computed(in map[string]rschema.Attribute) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		// A data source reads what the vendor holds: a write-only attribute (<name>_wo) has no
		// place there, nor has its version (<name>_wo_version); <name> has the value.
		if a.IsWriteOnly() || strings.HasSuffix(name, "_wo_version") {
			continue
		}
		out[name] = computed(a)
	}
	return out
}

func computed(a rschema.Attribute) schema.Attribute {
	desc := a.GetMarkdownDescription()
	switch a := a.(type) {
	case rschema.StringAttribute:
		return schema.StringAttribute{Computed: true, Sensitive: a.Sensitive, MarkdownDescription: desc}
	case rschema.MapAttribute:
		return schema.MapAttribute{Computed: true, Sensitive: a.Sensitive, ElementType: a.ElementType, MarkdownDescription: desc}
	case rschema.SingleNestedAttribute:
		return schema.SingleNestedAttribute{Computed: true, Sensitive: a.Sensitive, Attributes: Computed(a.Attributes), MarkdownDescription: desc}
	case rschema.ListNestedAttribute:
		return schema.ListNestedAttribute{Computed: true, Sensitive: a.Sensitive, MarkdownDescription: desc,
			NestedObject: schema.NestedAttributeObject{Attributes: Computed(a.NestedObject.Attributes)}}
	case rschema.SetNestedAttribute:
		return schema.SetNestedAttribute{Computed: true, Sensitive: a.Sensitive, MarkdownDescription: desc,
			NestedObject: schema.NestedAttributeObject{Attributes: Computed(a.NestedObject.Attributes)}}
	default:
		panic(fmt.Sprintf("dsschema: attribute type %T is not supported yet", a))
	}
}
