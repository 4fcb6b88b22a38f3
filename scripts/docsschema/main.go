// Command docsschema rewrites the output of `terraform providers schema -json` into the shape
// tfplugindocs expects, for `make docs` (see scripts/docs.sh).
//
// tfplugindocs finds a provider's schema under its short name and a resource's schema under
// "<provider>_<template file name>". The customers provider's type names do not start with its
// name (openprovider_customer, not customers_openprovider_customer), so the schema is rewritten:
// the provider's key becomes its short name and every key of every "*_schemas" map of that
// provider (resources, data sources, ...) gets the prefix "<short name>_". Function names are
// left alone: tfplugindocs looks functions up without a prefix. The output is indented JSON with
// sorted keys, so the same schema always gives the same bytes.
//
// With -pages FILE it also writes the Registry pages the schema calls for, one path a line
// (docs/index.md, docs/resources/<type>.md, docs/data-sources/<type>.md, ...), so that
// scripts/docs.sh can check that each one was generated under its real type name.
//
// With -prefix=false only the provider's key is renamed. `tfplugindocs validate` accepts that
// schema too (it also matches a page named exactly after a type), so the pages can be checked
// against the real type names.
//
//	go run ./scripts/docsschema -in schema.json -out docs-schema.json \
//	    -provider registry.terraform.io/customerhandles/customers -name customers
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	in := flag.String("in", "", "output of `terraform providers schema -json` (required)")
	out := flag.String("out", "", "file to write the rewritten schema to (required)")
	provider := flag.String("provider", "registry.terraform.io/customerhandles/customers", "the provider's full address, as the key in provider_schemas")
	name := flag.String("name", "customers", "the provider's short name, as tfplugindocs --provider-name")
	pages := flag.String("pages", "", "also write the expected docs/ page paths, one a line, to this file")
	prefix := flag.Bool("prefix", true, "prefix every resource, data source, ... type name with the short name and \"_\"")
	flag.Parse()
	if *in == "" || *out == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}

	raw, err := os.ReadFile(*in)
	if err != nil {
		fail(err)
	}
	raw, filled, err := withIdentities(raw, *provider)
	if err != nil {
		fail(fmt.Errorf("%s: %w", *in, err))
	}
	if filled {
		fmt.Fprintf(os.Stderr, "docsschema: %s has no resource identity schemas (Terraform before 1.12): taken from the provider itself\n", *in)
	}
	rewritten, counts, paths, err := rewrite(raw, *provider, *name, *prefix)
	if err != nil {
		fail(fmt.Errorf("%s: %w", *in, err))
	}
	if err := os.WriteFile(*out, rewritten, 0o644); err != nil { //nolint:gosec // G306: a generated file that is committed, not a secret
		fail(err)
	}
	if *pages != "" {
		if err := os.WriteFile(*pages, []byte(strings.Join(paths, "\n")+"\n"), 0o644); err != nil { //nolint:gosec // G306: as above
			fail(err)
		}
	}
	how := "types prefixed with " + *name + "_"
	if !*prefix {
		how = "type names unchanged"
	}
	fmt.Fprintf(os.Stderr, "docsschema: %s -> %s as %q, %s (%s)\n", *provider, *out, *name, how, counts)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "docsschema:", err)
	os.Exit(1)
}

// pageDirs maps a provider schema's "*_schemas" fields to their directories under docs/.
// resource_identity_schemas has no pages of its own: it is part of the resource's page.
var pageDirs = map[string]string{
	"resource_schemas":           "resources",
	"data_source_schemas":        "data-sources",
	"ephemeral_resource_schemas": "ephemeral-resources",
	"list_resource_schemas":      "list-resources",
	"action_schemas":             "actions",
	"state_store_schemas":        "state-stores",
}

// rewrite returns the rewritten schema document, a summary of what it renamed and the paths of
// the docs/ pages the schema calls for, sorted.
func rewrite(raw []byte, provider, name string, prefix bool) ([]byte, string, []string, error) {
	if name == "" || strings.Contains(name, "_") {
		return nil, "", nil, fmt.Errorf("provider short name %q must be non-empty and contain no underscore", name)
	}

	var doc map[string]json.RawMessage
	if err := decode(raw, &doc); err != nil {
		return nil, "", nil, err
	}
	var providers map[string]map[string]json.RawMessage
	if err := decode(doc["provider_schemas"], &providers); err != nil {
		return nil, "", nil, fmt.Errorf("provider_schemas: %w", err)
	}
	schema, ok := providers[provider]
	if !ok {
		return nil, "", nil, fmt.Errorf("no schema for provider %q (found %s)", provider, strings.Join(sortedKeys(providers), ", "))
	}

	var counts []string
	paths := []string{"docs/index.md"}
	if raw, ok := schema["functions"]; ok {
		var functions map[string]json.RawMessage
		if err := decode(raw, &functions); err != nil {
			return nil, "", nil, fmt.Errorf("functions: %w", err)
		}
		for functionName := range functions {
			paths = append(paths, "docs/functions/"+functionName+".md")
		}
	}
	for _, field := range sortedKeys(schema) {
		if !strings.HasSuffix(field, "_schemas") {
			continue // "provider" (the provider's own schema) and "functions"
		}
		var types map[string]json.RawMessage
		if err := decode(schema[field], &types); err != nil {
			return nil, "", nil, fmt.Errorf("%s: %w", field, err)
		}
		if dir, ok := pageDirs[field]; ok {
			for typeName := range types {
				paths = append(paths, "docs/"+dir+"/"+typeName+".md")
			}
		}
		if prefix {
			prefixed := make(map[string]json.RawMessage, len(types))
			for typeName, typeSchema := range types {
				prefixed[name+"_"+typeName] = typeSchema
			}
			encoded, err := json.Marshal(prefixed)
			if err != nil {
				return nil, "", nil, err
			}
			schema[field] = encoded
		}
		counts = append(counts, fmt.Sprintf("%s: %s", field, strings.Join(sortedKeys(types), ", ")))
	}
	if len(counts) == 0 {
		return nil, "", nil, errors.New("the provider has no resources or data sources")
	}

	encoded, err := json.Marshal(map[string]map[string]json.RawMessage{name: schema})
	if err != nil {
		return nil, "", nil, err
	}
	doc["provider_schemas"] = encoded

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, "", nil, err
	}
	sort.Strings(paths)
	return buf.Bytes(), strings.Join(counts, "; "), paths, nil
}

// decode unmarshals one JSON value, refusing an empty input or trailing data.
func decode(raw []byte, v any) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return errors.New("missing or empty")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
