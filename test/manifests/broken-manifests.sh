#!/usr/bin/env bash
# `npm run test:manifests`: the manifest check (scripts/ci/validate-manifests.sh) passes the
# repository's manifests and fails each deliberately broken copy of them for the reason it was broken
# (its output must name the fault, so a check that fails for another reason — a tool that did not
# install, a schema that did not load — does not count as catching it).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VALIDATE="$ROOT/scripts/ci/validate-manifests.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# A fresh copy of both manifests in $work/<case>/, for one case to break.
copy() {
  rm -rf "${work:?}/$1"
  mkdir -p "$work/$1"
  cp -r "$ROOT/deploy/kubernetes" "$work/$1/kubernetes"
  cp "$ROOT/deploy/compose/compose.yaml" "$work/$1/compose.yaml"
}

# sed's in-place edit that must change the file: a case whose breakage no longer applies fails loudly.
break_file() {
  local file="$1" expression="$2"
  cp "$file" "$file.orig"
  sed -i "$expression" "$file"
  if cmp -s "$file" "$file.orig"; then
    echo "  the edit $expression changed nothing in $file: update this test" >&2
    exit 1
  fi
  rm "$file.orig"
}

expect() {
  local name="$1" outcome="$2" message="$3" output status=0
  output="$("$VALIDATE" "$work/$name/kubernetes" "$work/$name/compose.yaml" 2>&1)" || status=$?
  if [[ "$outcome" == pass && $status -eq 0 ]] || [[ "$outcome" == fail && $status -ne 0 && "$output" == *"$message"* ]]; then
    echo "ok: $name"
    passed=$((passed + 1))
  else
    echo "FAILED: $name (expected to $outcome${message:+ naming \"$message\"}; exit $status)"
    echo "$output" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

copy as-committed
expect as-committed pass ''

copy misspelt-field
break_file "$work/misspelt-field/kubernetes/worker-deployment.yaml" 's/readOnlyRootFilesystem: true/readOnlyRootFilesytem: true/'
expect misspelt-field fail "additional properties 'readOnlyRootFilesytem' not allowed"

copy wrong-type
break_file "$work/wrong-type/kubernetes/api-deployment.yaml" 's/^  replicas: 2$/  replicas: "two"/'
expect wrong-type fail "at '/spec/replicas': got string, want null or integer"

copy probe-without-port
break_file "$work/probe-without-port/kubernetes/api-deployment.yaml" '0,/              port: http/{/              port: http/d}'
expect probe-without-port fail "missing property 'port'"

copy missing-resource
break_file "$work/missing-resource/kubernetes/kustomization.yaml" 's/  - api-pdb.yaml/  - api-disruption-budget.yaml/'
expect missing-resource fail "api-disruption-budget.yaml"

copy compose-unknown-key
break_file "$work/compose-unknown-key/compose.yaml" 's/^    restart: unless-stopped$/    restart: unless-stopped\n    restart_policy: always/'
expect compose-unknown-key fail "'restart_policy' was unexpected"

copy unknown-app
break_file "$work/unknown-app/compose.yaml" 's|dist/apps/projector/src/main.js|dist/apps/projectors/src/main.js|'
expect unknown-app fail "dist/apps/projectors/src/main.js: no apps/projectors/src/main.ts builds it"

echo "manifests: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
