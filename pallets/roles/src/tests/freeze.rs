use crate::{mock::*, Error, Event, FrozenCount};
use abs_primitives::{Role, Scope};
use abs_traits::RoleCheck;
use frame_support::{assert_noop, assert_ok};

#[test]
fn regulator_freezes_and_unfreezes() {
	build_and_execute(|| {
		assert_ok!(Roles::freeze(RuntimeOrigin::signed(REGULATOR), ALICE, h(66)));
		System::assert_last_event(
			Event::ParticipantFrozen { who: ALICE, by: REGULATOR, reason: h(66) }.into(),
		);
		assert!(Roles::is_frozen(&ALICE));
		assert_eq!(FrozenCount::<Test>::get(), 1);
		assert_noop!(
			Roles::freeze(RuntimeOrigin::signed(REGULATOR), ALICE, h(66)),
			Error::<Test>::AlreadyFrozen
		);
		// A frozen participant signs nothing.
		assert_noop!(
			Roles::set_encryption_key(RuntimeOrigin::signed(ALICE), [1; 32]),
			Error::<Test>::ParticipantFrozen
		);
		assert_ok!(Roles::unfreeze(RuntimeOrigin::signed(REGULATOR), ALICE, h(67)));
		System::assert_last_event(
			Event::ParticipantUnfrozen { who: ALICE, by: REGULATOR, reason: h(67) }.into(),
		);
		assert!(!Roles::is_frozen(&ALICE));
		assert_ok!(Roles::set_encryption_key(RuntimeOrigin::signed(ALICE), [1; 32]));
		assert_noop!(
			Roles::unfreeze(RuntimeOrigin::signed(REGULATOR), ALICE, h(67)),
			Error::<Test>::NotFrozen
		);
	});
}

#[test]
fn freeze_refusals() {
	build_and_execute(|| {
		assert_noop!(
			Roles::freeze(RuntimeOrigin::signed(REGULATOR), REGULATOR, h(1)),
			Error::<Test>::CannotFreezeSelf
		);
		assert_noop!(
			Roles::freeze(RuntimeOrigin::signed(REGULATOR), NOBODY, h(1)),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			Roles::freeze(RuntimeOrigin::signed(ALICE), BOB, h(1)),
			Error::<Test>::NotRegulator
		);
		// A frozen KYC provider can neither register nor grant; its roles are still held.
		assert_ok!(Roles::freeze(RuntimeOrigin::signed(REGULATOR), KYC, h(1)));
		assert!(Roles::has_role(&KYC, Role::KycProvider, Scope::Global));
		assert!(!Roles::may_act_as(&KYC, Role::KycProvider, Scope::Global));
		assert_noop!(
			Roles::grant_role(
				RuntimeOrigin::signed(KYC),
				ALICE,
				Role::Borrower,
				Scope::Global,
				None,
				h(1)
			),
			Error::<Test>::ParticipantFrozen
		);
		// A second regulator can freeze the first; the frozen one can no longer act.
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::root(),
			BOB,
			Role::Regulator,
			Scope::Global,
			None,
			h(1)
		));
		assert_ok!(Roles::freeze(RuntimeOrigin::signed(BOB), REGULATOR, h(2)));
		assert_noop!(
			Roles::unfreeze(RuntimeOrigin::signed(REGULATOR), KYC, h(1)),
			Error::<Test>::ParticipantFrozen
		);
	});
}
