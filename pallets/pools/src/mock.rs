//! A small runtime for the unit tests: System and Pools, with scriptable roles, loans, book
//! positions and today (`abs-test-utils`).

use crate as pallet_pools;
use crate::types::*;
use abs_finance::{Amortization, CalendarDate, DayCount, LateFee, Terms};
use abs_primitives::{
	Collateral, CollateralKind, DayNumber, LoanId, LoanStatus, Role, ServicingTerms,
};
use abs_traits::{LoanPosition, LoanSummary};
use frame_support::{derive_impl, parameter_types, traits::ConstU32, BoundedVec, PalletId};
use sp_runtime::{BuildStorage, Perbill, Perquintill};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Pools: pallet_pools,
		TrancheAssets: pallet_assets::<Instance2>,
	}
);

abs_test_utils::stablecoin_mock_configs!(Test);

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config<pallet_assets::Instance2> for Test {
	type Balance = u128;
	type Currency = Balances;
	type CreateOrigin =
		frame_support::traits::AsEnsureOriginWithArg<frame_support::traits::NeverEnsureOrigin<u64>>;
	type ForceOrigin = frame_support::traits::NeverEnsureOrigin<()>;
	type Freezer = ();
	type AssetDeposit = frame_support::traits::ConstU128<0>;
	type AssetAccountDeposit = frame_support::traits::ConstU128<0>;
	type MetadataDepositBase = frame_support::traits::ConstU128<0>;
	type MetadataDepositPerByte = frame_support::traits::ConstU128<0>;
	type ApprovalDeposit = frame_support::traits::ConstU128<0>;
}

parameter_types! {
	pub const PoolsPalletId: PalletId = PalletId(*b"abs/pool");
	pub const Stablecoin: u32 = USD;
	/// Most loans per pool (5 unless a test sets it).
	pub static MaxLoans: u32 = 5;
}

