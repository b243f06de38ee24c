//! Delinquency in the hook: missed installments, late fees, buckets, cures, default.

use super::*;

/// 2027-03-01, 2027-04-01, 2027-05-01 (monthly from 2027-02-01).
const DUE2: u32 = DUE1 + 28;
const DUE3: u32 = DUE2 + 31;
const DUE4: u32 = DUE3 + 30;

fn pay(amount: u128) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Servicing::pay(RuntimeOrigin::signed(BORROWER), 0, amount)
}

#[test]
fn a_missed_installment_enters_bucket_1_then_the_late_fee_falls_due() {
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1);
		assert!(take_notices().is_empty());
		advance_to(DUE1 + 1);
		assert_eq!(
			take_notices(),
			vec![(
				0,
				DUE1 + 1,
				NoticeKind::BucketChanged { from: 0, to: 1, dpd: 1 },
				PARTIES.to_vec()
			)]
		);
		assert_eq!(status(0), LoanStatus::Delinquent(1));
		// Grace 5 days: the fee on day due + 6, not before.
		assert_eq!(state(0).next_checkpoint, Some(DUE1 + 6));
		advance_to(DUE1 + 5);
		assert!(take_notices().is_empty());
		advance_to(DUE1 + 6);
		assert_eq!(
			take_notices(),
			vec![(
				0,
				DUE1 + 6,
				NoticeKind::LateFeeCharged { installment: 0, amount: LATE_FEE },
				PARTIES.to_vec()
			)]
		);
		assert_eq!(state(0).late_fees_charged, LATE_FEE);
		assert_eq!(state(0).next_checkpoint, Some(DUE1 + 30));
	});
}

#[test]
fn paying_the_arrears_cures_and_the_late_fee_goes_to_the_servicer() {
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1 + 6);
		take_notices();
		// Allocation order: the overdue installment, the current one (due 2027-03-01), then
		// the late fee.
		assert_ok!(pay(2 * INTEREST + LATE_FEE));
		assert_eq!(
			take_notices(),
			vec![(0, DUE1 + 6, NoticeKind::Cured { from: 1 }, PARTIES.to_vec())]
		);
		assert_eq!(status(0), LoanStatus::Active);
		assert_eq!((usd(SERVICER), usd(BANK)), (2 * FEE + LATE_FEE, 2 * (INTEREST - FEE)));
		let p = Payments::<Test>::get(0, 0).unwrap();
		assert_eq!(
			(p.interest, p.late_fees, p.to_servicer),
			(2 * INTEREST, LATE_FEE, 2 * FEE + LATE_FEE)
		);
		// Two installments settled: the next checkpoint is the day after the third's due date.
		assert_eq!(state(0).next_checkpoint, Some(DUE3 + 1));
	});
}

#[test]
fn a_partial_payment_keeps_the_loan_delinquent() {
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1 + 2);
		take_notices();
		assert_ok!(pay(INTEREST - 1));
		assert!(take_notices().is_empty());
		assert_eq!(status(0), LoanStatus::Delinquent(1));
		assert_eq!(Servicing::due_on(0, DUE1 + 2).unwrap().overdue, 1);
	});
}

