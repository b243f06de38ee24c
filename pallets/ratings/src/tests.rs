//! Agencies named per pool, ratings with history and notices.

use crate::{mock::*, Agencies, Error, Event, HasRated, PdBand, RatingInput};
use abs_primitives::{
	tranche_id, NoticeKind, NoticeSubject, Outlook, RatingGrade, RatingNotice, Role,
};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_runtime::Perbill;

fn input(grade: RatingGrade, effective: u32) -> RatingInput {
	RatingInput {
		grade,
		outlook: Outlook::Stable,
		watch: false,
		pd_band: None,
		report: H256::repeat_byte(7),
		effective,
	}
}

fn appoint(agency: u64) -> sp_runtime::DispatchResult {
	Ratings::appoint_agency(RuntimeOrigin::signed(SPONSOR), POOL, agency)
}

fn rate(agency: u64, tranche: u8, r: RatingInput) -> sp_runtime::DispatchResult {
	Ratings::rate(RuntimeOrigin::signed(agency), POOL, tranche, r)
}

#[test]
fn the_sponsor_names_licensed_agencies_up_to_the_bound() {
	build_and_execute(|| {
		assert_noop!(
			Ratings::appoint_agency(RuntimeOrigin::signed(NOBODY), POOL, AGENCY1),
			Error::<Test>::NotPoolSponsor
		);
		assert_noop!(
			Ratings::appoint_agency(RuntimeOrigin::signed(SPONSOR), 3, AGENCY1),
			Error::<Test>::UnknownPool
		);
		assert_noop!(appoint(NOBODY), Error::<Test>::NotLicensedAgency);
		freeze(AGENCY3);
		assert_noop!(appoint(AGENCY3), Error::<Test>::NotLicensedAgency);
		assert_ok!(appoint(AGENCY1));
		System::assert_last_event(Event::AgencyAppointed { pool_id: POOL, agency: AGENCY1 }.into());
		assert_noop!(appoint(AGENCY1), Error::<Test>::AlreadyAppointed);
		assert_ok!(appoint(AGENCY2));
		abs_test_utils::unfreeze(AGENCY3);
		assert_noop!(appoint(AGENCY3), Error::<Test>::TooManyAgencies);
		assert_eq!(Agencies::<Test>::get(POOL).to_vec(), vec![AGENCY1, AGENCY2]);
	});
}

#[test]
fn an_agency_that_has_rated_cannot_be_removed() {
	build_and_execute(|| {
		assert_ok!(appoint(AGENCY1));
		assert_ok!(appoint(AGENCY2));
		assert_ok!(rate(AGENCY1, 0, input(RatingGrade::Notch(1), TODAY)));
		assert!(HasRated::<Test>::contains_key(POOL, AGENCY1));
		let remove = |a: u64| Ratings::remove_agency(RuntimeOrigin::signed(SPONSOR), POOL, a);
		assert_noop!(remove(AGENCY1), Error::<Test>::AgencyHasRated);
		assert_noop!(remove(AGENCY3), Error::<Test>::NotAppointed);
		assert_noop!(
			Ratings::remove_agency(RuntimeOrigin::signed(NOBODY), POOL, AGENCY2),
			Error::<Test>::NotPoolSponsor
		);
		// One that has not rated may go, and its slot is free again.
		assert_ok!(remove(AGENCY2));
		System::assert_last_event(Event::AgencyRemoved { pool_id: POOL, agency: AGENCY2 }.into());
		assert_ok!(appoint(AGENCY3));
		assert_eq!(Agencies::<Test>::get(POOL).to_vec(), vec![AGENCY1, AGENCY3]);
	});
}

