package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The JSON of `terraform providers schema -json`, as far as the baseline needs it.
type schemasJSON struct {
	ProviderSchemas map[string]providerJSON `json:"provider_schemas"`
}

type providerJSON struct {
	Provider          schemaJSON            `json:"provider"`
	ResourceSchemas   map[string]schemaJSON `json:"resource_schemas"`
	DataSourceSchemas map[string]schemaJSON `json:"data_source_schemas"`
}

type schemaJSON struct {
	Version int64     `json:"version"`
	Block   blockJSON `json:"block"`
}

type blockJSON struct {
	Attributes      map[string]attributeJSON `json:"attributes"`
	BlockTypes      map[string]any           `json:"block_types"`
	Description     string                   `json:"description"`
	DescriptionKind string                   `json:"description_kind"`
	Deprecated      bool                     `json:"deprecated"`
}

type attributeJSON struct {
	Type            json.RawMessage `json:"type"`
	NestedType      *nestedJSON     `json:"nested_type"`
	Description     string          `json:"description"`
	DescriptionKind string          `json:"description_kind"`
	Required        bool            `json:"required"`
	Optional        bool            `json:"optional"`
	Computed        bool            `json:"computed"`
	Sensitive       bool            `json:"sensitive"`
	Deprecated      bool            `json:"deprecated"`
	WriteOnly       bool            `json:"write_only"`
}

type nestedJSON struct {
	Attributes  map[string]attributeJSON `json:"attributes"`
	NestingMode string                   `json:"nesting_mode"`
}

// spec is one schema (provider, resource or data source) in a form the three framework schema
// packages are built from.
type spec struct {
	version     int64
	description text
	deprecated  bool
	attributes  map[string]*attrSpec
}

// text is a description and whether it is Markdown.
type text struct {
	s        string
	markdown bool
}

// attrSpec is one attribute: either typ (a primitive, collection or object type) or nested
// (nested attributes with a nesting mode).
type attrSpec struct {
	typ                                  attr.Type
	nesting                              string // single, list, set or map; "" unless nested
	nested                               map[string]*attrSpec
	description                          text
	required, optional, computed, secret bool
	deprecated                           bool
	writeOnly                            bool // text attributes of resources only, as the provider's
}

// deprecationMessage is what the framework needs to mark an attribute deprecated; the JSON
// schema only says whether it is.
const deprecationMessage = "Deprecated."

func loadSchemas(file, address string) (*providerJSON, error) {
	data, err := os.ReadFile(file) //nolint:gosec // the schema file the runner wrote
	if err != nil {
		return nil, err
	}
	var all schemasJSON
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	p, ok := all.ProviderSchemas[address]
	if !ok {
		var have []string
		for k := range all.ProviderSchemas {
			have = append(have, k)
		}
		sort.Strings(have)
		return nil, fmt.Errorf("%s has no schema for %s (it has %v)", file, address, have)
	}
	return &p, nil
}

func convertSchema(name string, s schemaJSON) (*spec, error) {
	if len(s.Block.BlockTypes) > 0 {
		return nil, fmt.Errorf("%s: nested blocks are not supported by the baseline (only attributes)", name)
	}
	attrs, err := convertAttributes(name, s.Block.Attributes)
	if err != nil {
		return nil, err
	}
	return &spec{
		version:     s.Version,
		description: description(s.Block.Description, s.Block.DescriptionKind),
		deprecated:  s.Block.Deprecated,
		attributes:  attrs,
	}, nil
}

func convertAttributes(at string, in map[string]attributeJSON) (map[string]*attrSpec, error) {
	out := make(map[string]*attrSpec, len(in))
	for name, a := range in {
		where := at + "." + name
		if a.WriteOnly && (a.NestedType != nil || string(a.Type) != `"string"`) {
			return nil, fmt.Errorf("%s: write-only attributes other than strings are not supported by the baseline", where)
		}
		s := &attrSpec{
			description: description(a.Description, a.DescriptionKind),
			required:    a.Required, optional: a.Optional, computed: a.Computed, secret: a.Sensitive,
			deprecated: a.Deprecated, writeOnly: a.WriteOnly,
		}
		switch {
		case a.NestedType != nil:
			switch a.NestedType.NestingMode {
			case "single", "list", "set", "map":
			default:
				return nil, fmt.Errorf("%s: nesting mode %q is not supported", where, a.NestedType.NestingMode)
			}
			nested, err := convertAttributes(where, a.NestedType.Attributes)
			if err != nil {
				return nil, err
			}
			s.nesting, s.nested = a.NestedType.NestingMode, nested
		case len(a.Type) > 0:
			t, err := convertType(a.Type)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			s.typ = t
		default:
			return nil, fmt.Errorf("%s: neither type nor nested_type", where)
		}
		out[name] = s
	}
	return out, nil
}

func description(s, kind string) text { return text{s: s, markdown: kind == "markdown"} }

// convertType turns a cty type in its JSON form ("string", ["list","string"],
// ["object",{...}]) into the framework's type.
func convertType(raw json.RawMessage) (attr.Type, error) {
	var name string
	if json.Unmarshal(raw, &name) == nil {
		switch name {
		case "string":
			return types.StringType, nil
		case "number":
			return types.NumberType, nil
		case "bool":
			return types.BoolType, nil
		case "dynamic":
			return types.DynamicType, nil
		}
		return nil, fmt.Errorf("unknown type %q", name)
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil || len(parts) < 2 {
		return nil, fmt.Errorf("cannot read type %s", raw)
	}
	if err := json.Unmarshal(parts[0], &name); err != nil {
		return nil, fmt.Errorf("cannot read type %s", raw)
	}
	switch name {
	case "list", "set", "map":
		elem, err := convertType(parts[1])
		if err != nil {
			return nil, err
		}
		switch name {
		case "list":
			return types.ListType{ElemType: elem}, nil
		case "set":
			return types.SetType{ElemType: elem}, nil
		default:
			return types.MapType{ElemType: elem}, nil
		}
	case "object":
		if len(parts) > 2 {
			return nil, fmt.Errorf("object types with optional attributes are not supported: %s", raw)
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(parts[1], &fields); err != nil {
			return nil, fmt.Errorf("cannot read type %s", raw)
		}
		attrTypes := make(map[string]attr.Type, len(fields))
		for k, v := range fields {
			t, err := convertType(v)
			if err != nil {
				return nil, err
			}
			attrTypes[k] = t
		}
		return types.ObjectType{AttrTypes: attrTypes}, nil
	}
	return nil, fmt.Errorf("type %s is not supported", raw)
}
