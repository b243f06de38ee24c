//! Restructuring: the servicer proposes, owner and borrower approve; arrears capitalized; a
//! payment in between voids the proposal; the old book is kept.

use super::*;
use abs_finance::{Amortization, CalendarDate, DayCount};
use abs_primitives::RecoveryNotice;

/// Interest-only at 12 % over 6 months from `first_due`.
fn new_terms(first_due: u32) -> RestructureTerms {
	RestructureTerms {
		annual_rate: 120_000_000_000_000_000,
		periods: 6,
		amortization: Amortization::InterestOnly,
		day_count: DayCount::Thirty360,
		first_due: CalendarDate::from_day_number(first_due),
	}
}

fn propose(t: RestructureTerms) -> frame_support::dispatch::DispatchResult {
	Servicing::propose_restructuring(RuntimeOrigin::signed(SERVICER), 0, t)
}

fn approve(who: u64) -> frame_support::dispatch::DispatchResult {
	Servicing::approve_restructuring(RuntimeOrigin::signed(who), 0)
}

#[test]
fn arrears_are_capitalized_once_owner_and_borrower_approve() {
	build_and_execute(|| {
		activate(0);
		for day in DUE1..=DUE1 + 10 {
			advance_to(day);
		}
		take_notices();
		assert_eq!(status(0), LoanStatus::Delinquent(1));
		let t = new_terms(DUE1 + 45);
		assert_ok!(propose(t));
		System::assert_last_event(
			Event::RestructuringProposed { loan_id: 0, by: SERVICER, terms: t }.into(),
		);
		assert_ok!(approve(BANK));
		assert_noop!(approve(BANK), Error::<Test>::AlreadyApproved);
		assert!(Books::<Test>::get(0).unwrap().installments[0].late_fee > 0, "not applied yet");
		assert_ok!(approve(BORROWER));
		// New principal: 1,200 unpaid + 12 overdue interest + 5 late fee = 1,217.000000; at
		// 1 % a month: 12.170000 of interest.
		let new_principal = PRINCIPAL + INTEREST + LATE_FEE;
		System::assert_last_event(
			Event::Restructured {
				loan_id: 0,
				version: 1,
				new_principal,
				capitalized: INTEREST + LATE_FEE,
				installments: 6,
			}
			.into(),
		);
		assert_eq!(book(0)[0], (12_170_000, 0));
		assert_eq!(book(0)[5], (12_170_000, new_principal));
		let s = state(0);
		assert_eq!((s.version, s.bucket, s.phase), (1, 0, Phase::Performing));
		assert_eq!(s.next_checkpoint, Some(DUE1 + 46));
		assert_eq!(status(0), LoanStatus::Active);
		// The old book is kept as version 0, as it stood.
		let old = BookVersions::<Test>::get(0, 0).unwrap();
		assert_eq!(
			(old.installments[0].interest, old.installments[0].late_fee),
			(INTEREST, LATE_FEE)
		);
		assert!(PendingRestructurings::<Test>::get(0).is_none());
		assert_eq!(
			take_notices().into_iter().map(|(_, _, k, _)| k).collect::<Vec<_>>(),
			vec![NoticeKind::Recovery(RecoveryNotice::Restructured {
				version: 1,
				capitalized: INTEREST + LATE_FEE
			})]
		);
		assert_eq!(Servicing::due_on(0, DUE1 + 10).unwrap().days_past_due, 0);
		// The servicer's part of the capitalized arrears (the late fee and the month's fee) is
		// paid to it first out of later payments.
		assert_eq!(state(0).servicer_arrears, LATE_FEE + FEE);
		advance_to(DUE1 + 45);
		assert_ok!(Servicing::pay(RuntimeOrigin::signed(BORROWER), 0, 12_170_000));
		// The new period's fee: 1,217 × 1 % / 12 = 1.014166 (rounded down).
		let p = Payments::<Test>::get(0, 0).unwrap();
		assert_eq!((p.servicing_fee, p.servicer_arrears), (1_014_166, LATE_FEE + FEE));
		assert_eq!(
			(p.to_servicer, p.to_owner),
			(1_014_166 + LATE_FEE + FEE, 12_170_000 - 1_014_166 - LATE_FEE - FEE)
		);
		assert_eq!(state(0).servicer_arrears, 0);
	});
}

