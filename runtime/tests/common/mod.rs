//! Shared by the runtime integration tests: externalities from a genesis preset of the real
//! runtime, and block/time helpers.
#![allow(dead_code)]

use abs_runtime::{genesis_config_presets, Clock, RuntimeGenesisConfig, System};
use frame_support::traits::{OnInitialize, OnPoll, OnTimestampSet};
use serde_json::Value;
use sp_runtime::BuildStorage;

/// RFC 7386 merge patch, as the node applies presets to the default genesis config.
fn merge(base: &mut Value, patch: &Value) {
	match (base, patch) {
		(Value::Object(b), Value::Object(p)) => {
			for (k, v) in p {
				if v.is_null() {
					b.remove(k);
				} else {
					merge(b.entry(k.clone()).or_insert(Value::Null), v);
				}
			}
		}
		(b, p) => *b = p.clone(),
	}
}

/// Externalities of the `development` preset at block 1.
pub fn dev_ext() -> sp_io::TestExternalities {
	preset_ext(genesis_config_presets::development_config_genesis())
}

/// Externalities of the `local_testnet` preset (4 validators, no Sudo) at block 1.
pub fn local_ext() -> sp_io::TestExternalities {
	preset_ext(genesis_config_presets::local_config_genesis())
}

fn preset_ext(preset: Value) -> sp_io::TestExternalities {
	let mut json = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut json, &preset);
	let config: RuntimeGenesisConfig = serde_json::from_value(json).unwrap();
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Genesis time of the tests' chain: 2026-11-26 00:00 UTC.
pub const T0: u64 = 1_795_651_200_000;

/// Start block `n` at time `now` (ms) as `Executive` does: `on_initialize`, the timestamp
/// inherent (its `OnTimestampSet` moves the clock; Aura's slot check is left out: these tests
/// have no slots), then `on_poll` where the day-driven work runs.
pub fn block_at(n: u32, now: u64) {
	System::set_block_number(n);
	abs_runtime::AllPalletsWithSystem::on_initialize(n);
	pallet_timestamp::Now::<abs_runtime::Runtime>::put(now);
	<Clock as OnTimestampSet<u64>>::on_timestamp_set(now);
	abs_runtime::AllPalletsWithSystem::on_poll(n, &mut frame_support::weights::WeightMeter::new());
}

/// Register `who` (unless the preset did) and grant it `role` globally, as governance.
pub fn license(who: &abs_runtime::AccountId, role: abs_primitives::Role) {
	register(who);
	abs_runtime::Roles::grant_role(
		abs_runtime::RuntimeOrigin::root(),
		who.clone(),
		role,
		abs_primitives::Scope::Global,
		None,
		sp_core::H256::zero(),
	)
	.unwrap();
}

/// Register `who` as a participant (governance) unless the preset already did.
pub fn register(who: &abs_runtime::AccountId) {
	if !pallet_roles::Participants::<abs_runtime::Runtime>::contains_key(who) {
		abs_runtime::Roles::register_participant(
			abs_runtime::RuntimeOrigin::root(),
			who.clone(),
			Default::default(),
		)
		.unwrap();
	}
}
