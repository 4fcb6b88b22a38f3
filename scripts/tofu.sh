#!/usr/bin/env bash
# Builds bin/tofu, the OpenTofu CLI the acceptance tests run with `make testacc-tofu`, from the Go
# module github.com/opentofu/opentofu at a pinned version (the Go module proxy is the only source
# we may fetch from: no release binaries). Does nothing when bin/tofu already reports that version.
#
#   TOFU_VERSION  the module version to build (default below; must be a tag on the module proxy)
#   GO            the go command (default go)
#   TOFU          where to put the binary (default bin/tofu)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
. scripts/cli-lib.sh

TOFU_VERSION=${TOFU_VERSION:-v1.12.6}
GO=${GO:-go}
TOFU=${TOFU:-bin/tofu}
case $TOFU in /*) ;; *) TOFU=$repo/$TOFU ;; esac
want=${TOFU_VERSION#v}

cli_exit_if_current "$TOFU" "$want" OpenTofu
dir=$(cli_module_source "github.com/opentofu/opentofu@$TOFU_VERSION")

mkdir -p "$(dirname "$TOFU")"
tmp=$TOFU.tmp.$$
trap 'rm -f "$tmp"' EXIT
# As OpenTofu's own release build (.goreleaser.yaml): static, trimmed paths, and version.dev=no,
# without which the binary calls itself "1.10.10-dev" (a prerelease) instead of "1.10.10".
build() {
  (cd "$1" && CGO_ENABLED=0 GOFLAGS=-mod=mod "$GO" build -trimpath \
    -ldflags "-s -w -X 'github.com/opentofu/opentofu/version.dev=no'" -o "$tmp" ./cmd/tofu)
}
if ! build "$dir"; then
  # The module cache is read-only: if the build had to write go.mod or go.sum, build a copy.
  src=$repo/build/opentofu-src
  echo "building a writable copy of the source in $src" >&2
  rm -rf "$src" && mkdir -p "$src"
  cp -R "$dir"/. "$src" && chmod -R u+w "$src"
  build "$src"
fi
mv -f "$tmp" "$TOFU"
cli_check "$TOFU" "$want"
