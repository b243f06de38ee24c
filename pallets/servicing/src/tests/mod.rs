mod bureaus;
mod delinquency;
mod payments;
mod restructuring;
mod scale;

use crate::{mock::*, *};
use abs_primitives::LoanStatus;
use codec::Encode;
use frame_support::{assert_noop, assert_ok};

/// The installments' (interest, principal) of loan 0's book.
fn book(id: abs_primitives::LoanId) -> Vec<(u128, u128)> {
	Books::<Test>::get(id).unwrap().installments.iter().map(|i| (i.interest, i.principal)).collect()
}

fn state(id: abs_primitives::LoanId) -> ServicingState<u64> {
	States::<Test>::get(id).unwrap()
}

/// Every account a notice of loan 0 goes to without bureaus.
const PARTIES: [u64; 3] = [BORROWER, BANK, SERVICER];

#[test]
fn servicing_starts_with_the_schedule_and_a_checkpoint() {
	build_and_execute(|| {
		activate(0);
		// Interest-only at 1 % a month (12 % a year, 30/360): 12.000000 each month, the
		// principal with the last.
		let mut expected = vec![(INTEREST, 0); 5];
		expected.push((INTEREST, PRINCIPAL));
		assert_eq!(book(0), expected);
		let s = state(0);
		assert_eq!((s.phase, s.bucket, s.next_checkpoint), (Phase::Performing, 0, Some(DUE1 + 1)));
		assert!(Checkpoints::<Test>::contains_key(DUE1 + 1, 0));
		System::assert_last_event(
			Event::ServicingStarted {
				loan_id: 0,
				installments: 6,
				payment: 0,
				first_checkpoint: DUE1 + 1,
			}
			.into(),
		);
		// Once only.
		assert_noop!(
			<Servicing as abs_traits::OnLoanActivated>::on_activated(0),
			Error::<Test>::AlreadyServiced
		);
		assert_noop!(
			<Servicing as abs_traits::OnLoanActivated>::on_activated(7),
			Error::<Test>::UnknownLoan
		);
	});
}

#[test]
fn a_book_is_stored_compactly() {
	build_and_execute(|| {
		let mut t = terms();
		t.schedule.periods = 360;
		t.schedule.amortization = abs_finance::Amortization::LevelAnnuity;
		activate_with(0, t);
		let stored = Books::<Test>::get(0).unwrap().encode().len();
		// 360 installments × 7 fields: a fixed-width encoding takes 4 + 6 × 16 bytes each.
		assert!(stored < 360 * 100 / 3, "{stored} bytes");
	});
}
mod review;
