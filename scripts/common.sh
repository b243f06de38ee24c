# Shared by the scripts: paths, the shared target dir, logging. Source it, don't run it.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One target dir shared by every clone on this machine (and CI), so a clean clone reuses
# compiled dependencies. Override by exporting CARGO_TARGET_DIR.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/abs-chain/target}"
ABS_CACHE="${ABS_CACHE:-$HOME/.cache/abs-chain}"
LOCAL_DIR="$ROOT/.local"
NODE_BIN="$CARGO_TARGET_DIR/debug/abs-node"
# The runtime's Wasm build looks for Cargo.lock above the target dir; ours is outside the
# repo, so point it at the workspace (or the Wasm would be built with other crate versions).
export WASM_BUILD_WORKSPACE_HINT="$ROOT"
mkdir -p "$CARGO_TARGET_DIR" "$ABS_CACHE" "$LOCAL_DIR"

# RPC limits every node we start gets (a flood of connections or subscriptions is refused at
# the cap instead of exhausting the node): connections per node, subscriptions per connection.
RPC_LIMITS=(--rpc-max-connections "${ABS_RPC_MAX_CONNECTIONS:-100}"
	--rpc-max-subscriptions-per-connection "${ABS_RPC_MAX_SUBSCRIPTIONS:-100}")

log() { printf '\033[1;34m[abs]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[abs] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Environment for building the runtime's Wasm, written by setup.sh (empty when a rustup wasm
# target exists and nothing special is needed).
WASM_ENV_FILE="$ABS_CACHE/wasm-env.sh"
load_wasm_env() {
	if [[ -f "$WASM_ENV_FILE" ]]; then
		# shellcheck disable=SC1090
		source "$WASM_ENV_FILE"
	fi
}

# sudo when not root and available.
as_root() {
	if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		die "need root for: $*"
	fi
}
