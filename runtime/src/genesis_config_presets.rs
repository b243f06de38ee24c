//! Genesis presets: `development` (one authority, Alice; Sudo keyed; 1-second days) and
//! `local_testnet` (the 4-validator consortium Alice, Bob, Charlie, Dave; Sudo key `None`;
//! real 86,400-second days). The node's chain specs only pick one of these.

use crate::{AccountId, Balance, BalancesConfig, RuntimeGenesisConfig, SudoConfig, UNIT};
use abs_primitives::{STABLECOIN_ASSET_ID, STABLECOIN_DECIMALS, STABLECOIN_UNIT};
use alloc::format;
use alloc::{vec, vec::Vec};
use frame_support::{build_struct_json_patch, PalletId};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::H256;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::AccountIdConversion;

/// Native tokens each endowed account starts with (for fees).
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;
/// Stablecoin each endowed account starts with: 10,000,000.000000.
pub const STABLECOIN_ENDOWMENT: Balance = 10_000_000 * STABLECOIN_UNIT;
/// Name and symbol of the settlement stablecoin.
pub const STABLECOIN_NAME: &[u8] = b"ABS Settlement Dollar";
pub const STABLECOIN_SYMBOL: &[u8] = b"USDA";
/// Fees paid in USDA at genesis: 1 USDA (10⁶ smallest units) per ABS.
pub const GENESIS_FEE_RATE: Balance = STABLECOIN_UNIT;

/// The keyless account that owns, issues, administers and freezes USDA.
pub fn stablecoin_account() -> AccountId {
	PalletId(abs_primitives::STABLECOIN_PALLET_ID).into_account_truncating()
}

/// A participant's name hash at genesis: blake2-256 of its name.
fn name_hash(name: &str) -> H256 {
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(name.as_bytes())
}

/// Seconds in a chain day on the dev chain: months pass in minutes.
pub const DEV_DAY_LENGTH_SECS: u64 = 1;
/// Seconds in a chain day on a real network.
pub const REAL_DAY_LENGTH_SECS: u64 = 86_400;

/// Auction timing on the dev chain: 12 blocks (36 s), a late bid extends by 4 blocks up to 12
/// past the end, 20 (one-second) days to acknowledge an enforcement order.
pub const DEV_AUCTION_PARAMS: pallet_recovery::AuctionParams = pallet_recovery::AuctionParams {
	duration_blocks: 12,
	extension_blocks: 4,
	max_extension_blocks: 12,
	ack_timeout_days: 20,
};

fn testnet_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	council: Vec<AccountId>,
	root: Option<AccountId>,
	participants: Vec<(AccountId, H256)>,
	day_length_secs: u64,
	recovery_params: Option<pallet_recovery::AuctionParams>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts.iter().cloned().map(|k| (k, ENDOWMENT)).collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: root },
		council_membership: pallet_membership::GenesisConfig {
			members: council.try_into().expect("at most 32 council members"), // qed: presets list ≤ 4
		},
		assets: pallet_assets::GenesisConfig {
			// (id, owner, is_sufficient, min_balance)
			// Owner (hence issuer, admin, freezer): the keyless account of `pallet-stablecoin`.
			assets: vec![(STABLECOIN_ASSET_ID, stablecoin_account(), true, 1)],
			metadata: vec![(
				STABLECOIN_ASSET_ID,
				STABLECOIN_NAME.to_vec(),
				STABLECOIN_SYMBOL.to_vec(),
				STABLECOIN_DECIMALS
			)],
			accounts: endowed_accounts
				.iter()
				.cloned()
				.map(|k| (STABLECOIN_ASSET_ID, k, STABLECOIN_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		clock: pallet_clock::GenesisConfig { day_length_secs },
		roles: pallet_roles::GenesisConfig { participants },
		stablecoin: pallet_stablecoin::GenesisConfig { fee_rate: Some(GENESIS_FEE_RATE) },
		recovery: pallet_recovery::GenesisConfig { params: recovery_params },
	})
}

/// The `development` preset: Alice authors and finalizes alone; Sudo is Alice.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![(
			sp_keyring::Sr25519Keyring::Alice.public().into(),
			sp_keyring::Ed25519Keyring::Alice.public().into(),
		)],
		Sr25519Keyring::iter().map(|k| k.to_account_id()).collect(),
		// A council of three on the dev chain, so council motions can be tried there too.
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.iter()
			.map(|k| k.to_account_id())
			.collect(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		// Every dev account is a participant (the e2e suite registers the others it signs with).
		Sr25519Keyring::iter().map(|k| (k.to_account_id(), name_hash(&format!("{k:?}")))).collect(),
		DEV_DAY_LENGTH_SECS,
		Some(DEV_AUCTION_PARAMS),
	)
}

/// The `local_testnet` preset: four validator institutions; no Sudo.
pub fn local_config_genesis() -> Value {
	let validators =
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave];
	let ed = [
		sp_keyring::Ed25519Keyring::Alice,
		sp_keyring::Ed25519Keyring::Bob,
		sp_keyring::Ed25519Keyring::Charlie,
		sp_keyring::Ed25519Keyring::Dave,
	];
	testnet_genesis(
		validators
			.iter()
			.zip(ed.iter())
			.map(|(s, e)| (s.public().into(), e.public().into()))
			.collect(),
		Sr25519Keyring::iter().map(|k| k.to_account_id()).collect(),
		// The council is the four validator institutions.
		validators.iter().map(|k| k.to_account_id()).collect(),
		None,
		// The four validator institutions are the participants at genesis; governance
		// registers the rest.
		validators.iter().map(|k| (k.to_account_id(), name_hash(&format!("{k:?}")))).collect(),
		REAL_DAY_LENGTH_SECS,
		// Production timing: a day-long auction (see `AuctionParams::default`).
		None,
	)
}

/// The preset with the given id.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch).expect("JSON serializes").into_bytes(), // qed: a Value
	)
}

/// The ids of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
