//! A small runtime for the unit tests: System + Roles, a settable today, Root as governance.

use crate as pallet_roles;
use abs_primitives::{DayNumber, Hash};
use frame_support::{derive_impl, traits::ConstU32};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Roles: pallet_roles,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_roles::Config for Test {
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	type Today = abs_test_utils::MockToday;
	type MaxRolesPerParticipant = ConstU32<4>;
	type MaxRegulators = ConstU32<3>;
	type MaxExpiriesPerDay = ConstU32<3>;
	type MaxExpiriesPerBlock = ConstU32<2>;
	type MaxDaysPerBlock = ConstU32<5>;
	type FrozenMaySign = FrozenMaySign;
	type Pauser = MockPauser;
	type WeightInfo = ();
}

/// In the mock, a frozen participant may still sign `System::remark_with_event` (standing in
/// for the runtime's council and membership calls).
pub struct FrozenMaySign;
impl frame_support::traits::Contains<RuntimeCall> for FrozenMaySign {
	fn contains(c: &RuntimeCall) -> bool {
		matches!(c, RuntimeCall::System(frame_system::Call::remark_with_event { .. }))
	}
}

thread_local! {
	/// Paused (pallet, call) names of the mock pauser.
	pub static PAUSED: core::cell::RefCell<Vec<(Vec<u8>, Vec<u8>)>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// A pauser over a fixed runtime: pallet `Loans` has calls `propose` and `accept`, pallet
/// `Servicing` has `pay` (never pausable) and `restructure`.
pub struct MockPauser;
impl MockPauser {
	fn calls(pallet: &[u8]) -> Option<&'static [(&'static [u8], bool)]> {
		match pallet {
			b"Loans" => Some(&[(b"propose", true), (b"accept", true)]),
			b"Servicing" => Some(&[(b"pay", false), (b"restructure", true)]),
			_ => None,
		}
	}
}
impl abs_traits::CallPauser for MockPauser {
	fn pause(pallet: &[u8], call: Option<&[u8]>) -> Result<u32, abs_traits::PauseError> {
		use abs_traits::PauseError as E;
		let calls = Self::calls(pallet).ok_or(E::UnknownPallet)?;
		let chosen: Vec<_> = match call {
			Some(c) => {
				let (_, ok) = calls.iter().find(|(n, _)| *n == c).ok_or(E::UnknownCall)?;
				if !ok {
					return Err(E::NotPausable);
				}
				vec![c.to_vec()]
			}
			None => calls.iter().filter(|(_, ok)| *ok).map(|(n, _)| n.to_vec()).collect(),
		};
		PAUSED.with(|p| {
			let mut p = p.borrow_mut();
			let new: Vec<_> =
				chosen.into_iter().filter(|c| !p.contains(&(pallet.to_vec(), c.clone()))).collect();
			if new.is_empty() {
				return Err(E::AlreadyPaused);
			}
			let n = new.len() as u32;
			p.extend(new.into_iter().map(|c| (pallet.to_vec(), c)));
			Ok(n)
		})
	}
	fn resume(pallet: &[u8], call: Option<&[u8]>) -> Result<u32, abs_traits::PauseError> {
		use abs_traits::PauseError as E;
		let calls = Self::calls(pallet).ok_or(E::UnknownPallet)?;
		if let Some(c) = call {
			calls.iter().find(|(n, _)| *n == c).ok_or(E::UnknownCall)?;
		}
		PAUSED.with(|p| {
			let mut p = p.borrow_mut();
			let before = p.len();
			p.retain(|(pl, c)| !(pl == pallet && call.is_none_or(|x| x == c.as_slice())));
			let n = before.saturating_sub(p.len()) as u32;
			if n == 0 {
				Err(E::NotPaused)
			} else {
				Ok(n)
			}
		})
	}
	fn max_calls_per_pallet() -> u32 {
		2
	}
	fn benchmark_pallet() -> &'static [u8] {
		b"Loans"
	}
}

/// The first day of every test.
pub const START: DayNumber = 20_000;
/// Accounts of the tests.
pub const KYC: u64 = 10;
pub const REGULATOR: u64 = 11;
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const NOBODY: u64 = 99;

/// A recognisable hash.
pub fn h(n: u8) -> Hash {
	Hash::repeat_byte(n)
}

/// Externalities with a KYC provider and a regulator registered and licensed, Alice and Bob
/// registered without roles; runs the pallet's invariants after the test.
pub fn build_and_execute(test: impl FnOnce()) {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		PAUSED.with(|p| p.borrow_mut().clear());
		abs_test_utils::set_today(START);
		System::set_block_number(1);
		Roles::process_expiries(START);
		let root = || RuntimeOrigin::root();
		use abs_primitives::{Role, Scope};
		for who in [KYC, REGULATOR, ALICE, BOB] {
			Roles::register_participant(root(), who, h(u8::try_from(who).unwrap())).unwrap();
		}
		Roles::grant_role(root(), KYC, Role::KycProvider, Scope::Global, None, h(100)).unwrap();
		Roles::grant_role(root(), REGULATOR, Role::Regulator, Scope::Global, None, h(101)).unwrap();
		System::reset_events();
		test();
		Roles::do_try_state().unwrap();
	});
}

/// Move to `day` and run the expiry hook once.
pub fn advance_to(day: DayNumber) {
	abs_test_utils::set_today(day);
	System::set_block_number(System::block_number().saturating_add(1));
	Roles::process_expiries(day);
}

/// Plain externalities (for the benchmark tests).
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		PAUSED.with(|p| p.borrow_mut().clear());
		abs_test_utils::set_today(START);
		System::set_block_number(1);
	});
	ext
}
