package main

// Mirrors emit_resource.go for the data source schema package.

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func dataSourceSchema(s *spec) schema.Schema {
	out := schema.Schema{Attributes: dataSourceAttributes(s.attributes)}
	out.Description, out.MarkdownDescription = s.description.split()
	if s.deprecated {
		out.DeprecationMessage = deprecationMessage
	}
	return out
}

func dataSourceAttributes(in map[string]*attrSpec) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		out[name] = dataSourceAttribute(a)
	}
	return out
}

func dataSourceAttribute(a *attrSpec) schema.Attribute {
	d, md := a.description.split()
	dep := a.deprecationMessage()
	if a.nested != nil {
		obj := schema.NestedAttributeObject{Attributes: dataSourceAttributes(a.nested)}
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
	return schema.StringAttribute{Required: a.required, Optional: a.optional, Computed: a.computed, Sensitive: a.secret, Description: d, MarkdownDescription: md, DeprecationMessage: dep}
}
