use crate::{mock::*, Envelopes, Error, Event, RecordKind, Records, Subject};
use frame_support::{assert_noop, assert_ok};

fn create_with(who: u64, readers: &[u64]) -> frame_support::dispatch::DispatchResult {
	Disclosures::create_record(
		RuntimeOrigin::signed(who),
		Subject::Commitment(h(9)),
		RecordKind::IncomeProof,
		h(1),
		h(2),
		b"s3://bucket/obj".to_vec().try_into().unwrap(),
		envelopes(readers),
	)
}

#[test]
fn create_record_with_owner_and_regulator_envelopes() {
	build_and_execute(|| {
		assert_ok!(create_with(OWNER, &[OWNER, REGULATOR, SERVICER]));
		let r = Records::<Test>::get(0).unwrap();
		assert_eq!((r.owner, r.readers, r.kind), (OWNER, 3, RecordKind::IncomeProof));
		assert_eq!(r.uri.to_vec(), b"s3://bucket/obj".to_vec());
		let e = Envelopes::<Test>::get(0, SERVICER).unwrap();
		assert_eq!((e.reader_key, e.sealed.to_vec(), e.granted_at), (key(3), vec![3; 104], 1));
		let events: Vec<_> = System::events().into_iter().map(|r| r.event).collect();
		assert_eq!(
			events,
			vec![
				Event::RecordCreated {
					record_id: 0,
					owner: OWNER,
					subject: Subject::Commitment(h(9)),
					kind: RecordKind::IncomeProof,
					plaintext_hash: h(1)
				}
				.into(),
				Event::ReaderGranted { record_id: 0, reader: OWNER, block: 1 }.into(),
				Event::ReaderGranted { record_id: 0, reader: REGULATOR, block: 1 }.into(),
				Event::ReaderGranted { record_id: 0, reader: SERVICER, block: 1 }.into(),
			]
		);
		assert_eq!(Disclosures::records_of(Subject::Commitment(h(9)), 10).len(), 1);
		assert_eq!(Disclosures::readers_of(0).len(), 3);
	});
}

#[test]
fn create_refusals() {
	build_and_execute(|| {
		assert_noop!(create_with(OWNER, &[OWNER]), Error::<Test>::MissingRegulatorEnvelope);
		assert_noop!(create_with(OWNER, &[REGULATOR]), Error::<Test>::MissingOwnerEnvelope);
		assert_noop!(
			create_with(OWNER, &[OWNER, REGULATOR, NO_KEY]),
			Error::<Test>::ReaderWithoutKey
		);
		assert_noop!(
			create_with(OWNER, &[OWNER, REGULATOR, OWNER]),
			Error::<Test>::DuplicateReader
		);
		assert_noop!(create_with(OUTSIDER, &[OWNER, REGULATOR]), Error::<Test>::NotRegistered);
		assert_noop!(create_with(NO_KEY, &[NO_KEY, REGULATOR]), Error::<Test>::ReaderWithoutKey);
		let empty: crate::EnvelopesOf<Test> =
			vec![(OWNER, Default::default()), (REGULATOR, sealed(2))].try_into().unwrap();
		assert_noop!(
			Disclosures::create_record(
				RuntimeOrigin::signed(OWNER),
				Subject::Loan(1),
				RecordKind::Other,
				h(1),
				h(2),
				Default::default(),
				empty
			),
			Error::<Test>::EmptyEnvelope
		);
		freeze(OWNER);
		assert_noop!(create_with(OWNER, &[OWNER, REGULATOR]), Error::<Test>::ParticipantFrozen);
	});
}

#[test]
fn every_regulator_with_a_key_must_read_every_record() {
	build_and_execute(|| {
		// A second regulator without a key yet is not required (nothing to seal to).
		add_regulator(7);
		assert_ok!(create_with(OWNER, &[OWNER, REGULATOR]));
		// Once it registers a key, new records need its envelope ...
		set_key(7, key(7));
		assert_noop!(
			create_with(OWNER, &[OWNER, REGULATOR]),
			Error::<Test>::MissingRegulatorEnvelope
		);
		assert_ok!(create_with(OWNER, &[OWNER, REGULATOR, 7]));
		// ... and the old record is listed as missing it until its owner adds one.
		assert_eq!(Disclosures::missing_regulator_envelopes(0, 10), (vec![(0, vec![7])], 2));
		assert_ok!(Disclosures::grant_reader(RuntimeOrigin::signed(OWNER), 0, 7, sealed(7)));
		assert_eq!(Disclosures::missing_regulator_envelopes(0, 10), (vec![], 2));
		// Paging: a scan window of one record.
		assert_eq!(Disclosures::missing_regulator_envelopes(1, 1), (vec![], 2));
	});
}
