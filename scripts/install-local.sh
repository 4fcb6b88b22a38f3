#!/usr/bin/env bash
# `make install-local`: install the built provider where Terraform finds it without a registry,
# the implicit local filesystem mirror
#   $PLUGIN_DIR/$PROVIDER_HOST/customerhandles/customers/<version>/<os>_<arch>/
# (PLUGIN_DIR defaults to ~/.terraform.d/plugins; PROVIDER_HOST to registry.terraform.io, and
# OpenTofu looks under registry.opentofu.org). `terraform init` then installs
# customerhandles/customers from there, offline, as long as the CLI configuration has no
# provider_installation block (which would replace the implicit mirror; see the README).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PROVIDER_BIN:-$root/bin/terraform-provider-customers}
# A plain version: Terraform picks a pre-release (1.0.0-dev) only when a configuration asks for
# exactly that version.
version=${LOCAL_VERSION:-0.0.1}
plugin_dir=${PLUGIN_DIR:-$HOME/.terraform.d/plugins}
host=${PROVIDER_HOST:-registry.terraform.io}
go=${GO:-go}

[ -x "$bin" ] || { echo "install-local: $bin is missing; run 'make build'" >&2; exit 1; }
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "install-local: LOCAL_VERSION must look like 1.2.3, got: $version" >&2; exit 1; }

platform=$("$go" env GOOS)_$("$go" env GOARCH)
target=$plugin_dir/$host/customerhandles/customers/$version/$platform
mkdir -p "$target"
# Replace the file rather than write into it: a running terraform may be executing the old one.
cp "$bin" "$target/terraform-provider-customers_v$version.new"
mv -f "$target/terraform-provider-customers_v$version.new" "$target/terraform-provider-customers_v$version"

cat <<MSG
install-local: installed customerhandles/customers $version for $platform in
  $target
A configuration needs, in its terraform block (every module that uses the resources too):
  required_providers {
    customers = { source = "customerhandles/customers" }
  }
then \`terraform init\` installs it from there without a network. After reinstalling a rebuilt
binary under the same version, run \`terraform init -upgrade\` (the lock file holds the old checksum).
MSG
