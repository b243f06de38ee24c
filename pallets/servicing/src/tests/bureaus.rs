//! Credit bureaus following loans and originators; notices' addressees.

use super::*;

fn follow(b: u64, id: u64) -> frame_support::dispatch::DispatchResult {
	Servicing::follow_loan(RuntimeOrigin::signed(b), id)
}

#[test]
fn bureaus_following_a_loan_or_its_originator_receive_its_notices() {
	build_and_execute(|| {
		activate(0);
		assert_ok!(follow(BUREAU, 0));
		System::assert_last_event(Event::BureauFollowsLoan { bureau: BUREAU, loan_id: 0 }.into());
		assert_ok!(Servicing::follow_originator(RuntimeOrigin::signed(BUREAU2), BANK));
		System::assert_last_event(
			Event::BureauFollowsOriginator { bureau: BUREAU2, originator: BANK }.into(),
		);
		// The originator's follower also follows the loan: addressed once.
		assert_ok!(follow(BUREAU2, 0));
		advance_to(DUE1 + 1);
		let notices = take_notices();
		assert_eq!(notices.len(), 1);
		assert_eq!(notices[0].3, vec![BORROWER, BANK, SERVICER, BUREAU, BUREAU2]);
	});
}

/// Per-account filtering itself is `pallet-notices`' (its tests); here: who a loan's notice is
/// addressed to.
#[test]
fn notices_are_filtered_per_account() {
	build_and_execute(|| {
		activate(0);
		assert_ok!(follow(BUREAU, 0));
		advance_to(DUE1 + 1);
		let n = take_notices();
		assert_eq!(n.len(), 1);
		assert_eq!((n[0].0, n[0].1), (0, DUE1 + 1));
		assert_eq!(n[0].2, NoticeKind::BucketChanged { from: 0, to: 1, dpd: 1 });
		let of = |who: u64| n[0].3.contains(&who);
		assert!(of(BUREAU) && of(BORROWER));
		assert!(!of(BUREAU2));
		assert!(!of(NOBODY));
	});
}

#[test]
fn unfollowing_stops_the_notices() {
	build_and_execute(|| {
		activate(0);
		assert_ok!(follow(BUREAU, 0));
		assert_ok!(Servicing::unfollow_loan(RuntimeOrigin::signed(BUREAU), 0));
		System::assert_last_event(
			Event::BureauUnfollowedLoan { bureau: BUREAU, loan_id: 0 }.into(),
		);
		assert_ok!(Servicing::follow_originator(RuntimeOrigin::signed(BUREAU), BANK));
		assert_ok!(Servicing::unfollow_originator(RuntimeOrigin::signed(BUREAU), BANK));
		System::assert_last_event(
			Event::BureauUnfollowedOriginator { bureau: BUREAU, originator: BANK }.into(),
		);
		assert!(!LoanBureaus::<Test>::contains_key(0));
		assert!(!OriginatorBureaus::<Test>::contains_key(BANK));
		advance_to(DUE1 + 1);
		assert_eq!(take_notices()[0].3, PARTIES.to_vec());
	});
}

#[test]
fn bureau_refusals() {
	build_and_execute(|| {
		activate(0);
		assert_noop!(follow(NOBODY, 0), Error::<Test>::NotCreditBureau);
		assert_noop!(
			Servicing::follow_originator(RuntimeOrigin::signed(NOBODY), BANK),
			Error::<Test>::NotCreditBureau
		);
		assert_noop!(follow(BUREAU, 4), Error::<Test>::NotServiced);
		assert_ok!(follow(BUREAU, 0));
		assert_noop!(follow(BUREAU, 0), Error::<Test>::AlreadyFollowing);
		assert_ok!(follow(BUREAU2, 0));
		// MaxBureaus = 2.
		assert_noop!(follow(BUREAU3, 0), Error::<Test>::TooManyBureaus);
		assert_noop!(
			Servicing::unfollow_loan(RuntimeOrigin::signed(BUREAU3), 0),
			Error::<Test>::NotFollowing
		);
		assert_ok!(Servicing::follow_originator(RuntimeOrigin::signed(BUREAU), BANK));
		assert_noop!(
			Servicing::follow_originator(RuntimeOrigin::signed(BUREAU), BANK),
			Error::<Test>::AlreadyFollowing
		);
		assert_ok!(Servicing::follow_originator(RuntimeOrigin::signed(BUREAU2), BANK));
		assert_noop!(
			Servicing::follow_originator(RuntimeOrigin::signed(BUREAU3), BANK),
			Error::<Test>::TooManyBureaus
		);
		assert_noop!(
			Servicing::unfollow_originator(RuntimeOrigin::signed(BUREAU3), BANK),
			Error::<Test>::NotFollowing
		);
		freeze(BUREAU3);
		assert_noop!(
			Servicing::follow_originator(RuntimeOrigin::signed(BUREAU3), SERVICER),
			Error::<Test>::ParticipantFrozen
		);
	});
}
