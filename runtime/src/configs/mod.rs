//! Pallet configurations, one file per domain. This file: the chain's base (system, time,
//! consensus, fees, sudo).
//!
//! ## Block weight and length (3 s blocks)
//! - Block time 3 s (`MILLI_SECS_PER_BLOCK`); Aura slot = block time.
//! - Maximum block weight: **1 s of reference compute** (`WEIGHT_REF_TIME_PER_SECOND`), one
//!   third of the slot, the same ratio as the usual 2 s per 6 s block: the rest of the slot is
//!   for propagating and importing the block. Proof size is unbounded (a solochain has no PoV).
//! - 75 % of it for normal extrinsics; the rest for operational ones and mandatory hooks.
//! - Maximum block length 5 MiB, 75 % for normal extrinsics.
//! - Database weights: ParityDB (`ParityDbWeight`), our only database.

pub mod assets;
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers;
pub mod capital_markets;
pub mod fees;
pub mod governance;
pub mod lending;
pub mod participants;
pub mod permissions;

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		ConstantMultiplier, Weight,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, Perbill};
use sp_version::RuntimeVersion;

// `PalletInfo`, `RuntimeOrigin` and `RuntimeTask` are used by `derive_impl`'s expansion.
use super::{
	AccountId, Aura, Balance, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask, System,
	EXISTENTIAL_DEPOSIT, SLOT_DURATION, VERSION,
};

/// Share of a block's weight and length normal extrinsics may use.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Maximum block weight: 1 s of compute in a 3 s slot (see the module docs).
pub const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// Maximum block length: 5 MiB.
pub const MAXIMUM_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		MAXIMUM_BLOCK_WEIGHT,
		NORMAL_DISPATCH_RATIO,
	);
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAXIMUM_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_LENGTH
		})
		.build();
	pub const SS58Prefix: u8 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	/// Calls halted through `roles.halt` (`pallet-tx-pause`) are filtered out, inside batches
	/// and council motions too; so is every call of the tranche tokens' `pallet-assets`
	/// instance (tokens move only through `pallet-pools` and the market).
	type BaseCallFilter =
		frame_support::traits::InsideBoth<super::TxPause, capital_markets::NoTrancheAssetCalls>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	/// Aura reads the slot from the timestamp; the clock turns it into the chain's day.
	type OnTimestampSet = (Aura, super::Clock);
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// ABS, or USDA for an account without enough ABS (`fees.rs`).
	type OnChargeTransaction = fees::NativeOrStablecoin;
	type OperationalFeeMultiplier = ConstU8<5>;
	/// 50 native units per second of reference compute.
	type WeightToFee = ConstantMultiplier<Balance, ConstU128<{ fees::WEIGHT_FEE_MULTIPLIER }>>;
	/// 0.0001 native unit per byte.
	type LengthToFee = ConstantMultiplier<Balance, ConstU128<{ fees::LENGTH_FEE_PER_BYTE }>>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
