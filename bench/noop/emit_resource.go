package main

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The three framework schema packages (resource, data source, provider) have distinct attribute
// types with the same fields, so each has its own emitter; emit_datasource.go and
// emit_provider.go mirror this file.

func resourceSchema(s *spec) schema.Schema {
	out := schema.Schema{Version: s.version, Attributes: resourceAttributes(s.attributes)}
	out.Description, out.MarkdownDescription = s.description.split()
	if s.deprecated {
		out.DeprecationMessage = deprecationMessage
	}
	return out
}

func resourceAttributes(in map[string]*attrSpec) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		out[name] = resourceAttribute(a)
	}
	return out
}

func resourceAttribute(a *attrSpec) schema.Attribute {
	d, md := a.description.split()
	dep := a.deprecationMessage()
	if a.nested != nil {
		obj := schema.NestedAttributeObject{Attributes: resourceAttributes(a.nested)}
		switch a.nesting {
		case "list":
			return schema.ListNestedAttribute{NestedObject: obj, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
		case "set":
			return schema.SetNestedAttribute{NestedObject: obj, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
		case "map":
			return schema.MapNestedAttribute{NestedObject: obj, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
		default:
			return schema.SingleNestedAttribute{Attributes: obj.Attributes, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
		}
	}
	switch t := a.typ.(type) {
	case types.ListType:
		return schema.ListAttribute{ElementType: t.ElemType, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
	case types.SetType:
		return schema.SetAttribute{ElementType: t.ElemType, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
	case types.MapType:
		return schema.MapAttribute{ElementType: t.ElemType, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
	case types.ObjectType:
		return schema.ObjectAttribute{AttributeTypes: t.AttrTypes, Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
	}
	switch a.typ {
	case types.NumberType:
		return schema.NumberAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
	case types.BoolType:
		return schema.BoolAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
	case types.DynamicType:
		return schema.DynamicAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
	}
	return schema.StringAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, WriteOnly: a.writeOnly, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
}

// split is the description as the framework's (Description, MarkdownDescription) pair.
func (t text) split() (plain, markdown string) {
	if t.markdown {
		return "", t.s
	}
	return t.s, ""
}

func (a *attrSpec) deprecationMessage() string {
	if a.deprecated {
		return deprecationMessage
	}
	return ""
}
