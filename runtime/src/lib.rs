//! # ABS Chain runtime
//!
//! The state transition function of ABS Chain. Pallet indices are fixed (never renumber them:
//! the index is part of every call's and event's encoding). Pallet configuration lives in
//! [`configs`], the runtime APIs in `apis.rs`, the genesis presets in
//! [`genesis_config_presets`].
#![cfg_attr(not(feature = "std"), no_std)]
// The `runtime` macro of this many pallets expands past the default limit of 128.
#![recursion_limit = "256"]
// `construct_runtime!` and `impl_runtime_apis!` expand to code the workspace lints dislike.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
// Make the Wasm binary available.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Before `apis`: its `define_benchmarks!` macros are used there by textual scope.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;

use alloc::vec::Vec;
use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256};
use sp_version::RuntimeVersion;

pub use abs_primitives::{
	AccountId, AssetId, Balance, BlockNumber, Hash, Moment, Nonce, Signature, STABLECOIN_ASSET_ID,
};
pub use frame_support::{construct_runtime, parameter_types};
pub use sp_runtime::{Perbill, Permill};

/// Opaque types: what the node knows of the runtime's types without depending on them.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;
	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;

	impl_opaque_keys! {
		/// A validator's session keys: block authoring (Aura) and finality (GRANDPA).
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}
pub use opaque::SessionKeys;

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("abs-chain"),
	impl_name: alloc::borrow::Cow::Borrowed("abs-chain"),
	authoring_version: 1,
	spec_version: 111,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	// 2: `CheckParticipant` joined the transaction extensions.
	transaction_version: 2,
	system_version: 1,
};

/// Block time: 3 s. Aura's slot equals the block time.
pub const MILLI_SECS_PER_BLOCK: u64 = 3_000;
/// Aura slot duration (ms).
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
/// Blocks per minute, hour and day of wall-clock time (for block-denominated bounds only).
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// One native fee token (12 decimals).
pub const UNIT: Balance = abs_primitives::NATIVE_UNIT;
pub const MILLI_UNIT: Balance = UNIT / 1_000;
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
/// Existential deposit of the native token.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The address format for describing accounts.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A Block signed with a Justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions, checked in order for every extrinsic.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	// Only registered, unfrozen participants sign (no data: clients need no custom types).
	pallet_roles::CheckParticipant<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations to run on the next runtime upgrade.
type Migrations = ();

/// Executive: handles dispatch to the various modules.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

// Fixed pallet indices: append new pallets with new indices; never renumber.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(7)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(8)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(9)]
	pub type CouncilMembership = pallet_membership<Instance1>;
	#[runtime::pallet_index(10)]
	pub type TxPause = pallet_tx_pause;
	#[runtime::pallet_index(11)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(12)]
	pub type TrancheAssets = pallet_assets<Instance2>;

	// --- ABS Chain pallets: 20 and up ---
	#[runtime::pallet_index(20)]
	pub type Clock = pallet_clock;
	#[runtime::pallet_index(21)]
	pub type Roles = pallet_roles;
	#[runtime::pallet_index(22)]
	pub type Disclosures = pallet_disclosures;
	#[runtime::pallet_index(23)]
	pub type Loans = pallet_loans;
	#[runtime::pallet_index(24)]
	pub type Servicing = pallet_servicing;
	#[runtime::pallet_index(25)]
	pub type Recovery = pallet_recovery;
	#[runtime::pallet_index(26)]
	pub type Stablecoin = pallet_stablecoin;
	#[runtime::pallet_index(27)]
	pub type Notices = pallet_notices;
	#[runtime::pallet_index(28)]
	pub type Pools = pallet_pools;
	#[runtime::pallet_index(29)]
	pub type Oracle = pallet_oracle;
	#[runtime::pallet_index(30)]
	pub type Ratings = pallet_ratings;
}
