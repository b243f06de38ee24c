use crate::{mock::*, Error, Event, Grantor, Grants, HolderCount, Participants};
use abs_primitives::{Role, Scope};
use abs_traits::RoleCheck;
use frame_support::{assert_noop, assert_ok};

#[test]
fn governance_registers_and_grants_institutional_roles() {
	build_and_execute(|| {
		assert_ok!(Roles::register_participant(RuntimeOrigin::root(), 7, h(7)));
		System::assert_last_event(
			Event::ParticipantRegistered { who: 7, name_hash: h(7), by: Grantor::Governance }
				.into(),
		);
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::root(),
			7,
			Role::Originator,
			Scope::Global,
			Some(START + 365),
			h(50)
		));
		System::assert_last_event(
			Event::RoleGranted {
				who: 7,
				role: Role::Originator,
				scope: Scope::Global,
				expiry: Some(START + 365),
				attestation: h(50),
				by: Grantor::Governance,
			}
			.into(),
		);
		assert!(Roles::has_role(&7, Role::Originator, Scope::Global));
		// A global licence covers every scope.
		assert!(Roles::has_role(&7, Role::Originator, Scope::Loan(5)));
		assert!(!Roles::has_role(&7, Role::Servicer, Scope::Global));
		assert_eq!(HolderCount::<Test>::get(Role::Originator), 1);
		assert_eq!(Participants::<Test>::get(7).unwrap().grants, 1);
	});
}

#[test]
fn scoped_role_applies_to_its_scope_only() {
	build_and_execute(|| {
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::root(),
			ALICE,
			Role::Servicer,
			Scope::Loan(9),
			None,
			h(1)
		));
		assert!(Roles::has_role(&ALICE, Role::Servicer, Scope::Loan(9)));
		assert!(!Roles::has_role(&ALICE, Role::Servicer, Scope::Loan(10)));
		assert!(!Roles::has_role(&ALICE, Role::Servicer, Scope::Global));
	});
}

#[test]
fn kyc_provider_grants_and_revokes_borrower_and_investor() {
	build_and_execute(|| {
		assert_ok!(Roles::register_participant(RuntimeOrigin::signed(KYC), 7, h(7)));
		System::assert_last_event(
			Event::ParticipantRegistered { who: 7, name_hash: h(7), by: Grantor::KycProvider(KYC) }
				.into(),
		);
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::signed(KYC),
			7,
			Role::Borrower,
			Scope::Global,
			None,
			h(8)
		));
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::signed(KYC),
			7,
			Role::Investor,
			Scope::Global,
			None,
			h(9)
		));
		assert!(Roles::has_role(&7, Role::Borrower, Scope::Global));
		assert_ok!(Roles::revoke_role(
			RuntimeOrigin::signed(KYC),
			7,
			Role::Borrower,
			Scope::Global
		));
		System::assert_last_event(
			Event::RoleRevoked {
				who: 7,
				role: Role::Borrower,
				scope: Scope::Global,
				by: Grantor::KycProvider(KYC),
			}
			.into(),
		);
		assert!(!Roles::has_role(&7, Role::Borrower, Scope::Global));
		assert!(Grants::<Test>::get(7, (Role::Borrower, Scope::Global)).is_none());
		assert_eq!(HolderCount::<Test>::get(Role::Borrower), 0);
		assert_eq!(HolderCount::<Test>::get(Role::Investor), 1);
	});
}

