#!/usr/bin/env bash
# Measure the weights on this machine and write them into the repository:
#   - every pallet of ours: pallets/<name>/src/weights.rs (scripts/benchmark/pallet-weights.hbs);
#   - block and extrinsic base weights: runtime/src/weights/{block,extrinsic}_weights.rs;
#   - database read/write weights on ParityDB: runtime/src/weights/paritydb_weights.rs.
# Builds the release node with `--features runtime-benchmarks` first (not used by
# scripts/test.sh). Re-run whenever a call's storage access or work changes, and commit.
#   scripts/benchmark.sh                 # everything
#   scripts/benchmark.sh pallet_loans    # one pallet
#   STEPS=10 REPEAT=5 scripts/benchmark.sh   # a quick, rougher run
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
load_wasm_env
cd "$ROOT"

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
OURS=(pallet_roles pallet_disclosures pallet_loans pallet_servicing pallet_recovery pallet_stablecoin pallet_pools pallet_oracle pallet_ratings)
BIN="$CARGO_TARGET_DIR/release/abs-node"
TEMPLATE="$ROOT/scripts/benchmark/pallet-weights.hbs"
WEIGHTS="$ROOT/runtime/src/weights"

log "build: release node with runtime-benchmarks"
# frame-benchmarking-cli's storage-access test runtime builds its own Wasm, which the Wasm
# builder cannot place in our workspace (WASM_BUILD_WORKSPACE_HINT): skip it (only
# `benchmark storage --validate-block`-style checks would use it).
SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
	cargo build --locked --release -p abs-node --features runtime-benchmarks

pallets=("${@:-${OURS[@]}}")
for pallet in "${pallets[@]}"; do
	crate=${pallet//_/-}
	out="$ROOT/pallets/${crate#pallet-}/src/weights.rs"
	[[ -f "$out" ]] || die "no $out for $pallet"
	log "benchmark pallet $pallet -> ${out#"$ROOT"/}"
	"$BIN" benchmark pallet --chain dev --pallet "$pallet" --extrinsic '*' \
		--steps "$STEPS" --repeat "$REPEAT" --wasm-execution compiled \
		--template "$TEMPLATE" --output "$out"
done

if [[ $# -eq 0 ]]; then
	mkdir -p "$WEIGHTS"
	base="$(mktemp -d)"
	trap 'rm -rf "$base"' EXIT
	log "benchmark overhead -> runtime/src/weights/{block,extrinsic}_weights.rs"
	"$BIN" benchmark overhead --chain dev --base-path "$base/overhead" --weight-path "$WEIGHTS" \
		--warmup 10 --repeat 100
	log "benchmark storage (ParityDB) -> runtime/src/weights/paritydb_weights.rs"
	# Storage weights of a chain with state in it: the dev chain after the e2e-sized genesis.
	"$BIN" benchmark storage --chain dev --base-path "$base/storage" --database paritydb \
		--state-version 1 --weight-path "$WEIGHTS" --warmups 2
	log "machine:"
	"$BIN" benchmark machine --chain dev --base-path "$base/machine" --allow-fail || true
fi
log "done: review the diff (git diff --stat), run scripts/test.sh, commit"
