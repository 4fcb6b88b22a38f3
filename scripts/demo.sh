#!/usr/bin/env bash
# The demo behind `make demo`: start the local sandbox, then init, apply, re-plan (which must
# find no changes) and destroy examples/demo with the freshly built provider.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PROVIDER_BIN:-$root/bin/terraform-provider-customers}
work=$root/build/demo
terraform=${TERRAFORM:-terraform}

[ -x "$bin" ] || { echo "demo: $bin is missing; run 'make build'" >&2; exit 1; }
command -v "$terraform" >/dev/null || { echo "demo: terraform is not on PATH" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/config"
cp "$root"/examples/demo/*.tf "$work/config/"

"$bin" sandbox -listen 127.0.0.1:0 >"$work/sandbox.env" 2>"$work/sandbox.log" &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q '^# customers sandbox listening' "$work/sandbox.env" && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
  sleep 0.1
done
grep -q '^# customers sandbox listening' "$work/sandbox.env" || { echo "demo: the sandbox did not start" >&2; exit 1; }
# shellcheck disable=SC1091
source "$work/sandbox.env"
tail -n 1 "$work/sandbox.env"

# dev_overrides makes Terraform run the binary in bin/; the filesystem mirror holding the same
# binary lets `terraform init` succeed without a registry (its version label is arbitrary).
platform=$(go env GOOS)_$(go env GOARCH)
mirror=$work/mirror/registry.terraform.io/customerhandles/customers/0.0.1/$platform
mkdir -p "$mirror"
cp "$bin" "$mirror/terraform-provider-customers_v0.0.1"
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "customerhandles/customers" = "$(dirname "$bin")"
  }
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["customerhandles/customers"]
  }
}
RC
export TF_CLI_CONFIG_FILE=$work/terraformrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

tf() { echo "+ terraform $*"; "$terraform" -chdir="$work/config" "$@"; }
tf init -input=false -no-color
tf apply -input=false -auto-approve -no-color
set +e
tf plan -input=false -detailed-exitcode -no-color
plan_status=$?
set -e
if [ "$plan_status" -ne 0 ]; then
  echo "demo: the plan after apply was not empty (exit $plan_status)" >&2
  tf destroy -input=false -auto-approve -no-color || true
  exit 1
fi
tf destroy -input=false -auto-approve -no-color
echo "demo: apply, empty plan and destroy all passed"