impl pallet_pools::Config for Test {
	type Assets = Assets;
	type Roles = abs_test_utils::MockRoles;
	type TrancheTokens = TrancheAssets;
	type Loans = abs_test_utils::MockLoans;
	type Lifecycle = abs_test_utils::MockLoans;
	type Servicing = abs_test_utils::MockServicing;
	type Records = abs_test_utils::MockRecords;
	type MaxRecordsPerLoan = ConstU32<4>;
	type Today = abs_test_utils::MockToday;
	type Notify = abs_test_utils::MockNotify;
	type Monitor = RecordingMonitor;
	type StablecoinId = Stablecoin;
	type PalletId = PoolsPalletId;
	type MaxLoansPerPool = MaxLoans;
	type MaxOfferingDays = ConstU32<90>;
	type MaxSweepPerBlock = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

thread_local! {
	/// What the pallet told the monitors: (pool, metrics), in order.
	pub static MONITORED: core::cell::RefCell<Vec<(u32, abs_primitives::PoolMetrics)>> =
		const { core::cell::RefCell::new(Vec::new()) };
	/// The pools the monitors were told had ended.
	pub static ENDED: core::cell::RefCell<Vec<u32>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// Records what the monitors are told.
pub struct RecordingMonitor;
impl abs_traits::PoolMonitor for RecordingMonitor {
	fn on_change(pool: u32, m: &abs_primitives::PoolMetrics) -> frame_support::weights::Weight {
		MONITORED.with(|v| v.borrow_mut().push((pool, *m)));
		frame_support::weights::Weight::zero()
	}
	fn on_period_close(
		pool: u32,
		m: &abs_primitives::PoolMetrics,
	) -> frame_support::weights::Weight {
		MONITORED.with(|v| v.borrow_mut().push((pool, *m)));
		frame_support::weights::Weight::zero()
	}
	fn on_pool_ended(pool: u32) -> frame_support::weights::Weight {
		ENDED.with(|v| v.borrow_mut().push(pool));
		frame_support::weights::Weight::zero()
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// The metrics the monitors were told since the last call.
pub fn take_monitored() -> Vec<(u32, abs_primitives::PoolMetrics)> {
	MONITORED.with(|v| core::mem::take(&mut *v.borrow_mut()))
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockHelper {
	fn grant(who: &u64, role: Role) {
		abs_test_utils::grant(*who, role);
	}
	fn fund(who: &u64, amount: u128) {
		use frame_support::traits::fungibles::Mutate;
		Assets::mint_into(USD, who, amount).unwrap();
	}
	fn active_loan(owner: &u64, servicer: &u64) -> LoanId {
		let id = abs_test_utils::with(|w| w.loans.len() as LoanId);
		add_loan(id, *owner, *servicer);
		id
	}
	fn set_today(day: DayNumber) {
		abs_test_utils::set_today(day);
	}
}

/// 2027-01-01 is day 20,819.
pub const TODAY: DayNumber = 20_819;
pub const USD: u32 = 1;
pub const SPONSOR: u64 = 1;
pub const TRUSTEE: u64 = 2;
pub const SERVICER: u64 = 3;
pub const BANK: u64 = 4;
pub const BANK2: u64 = 5;
pub const BORROWER: u64 = 6;
pub const INVESTOR: u64 = 7;
pub const INVESTOR2: u64 = 8;
pub const NOBODY: u64 = 9;
/// Each investor's and the sponsor's stablecoin at genesis: 1,000,000.000000.
pub const FUNDS: u128 = 1_000_000_000_000;
/// 6 % a year in parts per 10¹⁸.
pub const SIX_PERCENT: u64 = 60_000_000_000_000_000;

pub use abs_test_utils::{freeze, grant};

/// The servicing terms of a 100,000.000000 loan at 6 % over 60 months.
pub fn servicing_terms() -> ServicingTerms {
	ServicingTerms {
		schedule: Terms {
			principal: 100_000_000_000,
			annual_rate: SIX_PERCENT,
			periods: 60,
			amortization: Amortization::LevelAnnuity,
			day_count: DayCount::Thirty360,
			first_due: CalendarDate::new(2027, 2, 1).unwrap(),
		},
		grace_days: 10,
		late_fee: LateFee::Fixed(25_000_000),
		default_threshold_days: 90,
		servicing_fee_bps: 25,
	}
}

/// An Active, current loan `id` owned by `owner`, serviced by `servicer`: 95,000 outstanding,
/// 55 installments left, a vehicle, a prime borrower.
pub fn add_loan(id: LoanId, owner: u64, servicer: u64) {
	abs_test_utils::add_loan(
		id,
		LoanSummary {
			originator: owner,
			owner,
			borrower: BORROWER,
			servicer,
			status: LoanStatus::Active,
			principal: 100_000_000_000,
			asset: USD,
			terms: servicing_terms(),
			activated_on: Some(TODAY - 150),
			collateral: Collateral {
				kind: CollateralKind::Vehicle,
				identifier_hash: Default::default(),
				appraised_value: 120_000_000_000,
				appraisal_day: TODAY - 150,
			},
			underwriting: abs_test_utils::prime_underwriting(),
			records: Vec::new(),
			owner_agent: None,
		},
	);
	abs_test_utils::set_position(
		id,
		LoanPosition {
			outstanding_principal: 95_000_000_000,
			days_past_due: 0,
			remaining_installments: 55,
			installment: INSTALLMENT,
			maturity: MATURITY,
			interest_owed: 475_000_000,
		},
	);
}

/// The level payment of [`servicing_terms`]: 100,000 × 0.5 % ÷ (1 − 1.005⁻⁶⁰), half up.
pub const INSTALLMENT: u128 = 1_933_280_153;
/// The last due day of [`servicing_terms`]: 2032-01-01.
pub const MATURITY: DayNumber = 22_645;

/// Criteria every [`add_loan`] loan meets.
pub fn eligibility() -> Eligibility {
	Eligibility {
		min_remaining_installments: 12,
		max_remaining_installments: 360,
		min_rate: SIX_PERCENT / 2,
		max_rate: SIX_PERCENT * 2,
		max_principal: 500_000_000_000,
		collateral_kinds: BoundedVec::truncate_from(vec![
			CollateralKind::Vehicle,
			CollateralKind::Equipment,
		]),
		min_score_band: Some(abs_primitives::ScoreBand::From660To719),
		max_dti_band: Some(abs_primitives::DtiBand::From36To43),
		max_originator_share: Perbill::from_percent(60),
	}
}

/// A three-tranche pool: senior 80,000 at 4 %, mezzanine 15,000 at 7 %, residual 5,000.
pub fn spec() -> PoolSpec<u64> {
	PoolSpec {
		asset: USD,
		trustee: TRUSTEE,
		servicer: SERVICER,
		cut_off: TODAY + 30,
		offering_opens: TODAY + 1,
		offering_closes: TODAY + 30,
		payment_day: 25,
		clean_up: Perbill::from_percent(10),
		eligibility: eligibility(),
		trustee_fee_bps: 5,
		price: Perquintill::one(),
		sponsor_deposit: 0,
		tranches: BoundedVec::truncate_from(vec![
			TrancheSpec {
				face: 80_000_000_000,
				coupon: Some(SIX_PERCENT * 2 / 3),
				final_maturity: TODAY + 2_000,
			},
			TrancheSpec {
				face: 15_000_000_000,
				coupon: Some(SIX_PERCENT * 7 / 6),
				final_maturity: TODAY + 2_100,
			},
			TrancheSpec { face: 5_000_000_000, coupon: None, final_maturity: TODAY + 2_100 },
		]),
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USD, NOBODY, true, 1)],
		accounts: vec![(USD, INVESTOR, FUNDS), (USD, INVESTOR2, FUNDS), (USD, SPONSOR, FUNDS)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		abs_test_utils::reset(TODAY);
		// The benchmarks fill batches of 100; the unit tests reach the limit at 5.
		MaxLoans::set(10_000);
		System::set_block_number(1);
	});
	ext
}

/// Run `test` with the sponsor, trustee, servicer and two banks licensed; check the
/// invariants after.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		MaxLoans::set(5);
		grant(SPONSOR, Role::Sponsor);
		grant(TRUSTEE, Role::Trustee);
		grant(SERVICER, Role::Servicer);
		grant(BANK, Role::Originator);
		grant(BANK2, Role::Originator);
		grant(INVESTOR, Role::Investor);
		grant(INVESTOR2, Role::Investor);
		test();
		Pools::do_try_state().unwrap();
	});
}
