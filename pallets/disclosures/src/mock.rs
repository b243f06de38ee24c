//! A small runtime for the unit tests: System + Disclosures; roles and today from
//! `abs-test-utils`.

use crate as pallet_disclosures;
use abs_primitives::{DayNumber, EncryptionKey, Hash, Role};
use frame_support::{derive_impl, traits::ConstU32, BoundedVec};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Disclosures: pallet_disclosures,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_disclosures::Config for Test {
	type Roles = abs_test_utils::MockRoles;
	type Today = abs_test_utils::MockToday;
	type MaxReaders = ConstU32<4>;
	type MaxEnvelopeLen = ConstU32<128>;
	type MaxUriLen = ConstU32<64>;
	type MaxRegulators = ConstU32<4>;
	type Delegation = MockTiers;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockHelper {
	fn participant_with_key(who: &u64, k: EncryptionKey) {
		abs_test_utils::register(*who);
		set_key(*who, k);
	}
	fn make_regulator(who: &u64) {
		abs_test_utils::grant(*who, Role::Regulator);
	}
}

thread_local! {
	/// (who, loan, reader) triples [`MockTiers`] allows.
	pub static TIERS: core::cell::RefCell<Vec<(u64, u64, u64)>> =
		const { core::cell::RefCell::new(Vec::new()) };
}

/// Allows what [`allow_pass_on`] listed (for any record).
pub struct MockTiers;
impl abs_traits::ReadDelegation<u64> for MockTiers {
	fn may_pass_on(who: &u64, loan: u64, _record: u64, reader: &u64) -> bool {
		TIERS.with(|t| t.borrow().contains(&(*who, loan, *reader)))
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// Let `who` pass loan `loan`'s records on to `reader`.
pub fn allow_pass_on(who: u64, loan: u64, reader: u64) {
	TIERS.with(|t| t.borrow_mut().push((who, loan, reader)));
}

/// The mock's today.
pub const TODAY: DayNumber = 20_000;
pub const OWNER: u64 = 1;
pub const REGULATOR: u64 = 2;
pub const SERVICER: u64 = 3;
pub const INVESTOR: u64 = 4;
pub const NO_KEY: u64 = 5;
pub const OUTSIDER: u64 = 99;

pub fn key(n: u8) -> EncryptionKey {
	[n; 32]
}

pub use abs_test_utils::{freeze, set_key};

/// A registered participant holding the Regulator role.
pub fn add_regulator(who: u64) {
	abs_test_utils::grant(who, Role::Regulator);
	abs_test_utils::register(who);
}

/// An envelope's bytes (opaque to the chain).
pub fn sealed(n: u8) -> BoundedVec<u8, ConstU32<128>> {
	vec![n; 104].try_into().unwrap()
}

pub fn envelopes(readers: &[u64]) -> crate::EnvelopesOf<Test> {
	readers
		.iter()
		.map(|r| (*r, sealed(u8::try_from(*r).unwrap())))
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

pub fn h(n: u8) -> Hash {
	Hash::repeat_byte(n)
}

/// Owner, regulator, servicer, investor registered with keys; NO_KEY registered without one;
/// REGULATOR is the regulator. Runs the invariants after the test.
pub fn build_and_execute(test: impl FnOnce()) {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		abs_test_utils::reset(TODAY);
		for who in [OWNER, SERVICER, INVESTOR, NO_KEY] {
			abs_test_utils::register(who);
		}
		add_regulator(REGULATOR);
		for who in [OWNER, REGULATOR, SERVICER, INVESTOR] {
			set_key(who, key(u8::try_from(who).unwrap()));
		}
		System::set_block_number(1);
		test();
		Disclosures::do_try_state().unwrap();
	});
}

/// Create the standard record (owner + regulator envelopes) about `subject`; returns its id.
pub fn create(subject: crate::Subject) -> u64 {
	let id = crate::NextRecordId::<Test>::get();
	Disclosures::create_record(
		RuntimeOrigin::signed(OWNER),
		subject,
		crate::RecordKind::Identity,
		h(1),
		h(2),
		b"ipfs://cipher".to_vec().try_into().unwrap(),
		envelopes(&[OWNER, REGULATOR]),
	)
	.unwrap();
	id
}

/// Plain externalities for the benchmark tests (no participants scripted: benchmarks do it).
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		abs_test_utils::reset(TODAY);
		// Nobody is registered until the benchmarks register them.
		abs_test_utils::with(|w| w.registered = Some(Vec::new()));
		System::set_block_number(1);
	});
	ext
}