#[test]
fn buckets_up_to_default_with_the_debt_and_only_a_full_payoff_after() {
	build_and_execute(|| {
		activate(0);
		let mut seen = Vec::new();
		for day in DUE1..=DUE1 + 95 {
			advance_to(day);
			seen.extend(take_notices().into_iter().map(|(_, d, k, _)| (d, k)));
		}
		use NoticeKind::*;
		// Late fees on due + 6 of each missed installment up to the default on 2027-05-02
		// (DUE1 + 90); the fourth installment's fee day (2027-05-07) comes after it.
		let debt = 4 * INTEREST + 3 * LATE_FEE + PRINCIPAL;
		assert_eq!(
			seen,
			vec![
				(DUE1 + 1, BucketChanged { from: 0, to: 1, dpd: 1 }),
				(DUE1 + 6, LateFeeCharged { installment: 0, amount: LATE_FEE }),
				(DUE1 + 30, BucketChanged { from: 1, to: 2, dpd: 30 }),
				(DUE2 + 6, LateFeeCharged { installment: 1, amount: LATE_FEE }),
				(DUE1 + 60, BucketChanged { from: 2, to: 3, dpd: 60 }),
				(DUE3 + 6, LateFeeCharged { installment: 2, amount: LATE_FEE }),
				(DUE1 + 90, Defaulted { dpd: 90, debt }),
			]
		);
		assert_eq!(DUE4, DUE1 + 89);
		assert_eq!(status(0), LoanStatus::Defaulted);
		let s = state(0);
		assert_eq!((s.phase, s.next_checkpoint), (Phase::Defaulted { on: DUE1 + 90, debt }, None));
		// Interest stopped: the debt stays whatever the day.
		assert_eq!(Servicing::payoff_on(0, DUE1 + 95), Some(debt));
		assert_noop!(pay(debt - 1), Error::<Test>::DefaultedPartialPayment);
		// Before the fix: DefaultedPartialPayment; more than the debt is beyond the payoff.
		assert_noop!(pay(debt + 1), Error::<Test>::BeyondPayoff);
		assert!(cured().is_empty());
		assert_ok!(pay(debt));
		assert_eq!(cured(), vec![0], "recovery told");
		// Four months of fees (1.000000 each) and three late fees to the servicer.
		assert_eq!(usd(SERVICER), 4 * FEE + 3 * LATE_FEE);
		assert_eq!(usd(BANK), debt - 4 * FEE - 3 * LATE_FEE);
		assert_eq!(status(0), LoanStatus::PaidOff);
		assert_eq!(
			abs_test_utils::status_log(),
			vec![
				(0, LoanStatus::Delinquent(1)),
				(0, LoanStatus::Delinquent(30)),
				(0, LoanStatus::Delinquent(60)),
				(0, LoanStatus::Defaulted),
				(0, LoanStatus::PaidOff),
			]
		);
	});
}

#[test]
fn a_block_passing_many_days_processes_them_in_order() {
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1);
		// One block jumps 40 days past the first due date.
		advance_to(DUE1 + 40);
		let days: Vec<_> = take_notices().into_iter().map(|(_, d, k, _)| (d, k)).collect();
		use NoticeKind::*;
		assert_eq!(
			days,
			vec![
				(DUE1 + 1, BucketChanged { from: 0, to: 1, dpd: 1 }),
				(DUE1 + 6, LateFeeCharged { installment: 0, amount: LATE_FEE }),
				(DUE1 + 30, BucketChanged { from: 1, to: 2, dpd: 30 }),
				(DUE2 + 6, LateFeeCharged { installment: 1, amount: LATE_FEE }),
			]
		);
		assert_eq!(CheckpointCursor::<Test>::get(), Some(DUE1 + 41));
	});
}

#[test]
fn a_payment_catches_up_what_the_hook_has_not_reached() {
	build_and_execute(|| {
		activate(0);
		// Today moves without a hook run (e.g. the hook is behind): the payment first applies
		// the missed installment's bucket and late fee, then allocates.
		abs_test_utils::set_today(DUE1 + 7);
		assert_ok!(pay(INTEREST));
		let kinds: Vec<_> = take_notices().into_iter().map(|(_, d, k, _)| (d, k)).collect();
		use NoticeKind::*;
		// Each checkpoint on its own day, in order.
		assert_eq!(
			kinds,
			vec![
				(DUE1 + 1, BucketChanged { from: 0, to: 1, dpd: 1 }),
				(DUE1 + 6, LateFeeCharged { installment: 0, amount: LATE_FEE }),
				(DUE1 + 7, Cured { from: 1 }),
			]
		);
		assert_eq!(Servicing::due_on(0, DUE1 + 7).unwrap().late_fees, LATE_FEE);
	});
}

#[test]
fn paying_part_of_the_arrears_moves_to_a_lower_bucket() {
	build_and_execute(|| {
		activate(0);
		for day in DUE1..=DUE1 + 35 {
			advance_to(day);
		}
		take_notices();
		assert_eq!(status(0), LoanStatus::Delinquent(30));
		// Paying the oldest installment: the oldest unpaid is now 2027-03-01, 7 days late.
		assert_ok!(pay(INTEREST));
		assert_eq!(
			take_notices().into_iter().map(|(_, _, k, _)| k).collect::<Vec<_>>(),
			vec![NoticeKind::BucketChanged { from: 2, to: 1, dpd: 7 }]
		);
		assert_eq!(status(0), LoanStatus::Delinquent(7));
	});
}

