//! The loan's life: the registry, the notice stream, servicing and recovery, wired to each
//! other through `abs-traits`.

use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
	PalletId,
};
use sp_runtime::Perbill;

use super::super::{
	Assets, Clock, Disclosures, Loans, Notices, Recovery, Roles, Runtime, Servicing, Timestamp,
};
#[cfg(feature = "runtime-benchmarks")]
use super::benchmark_helpers::*;
use super::governance::GovernanceOrigin;

parameter_types! {
	/// The loans pallet's escrow account.
	pub const LoansPalletId: PalletId = PalletId(*b"abs/loan");
	pub const StablecoinId: abs_primitives::AssetId = abs_primitives::STABLECOIN_ASSET_ID;
}

/// Most confidential records a loan lists (pools read each at contribution).
pub type MaxLoanRecords = ConstU32<32>;

impl pallet_loans::Config for Runtime {
	type Assets = Assets;
	type StablecoinId = StablecoinId;
	type PalletId = LoansPalletId;
	type Roles = Roles;
	type Records = Disclosures;
	type Today = Clock;
	type OnActivated = Servicing;
	/// A loan contributed to a pool that has not closed keeps its owner and servicer.
	type Encumbrance = super::super::Pools;
	type Time = Timestamp;
	type MaxRecords = MaxLoanRecords;
	/// A proposal stays open at most 90 days.
	type MaxProposalDays = ConstU32<90>;
	type MaxExpiriesPerDay = ConstU32<1_000>;
	/// Refund work per block: ≤ 50 proposals (each two asset transfers) and ≤ 32 days.
	type MaxExpiriesPerBlock = ConstU32<50>;
	type MaxDaysPerBlock = ConstU32<32>;
	/// With the deposit, one originator holds at most 1,000 of the 90,000 expiry slots and
	/// locks 10,000 USDA to do so.
	type MaxOpenProposalsPerOriginator = ConstU32<1_000>;
	/// 10 USDA per open proposal, refunded when it is accepted, withdrawn or lapses.
	type ProposalDeposit = ConstU128<10_000_000>;
	type WeightInfo = pallet_loans::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = LoansBenchmarkHelper;
}

/// Most credit bureaus following one loan, and one originator.
pub type MaxBureaus = ConstU32<8>;

/// The chain's notice stream: a loan's notices go to its borrower, owner, servicer and the
/// bureaus following it or its originator (3 + 2 × 8 addressees at most); notices about pools,
/// tranches and markets go to their followers by subject.
impl pallet_notices::Config for Runtime {
	type Addressees = abs_traits::LoanAddressees<Loans, Servicing>;
	type MaxRecipients = ConstU32<19>;
}

impl pallet_servicing::Config for Runtime {
	type Assets = Assets;
	type Loans = Loans;
	type Lifecycle = Loans;
	type Roles = Roles;
	type Today = Clock;
	type Time = Timestamp;
	/// The finance engine's limit: 40 years of monthly periods.
	type MaxInstallments = ConstU32<480>;
	type MaxBureaus = MaxBureaus;
	/// Checkpoint work per block: ≤ 100 evaluations (≈ 0.1 s of the 1 s block at the
	/// worst-case 480-installment book with the derived weights) and ≤ 32 days.
	type MaxCheckpointsPerBlock = ConstU32<100>;
	type MaxDaysPerBlock = ConstU32<32>;
	type Recovery = Recovery;
	type Notify = Notices;
	type Observer = super::super::Pools;
	type WeightInfo = pallet_servicing::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ServicingBenchmarkHelper;
}

parameter_types! {
	pub const RecoveryPalletId: PalletId = PalletId(*b"abs/recv");
	/// Reserve = 70 % of the appraisal (rounded up).
	pub const ReserveRatio: Perbill = Perbill::from_percent(70);
	/// The relisting's reserve: 80 % of the first.
	pub const RelistRatio: Perbill = Perbill::from_percent(80);
	/// A raise beats the best bid by at least 1 % (rounded up).
	pub const BidIncrement: Perbill = Perbill::from_percent(1);
	/// Enforcement costs are paid up to 10 % of the price.
	pub const CostCap: Perbill = Perbill::from_percent(10);
}

impl pallet_recovery::Config for Runtime {
	type Assets = Assets;
	type StablecoinId = StablecoinId;
	type PalletId = RecoveryPalletId;
	type Loans = Loans;
	type Lifecycle = Loans;
	type Servicing = Servicing;
	type Notify = Notices;
	type Observer = super::super::Pools;
	type Roles = Roles;
	type Records = Disclosures;
	type Today = Clock;
	type Oracle = super::super::Oracle;
	type ReserveRatio = ReserveRatio;
	type RelistRatio = RelistRatio;
	/// An appraisal is good for a year.
	type MaxAppraisalAge = ConstU32<365>;
	/// 1 USDA.
	type MinBid = ConstU128<1_000_000>;
	type BidIncrement = BidIncrement;
	type CostCap = CostCap;
	type MaxClaims = ConstU32<8>;
	/// ≤ 20 settlements (each up to 11 transfers) and ≤ 20 timeouts per block.
	type MaxSettlementsPerBlock = ConstU32<20>;
	/// The settlement hook walks ≤ 64 blocks of ended auctions per block; the acknowledgement
	/// hook ≤ 32 days.
	type MaxSettlementBlocksPerBlock = ConstU32<64>;
	type MaxAckDaysPerBlock = ConstU32<32>;
	type ParamsOrigin = GovernanceOrigin;
	type WeightInfo = pallet_recovery::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = RecoveryBenchmarkHelper;
}
