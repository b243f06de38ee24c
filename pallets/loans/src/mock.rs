//! A small runtime for the unit tests: System, Balances, Assets (the stablecoin) and Loans,
//! with scriptable roles, records, today and time.

use crate as pallet_loans;
use crate::LoanTerms;
use abs_finance::{Amortization, CalendarDate, DayCount, LateFee};
use abs_primitives::{
	Collateral, CollateralKind, CreditAssessment, DayNumber, Hash, RecordId, Role, Subject,
	Underwriting,
};
use frame_support::{derive_impl, parameter_types, traits::ConstU32, PalletId};
use sp_runtime::BuildStorage;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Loans: pallet_loans,
	}
);

abs_test_utils::stablecoin_mock_configs!(Test);

parameter_types! {
	pub static Now: u64 = 1_000_000;
	/// The proposal deposit (0 unless a test sets it, so balances elsewhere stay simple).
	pub static Deposit: u128 = 0;
	pub const LoansPalletId: PalletId = PalletId(*b"abs/loan");
	pub const Stablecoin: u32 = USD;
}

pub struct MockTime;
impl frame_support::traits::Time for MockTime {
	type Moment = u64;
	fn now() -> u64 {
		Now::get()
	}
}

impl pallet_loans::Config for Test {
	type Assets = Assets;
	type StablecoinId = Stablecoin;
	type PalletId = LoansPalletId;
	type Roles = abs_test_utils::MockRoles;
	type Records = abs_test_utils::MockRecords;
	type Today = abs_test_utils::MockToday;
	type OnActivated = ();
	type Encumbrance = abs_test_utils::MockEncumbrance;
	type Time = MockTime;
	type MaxRecords = ConstU32<4>;
	type MaxProposalDays = ConstU32<30>;
	type MaxExpiriesPerDay = ConstU32<3>;
	type MaxExpiriesPerBlock = ConstU32<2>;
	type MaxDaysPerBlock = ConstU32<5>;
	type MaxOpenProposalsPerOriginator = ConstU32<4>;
	type ProposalDeposit = Deposit;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockHelper {
	fn grant(who: &u64, role: Role) {
		grant(*who, role);
	}
	fn fund(who: &u64, amount: u128) {
		use frame_support::traits::fungibles::Mutate;
		Assets::mint_into(USD, who, amount).unwrap();
	}
	fn record(_owner: &u64, subject: Subject) -> RecordId {
		let id = abs_test_utils::with(|w| w.records.len() as u64 + 100);
		add_record(id, subject);
		id
	}
}

/// Externalities with the stablecoin and nobody else, for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_assets::GenesisConfig::<Test> { assets: vec![(USD, 0, true, 1)], ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		abs_test_utils::reset(TODAY);
		System::set_block_number(1);
	});
	ext
}

/// 2027-01-01 is day 20,819.
pub const TODAY: DayNumber = 20_819;
pub const USD: u32 = 1;
pub const OTHER_ASSET: u32 = 2;
pub const BANK: u64 = 1;
pub const BORROWER: u64 = 2;
pub const SERVICER: u64 = 3;
pub const BANK2: u64 = 4;
pub const NOBODY: u64 = 9;
pub const COMMITMENT: Hash = Hash::repeat_byte(0xc0);
/// The bank's stablecoin at genesis: 1,000,000.000000.
pub const BANK_FUNDS: u128 = 1_000_000_000_000;
/// 100,000.000000.
pub const PRINCIPAL: u128 = 100_000_000_000;

pub use abs_test_utils::{freeze, grant, revoke};

/// A confidential record about `subject`.
pub fn add_record(id: RecordId, subject: Subject) {
	abs_test_utils::add_record(id, subject, abs_primitives::RecordKind::Other);
}

/// 100,000 at 6 % over 360 months, first due 2027-02-01.
pub fn terms() -> LoanTerms {
	LoanTerms {
		principal: PRINCIPAL,
		asset: USD,
		annual_rate: 60_000_000_000_000_000,
		periods: 360,
		amortization: Amortization::LevelAnnuity,
		day_count: DayCount::Thirty360,
		first_due: CalendarDate::new(2027, 2, 1).unwrap(),
		grace_days: 10,
		late_fee: LateFee::Fixed(25_000_000),
		default_threshold_days: 90,
		servicing_fee_bps: 25,
	}
}

pub fn collateral() -> Collateral {
	Collateral {
		kind: CollateralKind::RealEstate,
		identifier_hash: Hash::repeat_byte(7),
		appraised_value: 150_000_000_000,
		appraisal_day: TODAY - 10,
	}
}

pub fn underwriting() -> Underwriting {
	Underwriting {
		credit: CreditAssessment::Score(abs_primitives::ScoreBand::From720To779),
		dti: abs_primitives::DtiBand::From30To36,
		income_verified: true,
	}
}

/// Propose with the standard inputs, varying the terms.
pub fn propose_with(who: u64, t: LoanTerms) -> frame_support::dispatch::DispatchResult {
	Loans::propose(
		RuntimeOrigin::signed(who),
		BORROWER,
		COMMITMENT,
		t,
		collateral(),
		underwriting(),
		vec![10, 11].try_into().unwrap(),
		None,
		7,
	)
}

pub fn usd(who: u64) -> u128 {
	<Assets as frame_support::traits::fungibles::Inspect<u64>>::balance(USD, &who)
}

/// The bank is a licensed originator with stablecoin, the borrower KYC'd, records 10 and 11
/// about the borrower's commitment; runs the invariants after the test.
pub fn build_and_execute(test: impl FnOnce()) {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(BANK, 1_000), (BANK2, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USD, BANK, true, 1), (OTHER_ASSET, BANK, true, 1)],
		accounts: vec![(USD, BANK, BANK_FUNDS), (USD, BANK2, 10), (OTHER_ASSET, BANK, BANK_FUNDS)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		abs_test_utils::reset(TODAY);
		Deposit::set(0);
		System::set_block_number(1);
		Loans::process_expiries(TODAY);
		grant(BANK, Role::Originator);
		grant(BANK2, Role::Originator);
		grant(BORROWER, Role::Borrower);
		grant(SERVICER, Role::Servicer);
		add_record(10, Subject::Commitment(COMMITMENT));
		add_record(11, Subject::Commitment(COMMITMENT));
		add_record(12, Subject::Commitment(Hash::repeat_byte(1)));
		test();
		Loans::do_try_state().unwrap();
	});
}

/// Move to `day` and run the expiry hook once (a new block).
pub fn advance_to(day: DayNumber) {
	abs_test_utils::set_today(day);
	System::set_block_number(System::block_number().saturating_add(1));
	Loans::process_expiries(day);
}
