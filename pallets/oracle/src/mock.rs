//! A small runtime for the unit tests: System and Oracle, with scriptable roles, loans,
//! tranches and today.

use crate as pallet_oracle;
use abs_primitives::{Collateral, CollateralKind, DayNumber, LoanId, LoanStatus, PoolId};
use abs_traits::LoanSummary;
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, Perbill};
use std::{cell::RefCell, collections::BTreeSet};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Oracle: pallet_oracle,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = frame_system::mocking::MockBlock<Test>;
}

thread_local! {
	static TRANCHES: RefCell<BTreeSet<(PoolId, u8)>> = const { RefCell::new(BTreeSet::new()) };
}

/// Tranches that exist: those added with [`add_tranche`].
pub struct MockTranches;
impl abs_traits::TrancheInspect for MockTranches {
	fn tranche_exists(pool: PoolId, tranche: u8) -> bool {
		TRANCHES.with(|t| t.borrow().contains(&(pool, tranche)))
	}
}

pub fn add_tranche(pool: PoolId, tranche: u8) {
	TRANCHES.with(|t| t.borrow_mut().insert((pool, tranche)));
}

thread_local! {
	static HEARD: RefCell<Vec<(abs_primitives::OracleKey, u128)>> = const { RefCell::new(Vec::new()) };
}

/// Records what it is told ([`heard`]).
pub struct MockListener;
impl abs_traits::OnOracleValue for MockListener {
	fn on_fresh(key: abs_primitives::OracleKey, value: u128) -> sp_runtime::DispatchResult {
		HEARD.with(|h| h.borrow_mut().push((key, value)));
		Ok(())
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// The fresh answers the listener was told of since the last call.
pub fn heard() -> Vec<(abs_primitives::OracleKey, u128)> {
	HEARD.with(|h| core::mem::take(&mut *h.borrow_mut()))
}

parameter_types! {
	pub const MaxDispersion: Perbill = Perbill::from_percent(20);
}

impl pallet_oracle::Config for Test {
	type Roles = abs_test_utils::MockRoles;
	type Today = abs_test_utils::MockToday;
	type Loans = abs_test_utils::MockLoans;
	type Tranches = MockTranches;
	type OnFresh = MockListener;
	type GovernanceOrigin = EnsureRoot<u64>;
	type MaxFeeders = ConstU32<5>;
	type MaxDispersion = MaxDispersion;
	type MaxDeviations = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockHelper {
	fn license(who: &u64) {
		abs_test_utils::register(*who);
		grant(*who, abs_primitives::Role::OracleFeeder);
	}
	fn collateral_loan() -> LoanId {
		CAR
	}
}

/// Fresh externalities for the benchmarks' test suite.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		abs_test_utils::reset(TODAY);
		System::set_block_number(1);
		add_loan(CAR, CollateralKind::Vehicle);
	});
	ext
}

/// 2027-01-01.
pub const TODAY: DayNumber = 20_819;
pub const F1: u64 = 11;
pub const F2: u64 = 12;
pub const F3: u64 = 13;
pub const F4: u64 = 14;
pub const NOBODY: u64 = 99;
/// Loan 1 (a vehicle) and loan 2 (real estate).
pub const CAR: LoanId = 1;
pub const HOUSE: LoanId = 2;

pub use abs_test_utils::{freeze, grant, revoke, set_today};

fn add_loan(id: LoanId, kind: CollateralKind) {
	use abs_finance::{Amortization, CalendarDate, DayCount, LateFee, Terms};
	let terms = abs_primitives::ServicingTerms {
		schedule: Terms {
			principal: 1_000,
			annual_rate: 0,
			periods: 1,
			amortization: Amortization::Bullet,
			day_count: DayCount::Thirty360,
			first_due: CalendarDate::from_day_number(TODAY + 30),
		},
		grace_days: 0,
		late_fee: LateFee::Fixed(0),
		default_threshold_days: 90,
		servicing_fee_bps: 0,
	};
	abs_test_utils::add_loan(
		id,
		LoanSummary {
			originator: 1,
			owner: 1,
			borrower: 2,
			servicer: 3,
			status: LoanStatus::Active,
			principal: 1_000,
			asset: 1,
			terms,
			activated_on: Some(TODAY - 30),
			collateral: Collateral {
				kind,
				identifier_hash: Default::default(),
				appraised_value: 2_000,
				appraisal_day: TODAY - 30,
			},
			underwriting: abs_test_utils::prime_underwriting(),
			records: Vec::new(),
			owner_agent: None,
		},
	);
}

/// Externalities at block 1 on [`TODAY`]: feeders F1–F4 licensed, loans [`CAR`] and
/// [`HOUSE`], tranche 0 of pool 7; the pallet's invariants run after the test body.
pub fn build_and_execute(test: impl FnOnce()) {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		abs_test_utils::reset(TODAY);
		TRANCHES.with(|t| t.borrow_mut().clear());
		heard();
		System::set_block_number(1);
		for f in [F1, F2, F3, F4] {
			abs_test_utils::register(f);
			grant(f, abs_primitives::Role::OracleFeeder);
		}
		add_loan(CAR, CollateralKind::Vehicle);
		add_loan(HOUSE, CollateralKind::RealEstate);
		add_tranche(7, 0);
		test();
		Oracle::do_try_state().unwrap();
	});
}
