//! Payments: allocation, the split between owner and servicer, records, refusals, payoff.

use super::*;
use abs_primitives::Hash;

fn pay(who: u64, amount: u128) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Servicing::pay(RuntimeOrigin::signed(who), 0, amount)
}

#[test]
fn an_installment_paid_on_its_due_day_goes_to_owner_and_servicer() {
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1);
		assert_ok!(pay(BORROWER, INTEREST));
		// Interest 12.000000: the servicer takes the month's fee (1.000000), the bank the rest.
		assert_eq!(usd(BORROWER), FUNDS - INTEREST);
		assert_eq!(usd(BANK), INTEREST - FEE);
		assert_eq!(usd(SERVICER), FEE);
		let p = Payments::<Test>::get(0, 0).unwrap();
		assert_eq!(
			(p.amount, p.interest, p.principal, p.servicing_fee, p.to_owner, p.to_servicer),
			(INTEREST, INTEREST, 0, FEE, INTEREST - FEE, FEE)
		);
		assert_eq!(
			(p.payer, p.day, p.block, p.timestamp, p.closed),
			(BORROWER, DUE1, 2, 1_000_000, false)
		);
		assert_eq!(p.source, PaymentSource::OnChain);
		System::assert_last_event(
			Event::PaymentReceived {
				loan_id: 0,
				seq: 0,
				payer: BORROWER,
				source: PaymentSource::OnChain,
				amount: INTEREST,
				to_owner: INTEREST - FEE,
				to_servicer: FEE,
				closed: false,
			}
			.into(),
		);
		// The checkpoint moved to the day after the next due date (2027-03-01).
		let due2 = DUE1 + 28;
		assert_eq!(state(0).next_checkpoint, Some(due2 + 1));
		assert!(!Checkpoints::<Test>::contains_key(DUE1 + 1, 0));
		advance_to(DUE1 + 1);
		assert!(take_notices().is_empty(), "a paid installment is not missed");
		assert_eq!(status(0), LoanStatus::Active);
	});
}

#[test]
fn the_servicing_fee_is_taken_once_from_the_interest_however_it_is_paid() {
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1 - 3);
		// Paying again before the due day of a settled installment would be a prepayment.
		// 0.400000 first: all of it is fee (below the month's 1.000000).
		assert_ok!(pay(BORROWER, 400_000));
		assert_eq!((usd(SERVICER), usd(BANK)), (400_000, 0));
		// The rest of the interest: the remaining 0.600000 of fee, 11.000000 to the bank.
		assert_ok!(pay(BORROWER, INTEREST - 400_000));
		assert_eq!((usd(SERVICER), usd(BANK)), (FEE, INTEREST - FEE));
		// Once the first due day has passed, the second installment is the current one: its
		// interest carries its own month's fee.
		advance_to(DUE1 + 1);
		assert_ok!(pay(BORROWER, INTEREST));
		assert_eq!((usd(SERVICER), usd(BANK)), (2 * FEE, 2 * (INTEREST - FEE)));
		let s = state(0);
		assert_eq!(
			(s.payments, s.paid, s.to_owner, s.to_servicer),
			(3, 2 * INTEREST, 2 * (INTEREST - FEE), 2 * FEE)
		);
	});
}

#[test]
fn a_prepayment_lowers_the_later_interest() {
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1);
		assert_ok!(pay(BORROWER, INTEREST + 200_000_000));
		let p = Payments::<Test>::get(0, 0).unwrap();
		assert_eq!((p.interest, p.prepayment), (INTEREST, 200_000_000));
		// 1,000.000000 left at 1 % a month: 10.000000 of interest from the second month.
		let b = book(0);
		assert_eq!(b[1], (10_000_000, 0));
		assert_eq!(b[5], (10_000_000, 1_000_000_000));
		assert_eq!(b.iter().map(|(_, p)| p).sum::<u128>(), PRINCIPAL);
	});
}

#[test]
fn anyone_may_pay_for_the_borrower() {
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1);
		assert_ok!(pay(NOBODY, INTEREST));
		assert_eq!(usd(NOBODY), FUNDS - INTEREST);
		assert_eq!(usd(BORROWER), FUNDS);
		assert_eq!(Payments::<Test>::get(0, 0).unwrap().payer, NOBODY);
	});
}

