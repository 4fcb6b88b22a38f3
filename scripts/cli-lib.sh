# Shared by scripts/terraform.sh and scripts/tofu.sh, which build a CLI from its Go module on the
# module proxy (no release binaries). Source it; it defines functions only.

# cli_version BIN prints the version BIN reports: `terraform version -json` and
# `tofu version -json` both print {"terraform_version": "1.16.0", ...}. Nothing when BIN is absent.
cli_version() {
  [ -x "$1" ] || return 0
  "$1" version -json 2>/dev/null |
    sed -n 's/^ *"terraform_version": *"\([^"]*\)".*/\1/p' || true
}

# cli_exit_if_current BIN WANT NAME exits the script when BIN already reports WANT; otherwise it
# says what it is about to build.
cli_exit_if_current() {
  local have
  have=$(cli_version "$1")
  if [ "$have" = "$2" ]; then
    echo "$1 is $3 $2 already"
    exit 0
  fi
  echo "building $3 $2 into $1${have:+ (it reports $have)}"
}

# cli_module_source MODULE@VERSION prints the directory of the module's source, unpacked in the
# (read-only) module cache, downloading it through the module proxy when needed.
cli_module_source() {
  local dir
  dir=$("$GO" mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [ -d "$dir" ] || { echo "go mod download gave no source directory for $1" >&2; exit 1; }
  echo "$dir"
}

# cli_check BIN WANT fails unless the freshly built BIN reports WANT, then shows its version.
cli_check() {
  local have
  have=$(cli_version "$1")
  if [ "$have" != "$2" ]; then
    echo "$1 reports version '$have', want $2" >&2
    exit 1
  fi
  "$1" version
}
