//! What the benchmarks of our pallets need from the runtime: participants, funds, records,
//! active and defaulted loans, made through the pallets' own calls where possible.
#![cfg(feature = "runtime-benchmarks")]

use super::super::{Assets, Loans, Roles, Runtime};
#[allow(unused_imports)]
use super::lending::*;
#[allow(unused_imports)]
use super::participants::*;

/// Participants with keys and regulators for the disclosures benchmarks, through the roles
/// pallet's own calls (Root is governance).
pub struct DisclosuresBenchmarkHelper;

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

/// Participants, stablecoin and records for the loans benchmarks.
pub struct LoansBenchmarkHelper;

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

/// An Active loan of `originator` (given the Originator role and the principal), serviced by
/// `servicer`, to a borrower of its own, with `periods` monthly installments from the day after
/// tomorrow, through the loans pallet's own calls.
pub fn bench_active_loan(
	originator: abs_primitives::AccountId,
	servicer: abs_primitives::AccountId,
	periods: u32,
) -> abs_primitives::LoanId {
	use super::super::RuntimeOrigin;
	use pallet_loans::BenchmarkHelper as _;
	let next = pallet_loans::NextLoanId::<Runtime>::get();
	let borrower: abs_primitives::AccountId =
		frame_benchmarking::account("borrower", u32::try_from(next).unwrap_or(u32::MAX), 0);
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
	let hash = pallet_loans::Loans::<Runtime>::get(id).map(|l| l.terms_hash).unwrap_or_default();
	let _ = Loans::accept(RuntimeOrigin::signed(borrower), id, hash);
	id
}

/// Active loans through the loans pallet's own calls, for the servicing benchmarks.
pub struct ServicingBenchmarkHelper;

impl pallet_servicing::BenchmarkHelper<abs_primitives::AccountId> for ServicingBenchmarkHelper {
	fn active_loan(periods: u32) -> abs_primitives::LoanId {
		bench_active_loan(
			frame_benchmarking::account("originator", 0, 0),
			frame_benchmarking::account("servicer", 0, 0),
			periods,
		)
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

/// A loan driven into default through the servicing hook, for the recovery benchmarks.
pub struct RecoveryBenchmarkHelper;

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

/// The oracle's benchmarks: feeder licences and a loan.
pub struct OracleBenchmarkHelper;

impl pallet_oracle::BenchmarkHelper<abs_primitives::AccountId> for OracleBenchmarkHelper {
	fn license(who: &abs_primitives::AccountId) {
		use pallet_loans::BenchmarkHelper as _;
		LoansBenchmarkHelper::grant(who, abs_primitives::Role::OracleFeeder);
	}
	fn collateral_loan() -> abs_primitives::LoanId {
		let owner: abs_primitives::AccountId = frame_benchmarking::account("oracle-owner", 0, 0);
		let servicer: abs_primitives::AccountId =
			frame_benchmarking::account("oracle-servicer", 0, 0);
		bench_active_loan(owner, servicer, 12)
	}
}

/// Ratings' benchmarks: a structuring pool of eight tranches, agencies' licences.
pub struct RatingsBenchmarkHelper;

impl pallet_ratings::BenchmarkHelper<abs_primitives::AccountId> for RatingsBenchmarkHelper {
	fn pool() -> (abs_primitives::PoolId, abs_primitives::AccountId) {
		pallet_pools::benchmarking::structured_pool::<Runtime>()
	}
	fn license(who: &abs_primitives::AccountId) {
		use pallet_loans::BenchmarkHelper as _;
		LoansBenchmarkHelper::grant(who, abs_primitives::Role::RatingAgency);
	}
}

/// Pools' benchmarks: licences, and active loans sold by a seller.
pub struct PoolsBenchmarkHelper;

impl pallet_pools::BenchmarkHelper<abs_primitives::AccountId> for PoolsBenchmarkHelper {
	fn grant(who: &abs_primitives::AccountId, role: abs_primitives::Role) {
		use pallet_loans::BenchmarkHelper as _;
		LoansBenchmarkHelper::grant(who, role);
	}
	fn fund(who: &abs_primitives::AccountId, amount: abs_primitives::Balance) {
		use pallet_loans::BenchmarkHelper as _;
		LoansBenchmarkHelper::fund(who, amount);
	}
	fn active_loan(
		owner: &abs_primitives::AccountId,
		servicer: &abs_primitives::AccountId,
	) -> abs_primitives::LoanId {
		bench_active_loan(owner.clone(), servicer.clone(), 480)
	}
	fn set_today(day: abs_primitives::DayNumber) {
		pallet_clock::CurrentDay::<Runtime>::put(day);
	}
}
