//! Chain specs: each picks a genesis preset of the runtime (`runtime/src/genesis_config_presets.rs`);
//! no genesis logic lives in the node.

use abs_runtime::WASM_BINARY;
use sc_service::ChainType;

/// The chain spec of this node: no extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

fn properties() -> sc_service::Properties {
	let mut p = sc_service::Properties::new();
	p.insert("tokenSymbol".into(), "ABS".into());
	p.insert("tokenDecimals".into(), abs_primitives::NATIVE_DECIMALS.into());
	p.insert("ss58Format".into(), 42.into());
	p
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"the runtime's Wasm is not available (built with SKIP_WASM_BUILD?)".to_string()
	})
}

/// `--dev`: one authority (Alice), Sudo keyed, 1-second days.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("ABS Chain Development")
		.with_id("abs_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain local`: the 4-validator consortium (Alice, Bob, Charlie, Dave), no Sudo, real days.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("ABS Chain Local Consortium")
		.with_id("abs_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
