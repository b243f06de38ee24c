//! ABS Chain's own pallets, wired to each other through `abs-traits`.

use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
	PalletId,
};
use sp_runtime::Perbill;

use super::super::{
	Assets, Clock, Disclosures, Loans, Notices, Recovery, Roles, Runtime, Servicing, Timestamp,
};
use super::governance::GovernanceOrigin;

impl pallet_clock::Config for Runtime {}

impl pallet_roles::Config for Runtime {
	type GovernanceOrigin = GovernanceOrigin;
	type Today = Clock;
	/// A bank may hold a handful of licences and many scoped assignments.
	type MaxRolesPerParticipant = ConstU32<64>;
	type MaxRegulators = MaxRegulators;
	type MaxExpiriesPerDay = ConstU32<1_000>;
	/// Expiry work per block: ≤ 100 grants and ≤ 32 days (a `--dev` block passes 3 days).
	type MaxExpiriesPerBlock = ConstU32<100>;
	type MaxDaysPerBlock = ConstU32<32>;
	type FrozenMaySign = super::permissions::CouncilCalls;
	type Pauser = super::permissions::TxPauser;
	type WeightInfo = pallet_roles::weights::SubstrateWeight<Runtime>;
}

impl pallet_disclosures::Config for Runtime {
	type Roles = Roles;
	type Today = Clock;
	/// Owner, regulators, servicer, trustee, auditors, agencies… of one document.
	type MaxReaders = ConstU32<32>;
	/// A 104-byte X25519 + XChaCha20-Poly1305 envelope, with room for other schemes.
	type MaxEnvelopeLen = ConstU32<256>;
	type MaxUriLen = ConstU32<256>;
	type MaxRegulators = MaxRegulators;
	type WeightInfo = pallet_disclosures::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = DisclosuresBenchmarkHelper;
}

/// Participants with keys and regulators for the disclosures benchmarks, through the roles
/// pallet's own calls (Root is governance).
#[cfg(feature = "runtime-benchmarks")]
pub struct DisclosuresBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_disclosures::BenchmarkHelper<abs_primitives::AccountId> for DisclosuresBenchmarkHelper {
	fn participant_with_key(who: &abs_primitives::AccountId, key: abs_primitives::EncryptionKey) {
		use super::super::RuntimeOrigin;
		let _ = Roles::register_participant(RuntimeOrigin::root(), who.clone(), Default::default());
		let _ = Roles::set_encryption_key(RuntimeOrigin::signed(who.clone()), key);
	}
	fn make_regulator(who: &abs_primitives::AccountId) {
		let _ = Roles::grant_role(
			super::super::RuntimeOrigin::root(),
			who.clone(),
			abs_primitives::Role::Regulator,
			abs_primitives::Scope::Global,
			None,
			Default::default(),
		);
	}
}

parameter_types! {
	/// The loans pallet's escrow account.
	pub const LoansPalletId: PalletId = PalletId(*b"abs/loan");
	pub const StablecoinId: abs_primitives::AssetId = abs_primitives::STABLECOIN_ASSET_ID;
}

frame_support::parameter_types! {
	/// Regulators at a time: roles refuses a ninth grant, so every keyed regulator is among
	/// the (at most 8) readers the disclosures pallet requires on a new record.
	pub const MaxRegulators: u32 = 8;
}

impl pallet_loans::Config for Runtime {
	type Assets = Assets;
	type StablecoinId = StablecoinId;
	type PalletId = LoansPalletId;
	type Roles = Roles;
	type Records = Disclosures;
	type Today = Clock;
	type OnActivated = Servicing;
	type Time = Timestamp;
	type MaxRecords = ConstU32<32>;
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

/// Participants, stablecoin and records for the loans benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct LoansBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_loans::BenchmarkHelper<abs_primitives::AccountId> for LoansBenchmarkHelper {
	fn grant(who: &abs_primitives::AccountId, role: abs_primitives::Role) {
		use super::super::RuntimeOrigin;
		let _ = Roles::register_participant(RuntimeOrigin::root(), who.clone(), Default::default());
		let _ = Roles::grant_role(
			RuntimeOrigin::root(),
			who.clone(),
			role,
			abs_primitives::Scope::Global,
			None,
			Default::default(),
		);
	}
	fn fund(who: &abs_primitives::AccountId, amount: abs_primitives::Balance) {
		use frame_support::traits::fungibles::Mutate;
		let _ = Assets::mint_into(abs_primitives::STABLECOIN_ASSET_ID, who, amount);
	}
	fn record(
		owner: &abs_primitives::AccountId,
		subject: abs_primitives::Subject,
	) -> abs_primitives::RecordId {
		bench_record(owner, subject, abs_primitives::RecordKind::BankStatement)
	}
}

/// A confidential record written straight into storage, for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
fn bench_record(
	owner: &abs_primitives::AccountId,
	subject: abs_primitives::Subject,
	kind: abs_primitives::RecordKind,
) -> abs_primitives::RecordId {
	let id = pallet_disclosures::NextRecordId::<Runtime>::get();
	pallet_disclosures::NextRecordId::<Runtime>::put(id.saturating_add(1));
	pallet_disclosures::Records::<Runtime>::insert(
		id,
		pallet_disclosures::Record {
			owner: owner.clone(),
			subject,
			kind,
			plaintext_hash: Default::default(),
			ciphertext_hash: Default::default(),
			uri: Default::default(),
			readers: 0,
			created_on: 0,
		},
	);
	id
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
	type WeightInfo = pallet_servicing::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ServicingBenchmarkHelper;
}

