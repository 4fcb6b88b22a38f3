#!/usr/bin/env bash
# golangci-lint for `make lint`, configured by .golangci.yml. The linter is pinned here, not in
# go.mod (its dependencies would leak into the provider's module graph): it is built from source
# through the Go module proxy into build/tools the first time, or whenever the binary there
# reports another version. Arguments replace the default `run ./...`, e.g.
#   ./scripts/lint.sh run --fix ./internal/sandbox/...
set -euo pipefail

version=2.15.0

root=$(cd "$(dirname "$0")/.." && pwd)
go=${GO:-go}
bin=$root/build/tools/golangci-lint

cd "$root"
if [[ ! -x $bin ]] || [[ $("$bin" version --short 2>/dev/null || true) != "$version" ]]; then
	echo "+ GOBIN=build/tools $go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v$version"
	# `go install pkg@version` builds in module mode outside this module: go.mod is untouched.
	GOBIN=$root/build/tools "$go" install \
		"github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v$version"
fi

if [[ $# -eq 0 ]]; then
	set -- run ./...
fi
echo "+ golangci-lint $*"
exec "$bin" "$@"
