//! The capital-markets side: securitization pools buying loans from their owners (later the
//! tranche tokens, the waterfall, ratings and the market), wired through `abs-traits`.

use frame_support::{
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, Contains, NeverEnsureOrigin},
	PalletId,
};

use super::super::{
	AccountId, AssetId, Assets, Balance, Balances, Clock, Loans, Notices, Roles, Runtime,
	RuntimeCall, RuntimeEvent, Servicing, TrancheAssets,
};
#[cfg(feature = "runtime-benchmarks")]
use super::benchmark_helpers::*;
use super::lending::StablecoinId;

parameter_types! {
	/// Pools' keyless accounts are sub-accounts of this id.
	pub const PoolsPalletId: PalletId = PalletId(*b"abs/pool");
}

/// The tranche tokens' instance of `pallet-assets` (index 12).
pub type TrancheAssetsInstance = pallet_assets::Instance2;

/// Refuses every call of the tranche tokens' instance (transfers, approvals, `touch`,
/// freezes, …): the call filter of the whole runtime, inside batches and motions too.
pub struct NoTrancheAssetCalls;
impl Contains<RuntimeCall> for NoTrancheAssetCalls {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::TrancheAssets(_))
	}
}

/// Tranche tokens: created and minted by `pallet-pools` at a pool's closing (its pallet
/// account the owner and admin of each), `min_balance` 1, sufficient (no account deposit),
/// no origin ever creates or forces one.
impl pallet_assets::Config<TrancheAssetsInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = NeverEnsureOrigin<()>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ConstU128<0>;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl pallet_pools::Config for Runtime {
	type Assets = Assets;
	type TrancheTokens = TrancheAssets;
	type Lifecycle = Loans;
	type Roles = Roles;
	type Loans = Loans;
	type Servicing = Servicing;
	type Records = super::super::Disclosures;
	type MaxRecordsPerLoan = super::lending::MaxLoanRecords;
	type Today = Clock;
	type Notify = Notices;
	/// The agencies' monitors (in the ratings pallet) read every change of the metrics.
	type Monitor = super::super::Ratings;
	type StablecoinId = StablecoinId;
	type PalletId = PoolsPalletId;
	/// A pool holds at most 10,000 loans (its counters and strata never iterate them).
	type MaxLoansPerPool = ConstU32<10_000>;
	/// From creation to the offering's close at most 90 days.
	type MaxOfferingDays = ConstU32<90>;
	/// 200 ownership entries a block: a 10,000-loan pool's in 50 blocks.
	type MaxSweepPerBlock = ConstU32<200>;
	type WeightInfo = pallet_pools::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = PoolsBenchmarkHelper;
}

parameter_types! {
	/// A feed further than 25 % from the median of the other fresh values is refused.
	pub const OracleMaxDispersion: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(25);
}

/// The valuation oracle (index 29): governance's feeder sets, licensed `OracleFeeder`s.
impl pallet_oracle::Config for Runtime {
	type Roles = Roles;
	type Today = Clock;
	type Loans = Loans;
	type Tranches = super::super::Pools;
	type OnFresh = super::super::Recovery;
	type GovernanceOrigin = super::governance::GovernanceOrigin;
	/// At most 16 feeders per class (and values per key).
	type MaxFeeders = ConstU32<16>;
	type MaxDispersion = OracleMaxDispersion;
	/// The newest 32 deviations per class and feeder.
	type MaxDeviations = ConstU32<32>;
	type WeightInfo = pallet_oracle::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = OracleBenchmarkHelper;
}

/// Tranche ratings (index 30): the agencies a pool's sponsor names, their ratings and history.
impl pallet_ratings::Config for Runtime {
	type Roles = Roles;
	type Today = Clock;
	type Pools = super::super::Pools;
	type Tranches = super::super::Pools;
	type Notify = Notices;
	/// At most 4 agencies per pool.
	type MaxAgencies = ConstU32<4>;
	/// A rating takes effect at most 90 days after it is published.
	type MaxEffectiveAheadDays = ConstU32<90>;
	/// At most 16 monitor rules per pool (the cost of every change of its metrics).
	type MaxRulesPerPool = ConstU32<16>;
	type WeightInfo = pallet_ratings::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = RatingsBenchmarkHelper;
}

/// Read access down a pool's tiers (`pallet-disclosures`' delegation): a loan's owner passes
/// its records to a licensed trustee (before contributing the loan to that trustee's pool);
/// a pooled loan's seller to the pool's trustee; the trustee to the rating agencies the pool
/// names, while the pool is being offered or is closed (not for a cancelled or ended pool's
/// loans). The record must be one the loan was proposed with.
pub struct PoolTiers;
impl abs_traits::ReadDelegation<AccountId> for PoolTiers {
	fn may_pass_on(
		who: &AccountId,
		loan: abs_primitives::LoanId,
		record: abs_primitives::RecordId,
		reader: &AccountId,
	) -> bool {
		use abs_traits::LoanInspect;
		let Some(l) = Loans::loan(loan) else { return false };
		if !l.records.contains(&record) {
			return false;
		}
		use abs_traits::RoleCheck;
		let licensed_trustee = |a: &AccountId| {
			Roles::may_act_as(a, abs_primitives::Role::Trustee, abs_primitives::Scope::Global)
		};
		if l.owner == *who && licensed_trustee(reader) {
			return true;
		}
		let Some(entry) = pallet_pools::LoanPools::<Runtime>::get(loan) else { return false };
		let Some(pool) = pallet_pools::Pools::<Runtime>::get(entry.pool) else { return false };
		let live = matches!(
			pool.status,
			pallet_pools::PoolStatus::Structuring
				| pallet_pools::PoolStatus::Offering
				| pallet_pools::PoolStatus::Closed
		);
		let trustee = &pool.spec.trustee;
		live && ((*who == entry.seller && reader == trustee)
			|| (who == trustee
				&& pallet_ratings::Agencies::<Runtime>::get(entry.pool).contains(reader)))
	}
	fn weight() -> frame_support::weights::Weight {
		// The loan (with its keyless owner), the reader's licence (participant, grant), the
		// pool entry, the pool, the pool's agencies.
		<Runtime as frame_system::Config>::DbWeight::get().reads(7)
	}
}
