#!/usr/bin/env bash
# The workspace lint policy, as CI runs it: formatting, clippy with every warning an error, and
# two source checks clippy cannot make here (FRAME's and codec's macros expand to `.expect(..)`
# and `as u8` on our spans, so those two clippy lints are off; see Cargo.toml).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

log "lint: cargo fmt --check"
cargo fmt --all -- --check

# Code that runs in the runtime: pallets (not their tests, mocks or benchmarks), the runtime,
# the finance engine, primitives and traits. A line may opt out with a `// qed:` comment that
# says why it cannot fail (genesis-only code, for instance).
log "lint: no expect() and no narrowing casts in runtime code"
runtime_sources() {
	find pallets runtime finance primitives traits -name '*.rs' -path '*/src/*' \
		-not -path '*/tests/*' -not -name 'tests.rs' -not -name 'mock.rs' \
		-not -name 'benchmarking.rs' -not -path '*/target/*'
}
# Per file: stop at an inline `mod tests {`, skip comments and `// qed:` lines.
filtered=$(runtime_sources | sort | xargs awk '
	FNR == 1 { in_tests = 0 }
	/^[[:space:]]*(pub )?mod tests[[:space:]]*\{/ { in_tests = 1 }
	in_tests || /^[[:space:]]*\/\// || /\/\/ qed:/ { next }
	/\.expect\(|[^a-z_]as (u8|u16|u32|i8|i16|i32)([^a-z0-9_]|$)/ { print FILENAME ":" FNR ": " $0 }
')
if [[ -n "$filtered" ]]; then
	printf '%s\n' "$filtered" >&2
	die "runtime code must not expect() or narrow with 'as' (use ok_or/try_from, or say '// qed:' why it cannot fail)"
fi

log "lint: cargo clippy --workspace --all-targets -- -D warnings"
SKIP_WASM_BUILD=1 cargo clippy --locked --workspace --all-targets -- -D warnings
