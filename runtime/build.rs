//! Builds the runtime's Wasm (see `scripts/setup.sh` for the toolchain on machines without a
//! rustup wasm target). `SKIP_WASM_BUILD=1` skips it for native-only checks.
fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
