//! A small runtime for the unit tests: System, Balances, Assets (the stablecoin) and
//! Servicing; loans, roles, today and notices from `abs-test-utils`.

use crate as pallet_servicing;
use abs_finance::{Amortization, CalendarDate, DayCount, LateFee, Terms};
use abs_primitives::{DayNumber, LoanId, LoanStatus, Role, ServicingTerms};
pub use abs_test_utils::MockLoans;
use abs_traits::{LoanSummary, OnLoanActivated};
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use sp_runtime::{BuildStorage, DispatchError};
use std::cell::RefCell;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Servicing: pallet_servicing,
	}
);

abs_test_utils::stablecoin_mock_configs!(Test);

thread_local! {
	/// Defaulted loans paid off (told to recovery).
	static CURED: RefCell<Vec<LoanId>> = const { RefCell::new(Vec::new()) };
}

parameter_types! {
	pub static Now: u64 = 1_000_000;
}

/// The defaulted loans servicing reported paid off, in order.
pub fn cured() -> Vec<LoanId> {
	CURED.with(|c| c.borrow().clone())
}

/// Records the payoffs of defaulted loans servicing reports.
pub struct MockRecovery;
impl abs_traits::OnDefaultCured for MockRecovery {
	fn on_paid_off(id: LoanId) -> Result<(), DispatchError> {
		CURED.with(|c| c.borrow_mut().push(id));
		Ok(())
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// Notices addressed as the runtime addresses them: the loan's parties and its followers.
pub type MockNotify =
	abs_test_utils::MockNotifyWith<abs_traits::LoanAddressees<MockLoans, Servicing>, 7>;

pub struct MockTime;
impl frame_support::traits::Time for MockTime {
	type Moment = u64;
	fn now() -> u64 {
		Now::get()
	}
}

impl pallet_servicing::Config for Test {
	type Assets = Assets;
	type Loans = MockLoans;
	type Lifecycle = MockLoans;
	type Roles = abs_test_utils::MockRoles;
	type Today = abs_test_utils::MockToday;
	type Time = MockTime;
	type MaxInstallments = ConstU32<480>;
	type MaxBureaus = ConstU32<2>;
	type MaxCheckpointsPerBlock = ConstU32<100>;
	type MaxDaysPerBlock = ConstU32<64>;
	type Recovery = MockRecovery;
	type Notify = MockNotify;
	type Observer = abs_test_utils::MockObserver;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockHelper {
	fn active_loan(periods: u32) -> LoanId {
		let id = abs_test_utils::with(|w| w.loans.len() as LoanId);
		let mut t = terms();
		t.schedule.periods = periods;
		t.schedule.amortization = Amortization::LevelAnnuity;
		t.schedule.first_due = CalendarDate::from_day_number(abs_test_utils::today() + 2);
		grant(SERVICER, Role::Servicer);
		activate_with(id, t);
		id
	}
	fn grant(who: &u64, role: Role) {
		grant(*who, role);
	}
	fn fund(who: &u64, amount: u128) {
		use frame_support::traits::fungibles::Mutate;
		Assets::mint_into(USD, who, amount).unwrap();
	}
	fn set_today(day: DayNumber) {
		abs_test_utils::set_today(day);
	}
}

/// 2027-01-01 is day 20,819.
pub const TODAY: DayNumber = 20_819;
/// 2027-02-01, the first due date of [`terms`].
pub const DUE1: DayNumber = TODAY + 31;
pub const USD: u32 = 1;
pub const BANK: u64 = 1;
pub const BORROWER: u64 = 2;
pub const SERVICER: u64 = 3;
pub const BUREAU: u64 = 5;
pub const BUREAU2: u64 = 6;
pub const BUREAU3: u64 = 7;
pub const NEW_OWNER: u64 = 8;
pub const NOBODY: u64 = 9;
/// 1,200.000000 at 12 % a year, interest-only over 6 months: 12.000000 interest a month.
pub const PRINCIPAL: u128 = 1_200_000_000;
pub const INTEREST: u128 = 12_000_000;
/// 100 bps a year on 1,200.000000, a month (30/360): 1.000000.
pub const FEE: u128 = 1_000_000;
pub const LATE_FEE: u128 = 5_000_000;
/// The borrower's and the payer's stablecoin at genesis.
pub const FUNDS: u128 = 10_000_000_000;

pub use abs_test_utils::{freeze, grant, revoke};

/// Interest-only, 12 %, 6 monthly periods from 2027-02-01, grace 5 days, late fee 5.000000,
/// default at 90 dpd, servicing fee 100 bps.
pub fn terms() -> ServicingTerms {
	ServicingTerms {
		schedule: Terms {
			principal: PRINCIPAL,
			annual_rate: 120_000_000_000_000_000,
			periods: 6,
			amortization: Amortization::InterestOnly,
			day_count: DayCount::Thirty360,
			first_due: CalendarDate::from_day_number(DUE1),
		},
		grace_days: 5,
		late_fee: LateFee::Fixed(LATE_FEE),
		default_threshold_days: 90,
		servicing_fee_bps: 100,
	}
}

/// Register loan `id` (owned by the bank, serviced by the servicer) as Active and start
/// servicing it.
pub fn activate_with(id: LoanId, t: ServicingTerms) {
	abs_test_utils::add_loan(
		id,
		LoanSummary {
			originator: BANK,
			owner: BANK,
			borrower: BORROWER,
			servicer: SERVICER,
			status: LoanStatus::Active,
			principal: t.schedule.principal,
			asset: USD,
			terms: t,
			activated_on: Some(abs_test_utils::today()),
			collateral: abs_primitives::Collateral {
				kind: abs_primitives::CollateralKind::Vehicle,
				identifier_hash: Default::default(),
				appraised_value: 1_000_000_000,
				appraisal_day: abs_test_utils::today(),
			},
			underwriting: abs_test_utils::prime_underwriting(),
			records: Vec::new(),
			owner_agent: None,
		},
	);
	<crate::Pallet<Test> as OnLoanActivated>::on_activated(id).unwrap();
}

pub fn activate(id: LoanId) {
	activate_with(id, terms());
}

pub fn status(id: LoanId) -> LoanStatus {
	abs_test_utils::with(|w| w.loans[&id].status)
}

pub fn set_owner(id: LoanId, owner: u64) {
	abs_test_utils::update_loan(id, |l| l.owner = owner);
}

pub fn usd(who: u64) -> u128 {
	<Assets as frame_support::traits::fungibles::Inspect<u64>>::balance(USD, &who)
}

/// Notices told since the last [`take_notices`]: (loan, day, kind, recipients).
pub fn take_notices() -> Vec<(LoanId, DayNumber, crate::NoticeKind, Vec<u64>)> {
	abs_test_utils::take_notices()
		.into_iter()
		.filter_map(|(subject, day, kind, to)| match subject {
			abs_primitives::NoticeSubject::Loan(id) => Some((id, day, kind, to)),
			_ => None,
		})
		.collect()
}

/// Move to `day` in a new block and run the hook once; returns its weight.
pub fn advance_to(day: DayNumber) -> frame_support::weights::Weight {
	abs_test_utils::set_today(day);
	System::set_block_number(System::block_number() + 1);
	Servicing::process_checkpoints(day)
}

fn storage() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> { balances: vec![(BANK, 1_000)], ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USD, BANK, true, 1)],
		accounts: vec![(USD, BORROWER, FUNDS), (USD, NOBODY, FUNDS)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage)
}

/// Externalities for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut ext = storage();
	ext.execute_with(|| {
		abs_test_utils::reset(TODAY);
		CURED.with(|c| c.borrow_mut().clear());
		System::set_block_number(1);
	});
	ext
}

/// Bureaus hold their role; the hook's cursor starts today; runs the invariants after the
/// test.
pub fn build_and_execute(test: impl FnOnce()) {
	storage().execute_with(|| {
		abs_test_utils::reset(TODAY);
		CURED.with(|c| c.borrow_mut().clear());
		System::set_block_number(1);
		Servicing::process_checkpoints(TODAY);
		grant(BUREAU, Role::CreditBureau);
		grant(BUREAU2, Role::CreditBureau);
		grant(BUREAU3, Role::CreditBureau);
		grant(SERVICER, Role::Servicer);
		grant(BANK, Role::Originator);
		test();
		Servicing::do_try_state().unwrap();
	});
}
