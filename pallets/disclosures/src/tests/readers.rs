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

fn batch(
	who: u64,
	grants: Vec<(u64, u64, Option<u64>)>,
) -> frame_support::dispatch::DispatchResult {
	let grants: Vec<crate::ReaderGrantOf<Test>> = grants
		.into_iter()
		.map(|(record, reader, loan)| crate::ReaderGrant {
			record,
			reader,
			sealed: sealed(u8::try_from(reader).unwrap()),
			loan,
		})
		.collect();
	Disclosures::grant_readers_batch(RuntimeOrigin::signed(who), grants.try_into().unwrap())
}

#[test]
fn records_pass_down_the_tiers_in_batches_all_or_nothing() {
	build_and_execute(|| {
		// Two records of loan 5, owned by the borrower's side (OWNER).
		let a = create(Subject::Loan(5));
		let b = create(Subject::Loan(5));
		// The owner grants the seller-side servicer both in one batch (its own records).
		System::set_block_number(3);
		assert_ok!(batch(OWNER, vec![(a, SERVICER, None), (b, SERVICER, None)]));
		System::assert_has_event(
			Event::ReaderGranted { record_id: a, reader: SERVICER, block: 3 }.into(),
		);
		System::assert_last_event(
			Event::ReaderGranted { record_id: b, reader: SERVICER, block: 3 }.into(),
		);
		// The servicer passes them on to the investor only where the tiers allow it, naming
		// the loan; without the tiers' leave, or without naming the loan, nothing.
		assert_noop!(
			batch(SERVICER, vec![(a, INVESTOR, Some(5))]),
			Error::<Test>::NotAllowedToPassOn
		);
		allow_pass_on(SERVICER, 5, INVESTOR);
		assert_noop!(batch(SERVICER, vec![(a, INVESTOR, None)]), Error::<Test>::NotAllowedToPassOn);
		// All or nothing: the second grant fails (no key), the first is undone.
		allow_pass_on(SERVICER, 5, NO_KEY);
		assert_noop!(
			batch(SERVICER, vec![(a, INVESTOR, Some(5)), (b, NO_KEY, Some(5))]),
			Error::<Test>::ReaderWithoutKey
		);
		assert_ok!(batch(SERVICER, vec![(a, INVESTOR, Some(5)), (b, INVESTOR, Some(5))]));
		assert!(
			Envelopes::<Test>::contains_key(a, INVESTOR)
				&& Envelopes::<Test>::contains_key(b, INVESTOR)
		);
		assert_eq!(Records::<Test>::get(a).unwrap().readers, 4);
		// One cannot pass on what one cannot read: the investor's leave without an envelope.
		let c = create(Subject::Loan(5));
		allow_pass_on(INVESTOR, 5, SERVICER);
		assert_noop!(
			batch(INVESTOR, vec![(c, SERVICER, Some(5))]),
			Error::<Test>::NotAllowedToPassOn
		);
		// Within MaxReaders (4): a fifth reader of `a` is refused.
		set_key(8, key(8));
		assert_noop!(batch(OWNER, vec![(a, 8, None)]), Error::<Test>::TooManyReaders);
		assert_noop!(batch(OWNER, vec![(77, 8, None)]), Error::<Test>::UnknownRecord);
	});
}