#[test]
fn only_the_current_owner_and_servicer_count() {
	build_and_execute(|| {
		activate(0);
		assert_ok!(propose(new_terms(DUE1 + 45)));
		assert_ok!(approve(BANK));
		// The loan is sold before the borrower approves: the new owner must approve too.
		set_owner(0, NEW_OWNER);
		assert_ok!(approve(BORROWER));
		assert_eq!(state(0).version, 0);
		assert_noop!(approve(BANK), Error::<Test>::NotOwnerOrBorrower);
		assert_ok!(approve(NEW_OWNER));
		assert_eq!(state(0).version, 1);
		// A proposal of a replaced servicer is stale.
		assert_ok!(propose(new_terms(DUE1 + 45)));
		abs_test_utils::update_loan(0, |l| l.servicer = BUREAU);
		assert_noop!(approve(NEW_OWNER), Error::<Test>::StaleRestructuring);
	});
}

#[test]
fn a_payment_before_the_last_approval_voids_the_proposal() {
	build_and_execute(|| {
		activate(0);
		assert_ok!(propose(new_terms(DUE1 + 45)));
		assert_ok!(approve(BORROWER));
		assert_ok!(Servicing::pay(RuntimeOrigin::signed(BORROWER), 0, 1_000_000));
		System::assert_has_event(Event::RestructuringVoided { loan_id: 0 }.into());
		assert_noop!(approve(BANK), Error::<Test>::NoPendingRestructuring);
		assert_eq!(state(0).version, 0);
	});
}

#[test]
fn a_defaulted_loan_restructures_its_debt() {
	build_and_execute(|| {
		activate(0);
		for day in DUE1..=DUE1 + 92 {
			advance_to(day);
		}
		let debt = 4 * INTEREST + 3 * LATE_FEE + PRINCIPAL;
		assert_eq!(state(0).phase, Phase::Defaulted { on: DUE1 + 90, debt });
		// The servicer's part of the debt: three late fees and four months' fees.
		assert_eq!(
			Servicing::servicer_fees_at_default(0),
			Some((DUE1 + 90, debt, 3 * LATE_FEE + 4 * FEE))
		);
		assert_ok!(propose(new_terms(DUE1 + 120)));
		assert_ok!(approve(BANK));
		assert_ok!(approve(BORROWER));
		// Interest stopped at default: the new principal is the debt; the servicer keeps its
		// claim on its part of it.
		assert_eq!(book(0)[5].1, debt);
		assert_eq!(state(0).servicer_arrears, 3 * LATE_FEE + 4 * FEE);
		assert_eq!(Servicing::servicer_fees_at_default(0), None, "no longer in default");
		assert_eq!(status(0), LoanStatus::Active);
		assert_eq!(state(0).phase, Phase::Performing);
	});
}

#[test]
fn restructuring_refusals() {
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1);
		assert_noop!(
			Servicing::propose_restructuring(RuntimeOrigin::signed(BANK), 0, new_terms(DUE1 + 40)),
			Error::<Test>::NotServicer
		);
		assert_noop!(propose(new_terms(DUE1)), Error::<Test>::FirstDueNotInFuture);
		let mut t = new_terms(DUE1 + 40);
		t.periods = 0;
		assert_noop!(propose(t), Error::<Test>::Finance);
		assert_noop!(approve(BANK), Error::<Test>::NoPendingRestructuring);
		assert_ok!(propose(new_terms(DUE1 + 40)));
		assert_noop!(approve(NOBODY), Error::<Test>::NotOwnerOrBorrower);
		abs_test_utils::update_loan(0, |l| l.status = LoanStatus::InRecovery);
		assert_noop!(approve(BANK), Error::<Test>::InRecovery);
		assert_noop!(propose(new_terms(DUE1 + 40)), Error::<Test>::InRecovery);
	});
}
