#!/usr/bin/env bash
# The finance engine's property tests at scale, in release: every distribution and payment-date
# waterfall property (`finance/tests/properties.rs`) on ABS_FUZZ_CASES random cases each
# (default 100,000). Prints the cases and the time taken.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"
cases="${ABS_FUZZ_CASES:-100000}"
log "finance properties: $cases cases each, release"
cargo test --locked --release -p abs-finance --test properties --no-run
t0=$(date +%s)
ABS_FUZZ_CASES="$cases" cargo test --locked --release -p abs-finance --test properties -- \
	a_waterfall_creates_and_loses_no_unit a_deal_waterfall_creates_and_loses_no_unit \
	proceeds_add_up_to_the_price a_split_adds_up_to_the_payment
echo "[abs] fuzz PASS: $cases cases of each of 4 properties in $(( $(date +%s) - t0 )) s"
