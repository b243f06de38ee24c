//! Findings of the credit-half review (issue 13, item 1): the reserve cannot be lowered by the
//! servicer alone, the evidence is an appraisal record of the loan, roles are re-checked.

use super::*;
use abs_primitives::RecordKind;

const USDA: u128 = 1_000_000;

fn refresh(
	who: u64,
	value: u128,
	day: u32,
	record: u64,
) -> frame_support::dispatch::DispatchResult {
	Recovery::refresh_appraisal(RuntimeOrigin::signed(who), 0, value, day, record)
}

#[test]
fn a_fresh_appraisal_cannot_be_replaced() {
	build_and_execute(|| {
		// Appraised 10 days ago: fresh. Before the fix the servicer could set 1 unit and a
		// colluding bidder buy at the minimum bid.
		defaulted(0, APPRAISED, TODAY - 10);
		add_record(9, 0, RecordKind::Appraisal);
		assert_ok!(order(0));
		assert_noop!(refresh(SERVICER, 1, TODAY, 9), Error::<Test>::AppraisalStillFresh);
		assert_noop!(
			refresh(SERVICER, 2 * APPRAISED, TODAY, 9),
			Error::<Test>::AppraisalStillFresh
		);
		assert_ok!(ack(0));
		assert_eq!(auction(0).reserve, 700 * USDA);
	});
}

#[test]
fn a_stored_appraisal_dated_after_today_may_be_replaced() {
	build_and_execute(|| {
		defaulted(0, APPRAISED, TODAY + 3);
		add_record(9, 0, RecordKind::Appraisal);
		assert_ok!(order(0));
		assert_ok!(refresh(AGENT, 1_200 * USDA, TODAY, 9));
		assert_eq!(recovery(0).appraisal.value, 1_200 * USDA);
	});
}

#[test]
fn the_evidence_is_an_appraisal_record_of_this_loan() {
	build_and_execute(|| {
		defaulted(0, APPRAISED, TODAY - 200);
		add_record(8, 0, RecordKind::BankStatement);
		add_record(7, 1, RecordKind::Appraisal);
		assert_ok!(order(0));
		for record in [8, 7, 99] {
			assert_noop!(
				refresh(AGENT, 1_100 * USDA, TODAY, record),
				Error::<Test>::NotAppraisalOfLoan
			);
		}
	});
}

#[test]
fn a_lower_appraisal_waits_for_the_owner() {
	build_and_execute(|| {
		defaulted(0, APPRAISED, TODAY - 200);
		add_record(9, 0, RecordKind::Appraisal);
		assert_ok!(order(0));
		assert_ok!(ack(0));
		assert_eq!(recovery(0).stage, Stage::AwaitingAppraisal);
		// 1 unit: pending, the reserve unchanged, no auction.
		assert_ok!(refresh(SERVICER, 1, TODAY, 9));
		System::assert_last_event(
			Event::AppraisalAwaitsOwner {
				loan_id: 0,
				by: SERVICER,
				value: 1,
				day: TODAY,
				record: 9,
			}
			.into(),
		);
		assert_eq!(recovery(0).appraisal.value, APPRAISED);
		assert!(Auctions::<Test>::get(0).is_none());
		// Only the owner decides.
		for who in [SERVICER, AGENT, BORROWER] {
			assert_noop!(
				Recovery::approve_appraisal(RuntimeOrigin::signed(who), 0),
				Error::<Test>::NotOwner
			);
		}
		assert_ok!(Recovery::reject_appraisal(RuntimeOrigin::signed(OWNER), 0));
		System::assert_last_event(Event::AppraisalRejected { loan_id: 0, by: OWNER }.into());
		assert_noop!(
			Recovery::approve_appraisal(RuntimeOrigin::signed(OWNER), 0),
			Error::<Test>::NoPendingAppraisal
		);
		// A real lower value, approved: the auction opens at 70 % of it.
		assert_ok!(refresh(AGENT, 600 * USDA, TODAY, 9));
		assert_ok!(Recovery::approve_appraisal(RuntimeOrigin::signed(OWNER), 0));
		assert_eq!(recovery(0).appraisal.value, 600 * USDA);
		assert_eq!(recovery(0).pending_appraisal, None);
		assert_eq!(auction(0).reserve, 420 * USDA);
	});
}

#[test]
fn acknowledge_refresh_and_claims_recheck_current_roles() {
	build_and_execute(|| {
		defaulted(0, APPRAISED, TODAY - 200);
		add_record(9, 0, RecordKind::Appraisal);
		assert_ok!(order(0));
		// The agent lost its role after the order: before the fix it still acknowledged.
		revoke(AGENT, Role::CollateralAgent);
		assert_noop!(ack(0), Error::<Test>::NotOrderAgent);
		assert_noop!(refresh(AGENT, 1_100 * USDA, TODAY, 9), Error::<Test>::NotClaimant);
		assert_noop!(
			Recovery::claim_cost(RuntimeOrigin::signed(AGENT), 0, 5 * USDA, H256::zero()),
			Error::<Test>::NotClaimant
		);
		grant(AGENT, Role::CollateralAgent);
		// The servicer lost its licence.
		revoke(SERVICER, Role::Servicer);
		assert_noop!(refresh(SERVICER, 1_100 * USDA, TODAY, 9), Error::<Test>::NotClaimant);
		assert_noop!(
			Recovery::claim_cost(RuntimeOrigin::signed(SERVICER), 0, 5 * USDA, H256::zero()),
			Error::<Test>::NotClaimant
		);
		grant(SERVICER, Role::Servicer);
		assert_ok!(ack(0));
		assert_ok!(Recovery::claim_cost(
			RuntimeOrigin::signed(SERVICER),
			0,
			5 * USDA,
			H256::zero()
		));
	});
}

#[test]
fn a_replaced_servicer_takes_over_enforcement() {
	build_and_execute(|| {
		defaulted(0, APPRAISED, TODAY - 200);
		add_record(9, 0, RecordKind::Appraisal);
		assert_ok!(order(0));
		// The owner appoints NOBODY (the loans pallet allows it in recovery now).
		grant(NOBODY, Role::Servicer);
		abs_test_utils::update_loan(0, |l| l.servicer = NOBODY);
		assert_noop!(refresh(SERVICER, 1_100 * USDA, TODAY, 9), Error::<Test>::NotClaimant);
		assert_ok!(refresh(NOBODY, 1_100 * USDA, TODAY, 9));
		assert_ok!(Recovery::claim_cost(RuntimeOrigin::signed(NOBODY), 0, 5 * USDA, H256::zero()));
	});
}
