use crate::{mock::*, Envelopes, Error, Event, Records, Subject};
use frame_support::{assert_noop, assert_ok};

#[test]
fn owner_grants_and_revokes_readers_with_an_audit_trail() {
	build_and_execute(|| {
		let id = create(Subject::Loan(5));
		System::set_block_number(4);
		assert_ok!(Disclosures::grant_reader(
			RuntimeOrigin::signed(OWNER),
			id,
			SERVICER,
			sealed(3)
		));
		System::assert_last_event(
			Event::ReaderGranted { record_id: id, reader: SERVICER, block: 4 }.into(),
		);
		assert_eq!(Records::<Test>::get(id).unwrap().readers, 3);
		System::set_block_number(6);
		assert_ok!(Disclosures::revoke_reader(RuntimeOrigin::signed(OWNER), id, SERVICER));
		System::assert_last_event(
			Event::ReaderRevoked { record_id: id, reader: SERVICER, block: 6 }.into(),
		);
		assert!(!Envelopes::<Test>::contains_key(id, SERVICER));
		assert_eq!(Records::<Test>::get(id).unwrap().readers, 2);
	});
}

#[test]
fn grant_refusals() {
	build_and_execute(|| {
		let id = create(Subject::Loan(5));
		let grant = |who, reader| {
			Disclosures::grant_reader(RuntimeOrigin::signed(who), id, reader, sealed(9))
		};
		assert_noop!(grant(SERVICER, INVESTOR), Error::<Test>::NotOwner);
		assert_noop!(
			Disclosures::grant_reader(RuntimeOrigin::signed(OWNER), 77, SERVICER, sealed(9)),
			Error::<Test>::UnknownRecord
		);
		assert_noop!(grant(OWNER, NO_KEY), Error::<Test>::ReaderWithoutKey);
		assert_noop!(grant(OWNER, REGULATOR), Error::<Test>::AlreadyReader);
		assert_noop!(
			Disclosures::grant_reader(
				RuntimeOrigin::signed(OWNER),
				id,
				SERVICER,
				Default::default()
			),
			Error::<Test>::EmptyEnvelope
		);
		assert_ok!(grant(OWNER, SERVICER));
		assert_ok!(grant(OWNER, INVESTOR));
		// MaxReaders = 4.
		set_key(8, key(8));
		assert_noop!(grant(OWNER, 8), Error::<Test>::TooManyReaders);
		freeze(OWNER);
		assert_noop!(grant(OWNER, 8), Error::<Test>::ParticipantFrozen);
	});
}

#[test]
fn a_rotated_key_gets_a_new_envelope() {
	build_and_execute(|| {
		let id = create(Subject::Loan(5));
		assert_ok!(Disclosures::grant_reader(
			RuntimeOrigin::signed(OWNER),
			id,
			SERVICER,
			sealed(3)
		));
		set_key(SERVICER, key(33));
		assert_ok!(Disclosures::grant_reader(
			RuntimeOrigin::signed(OWNER),
			id,
			SERVICER,
			sealed(33)
		));
		let e = Envelopes::<Test>::get(id, SERVICER).unwrap();
		assert_eq!((e.reader_key, e.sealed[0]), (key(33), 33));
		assert_eq!(Records::<Test>::get(id).unwrap().readers, 3, "replaced, not added");
	});
}

#[test]
fn revoke_refusals() {
	build_and_execute(|| {
		let id = create(Subject::Loan(5));
		let revoke =
			|who, reader| Disclosures::revoke_reader(RuntimeOrigin::signed(who), id, reader);
		assert_noop!(revoke(SERVICER, REGULATOR), Error::<Test>::NotOwner);
		assert_noop!(revoke(OWNER, SERVICER), Error::<Test>::NotAReader);
		assert_noop!(revoke(OWNER, OWNER), Error::<Test>::CannotRevokeOwner);
		assert_noop!(revoke(OWNER, REGULATOR), Error::<Test>::CannotRevokeRegulator);
		assert_noop!(
			Disclosures::revoke_reader(RuntimeOrigin::signed(OWNER), 77, SERVICER),
			Error::<Test>::UnknownRecord
		);
	});
}
