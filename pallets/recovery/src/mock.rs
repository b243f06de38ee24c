//! A small runtime for the unit tests: System, Balances, Assets (the stablecoin) and
//! Recovery, with scriptable loans, servicing, roles and today.

use crate as pallet_recovery;
use abs_finance::{Amortization, CalendarDate, DayCount, LateFee, Terms};
use abs_primitives::{
	Collateral, CollateralKind, DayNumber, DefaultInfo, LoanId, LoanStatus, RecoveryNotice, Role,
	ServicingTerms,
};
use abs_traits::LoanSummary;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, DispatchError, Perbill};
use std::{cell::RefCell, collections::BTreeMap};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Recovery: pallet_recovery,
	}
);

abs_test_utils::stablecoin_mock_configs!(Test);

/// What only recovery's tests script: defaults and closings reported by servicing.
#[derive(Default)]
pub struct World {
	pub defaults: BTreeMap<LoanId, DefaultInfo>,
	pub closed: Vec<LoanId>,
}

thread_local! {
	pub static WORLD: RefCell<World> = RefCell::new(World::default());
}

parameter_types! {
	pub const RecoveryPalletId: PalletId = PalletId(*b"abs/recv");
	pub const Stablecoin: u32 = USD;
	pub const ReserveRatio: Perbill = Perbill::from_percent(70);
	pub const RelistRatio: Perbill = Perbill::from_percent(80);
	pub const BidIncrement: Perbill = Perbill::from_percent(1);
	pub const CostCap: Perbill = Perbill::from_percent(10);
}

pub use abs_test_utils::MockLoans;

pub struct MockServicing;
impl abs_traits::DefaultedLoans<u64> for MockServicing {
	fn defaulted(id: LoanId) -> Option<DefaultInfo> {
		WORLD.with(|w| w.borrow().defaults.get(&id).copied())
	}
	fn close_after_recovery(id: LoanId) -> Result<(), DispatchError> {
		WORLD.with(|w| w.borrow_mut().closed.push(id));
		Ok(())
	}
}

thread_local! {
	static ORACLE: RefCell<BTreeMap<LoanId, abs_primitives::OracleAnswer>> = const { RefCell::new(BTreeMap::new()) };
}