#[test]
fn grant_refusals() {
	build_and_execute(|| {
		let root = RuntimeOrigin::root;
		assert_noop!(
			Roles::grant_role(root(), NOBODY, Role::Investor, Scope::Global, None, h(1)),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			Roles::grant_role(root(), ALICE, Role::Investor, Scope::Global, Some(START), h(1)),
			Error::<Test>::ExpiryNotInFuture
		);
		assert_ok!(Roles::grant_role(root(), ALICE, Role::Investor, Scope::Global, None, h(1)));
		assert_noop!(
			Roles::grant_role(root(), ALICE, Role::Investor, Scope::Global, None, h(2)),
			Error::<Test>::RoleAlreadyGranted
		);
		assert_ok!(Roles::grant_role(root(), ALICE, Role::Investor, Scope::Pool(1), None, h(1)));
		assert_ok!(Roles::grant_role(root(), ALICE, Role::Investor, Scope::Pool(2), None, h(1)));
		assert_ok!(Roles::grant_role(root(), ALICE, Role::Investor, Scope::Pool(3), None, h(1)));
		// MaxRolesPerParticipant = 4.
		assert_noop!(
			Roles::grant_role(root(), ALICE, Role::Investor, Scope::Pool(4), None, h(1)),
			Error::<Test>::TooManyRoles
		);
		assert_noop!(
			Roles::revoke_role(root(), BOB, Role::Investor, Scope::Global),
			Error::<Test>::RoleNotGranted
		);
		assert_noop!(
			Roles::register_participant(root(), ALICE, h(1)),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn expiry_day_is_bounded() {
	build_and_execute(|| {
		let root = RuntimeOrigin::root;
		// MaxExpiriesPerDay = 3.
		for who in [ALICE, BOB, KYC] {
			assert_ok!(Roles::grant_role(
				root(),
				who,
				Role::Auditor,
				Scope::Global,
				Some(START + 10),
				h(1)
			));
		}
		assert_noop!(
			Roles::grant_role(
				root(),
				REGULATOR,
				Role::Auditor,
				Scope::Global,
				Some(START + 10),
				h(1)
			),
			Error::<Test>::ExpiryDayFull
		);
		assert_ok!(Roles::grant_role(
			root(),
			REGULATOR,
			Role::Auditor,
			Scope::Global,
			Some(START + 11),
			h(1)
		));
	});
}

#[test]
fn encryption_key_set_and_rotated() {
	build_and_execute(|| {
		assert_ok!(Roles::set_encryption_key(RuntimeOrigin::signed(ALICE), [1; 32]));
		System::assert_last_event(
			Event::EncryptionKeySet { who: ALICE, old: None, new: [1; 32] }.into(),
		);
		assert_ok!(Roles::set_encryption_key(RuntimeOrigin::signed(ALICE), [2; 32]));
		System::assert_last_event(
			Event::EncryptionKeySet { who: ALICE, old: Some([1; 32]), new: [2; 32] }.into(),
		);
		assert_eq!(Roles::encryption_key(&ALICE), Some([2; 32]));
		assert_noop!(
			Roles::set_encryption_key(RuntimeOrigin::signed(NOBODY), [3; 32]),
			Error::<Test>::NotRegistered
		);
	});
}

#[test]
fn holders_are_paged() {
	build_and_execute(|| {
		for who in 20..30u64 {
			assert_ok!(Roles::register_participant(RuntimeOrigin::root(), who, h(1)));
			assert_ok!(Roles::grant_role(
				RuntimeOrigin::root(),
				who,
				Role::Investor,
				Scope::Global,
				None,
				h(1)
			));
		}
		let mut seen = Vec::new();
		let mut cursor = None;
		loop {
			let page = Roles::holders_page(Role::Investor, cursor, 3);
			if page.is_empty() {
				break;
			}
			assert!(page.len() <= 3);
			cursor = page.last().map(|(w, s, _, _)| (*w, *s));
			seen.extend(page.into_iter().map(|(w, _, _, active)| {
				assert!(active);
				w
			}));
		}
		seen.sort();
		assert_eq!(seen, (20..30).collect::<Vec<_>>());
		assert_eq!(Roles::holders(Role::Investor, 100).len(), 10);
		assert_eq!(Roles::holders(Role::Investor, 4).len(), 4);
	});
}

/// Review finding (issue 13, item 10): disclosures require an envelope for every keyed
/// regulator but read at most `MaxRegulators` of them; before the fix a ninth regulator (here a
/// fourth) was granted and could be left out of new records.
#[test]
fn regulators_are_bounded_so_every_one_is_a_required_reader() {
	build_and_execute(|| {
		let root = RuntimeOrigin::root;
		// REGULATOR holds one grant; MaxRegulators = 3 in the mock.
		assert_ok!(Roles::grant_role(root(), ALICE, Role::Regulator, Scope::Global, None, h(1)));
		assert_ok!(Roles::grant_role(root(), BOB, Role::Regulator, Scope::Global, None, h(1)));
		assert_ok!(Roles::register_participant(root(), 20, h(20)));
		assert_noop!(
			Roles::grant_role(root(), 20, Role::Regulator, Scope::Global, None, h(1)),
			Error::<Test>::TooManyRegulators
		);
		// Other roles are not capped by it; a revocation frees a place.
		assert_ok!(Roles::grant_role(root(), 20, Role::Investor, Scope::Global, None, h(1)));
		assert_ok!(Roles::revoke_role(root(), BOB, Role::Regulator, Scope::Global));
		assert_ok!(Roles::grant_role(root(), 20, Role::Regulator, Scope::Global, None, h(1)));
		assert_eq!(<Roles as abs_traits::RoleCheck<u64>>::holders(Role::Regulator, 3).len(), 3);
	});
}
