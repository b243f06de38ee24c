#!/usr/bin/env bash
# Builds the node (debug profile, runtime Wasm included) into the shared target dir.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
load_wasm_env
cd "$ROOT"
log "building abs-node (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
cargo build --locked -p abs-node "$@"
log "node binary: $NODE_BIN"