#[test]
fn a_failing_checkpoint_is_retried_the_next_day() {
	build_and_execute(|| {
		activate(0);
		abs_test_utils::with(|w| w.fail_status = true);
		advance_to(DUE1 + 1);
		assert!(take_notices().is_empty());
		assert_eq!(state(0).next_checkpoint, Some(DUE1 + 2));
		assert_eq!(state(0).bucket, 0, "rolled back");
		abs_test_utils::with(|w| w.fail_status = false);
		advance_to(DUE1 + 2);
		assert_eq!(
			take_notices().into_iter().map(|(_, d, k, _)| (d, k)).collect::<Vec<_>>(),
			vec![(DUE1 + 2, NoticeKind::BucketChanged { from: 0, to: 1, dpd: 2 })]
		);
	});
}

#[test]
fn the_hook_is_bounded_in_days_per_block() {
	build_and_execute(|| {
		activate(0);
		// MaxDaysPerBlock = 64: a jump of 100 days takes two blocks.
		advance_to(TODAY + 100);
		assert_eq!(CheckpointCursor::<Test>::get(), Some(TODAY + 64));
		advance_to(TODAY + 100);
		assert_eq!(CheckpointCursor::<Test>::get(), Some(TODAY + 101));
	});
}

#[test]
fn queries_show_what_the_hook_has_not_applied_yet() {
	build_and_execute(|| {
		activate(0);
		// Today is past the late-fee day but the hook has not run (it runs before the block's
		// timestamp): the payoff and what is due already include the fee.
		abs_test_utils::set_today(DUE1 + 7);
		let payoff_before_fee = PRINCIPAL + INTEREST; // accrued: none after the due date yet
		assert_eq!(
			Servicing::payoff_on(0, DUE1 + 7),
			Some(payoff_before_fee + LATE_FEE + 2_800_000),
			"7 days of interest on 1,200.000000 at 12 % (30/360): 2.800000"
		);
		let v = Servicing::due_on(0, DUE1 + 7).unwrap();
		assert_eq!((v.late_fees, v.days_past_due, v.bucket), (LATE_FEE, 7, 1));
		assert_eq!(state(0).late_fees_charged, 0, "nothing written");
		// Paying that payoff closes the loan.
		assert_ok!(pay(payoff_before_fee + LATE_FEE + 2_800_000));
		assert_eq!(status(0), LoanStatus::PaidOff);
	});
}

#[test]
fn a_late_payment_catching_up_to_default_dates_it_on_its_day() {
	build_and_execute(|| {
		activate(0);
		// The hook never ran; 95 days after the first due date a payment arrives: the default
		// is applied on its own day (DUE1 + 90) with the debt of that day, and only the whole
		// debt is accepted.
		abs_test_utils::set_today(DUE1 + 95);
		let debt = 4 * INTEREST + 3 * LATE_FEE + PRINCIPAL;
		assert_eq!(Servicing::payoff_on(0, DUE1 + 95), Some(debt));
		let v = Servicing::due_on(0, DUE1 + 95).unwrap();
		assert_eq!(
			(v.day, v.default_day, v.due_now, v.payoff, v.days_past_due),
			(DUE1 + 95, Some(DUE1 + 90), debt, debt, 95)
		);
		assert_noop!(pay(INTEREST), Error::<Test>::DefaultedPartialPayment);
		assert_ok!(pay(debt));
		let kinds: Vec<_> = take_notices().into_iter().map(|(_, d, k, _)| (d, k)).collect();
		use NoticeKind::*;
		assert_eq!(kinds.len(), 8);
		assert_eq!(kinds[0], (DUE1 + 1, BucketChanged { from: 0, to: 1, dpd: 1 }));
		assert_eq!(kinds[6], (DUE1 + 90, Defaulted { dpd: 90, debt }));
		assert_eq!(kinds[7], (DUE1 + 95, PaidOff));
	});
}