/// Active loans through the loans pallet's own calls, for the servicing benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct ServicingBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_servicing::BenchmarkHelper<abs_primitives::AccountId> for ServicingBenchmarkHelper {
	fn active_loan(periods: u32) -> abs_primitives::LoanId {
		use super::super::RuntimeOrigin;
		use pallet_loans::BenchmarkHelper as _;
		let originator: abs_primitives::AccountId = frame_benchmarking::account("originator", 0, 0);
		let borrower: abs_primitives::AccountId = frame_benchmarking::account("borrower", 0, 0);
		let servicer: abs_primitives::AccountId = frame_benchmarking::account("servicer", 0, 0);
		LoansBenchmarkHelper::grant(&originator, abs_primitives::Role::Originator);
		LoansBenchmarkHelper::grant(&borrower, abs_primitives::Role::Borrower);
		LoansBenchmarkHelper::grant(&servicer, abs_primitives::Role::Servicer);
		let principal = 1_000_000_000_000;
		LoansBenchmarkHelper::fund(&originator, principal);
		let today = pallet_clock::CurrentDay::<Runtime>::get();
		let terms = pallet_loans::LoanTerms {
			principal,
			asset: abs_primitives::STABLECOIN_ASSET_ID,
			annual_rate: 60_000_000_000_000_000,
			periods,
			amortization: abs_finance::Amortization::LevelAnnuity,
			day_count: abs_finance::DayCount::Thirty360,
			first_due: abs_finance::CalendarDate::from_day_number(today.saturating_add(2)),
			grace_days: 5,
			late_fee: abs_finance::LateFee::Fixed(25_000_000),
			default_threshold_days: 90,
			servicing_fee_bps: 25,
		};
		let id = pallet_loans::NextLoanId::<Runtime>::get();
		let _ = Loans::propose(
			RuntimeOrigin::signed(originator),
			borrower.clone(),
			Default::default(),
			terms,
			abs_primitives::Collateral {
				kind: abs_primitives::CollateralKind::None,
				identifier_hash: Default::default(),
				appraised_value: 0,
				appraisal_day: today,
			},
			abs_primitives::Underwriting {
				credit: abs_primitives::CreditAssessment::Score(
					abs_primitives::ScoreBand::From660To719,
				),
				dti: abs_primitives::DtiBand::From30To36,
				income_verified: true,
			},
			Default::default(),
			Some(servicer),
			30,
		);
		let hash =
			pallet_loans::Loans::<Runtime>::get(id).map(|l| l.terms_hash).unwrap_or_default();
		let _ = Loans::accept(RuntimeOrigin::signed(borrower), id, hash);
		id
	}
	fn grant(who: &abs_primitives::AccountId, role: abs_primitives::Role) {
		use pallet_loans::BenchmarkHelper as _;
		LoansBenchmarkHelper::grant(who, role);
	}
	fn fund(who: &abs_primitives::AccountId, amount: abs_primitives::Balance) {
		use pallet_loans::BenchmarkHelper as _;
		LoansBenchmarkHelper::fund(who, amount);
	}
	fn set_today(day: abs_primitives::DayNumber) {
		pallet_clock::CurrentDay::<Runtime>::put(day);
	}
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
	type Roles = Roles;
	type Records = Disclosures;
	type Today = Clock;
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

/// A loan driven into default through the servicing hook, for the recovery benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct RecoveryBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_recovery::BenchmarkHelper<abs_primitives::AccountId> for RecoveryBenchmarkHelper {
	fn defaulted_loan() -> (abs_primitives::LoanId, abs_primitives::AccountId) {
		use pallet_servicing::BenchmarkHelper as _;
		let id = ServicingBenchmarkHelper::active_loan(12);
		let servicer: abs_primitives::AccountId = frame_benchmarking::account("servicer", 0, 0);
		// 90 days past the first due date (today + 2): the hook defaults it.
		let start = pallet_clock::CurrentDay::<Runtime>::get();
		let day = start.saturating_add(2 + 91);
		pallet_clock::CurrentDay::<Runtime>::put(day);
		for _ in 0..8 {
			pallet_servicing::Pallet::<Runtime>::process_checkpoints(day);
		}
		(id, servicer)
	}
	fn grant(who: &abs_primitives::AccountId, role: abs_primitives::Role) {
		use pallet_loans::BenchmarkHelper as _;
		LoansBenchmarkHelper::grant(who, role);
	}
	fn fund(who: &abs_primitives::AccountId, amount: abs_primitives::Balance) {
		use pallet_loans::BenchmarkHelper as _;
		LoansBenchmarkHelper::fund(who, amount);
	}
	fn appraisal_record(
		owner: &abs_primitives::AccountId,
		loan_id: abs_primitives::LoanId,
	) -> abs_primitives::RecordId {
		bench_record(
			owner,
			abs_primitives::Subject::Loan(loan_id),
			abs_primitives::RecordKind::Appraisal,
		)
	}
}
