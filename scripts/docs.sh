#!/usr/bin/env bash
# The generator behind `make docs`: render docs/ from templates/ and examples/ with tfplugindocs
# (pinned by the `tool` directive in go.mod), then validate the result.
#
# tfplugindocs expects every type name to start with the provider's name; ours do not
# (openprovider_customer in provider customers). So the schema is exported here with the real
# terraform binary, rewritten by scripts/docsschema so that the provider is "customers" and each
# type X is "customers_X", and handed to tfplugindocs with --providers-schema, which also stops
# tfplugindocs from building the provider or downloading Terraform. Nothing here needs the network beyond the Go module proxy for the first `go tool`.
#
# List resources (docs/list-resources/) are in the schema only from Terraform 1.14 on. With
# TF_DOCS_TERRAFORM=/path/to/terraform-1.14-or-later the schema is exported with that binary and
# their pages are generated too; with an older terraform (the default 1.11.4) the committed
# list resource pages are kept as they are, and the script says so.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/build/docs
terraform=${TF_DOCS_TERRAFORM:-${TERRAFORM:-terraform}}
go=${GO:-go}
provider_name=customers
provider_address=registry.terraform.io/customerhandles/customers

command -v "$terraform" >/dev/null || { echo "docs: terraform is not on PATH (set TERRAFORM=/path/to/terraform)" >&2; exit 1; }
cd "$root"

rm -rf "$work"
mkdir -p "$work/bin" "$work/config"

echo "+ $go build -trimpath -o build/docs/bin/terraform-provider-customers ."
"$go" build -trimpath -o "$work/bin/terraform-provider-customers" .

# dev_overrides points Terraform at the binary just built; `terraform providers schema` needs no
# `terraform init` with it (and so no registry, no lock file, no .terraform directory).
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "customerhandles/customers" = "$work/bin"
  }
}
RC
cat >"$work/config/main.tf" <<'TF'
terraform {
  required_providers {
    customers = { source = "customerhandles/customers" }
  }
}
TF

echo "+ terraform providers schema -json > build/docs/schema.json"
if ! TF_CLI_CONFIG_FILE=$work/terraformrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 \
  "$terraform" -chdir="$work/config" providers schema -json >"$work/schema.json" 2>"$work/schema.log"; then
  cat "$work/schema.log" >&2
  echo "docs: terraform providers schema failed" >&2
  exit 1
fi

# A CLI before 1.14 exports no list_resource_schemas: set the committed list resource pages aside
# (tfplugindocs would empty the directory, and validate would find pages without a schema) and put
# them back at the end, unchanged.
kept_list_pages=
if ! grep -q '"list_resource_schemas"' "$work/schema.json"; then
  kept_list_pages=$work/kept
  mkdir -p "$kept_list_pages/docs" "$kept_list_pages/templates"
  for dir in docs templates; do
    if [ -d "$dir/list-resources" ]; then mv "$dir/list-resources" "$kept_list_pages/$dir/"; fi
  done
  trap 'for dir in docs templates; do
          if [ -d "$kept_list_pages/$dir/list-resources" ]; then rm -rf "$dir/list-resources"; mv "$kept_list_pages/$dir/list-resources" "$dir/"; fi
        done' EXIT
fi

# Two rewrites: for generate, types prefixed (customers_openprovider_customer), which is how
# tfplugindocs finds the schema for templates/resources/openprovider_customer.md.tmpl; for
# validate, the real type names, so each page is checked against the type it documents.
echo "+ $go build -o build/docs/bin/docsschema ./scripts/docsschema"
"$go" build -o "$work/bin/docsschema" ./scripts/docsschema
"$work/bin/docsschema" -in "$work/schema.json" -out "$work/providers-schema.json" \
  -provider "$provider_address" -name "$provider_name" -pages "$work/pages.txt"
"$work/bin/docsschema" -in "$work/schema.json" -out "$work/providers-schema-real-names.json" \
  -provider "$provider_address" -name "$provider_name" -prefix=false

# generate empties docs/index.md and docs/{resources,data-sources,...}/ before rendering, so a
# removed template or type leaves no stale page behind.
echo "+ $go tool tfplugindocs generate"
"$go" tool tfplugindocs generate \
  --provider-dir "$root" \
  --provider-name "$provider_name" \
  --rendered-provider-name "Customers" \
  --providers-schema "$work/providers-schema.json" \
  --website-temp-dir "$work/tmp"

# tfplugindocs names a page after its template file; the title and text come from the template.
# Every type must have its page under its real name (docs/resources/openprovider_customer.md), no
# other page may exist, and no page may show a rewritten name: "customers_<type>" in a page means
# a template is missing (tfplugindocs then renders its default one) or prints {{ .Name }}.
# Guides (templates/guides/) are free-form and not tied to a type, so they are left out.
find docs -type f -name '*.md' -not -path 'docs/guides/*' | LC_ALL=C sort >"$work/pages-generated.txt"
LC_ALL=C sort "$work/pages.txt" -o "$work/pages.txt"
if ! diff -u "$work/pages.txt" "$work/pages-generated.txt" >"$work/pages.diff"; then
  echo "docs: the pages generated (+) differ from the pages the schema calls for (-):" >&2
  tail -n +3 "$work/pages.diff" >&2
  exit 1
fi
# The type names, as "a|b|c", from the pages the schema calls for.
types=$(sed 's#.*/##; s#\.md$##' "$work/pages.txt" | grep -v '^index$' | sort -u | paste -sd'|')
if grep -rnE "${provider_name}_(${types})([^a-z_]|$)" docs; then
  echo "docs: the lines above show a rewritten type name (${provider_name}_...): add or fix the type's template in templates/" >&2
  exit 1
fi

# validate checks front matter, layout, and that every resource and data source has exactly one
# page named after its real type (and no page lacks a type).
echo "+ $go tool tfplugindocs validate"
"$go" tool tfplugindocs validate \
  --provider-dir "$root" \
  --provider-name "$provider_name" \
  --providers-schema "$work/providers-schema-real-names.json"

echo "docs: generated and validated:" $(cat "$work/pages.txt")
if [ -n "$kept_list_pages" ]; then
  echo "docs: $("$terraform" version 2>/dev/null | head -n 1) exports no list resource schemas: docs/list-resources/ kept as committed;" \
    "TF_DOCS_TERRAFORM=/path/to/terraform-1.14-or-later make docs regenerates them"
fi
