#!/usr/bin/env bash
# Everything CI runs: setup, build, all Rust tests, then the end-to-end suite against the real
# node. Ends with one summary line. Safe to rerun; reuses the shared target dir.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
t0=$(date +%s)
"$ROOT/scripts/setup.sh"
load_wasm_env
cd "$ROOT"

# Pallets whose v2 benchmarks run as tests (`--features runtime-benchmarks`).
BENCH_PALLETS=(pallet-roles pallet-disclosures pallet-loans pallet-servicing pallet-recovery pallet-stablecoin pallet-pools pallet-oracle pallet-ratings)

# Format, clippy with `-D warnings`, and the runtime-code source checks (scripts/lint.sh).
"$ROOT/scripts/lint.sh"
t_lint=$(date +%s)

log "build: node and tests"
cargo build --locked -p abs-node
cargo test --locked --workspace --no-run
t_build=$(date +%s)

log "Rust tests"
rust_log="$(mktemp)"
cargo test --locked --workspace 2>&1 | tee "$rust_log"
log "benchmarks as tests: ${BENCH_PALLETS[*]}"
for p in "${BENCH_PALLETS[@]}"; do
	cargo test --locked -p "$p" --features runtime-benchmarks benchmarking 2>&1 | tee -a "$rust_log"
done
log "finance reference model: fixtures up to date"
python3 "$ROOT/finance/reference/model.py" --check
rust_passed=$(grep -Eo 'test result: ok\. [0-9]+ passed' "$rust_log" | awk '{s+=$4} END {print s+0}')
t_rust=$(date +%s)

log "end-to-end suite"
(cd "$ROOT/e2e" && ABS_NODE_BIN="$NODE_BIN" node run.mjs)
t_e2e=$(date +%s)

echo "[abs] PASS: lint $((t_lint - t0)) s, build $((t_build - t_lint)) s, $rust_passed Rust tests in $((t_rust - t_build)) s, e2e suite in $((t_e2e - t_rust)) s, total $((t_e2e - t0)) s"
