//! Findings of the credit-half review (issue 13): off-chain payoffs of defaulted loans, who
//! voids a restructuring, the largest late fee, the view of a defaulted loan.

use super::*;
use abs_finance::{Amortization, CalendarDate, DayCount, LateFee};

const DUE2: u32 = DUE1 + 28;

/// Walk the hook day by day to `to`.
fn walk(from: u32, to: u32) {
	for day in from..=to {
		advance_to(day);
	}
}

/// Loan 0 defaulted on DUE1 + 90 with this debt (four interest payments, three late fees).
fn defaulted() -> u128 {
	activate(0);
	walk(DUE1, DUE1 + 90);
	assert_eq!(status(0), LoanStatus::Defaulted);
	4 * INTEREST + 3 * LATE_FEE + PRINCIPAL
}

fn record(amount: u128) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Servicing::record_offchain_payment(
		RuntimeOrigin::signed(SERVICER),
		0,
		amount,
		sp_core::H256::repeat_byte(4),
	)
}

#[test]
fn an_offchain_payoff_of_a_defaulted_loan_waits_for_the_owner() {
	build_and_execute(|| {
		let debt = defaulted();
		assert_noop!(record(debt - 1), Error::<Test>::DefaultedPartialPayment);
		assert_noop!(record(debt + 1), Error::<Test>::BeyondPayoff);
		// Before the fix the loan closed here, on the servicer's word alone.
		assert_ok!(record(debt));
		System::assert_last_event(
			Event::OffchainPayoffAwaitsOwner {
				loan_id: 0,
				servicer: SERVICER,
				amount: debt,
				reference: sp_core::H256::repeat_byte(4),
			}
			.into(),
		);
		assert_eq!(status(0), LoanStatus::Defaulted);
		assert_eq!(state(0).payments, 0);
		assert!(cured().is_empty(), "auction not cancelled");
		for who in [SERVICER, BORROWER, NOBODY] {
			assert_noop!(
				Servicing::confirm_offchain_payoff(RuntimeOrigin::signed(who), 0),
				Error::<Test>::NotOwner
			);
		}
		// The owner says nothing arrived; the servicer records again; the owner confirms.
		assert_ok!(Servicing::reject_offchain_payoff(RuntimeOrigin::signed(BANK), 0));
		System::assert_last_event(Event::OffchainPayoffRejected { loan_id: 0, by: BANK }.into());
		assert_noop!(
			Servicing::confirm_offchain_payoff(RuntimeOrigin::signed(BANK), 0),
			Error::<Test>::NoPendingPayoff
		);
		assert_ok!(record(debt));
		assert_ok!(Servicing::confirm_offchain_payoff(RuntimeOrigin::signed(BANK), 0));
		assert_eq!(status(0), LoanStatus::PaidOff);
		assert_eq!(state(0).paid, debt);
		assert_eq!(cured(), vec![0], "recovery told");
		assert!(PendingPayoffs::<Test>::get(0).is_none());
		// No money moved on chain.
		assert_eq!(usd(BANK), 0);
	});
}

#[test]
fn a_payoff_by_a_replaced_servicer_cannot_be_confirmed() {
	build_and_execute(|| {
		let debt = defaulted();
		assert_ok!(record(debt));
		abs_test_utils::update_loan(0, |l| l.servicer = NOBODY);
		assert_noop!(
			Servicing::confirm_offchain_payoff(RuntimeOrigin::signed(BANK), 0),
			Error::<Test>::NotServicer
		);
	});
}

#[test]
fn only_the_borrower_or_the_servicer_voids_a_pending_restructuring() {
	build_and_execute(|| {
		activate(0);
		let t = RestructureTerms {
			annual_rate: 120_000_000_000_000_000,
			periods: 6,
			amortization: Amortization::InterestOnly,
			day_count: DayCount::Thirty360,
			first_due: CalendarDate::from_day_number(DUE1 + 45),
		};
		assert_ok!(Servicing::propose_restructuring(RuntimeOrigin::signed(SERVICER), 0, t));
		// Before the fix 1 unit from anyone voided it.
		assert_ok!(Servicing::pay(RuntimeOrigin::signed(NOBODY), 0, 1));
		assert!(PendingRestructurings::<Test>::get(0).is_some());
		assert_ok!(Servicing::pay(RuntimeOrigin::signed(BORROWER), 0, 1));
		System::assert_has_event(Event::RestructuringVoided { loan_id: 0 }.into());
		assert!(PendingRestructurings::<Test>::get(0).is_none());
	});
}

#[test]
fn two_missed_installments_with_the_largest_fixed_fee_allowed() {
	build_and_execute(|| {
		// Interest-only: the smallest installment is one month's interest, 12.000000 — the
		// largest fixed fee the loans pallet accepts for these terms.
		let mut t = terms();
		t.late_fee = LateFee::Fixed(INTEREST);
		activate_with(0, t);
		walk(DUE1, DUE2 + 6);
		let s = state(0);
		assert_eq!(s.late_fees_charged, 2 * INTEREST);
		assert_eq!(s.phase, Phase::Performing);
		// On DUE2 + 6: two months overdue, two fees, the principal, 6 days' accrual
		// (30/360: 1,200 × 12 % × 6/360 = 2.400000).
		assert_eq!(
			Servicing::payoff_on(0, DUE2 + 6),
			Some(2 * INTEREST + 2 * INTEREST + PRINCIPAL + 2_400_000)
		);
		// A restructuring whose installments fall below the fee is refused.
		let longer = RestructureTerms {
			annual_rate: 0,
			periods: 480,
			amortization: Amortization::LevelAnnuity,
			day_count: DayCount::Thirty360,
			first_due: CalendarDate::from_day_number(DUE2 + 40),
		};
		assert_noop!(
			Servicing::propose_restructuring(RuntimeOrigin::signed(SERVICER), 0, longer),
			Error::<Test>::LateFeeTooLarge
		);
	});
}

#[test]
fn a_defaulted_loan_shows_todays_day_and_dpd_with_the_frozen_debt() {
	build_and_execute(|| {
		let debt = defaulted();
		advance_to(DUE1 + 100);
		let d = Servicing::due_on(0, DUE1 + 100).unwrap();
		// Before the fix: day = the default day, dpd 90 for ever.
		assert_eq!((d.day, d.default_day, d.days_past_due), (DUE1 + 100, Some(DUE1 + 90), 100));
		assert_eq!((d.payoff, d.due_now), (debt, debt));
	});
}
