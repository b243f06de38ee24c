#!/usr/bin/env bash
# Throughput of one release `--dev` node (not run by CI): transfers, USDA transfers and loan
# payments, each saturating consecutive blocks; prints a table (e2e/bench/tps.mjs).
#   scripts/bench-tps.sh [--senders N] [--per-sender K]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
"$ROOT/scripts/setup.sh"
load_wasm_env
cd "$ROOT"
# ABS_NODE_BIN=… uses a node already built (e.g. scripts/benchmark.sh's); otherwise the
# release node is built here.
if [[ -z "${ABS_NODE_BIN:-}" ]]; then
	log "build: release node"
	cargo build --locked --release -p abs-node
	ABS_NODE_BIN="$CARGO_TARGET_DIR/release/abs-node"
fi
cd "$ROOT/e2e"
ABS_NODE_BIN="$ABS_NODE_BIN" node bench/tps.mjs "$@"
