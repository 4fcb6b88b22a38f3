#!/usr/bin/env bash
# Builds build/cli/terraform-<version>, the newest Terraform the acceptance tests run with
# (`make testacc-latest`), from the Go module github.com/hashicorp/terraform at a pinned version
# (the Go module proxy is the only source we may fetch from: no release binaries). Does nothing
# when the binary already reports that version.
#
# Terraform's module zip lacks its nested modules (the state backends under
# internal/backend/remote-state/{azure,consul,cos,gcs,kubernetes,oci,oss,pg,s3} and
# internal/legacy), which its go.mod requires through `replace ... => ./internal/...`. So the build
# uses a writable copy of the source (build/terraform-src) with those backends cut out: their
# registration removed from internal/backend/init/init.go and their requirements and replace
# directives dropped from go.mod. The binary keeps the local, remote, cloud, http and inmem
# backends, which is all the acceptance tests use (the local one).
#
#   TERRAFORM_VERSION  the module version to build (default below; must be a tag on the module proxy)
#   GO                 the go command (default go)
#   TERRAFORM_LATEST   where to put the binary (default build/cli/terraform-<version without v>)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
. scripts/cli-lib.sh
export CHECKPOINT_DISABLE=1

TERRAFORM_VERSION=${TERRAFORM_VERSION:-v1.16.0}
GO=${GO:-go}
want=${TERRAFORM_VERSION#v}
TERRAFORM_LATEST=${TERRAFORM_LATEST:-build/cli/terraform-$want}
case $TERRAFORM_LATEST in /*) ;; *) TERRAFORM_LATEST=$repo/$TERRAFORM_LATEST ;; esac

cli_exit_if_current "$TERRAFORM_LATEST" "$want" Terraform
started=$SECONDS
dir=$(cli_module_source "github.com/hashicorp/terraform@$TERRAFORM_VERSION")

# A writable copy without the nested modules, removed again at the end (gofmt -l . in `make lint`
# walks build/ too).
src=$repo/build/terraform-src
mkdir -p "$(dirname "$TERRAFORM_LATEST")"
tmp=$TERRAFORM_LATEST.tmp.$$
trap 'rm -rf "$tmp" "$src"' EXIT
rm -rf "$src" && mkdir -p "$src"
cp -R "$dir"/. "$src" && chmod -R u+w "$src"

nested="azure consul cos gcs kubernetes oci oss pg s3"
edits=()
for b in $nested; do
  m=github.com/hashicorp/terraform/internal/backend/remote-state/$b
  edits+=("-droprequire=$m" "-dropreplace=$m")
done
edits+=("-droprequire=github.com/hashicorp/terraform/internal/legacy"
  "-dropreplace=github.com/hashicorp/terraform/internal/legacy")
(cd "$src" && "$GO" mod edit "${edits[@]}")

# internal/backend/init/init.go imports each of them as backend<Name> and registers
# `"<name>": func() backend.Backend { return backend<Name>.New() }`: delete both lines.
init=$src/internal/backend/init/init.go
sed -i -E '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)[ .]/d' "$init"
# Nothing else (outside tests) may still import a removed module.
if left=$(cd "$src" && grep -rlE --include='*.go' \
  '"github.com/hashicorp/terraform/internal/(legacy|backend/remote-state/(azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3))"' . |
  grep -v '_test\.go$'); then
  echo "these files still import a nested module that is not in the module zip:" >&2
  echo "$left" >&2
  exit 1
fi

# As Terraform's own release build: static, trimmed paths, and version.dev=no, without which the
# binary calls itself "1.16.0-dev" (a prerelease) instead of "1.16.0". -mod=mod lets go record the
# go.sum lines the edited module graph needs. The build cache (GOCACHE) is the shared default.
(cd "$src" && CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=mod" "$GO" build -trimpath \
  -ldflags "-s -w -X 'github.com/hashicorp/terraform/version.dev=no'" -o "$tmp" .)
mv -f "$tmp" "$TERRAFORM_LATEST"
cli_check "$TERRAFORM_LATEST" "$want"
echo "built Terraform $want in $((SECONDS - started))s"
