//! The chain-wide halt: governance or an active, unfrozen regulator halts; governance resumes.

use crate::{mock::*, CallName, Error, Event, Grantor};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn n(s: &str) -> CallName {
	s.as_bytes().to_vec().try_into().unwrap()
}
fn paused() -> Vec<(Vec<u8>, Vec<u8>)> {
	PAUSED.with(|p| p.borrow().clone())
}

#[test]
fn a_regulator_halts_one_call_and_governance_resumes_it() {
	build_and_execute(|| {
		assert_ok!(Roles::halt(
			RuntimeOrigin::signed(REGULATOR),
			h(7),
			n("Loans"),
			Some(n("propose"))
		));
		System::assert_last_event(
			Event::Halted {
				pallet: n("Loans"),
				call: Some(n("propose")),
				reason: h(7),
				by: Grantor::Regulator(REGULATOR),
				paused: 1,
			}
			.into(),
		);
		assert_eq!(paused(), vec![(b"Loans".to_vec(), b"propose".to_vec())]);
		assert_noop!(
			Roles::halt(RuntimeOrigin::signed(REGULATOR), h(7), n("Loans"), Some(n("propose"))),
			Error::<Test>::AlreadyHalted
		);
		// Only governance resumes.
		assert_noop!(
			Roles::resume(RuntimeOrigin::signed(REGULATOR), h(8), n("Loans"), Some(n("propose"))),
			DispatchError::BadOrigin
		);
		assert_ok!(Roles::resume(RuntimeOrigin::root(), h(8), n("Loans"), Some(n("propose"))));
		System::assert_last_event(
			Event::Resumed {
				pallet: n("Loans"),
				call: Some(n("propose")),
				reason: h(8),
				resumed: 1,
			}
			.into(),
		);
		assert!(paused().is_empty());
		assert_noop!(
			Roles::resume(RuntimeOrigin::root(), h(8), n("Loans"), None),
			Error::<Test>::NotHalted
		);
	});
}

#[test]
fn a_pallet_wide_halt_skips_what_is_never_pausable() {
	build_and_execute(|| {
		assert_ok!(Roles::halt(RuntimeOrigin::root(), h(1), n("Servicing"), None));
		System::assert_last_event(
			Event::Halted {
				pallet: n("Servicing"),
				call: None,
				reason: h(1),
				by: Grantor::Governance,
				paused: 1,
			}
			.into(),
		);
		assert_eq!(paused(), vec![(b"Servicing".to_vec(), b"restructure".to_vec())]);
		assert_noop!(
			Roles::halt(RuntimeOrigin::root(), h(1), n("Servicing"), Some(n("pay"))),
			Error::<Test>::NotPausable
		);
		assert_ok!(Roles::halt(RuntimeOrigin::root(), h(1), n("Loans"), None));
		assert_eq!(paused().len(), 3);
		assert_ok!(Roles::resume(RuntimeOrigin::root(), h(2), n("Loans"), None));
		assert_eq!(paused().len(), 1);
	});
}

#[test]
fn halts_refuse_bad_input_and_other_signers() {
	build_and_execute(|| {
		assert_noop!(
			Roles::halt(RuntimeOrigin::signed(REGULATOR), h(1), n("Nope"), None),
			Error::<Test>::UnknownPallet
		);
		assert_noop!(
			Roles::halt(RuntimeOrigin::signed(REGULATOR), h(1), n("Loans"), Some(n("nope"))),
			Error::<Test>::UnknownCall
		);
		assert_noop!(
			Roles::halt(RuntimeOrigin::signed(ALICE), h(1), n("Loans"), None),
			Error::<Test>::NotGovernanceOrRegulator
		);
		assert_noop!(
			Roles::halt(RuntimeOrigin::signed(NOBODY), h(1), n("Loans"), None),
			Error::<Test>::NotGovernanceOrRegulator
		);
		// A frozen regulator halts nothing.
		Roles::register_participant(RuntimeOrigin::root(), 12, h(12)).unwrap();
		Roles::grant_role(
			RuntimeOrigin::root(),
			12,
			abs_primitives::Role::Regulator,
			abs_primitives::Scope::Global,
			None,
			h(1),
		)
		.unwrap();
		Roles::freeze(RuntimeOrigin::signed(REGULATOR), 12, h(1)).unwrap();
		assert_noop!(
			Roles::halt(RuntimeOrigin::signed(12), h(1), n("Loans"), None),
			Error::<Test>::ParticipantFrozen
		);
		assert!(paused().is_empty());
	});
}