#[test]
fn payments_go_to_the_current_owner() {
	build_and_execute(|| {
		activate(0);
		set_owner(0, NEW_OWNER);
		advance_to(DUE1);
		assert_ok!(pay(BORROWER, INTEREST));
		assert_eq!((usd(NEW_OWNER), usd(BANK)), (INTEREST - FEE, 0));
	});
}

#[test]
fn refusals_change_nothing() {
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1);
		// On the due day the payoff is the principal + the month's interest.
		assert_eq!(Servicing::payoff_on(0, DUE1), Some(PRINCIPAL + INTEREST));
		assert_noop!(pay(BORROWER, PRINCIPAL + INTEREST + 1), Error::<Test>::BeyondPayoff);
		assert_noop!(pay(BORROWER, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Servicing::pay(RuntimeOrigin::signed(BORROWER), 9, 1),
			Error::<Test>::UnknownLoan
		);
		assert_noop!(pay(SERVICER, 1), Error::<Test>::InsufficientBalance);
		freeze(NOBODY);
		assert_noop!(pay(NOBODY, 1), Error::<Test>::ParticipantFrozen);
		assert_noop!(
			Servicing::record_offchain_payment(RuntimeOrigin::signed(BANK), 0, 1, Hash::zero()),
			Error::<Test>::NotServicer
		);
		assert_noop!(
			Servicing::record_offchain_payment(RuntimeOrigin::signed(SERVICER), 0, 0, Hash::zero()),
			Error::<Test>::ZeroAmount
		);
		// A loan the loans pallet knows but servicing never started.
		abs_test_utils::with(|w| {
			let l = w.loans[&0].clone();
			w.loans.insert(5, l);
		});
		assert_noop!(
			Servicing::pay(RuntimeOrigin::signed(BORROWER), 5, 1),
			Error::<Test>::NotServiced
		);
	});
}

#[test]
fn the_payoff_closes_the_loan() {
	build_and_execute(|| {
		activate(0);
		// Ten days into the first period (2027-01-11 → 30/360: 10 days): 1,200 × 1 % / 3.
		advance_to(TODAY + 10);
		let payoff = PRINCIPAL + 4_000_000;
		assert_eq!(Servicing::payoff_on(0, TODAY + 10), Some(payoff));
		assert_ok!(pay(BORROWER, payoff));
		// The fee of the period (1.000000) is covered by the 4.000000 of interest.
		assert_eq!((usd(BANK), usd(SERVICER)), (payoff - FEE, FEE));
		assert_eq!(status(0), LoanStatus::PaidOff);
		let s = state(0);
		assert_eq!((s.phase, s.next_checkpoint), (Phase::Closed, None));
		assert_eq!(Checkpoints::<Test>::iter().count(), 0);
		let notices = take_notices();
		assert_eq!(notices, vec![(0, TODAY + 10, NoticeKind::PaidOff, PARTIES.to_vec())]);
		assert!(Payments::<Test>::get(0, 0).unwrap().closed);
		assert_noop!(pay(BORROWER, 1), Error::<Test>::LoanClosed);
		assert_eq!(Servicing::payoff_on(0, TODAY + 10), None);
	});
}

#[test]
fn the_servicer_records_an_offchain_payment() {
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1);
		let reference = Hash::repeat_byte(0xab);
		assert_ok!(Servicing::record_offchain_payment(
			RuntimeOrigin::signed(SERVICER),
			0,
			INTEREST,
			reference
		));
		// No money moved on chain; the record keeps the split and the reference.
		assert_eq!((usd(BANK), usd(SERVICER), usd(BORROWER)), (0, 0, FUNDS));
		let p = Payments::<Test>::get(0, 0).unwrap();
		assert_eq!(p.source, PaymentSource::OffChain { reference });
		assert_eq!((p.payer, p.to_owner, p.to_servicer), (SERVICER, INTEREST - FEE, FEE));
		assert_eq!(state(0).next_checkpoint, Some(DUE1 + 29));
	});
}

#[test]
fn an_unlicensed_servicer_records_nothing() {
	build_and_execute(|| {
		activate(0);
		revoke(SERVICER, abs_primitives::Role::Servicer);
		assert_noop!(
			Servicing::record_offchain_payment(RuntimeOrigin::signed(SERVICER), 0, 1, Hash::zero()),
			Error::<Test>::ServicerNotLicensed
		);
		// The originator servicing its own loan needs its originator licence.
		abs_test_utils::update_loan(0, |l| l.servicer = BANK);
		assert_ok!(Servicing::record_offchain_payment(
			RuntimeOrigin::signed(BANK),
			0,
			1,
			Hash::zero()
		));
	});
}

