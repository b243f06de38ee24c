use crate::{mock::*, Event, Expiries, ExpiryCursor, Grants, HolderCount};
use abs_primitives::{Role, Scope};
use abs_traits::RoleCheck;
use frame_support::assert_ok;

#[test]
fn role_stops_working_on_its_expiry_day_without_any_call() {
	build_and_execute(|| {
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::root(),
			ALICE,
			Role::Servicer,
			Scope::Global,
			Some(START + 2),
			h(1)
		));
		abs_test_utils::set_today(START + 1);
		assert!(Roles::has_role(&ALICE, Role::Servicer, Scope::Global));
		// On the expiry day, before any hook ran, the role no longer works.
		abs_test_utils::set_today(START + 2);
		assert!(!Roles::has_role(&ALICE, Role::Servicer, Scope::Global));
		assert!(Grants::<Test>::contains_key(ALICE, (Role::Servicer, Scope::Global)));
		// The hook removes it from the indices and says so.
		advance_to(START + 2);
		System::assert_last_event(
			Event::RoleExpired {
				who: ALICE,
				role: Role::Servicer,
				scope: Scope::Global,
				expiry: START + 2,
			}
			.into(),
		);
		assert!(!Grants::<Test>::contains_key(ALICE, (Role::Servicer, Scope::Global)));
		assert_eq!(HolderCount::<Test>::get(Role::Servicer), 0);
	});
}

#[test]
fn expiry_hook_is_bounded_per_block_and_keeps_its_cursor() {
	build_and_execute(|| {
		// 3 grants expire on START+1, 2 on START+3; hook: 2 grants and 5 days per block.
		for who in [ALICE, BOB, KYC] {
			assert_ok!(Roles::grant_role(
				RuntimeOrigin::root(),
				who,
				Role::Auditor,
				Scope::Global,
				Some(START + 1),
				h(1)
			));
		}
		for who in [ALICE, BOB] {
			assert_ok!(Roles::grant_role(
				RuntimeOrigin::root(),
				who,
				Role::Trustee,
				Scope::Global,
				Some(START + 3),
				h(1)
			));
		}
		advance_to(START + 10);
		assert_eq!(HolderCount::<Test>::get(Role::Auditor), 1, "2 of 3 removed in the first block");
		assert_eq!(ExpiryCursor::<Test>::get(), Some(START + 1));
		System::set_block_number(System::block_number() + 1);
		Roles::process_expiries(START + 10);
		assert_eq!(HolderCount::<Test>::get(Role::Auditor), 0);
		assert_eq!(
			HolderCount::<Test>::get(Role::Trustee),
			1,
			"budget of 2: one auditor and one trustee"
		);
		System::set_block_number(System::block_number() + 1);
		Roles::process_expiries(START + 10);
		assert_eq!(HolderCount::<Test>::get(Role::Trustee), 0);
		// Five days per block at most: the cursor catches up over blocks, never skipping.
		assert_eq!(ExpiryCursor::<Test>::get(), Some(START + 8));
		Roles::process_expiries(START + 10);
		assert_eq!(ExpiryCursor::<Test>::get(), Some(START + 11));
		assert_eq!(Expiries::<Test>::iter().count(), 0);
		let expired = System::events()
			.iter()
			.filter(|r| matches!(r.event, RuntimeEvent::Roles(Event::RoleExpired { .. })))
			.count();
		assert_eq!(expired, 5, "each expired once");
	});
}

#[test]
fn expired_role_can_be_granted_again_before_the_hook() {
	build_and_execute(|| {
		let root = RuntimeOrigin::root;
		assert_ok!(Roles::grant_role(
			root(),
			ALICE,
			Role::Investor,
			Scope::Global,
			Some(START + 1),
			h(1)
		));
		abs_test_utils::set_today(START + 1);
		assert_ok!(Roles::grant_role(
			root(),
			ALICE,
			Role::Investor,
			Scope::Global,
			Some(START + 30),
			h(2)
		));
		assert!(Roles::has_role(&ALICE, Role::Investor, Scope::Global));
		assert_eq!(HolderCount::<Test>::get(Role::Investor), 1);
		advance_to(START + 1);
		// The old expiry entry was replaced: nothing expires.
		assert!(Roles::has_role(&ALICE, Role::Investor, Scope::Global));
		assert!(!System::events()
			.iter()
			.any(|r| matches!(r.event, RuntimeEvent::Roles(Event::RoleExpired { .. }))));
	});
}
