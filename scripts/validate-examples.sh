#!/usr/bin/env bash
# `terraform validate` every example directory against the built provider (dev_overrides, so no
# registry is needed), the way a user's configuration is checked: the provider's own validators
# run too. Example files carry no terraform block, so each is validated with one added. Files beside
# the .tf files (customers.csv) are copied with them.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PROVIDER_BIN:-$root/bin/terraform-provider-customers}
terraform=${TERRAFORM:-terraform}
work=$root/build/validate-examples

[ -x "$bin" ] || { echo "validate-examples: $bin is missing; run 'make build'" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "customerhandles/customers" = "$(dirname "$bin")"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE=$work/terraformrc CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

# import blocks with `identity` (import-by-identity.tf) need Terraform 1.12 or later: older CLIs
# validate the directory without them, and say so.
version=$("$terraform" version -json 2>/dev/null | sed -n 's/^ *"terraform_version": *"\([^"]*\)".*/\1/p')
identity=yes
if [ "$(printf '%s\n' 1.12.0 "${version:-0}" | sort -V | head -n 1)" != 1.12.0 ]; then identity=; fi

count=0
while IFS= read -r dir; do
  name=${dir#"$root"/examples/}
  target=$work/${name//\//_}
  mkdir -p "$target"
  # The directory's other files too, such as the CSV file an example reads with file().
  find "$dir" -maxdepth 1 -type f -exec cp {} "$target/" \;
  if [ -z "$identity" ] && [ -f "$target/import-by-identity.tf" ]; then
    rm "$target/import-by-identity.tf"
    echo "skipped: examples/$name/import-by-identity.tf (import by identity needs Terraform 1.12 or later; this is ${version:-unknown})"
  fi
  if ! grep -q required_providers "$target"/*.tf; then
    printf 'terraform {\n  required_providers {\n    customers = { source = "customerhandles/customers" }\n  }\n}\n' >"$target/versions.tf"
  fi
  if ! out=$("$terraform" -chdir="$target" validate -no-color 2>&1); then
    echo "validate-examples: examples/$name is invalid:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "valid: examples/$name"
  count=$((count + 1))
done < <(find "$root/examples" -name '*.tf' -exec dirname {} \; | sort -u)
if [ "$count" -eq 0 ]; then
  echo "validate-examples: no example directories (no *.tf files) under $root/examples; nothing was validated" >&2
  exit 1
fi
echo "validate-examples: $count example directories are valid"