#[test]
fn payment_records_are_paged() {
	build_and_execute(|| {
		activate(0);
		for _ in 0..5 {
			assert_ok!(pay(BORROWER, 1_000_000));
		}
		let page = Servicing::payments(0, 1, 3);
		assert_eq!(page.iter().map(|(s, _)| *s).collect::<Vec<_>>(), vec![1, 2, 3]);
		assert_eq!(Servicing::payments(0, 4, 10).len(), 1);
		assert!(Servicing::payments(0, 5, 10).is_empty());
	});
}

#[test]
fn what_is_due_today() {
	build_and_execute(|| {
		activate(0);
		let v = Servicing::due_on(0, DUE1).unwrap();
		assert_eq!((v.overdue, v.late_fees, v.due_now, v.days_past_due), (0, 0, INTEREST, 0));
		assert_eq!(v.current, Some((0, DUE1, INTEREST)));
		// Before the due day nothing is due yet.
		assert_eq!(Servicing::due_on(0, DUE1 - 1).unwrap().due_now, 0);
		// Missed, with the late fee charged on day due + 6.
		advance_to(DUE1 + 6);
		let v = Servicing::due_on(0, DUE1 + 6).unwrap();
		assert_eq!(
			(v.overdue, v.late_fees, v.due_now, v.days_past_due, v.bucket),
			(INTEREST, LATE_FEE, INTEREST + LATE_FEE, 6, 1)
		);
	});
}

#[test]
fn a_payment_is_charged_for_its_own_book_not_the_longest_one() {
	use crate::weights::WeightInfo;
	use frame_support::dispatch::GetDispatchInfo;
	build_and_execute(|| {
		activate(0);
		advance_to(DUE1);
		let n =
			u32::try_from(Books::<Test>::get(0).unwrap().to_engine().installments.len()).unwrap();
		assert!(n < 480);
		let info = pay(BORROWER, INTEREST).unwrap();
		// The call declares the 480-installment worst case; the refund leaves this book's.
		assert_eq!(
			info.actual_weight,
			Some(<() as WeightInfo>::pay(n).saturating_add(
				<abs_test_utils::MockObserver as abs_traits::LoanObserver>::weight()
			))
		);
		assert!(<() as WeightInfo>::pay(n).ref_time() < <() as WeightInfo>::pay(480).ref_time());
		let declared = crate::Call::<Test>::pay { loan_id: 0, amount: 1 }.get_dispatch_info();
		assert_eq!(
			declared.call_weight,
			<() as WeightInfo>::pay(480)
				.saturating_add(<<Test as Config>::Recovery as abs_traits::OnDefaultCured>::weight())
				.saturating_add(
					<abs_test_utils::MockObserver as abs_traits::LoanObserver>::weight()
				)
		);
	});
}

#[test]
fn other_pallets_read_a_books_position() {
	use abs_traits::{LoanPosition, ServicingInspect};
	build_and_execute(|| {
		assert_eq!(Servicing::position(0, TODAY), None, "not serviced");
		activate(0);
		// Interest-only from 2027-01-01 (TODAY): the whole principal is out, six installments
		// to go (the last on 2027-07-01, day 21,000), none late, nothing accrued yet.
		let fresh = LoanPosition {
			outstanding_principal: PRINCIPAL,
			days_past_due: 0,
			remaining_installments: 6,
			installment: INTEREST,
			maturity: 21_000,
			interest_owed: 0,
		};
		assert_eq!(Servicing::position(0, TODAY), Some(fresh));
		assert_eq!(
			Servicing::position(0, DUE1),
			Some(LoanPosition { interest_owed: INTEREST, ..fresh }),
			"a whole month accrued on the due day"
		);
		// 30/360 from 2027-02-01 to 02-05 is 4 days: 1.2e9 × 12 % × 4 ÷ 360 = 1.6e6.
		assert_eq!(
			Servicing::position(0, DUE1 + 4),
			Some(LoanPosition { days_past_due: 4, interest_owed: INTEREST + 1_600_000, ..fresh }),
			"the first installment is 4 days late"
		);
		advance_to(DUE1);
		assert_ok!(pay(BORROWER, INTEREST));
		assert_eq!(
			Servicing::position(0, DUE1 + 4),
			Some(LoanPosition { remaining_installments: 5, interest_owed: 1_600_000, ..fresh })
		);
	});
}
