//! A small runtime for the unit tests: System + Disclosures, with a scriptable `RoleCheck`.

use crate as pallet_disclosures;
use abs_primitives::{DayNumber, EncryptionKey, Hash, Role, Scope};
use frame_support::{derive_impl, traits::ConstU32, BoundedVec};
use sp_runtime::BuildStorage;
use std::{cell::RefCell, collections::BTreeMap};

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

#[derive(Default)]
pub struct Participants {
	pub keys: BTreeMap<u64, EncryptionKey>,
	pub registered: Vec<u64>,
	pub frozen: Vec<u64>,
	pub regulators: Vec<u64>,
}

thread_local! {
	pub static PARTICIPANTS: RefCell<Participants> = RefCell::new(Participants::default());
}

/// Roles as the tests script them.
pub struct MockRoles;
impl abs_traits::RoleCheck<u64> for MockRoles {
	fn has_role(who: &u64, role: Role, _scope: Scope) -> bool {
		role == Role::Regulator && PARTICIPANTS.with(|p| p.borrow().regulators.contains(who))
	}
	fn is_frozen(who: &u64) -> bool {
		PARTICIPANTS.with(|p| p.borrow().frozen.contains(who))
	}
	fn is_registered(who: &u64) -> bool {
		PARTICIPANTS.with(|p| p.borrow().registered.contains(who))
	}
	fn encryption_key(who: &u64) -> Option<EncryptionKey> {
		PARTICIPANTS.with(|p| p.borrow().keys.get(who).copied())
	}
	fn holders(role: Role, max: u32) -> Vec<u64> {
		if role != Role::Regulator {
			return Vec::new();
		}
		PARTICIPANTS.with(|p| p.borrow().regulators.iter().take(max as usize).copied().collect())
	}
}

pub struct MockToday;
impl abs_traits::Today for MockToday {
	fn today() -> DayNumber {
		20_000
	}
}

impl pallet_disclosures::Config for Test {
	type Roles = MockRoles;
	type Today = MockToday;
	type MaxReaders = ConstU32<4>;
	type MaxEnvelopeLen = ConstU32<128>;
	type MaxUriLen = ConstU32<64>;
	type MaxRegulators = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockHelper {
	fn participant_with_key(who: &u64, k: EncryptionKey) {
		PARTICIPANTS.with(|p| p.borrow_mut().registered.push(*who));
		set_key(*who, k);
	}
	fn make_regulator(who: &u64) {
		PARTICIPANTS.with(|p| p.borrow_mut().regulators.push(*who));
	}
}

pub const OWNER: u64 = 1;
pub const REGULATOR: u64 = 2;
pub const SERVICER: u64 = 3;
pub const INVESTOR: u64 = 4;
pub const NO_KEY: u64 = 5;
pub const OUTSIDER: u64 = 99;

pub fn key(n: u8) -> EncryptionKey {
	[n; 32]
}

pub fn set_key(who: u64, k: EncryptionKey) {
	PARTICIPANTS.with(|p| p.borrow_mut().keys.insert(who, k));
}

pub fn freeze(who: u64) {
	PARTICIPANTS.with(|p| p.borrow_mut().frozen.push(who));
}

pub fn add_regulator(who: u64) {
	PARTICIPANTS.with(|p| {
		let mut p = p.borrow_mut();
		p.regulators.push(who);
		p.registered.push(who);
	});
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
		PARTICIPANTS.with(|p| *p.borrow_mut() = Participants::default());
		for who in [OWNER, SERVICER, INVESTOR, NO_KEY] {
			PARTICIPANTS.with(|p| p.borrow_mut().registered.push(who));
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
		PARTICIPANTS.with(|p| *p.borrow_mut() = Participants::default());
		System::set_block_number(1);
	});
	ext
}
