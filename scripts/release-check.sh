#!/usr/bin/env bash
# Dry run of a release: validates .goreleaser.yml, builds a snapshot for the local platform only
# (no signing, no publishing) and checks that dist/ has the Terraform Registry's layout:
#   terraform-provider-customers_<version>_<os>_<arch>.zip holding terraform-provider-customers_v<version>
#   terraform-provider-customers_<version>_SHA256SUMS listing the zip and
#   terraform-provider-customers_<version>_manifest.json (terraform-registry-manifest.json, which
#   the release uploads under that name)
# goreleaser is built from the Go module proxy into build/tools at a pinned version (our go.mod is
# untouched). Keep GORELEASER_VERSION in step with .github/workflows/release.yml.
set -euo pipefail
cd "$(dirname "$0")/.."

# v2.16.0 is the newest goreleaser that builds here: v2.18.x needs Go >= 1.27.1, and v2.17.x
# depends on go.digitalxero.dev/go-msix, which the module proxy we can reach does not serve.
GORELEASER_VERSION="${GORELEASER_VERSION:-v2.16.0}"
GO="${GO:-go}"
PROJECT=terraform-provider-customers
TOOLS="$PWD/build/tools"
GORELEASER="$TOOLS/goreleaser"
start=$SECONDS

fail() { echo "release-check: FAIL: $*" >&2; exit 1; }

installed_version() {
  # The module version recorded in the binary, e.g. v2.16.0 (empty if missing or unreadable).
  [ -x "$GORELEASER" ] || return 0
  "$GO" version -m "$GORELEASER" 2>/dev/null |
    awk '$1 == "mod" && $2 == "github.com/goreleaser/goreleaser/v2" { print $3 }'
}

have="$(installed_version)"
if [ "$have" != "$GORELEASER_VERSION" ]; then
  echo "==> installing goreleaser $GORELEASER_VERSION into build/tools (found: ${have:-none}); takes a few minutes"
  mkdir -p "$TOOLS"
  GOBIN="$TOOLS" "$GO" install "github.com/goreleaser/goreleaser/v2@$GORELEASER_VERSION"
  have="$(installed_version)"
  [ "$have" = "$GORELEASER_VERSION" ] || fail "installed goreleaser reports ${have:-nothing}, want $GORELEASER_VERSION"
  echo "==> goreleaser installed in $((SECONDS - start))s"
fi

echo "==> goreleaser check"
"$GORELEASER" check

# `goreleaser release` has no --single-target (only `goreleaser build` does; the release-side
# equivalent, --split, is GoReleaser Pro). So release a copy of .goreleaser.yml whose build matrix
# is this platform alone: everything else (names, flags, checksum, manifest) is the real config.
goos="$("$GO" env GOOS)"
goarch="$("$GO" env GOARCH)"
config=build/release-check.goreleaser.yml
mkdir -p build
awk -v os="$goos" -v arch="$goarch" '
  skip && /^      / { next }          # the items of a list being replaced
  { skip = 0 }
  /^    goos:$/   { print "    goos: [\"" os "\"]"; skip = 1; n++; next }
  /^    goarch:$/ { print "    goarch: [\"" arch "\"]"; skip = 1; n++; next }
  /^    ignore:$/ { skip = 1; n++; next }
  { print }
  END { if (n != 3) exit 1 }
' .goreleaser.yml >"$config" ||
  fail "could not narrow .goreleaser.yml's goos/goarch/ignore to ${goos}/${goarch}: has its layout changed?"
"$GORELEASER" check --config "$config"

echo "==> goreleaser release --snapshot --clean --skip=sign,publish (${goos}/${goarch} only)"
"$GORELEASER" release --config "$config" --snapshot --clean --skip=sign,publish

echo "==> dist/"
shopt -s nullglob
for f in dist/*; do
  [ -f "$f" ] && printf '%12s  %s\n' "$(wc -c <"$f" | tr -d ' ')" "${f#dist/}"
done

[ -f dist/metadata.json ] || fail "dist/metadata.json is missing"
version="$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' dist/metadata.json)"
[ -n "$version" ] || fail "no version in dist/metadata.json"
echo "==> version $version, platform ${goos}_${goarch}"

zip="dist/${PROJECT}_${version}_${goos}_${goarch}.zip"
sums="dist/${PROJECT}_${version}_SHA256SUMS"
manifest="dist/${PROJECT}_${version}_manifest.json" # a name in SHA256SUMS and the release, not a file in dist/
binary="${PROJECT}_v${version}"
[ "$goos" = windows ] && binary="$binary.exe"

zips=(dist/*.zip)
[ "${#zips[@]}" -eq 1 ] || fail "expected one zip in dist/, found ${#zips[@]}: ${zips[*]}"
sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi | awk '{ print $1 }'
}
for f in "$zip" "$sums"; do
  [ -s "$f" ] || fail "$f is missing or empty"
done
# SHA256SUMS: exactly the zip and the manifest, under the Registry's names, with the right sums.
# (goreleaser does not copy the manifest into dist/: the checksum step hashes
# terraform-registry-manifest.json under the name below, and the release step uploads it so named.)
want="$(printf '%s  %s\n' "$(sha256 "$zip")" "${zip#dist/}" "$(sha256 terraform-registry-manifest.json)" "${manifest#dist/}" | sort)"
[ "$(sort "$sums")" = "$want" ] || {
  printf 'want:\n%s\ngot:\n' "$want" >&2; cat "$sums" >&2
  fail "$sums does not list exactly the zip and ${manifest#dist/} with their sha256 sums"
}
# The effective config goreleaser wrote: its top-level release: block must upload the manifest.
awk '/^[^ ]/ { in_release = ($0 == "release:") } in_release' dist/config.yaml |
  grep -Eq "name_template: ['\"]?\{\{ ?\.ProjectName ?\}\}_\{\{ ?\.Version ?\}\}_manifest\.json" ||
  fail "the effective config (dist/config.yaml) does not upload the manifest as <project>_<version>_manifest.json"
echo "==> $(basename "$sums") lists ${zip#dist/} and ${manifest#dist/} with the right sums"

unzip -l "$zip"
unzip -Z1 "$zip" | grep -qx "$binary" || fail "$zip does not contain $binary"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
unzip -q "$zip" "$binary" -d "$tmp"

# It must be our binary, stamped with the snapshot's version ...
info="$("$GO" version -m "$tmp/$binary")"
grep -q "^[[:space:]]*path[[:space:]]*github.com/customerhandles/terraform-provider-customers\$" <<<"$info" ||
  fail "$binary is not built from github.com/customerhandles/terraform-provider-customers"
# (-trimpath keeps -ldflags out of the build info, so look for the stamped string itself.)
grep -aqF -- "$version" "$tmp/$binary" || fail "$binary does not contain its version $version (-X main.version)"
grep -q "CGO_ENABLED=0" <<<"$info" || fail "$binary was built with cgo"

# ... and, run by hand, refuse to serve and say it is a plugin (go-plugin's message; exits 1).
set +e
to=(); command -v timeout >/dev/null && to=(timeout 20) # no timeout(1) on stock macOS
out="$(${to[@]+"${to[@]}"} "$tmp/$binary" </dev/null 2>&1)"
rc=$?
set -e
echo "==> running $binary with no arguments (exit $rc):"
echo "$out"
grep -q "This binary is a plugin" <<<"$out" || fail "$binary did not print go-plugin's 'This binary is a plugin' message"

echo "==> release-check: OK in $((SECONDS - start))s"
