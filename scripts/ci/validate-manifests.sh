#!/usr/bin/env bash
# `npm run lint:manifests`: checks the deployment manifests against their schemas, with no cluster
# and no Docker engine.
#   deploy/kubernetes: `kustomize build`, then kubeconform -strict (unknown or misspelt fields,
#     wrong types, missing required fields) against the Kubernetes JSON schemas of KUBERNETES_VERSION;
#   deploy/compose/compose.yaml: check-jsonschema against the compose-spec schema it vendors.
# Tools and schemas come from the registries this project reaches and are cached in .cache/manifests:
#   kubeconform and kustomize through the Go module proxy (go install, pinned versions);
#   the schemas from PyPI's kubernetes-validate wheel (pinned, hash-checked), which bundles them —
#     kubeconform's default, the schemas' GitHub repository, cannot be reached here; their strict
#     variant (additionalProperties false throughout), so an unknown field fails;
#   check-jsonschema from PyPI in a virtual environment.
# Usage: validate-manifests.sh [KUBERNETES_DIR] [COMPOSE_FILE]   (defaults: the repository's own)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
KUBERNETES_DIR="${1:-$ROOT/deploy/kubernetes}"
COMPOSE_FILE="${2:-$ROOT/deploy/compose/compose.yaml}"

KUBECONFORM_VERSION=v0.8.0
KUSTOMIZE_VERSION=v5.8.0 # v5.8.1+ need Go 1.27; this machine has 1.26
KUBERNETES_VERSION=1.34.0
SCHEMAS_PACKAGE="kubernetes-validate==1.37.0"
SCHEMAS_SHA256=85136d018a27b50ec7fc049d902bfa5193f5976807e6c0f408e3ab6fe078cad9
CHECK_JSONSCHEMA_VERSION=0.39.0

CACHE="$ROOT/.cache/manifests"
BIN="$CACHE/bin"
SCHEMAS="$CACHE/kubernetes-json-schema/v$KUBERNETES_VERSION"
VENV="$CACHE/venv"
for tool in go python3; do
  command -v "$tool" >/dev/null || { echo "validate-manifests: $tool is not on PATH (go installs kubeconform and kustomize, python3 the schemas and check-jsonschema)" >&2; exit 1; }
done
mkdir -p "$BIN"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# go install TOOL@VERSION into .cache unless that exact module version is there already.
go_tool() {
  local name="$1" module="$2" version="$3"
  if [[ "$(go version -m "$BIN/$name" 2>/dev/null | awk '$1 == "mod" { print $3 }')" != "$version" ]]; then
    echo "== installing $name $version (Go module proxy) into .cache/manifests/bin" >&2
    GOBIN="$BIN" go install "$module@$version"
  fi
}
go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION"
go_tool kustomize sigs.k8s.io/kustomize/kustomize/v5 "$KUSTOMIZE_VERSION"

if [[ ! -f "$SCHEMAS/.complete" ]]; then
  echo "== caching the Kubernetes $KUBERNETES_VERSION JSON schemas from PyPI ($SCHEMAS_PACKAGE)" >&2
  download="$work/download"
  mkdir -p "$download"
  echo "$SCHEMAS_PACKAGE --hash=sha256:$SCHEMAS_SHA256" >"$download/requirements.txt"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes -r "$download/requirements.txt" -d "$download"
  rm -rf "$SCHEMAS"
  mkdir -p "$SCHEMAS"
  # The wheel's schemas give each file a kubernetes.io $id and refer to their shared definitions by
  # an absolute path on that host, which kubeconform would try to download. Without the $id and with
  # the path made relative, every reference resolves to the _definitions.json beside the file.
  python3 - "$download"/*.whl "v$KUBERNETES_VERSION-local-strict" "$SCHEMAS" <<'PY'
import json, sys, zipfile
wheel, folder, target = sys.argv[1:]
prefix = f"kubernetes_validate/kubernetes-json-schema/{folder}/"
def relative(node):
    if isinstance(node, dict):
        node.pop("$id", None)
        # (a "$ref" whose value is not a string is a property of that name: CRDs' JSONSchemaProps)
        return {k: (v.replace("/api/_definitions.json", "_definitions.json") if k == "$ref" and isinstance(v, str) else relative(v)) for k, v in node.items()}
    return [relative(v) for v in node] if isinstance(node, list) else node
with zipfile.ZipFile(wheel) as archive:
    names = [n for n in archive.namelist() if n.startswith(prefix) and n.endswith(".json")]
    if not names:
        sys.exit(f"{wheel} has no {folder} schemas")
    for name in names:
        with open(f"{target}/{name[len(prefix):]}", "w") as out:
            json.dump(relative(json.loads(archive.read(name))), out)
PY
  touch "$SCHEMAS/.complete"
fi

if [[ "$("$VENV/bin/check-jsonschema" --version 2>/dev/null || true)" != *"$CHECK_JSONSCHEMA_VERSION"* ]]; then
  echo "== installing check-jsonschema $CHECK_JSONSCHEMA_VERSION (PyPI) into .cache/manifests/venv" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "check-jsonschema==$CHECK_JSONSCHEMA_VERSION"
fi

echo "== kubeconform -strict: kustomize build $KUBERNETES_DIR (Kubernetes $KUBERNETES_VERSION schemas)"
rendered="$work/kubernetes.yaml"
"$BIN/kustomize" build "$KUBERNETES_DIR" >"$rendered"
"$BIN/kubeconform" -strict -summary -kubernetes-version "$KUBERNETES_VERSION" \
  -schema-location "$SCHEMAS/{{ .ResourceKind }}{{ .KindSuffix }}.json" "$rendered"

echo "== check-jsonschema: $COMPOSE_FILE (compose-spec)"
"$VENV/bin/check-jsonschema" --builtin-schema vendor.compose-spec "$COMPOSE_FILE"

# No schema knows what the image holds: every app a manifest starts must be one that the build compiles.
echo "== the apps the manifests start exist"
missing=0
for started in $(grep -ohE 'dist/apps/[a-z-]+/src/main\.js' "$rendered" "$COMPOSE_FILE" | sort -u); do
  source="${started#dist/}"
  if [[ ! -f "$ROOT/${source%.js}.ts" ]]; then
    echo "$started: no ${source%.js}.ts builds it" >&2
    missing=1
  fi
done
(( missing == 0 )) || exit 1
echo "ok"