/// The oracle's answers as scripted with [`set_oracle`] (`Unconfigured` otherwise).
pub struct MockOracle;
impl abs_traits::ValuationOracle for MockOracle {
	fn collateral_value(loan: LoanId) -> abs_primitives::OracleAnswer {
		ORACLE.with(|o| {
			o.borrow().get(&loan).copied().unwrap_or(abs_primitives::OracleAnswer::Unconfigured)
		})
	}
	fn tranche_price(_: abs_primitives::PoolId, _: u8) -> abs_primitives::OracleAnswer {
		abs_primitives::OracleAnswer::Unconfigured
	}
	fn read_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// What the oracle answers for loan `loan`'s collateral.
pub fn set_oracle(loan: LoanId, answer: abs_primitives::OracleAnswer) {
	ORACLE.with(|o| o.borrow_mut().insert(loan, answer));
}

/// Record `id` of `kind` about loan `loan_id`.
pub fn add_record(id: abs_primitives::RecordId, loan_id: LoanId, kind: abs_primitives::RecordKind) {
	abs_test_utils::add_record(id, abs_primitives::Subject::Loan(loan_id), kind);
}

impl pallet_recovery::Config for Test {
	type Assets = Assets;
	type StablecoinId = Stablecoin;
	type PalletId = RecoveryPalletId;
	type Loans = MockLoans;
	type Lifecycle = MockLoans;
	type Servicing = MockServicing;
	type Notify = abs_test_utils::MockNotify;
	type Observer = abs_test_utils::MockObserver;
	type Roles = abs_test_utils::MockRoles;
	type Records = abs_test_utils::MockRecords;
	type Today = abs_test_utils::MockToday;
	type Oracle = MockOracle;
	type ReserveRatio = ReserveRatio;
	type RelistRatio = RelistRatio;
	type MaxAppraisalAge = ConstU32<180>;
	type MinBid = ConstU128<1_000_000>;
	type BidIncrement = BidIncrement;
	type CostCap = CostCap;
	type MaxClaims = ConstU32<3>;
	type MaxSettlementsPerBlock = ConstU32<2>;
	type MaxSettlementBlocksPerBlock = ConstU32<64>;
	type MaxAckDaysPerBlock = ConstU32<32>;
	type ParamsOrigin = EnsureRoot<u64>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockHelper {
	fn defaulted_loan() -> (LoanId, u64) {
		let id = abs_test_utils::with(|w| w.loans.len() as LoanId);
		defaulted(id, APPRAISED, TODAY - 10);
		grant(SERVICER, Role::Servicer);
		(id, SERVICER)
	}
	fn grant(who: &u64, role: Role) {
		grant(*who, role);
	}
	fn fund(who: &u64, amount: u128) {
		use frame_support::traits::fungibles::Mutate;
		Assets::mint_into(USD, who, amount).unwrap();
	}
	fn appraisal_record(_owner: &u64, loan_id: LoanId) -> abs_primitives::RecordId {
		add_record(77, loan_id, abs_primitives::RecordKind::Appraisal);
		77
	}
}

/// 2027-01-01.
pub const TODAY: DayNumber = 20_819;
pub const USD: u32 = 1;
pub const OWNER: u64 = 1;
pub const BORROWER: u64 = 2;
pub const SERVICER: u64 = 3;
pub const AGENT: u64 = 4;
pub const INV1: u64 = 5;
pub const INV2: u64 = 6;
pub const NOBODY: u64 = 9;
/// Appraised 1,000 USDA; debt 900 USDA, of which 20 USDA are the servicer's fees.
pub const APPRAISED: u128 = 1_000_000_000;
pub const DEBT: u128 = 900_000_000;
pub const SERVICER_FEES: u128 = 20_000_000;
/// Each investor's stablecoin.
pub const FUNDS: u128 = 5_000_000_000;
/// Auction timing of the tests: 10 blocks, +3 for a late bid, at most 6 past the end, 5 days
/// to acknowledge.
pub const PARAMS: crate::AuctionParams = crate::AuctionParams {
	duration_blocks: 10,
	extension_blocks: 3,
	max_extension_blocks: 6,
	ack_timeout_days: 5,
};

pub use abs_test_utils::{freeze, grant, revoke};

/// Loan `id`: defaulted yesterday with [`DEBT`], collateral appraised `value` on `day`.
pub fn defaulted(id: LoanId, value: u128, day: DayNumber) {
	let terms = ServicingTerms {
		schedule: Terms {
			principal: DEBT,
			annual_rate: 0,
			periods: 1,
			amortization: Amortization::Bullet,
			day_count: DayCount::Thirty360,
			first_due: CalendarDate::from_day_number(TODAY - 100),
		},
		grace_days: 0,
		late_fee: LateFee::Fixed(0),
		default_threshold_days: 90,
		servicing_fee_bps: 0,
	};
	abs_test_utils::add_loan(
		id,
		LoanSummary {
			originator: OWNER,
			owner: OWNER,
			borrower: BORROWER,
			servicer: SERVICER,
			status: LoanStatus::Defaulted,
			principal: DEBT,
			asset: USD,
			terms,
			activated_on: Some(TODAY - 200),
			collateral: Collateral {
				kind: CollateralKind::Vehicle,
				identifier_hash: Default::default(),
				appraised_value: value,
				appraisal_day: day,
			},
			underwriting: abs_test_utils::prime_underwriting(),
			records: Vec::new(),
			owner_agent: None,
		},
	);
	WORLD.with(|w| {
		w.borrow_mut()
			.defaults
			.insert(id, DefaultInfo { day: TODAY - 1, debt: DEBT, servicer_fees: SERVICER_FEES })
	});
}

pub fn status(id: LoanId) -> LoanStatus {
	abs_test_utils::with(|w| w.loans[&id].status)
}

/// The recovery notices told since the last call: (loan, notice).
pub fn notices() -> Vec<(LoanId, RecoveryNotice)> {
	abs_test_utils::take_notices()
		.into_iter()
		.filter_map(|(subject, _, kind, _)| match (subject, kind) {
			(abs_primitives::NoticeSubject::Loan(id), abs_primitives::NoticeKind::Recovery(n)) => {
				Some((id, n))
			}
			_ => None,
		})
		.collect()
}

pub fn usd(who: u64) -> u128 {
	<Assets as frame_support::traits::fungibles::Inspect<u64>>::balance(USD, &who)
}

/// Run block `n`'s hook (a new block).
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Recovery::process_settlements(next as u32);
		Recovery::process_ack_deadlines(abs_test_utils::today());
	}
}

fn storage() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> { balances: vec![(OWNER, 1_000)], ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USD, OWNER, true, 1)],
		accounts: vec![(USD, INV1, FUNDS), (USD, INV2, FUNDS), (USD, BORROWER, FUNDS)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_recovery::GenesisConfig::<Test> { params: Some(PARAMS), ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	sp_io::TestExternalities::new(storage)
}

/// Externalities for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut ext = storage();
	ext.execute_with(|| {
		WORLD.with(|w| *w.borrow_mut() = World::default());
		ORACLE.with(|o| o.borrow_mut().clear());
		abs_test_utils::reset(TODAY);
		System::set_block_number(1);
	});
	ext
}

/// Loan 0 defaulted (appraised 10 days ago); roles: servicer, agent, two investors; the
/// hooks' cursors start at block 1 / today; runs the invariants after the test.
pub fn build_and_execute(test: impl FnOnce()) {
	storage().execute_with(|| {
		WORLD.with(|w| *w.borrow_mut() = World::default());
		abs_test_utils::reset(TODAY);
		System::set_block_number(1);
		Recovery::process_settlements(1);
		Recovery::process_ack_deadlines(TODAY);
		grant(SERVICER, Role::Servicer);
		grant(AGENT, Role::CollateralAgent);
		grant(INV1, Role::Investor);
		grant(INV2, Role::Investor);
		grant(BORROWER, Role::Investor);
		defaulted(0, APPRAISED, TODAY - 10);
		test();
		Recovery::do_try_state().unwrap();
	});
}
