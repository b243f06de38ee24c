//! A small runtime for the unit tests: System and Ratings, with scriptable roles, pools,
//! tranches, today and notices.

use crate as pallet_ratings;
use abs_primitives::{DayNumber, PoolId};
use frame_support::{derive_impl, traits::ConstU32};
use sp_runtime::BuildStorage;
use std::{cell::RefCell, collections::BTreeSet};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Ratings: pallet_ratings,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = frame_system::mocking::MockBlock<Test>;
}

thread_local! {
	static TRANCHES: RefCell<BTreeSet<(PoolId, u8)>> = const { RefCell::new(BTreeSet::new()) };
}

/// Pool 7 (sponsored by [`SPONSOR`]) with tranches 0–2.
pub struct MockPools;
impl abs_traits::PoolSponsor<u64> for MockPools {
	fn sponsor(pool: PoolId) -> Option<u64> {
		(pool == POOL).then_some(SPONSOR)
	}
}
impl abs_traits::TrancheInspect for MockPools {
	fn tranche_exists(pool: PoolId, tranche: u8) -> bool {
		TRANCHES.with(|t| t.borrow().contains(&(pool, tranche)))
	}
}

impl pallet_ratings::Config for Test {
	type Roles = abs_test_utils::MockRoles;
	type Today = abs_test_utils::MockToday;
	type Pools = MockPools;
	type Tranches = MockPools;
	type Notify = abs_test_utils::MockNotify;
	type MaxAgencies = ConstU32<2>;
	type MaxEffectiveAheadDays = ConstU32<30>;
	type MaxRulesPerPool = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockHelper {
	fn pool() -> (PoolId, u64) {
		TRANCHES.with(|t| t.borrow_mut().insert((POOL, 0)));
		(POOL, SPONSOR)
	}
	fn license(who: &u64) {
		abs_test_utils::register(*who);
		grant(*who, abs_primitives::Role::RatingAgency);
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
	});
	ext
}

/// 2027-01-01.
pub const TODAY: DayNumber = 20_819;
pub const POOL: PoolId = 7;
pub const SPONSOR: u64 = 1;
pub const AGENCY1: u64 = 21;
pub const AGENCY2: u64 = 22;
pub const AGENCY3: u64 = 23;
pub const NOBODY: u64 = 99;

pub use abs_test_utils::{freeze, grant, revoke, set_today};

/// Externalities at block 1 on [`TODAY`]: agencies 1–3 licensed, pool 7's tranches 0–2; the
/// pallet's invariants run after the test body.
pub fn build_and_execute(test: impl FnOnce()) {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		abs_test_utils::reset(TODAY);
		TRANCHES.with(|t| {
			let mut t = t.borrow_mut();
			t.clear();
			for k in 0..3 {
				t.insert((POOL, k));
			}
		});
		System::set_block_number(1);
		for a in [AGENCY1, AGENCY2, AGENCY3] {
			abs_test_utils::register(a);
			grant(a, abs_primitives::Role::RatingAgency);
		}
		test();
		Ratings::do_try_state().unwrap();
	});
}