#[test]
fn ratings_are_checked_stored_with_their_history_and_noticed() {
	build_and_execute(|| {
		assert_ok!(appoint(AGENCY1));
		assert_ok!(appoint(AGENCY2));
		assert_noop!(
			rate(AGENCY3, 0, input(RatingGrade::Notch(1), TODAY)),
			Error::<Test>::NotAppointed
		);
		assert_noop!(
			rate(AGENCY1, 3, input(RatingGrade::Notch(1), TODAY)),
			Error::<Test>::UnknownTranche
		);
		assert_noop!(
			rate(AGENCY1, 0, input(RatingGrade::Notch(0), TODAY)),
			Error::<Test>::InvalidGrade
		);
		assert_noop!(
			rate(AGENCY1, 0, input(RatingGrade::Notch(23), TODAY)),
			Error::<Test>::InvalidGrade
		);
		assert_noop!(
			rate(AGENCY1, 0, input(RatingGrade::Notch(1), TODAY + 31)),
			Error::<Test>::EffectiveTooFar
		);
		let mut bad_band = input(RatingGrade::Notch(4), TODAY);
		bad_band.pd_band =
			Some(PdBand { low: Perbill::from_percent(2), high: Perbill::from_percent(1) });
		assert_noop!(rate(AGENCY1, 0, bad_band), Error::<Test>::InvalidPdBand);
		revoke(AGENCY2, Role::RatingAgency);
		assert_noop!(
			rate(AGENCY2, 0, input(RatingGrade::Notch(1), TODAY)),
			Error::<Test>::NotLicensedAgency
		);
		grant(AGENCY2, Role::RatingAgency);

		abs_test_utils::take_notices();
		// AAA on the senior, then on watch negative a week later, then downgraded to AA+.
		assert_ok!(rate(AGENCY1, 0, input(RatingGrade::Notch(1), TODAY)));
		let n = RatingNotice {
			tranche: 0,
			grade: RatingGrade::Notch(1),
			outlook: Outlook::Stable,
			watch: false,
		};
		let subjects: Vec<NoticeSubject> = abs_test_utils::take_notices()
			.into_iter()
			.map(|(s, _, k, _)| {
				assert_eq!(k, NoticeKind::Rating(n));
				s
			})
			.collect();
		assert_eq!(
			subjects,
			vec![NoticeSubject::Pool(POOL), NoticeSubject::Tranche(tranche_id(POOL, 0))]
		);
		set_today(TODAY + 7);
		let mut watch = input(RatingGrade::Notch(1), TODAY + 7);
		watch.watch = true;
		watch.outlook = Outlook::Negative;
		assert_ok!(rate(AGENCY1, 0, watch));
		// An effective day before the agency's last is refused.
		assert_noop!(
			rate(AGENCY1, 0, input(RatingGrade::Notch(2), TODAY + 6)),
			Error::<Test>::EffectiveBeforeLast
		);
		let mut down = input(RatingGrade::Notch(2), TODAY + 10);
		down.pd_band = Some(PdBand {
			low: Perbill::from_parts(1_000_000),
			high: Perbill::from_parts(3_000_000),
		});
		assert_ok!(rate(AGENCY1, 0, down));
		System::assert_last_event(
			Event::Rated {
				pool_id: POOL,
				tranche: 0,
				agency: AGENCY1,
				grade: RatingGrade::Notch(2),
				outlook: Outlook::Stable,
				watch: false,
				effective: TODAY + 10,
				seq: 2,
			}
			.into(),
		);
		// Another agency rates the same tranche; the current ratings are one per agency.
		assert_ok!(rate(AGENCY2, 0, input(RatingGrade::Notch(1), TODAY + 7)));
		let current = Ratings::ratings(POOL, 0);
		assert_eq!(current.len(), 2);
		assert!(current.iter().any(|r| r.agency == AGENCY1 && r.grade == RatingGrade::Notch(2)));
		// The history keeps every action, oldest first, in pages.
		let h = Ratings::history(POOL, 0, 0, 100);
		assert_eq!(h.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![0, 1, 2, 3]);
		assert!(h[1].1.watch);
		assert_eq!(h[2].1.published, TODAY + 7);
		assert_eq!(
			Ratings::history(POOL, 0, 1, 2).iter().map(|(i, _)| *i).collect::<Vec<_>>(),
			vec![1, 2]
		);
		assert!(Ratings::history(POOL, 0, 4, 10).is_empty());
		// Withdrawn is a grade too.
		assert_ok!(rate(AGENCY2, 0, input(RatingGrade::Withdrawn, TODAY + 8)));
		assert_eq!(Ratings::history(POOL, 0, 0, 100).len(), 5);
	});
}
