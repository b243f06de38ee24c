use crate::{impls::valid_transition, mock::*, Error, Event, LoanAction};
use abs_primitives::LoanStatus::{self, *};
use abs_traits::{LoanInspect, LoanLifecycle};
use frame_support::{assert_noop, assert_ok};

#[test]
fn other_pallets_move_the_status_through_the_trait_with_history() {
	build_and_execute(|| {
		assert_ok!(propose_with(BANK, terms()));
		let hash = crate::Loans::<Test>::get(0).unwrap().terms_hash;
		assert_noop!(
			<Loans as LoanLifecycle<u64>>::set_status(0, Delinquent(3), None, Default::default()),
			Error::<Test>::InvalidTransition
		);
		assert_ok!(Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash));
		assert_ok!(<Loans as LoanLifecycle<u64>>::set_status(
			0,
			Delinquent(3),
			Some(SERVICER),
			sp_core::H256::repeat_byte(5)
		));
		System::assert_last_event(
			Event::StatusChanged { loan_id: 0, from: Active, to: Delinquent(3) }.into(),
		);
		let h = Loans::history(0, 2, 1);
		assert_eq!(
			(h[0].actor, h[0].action),
			(Some(SERVICER), LoanAction::StatusChanged(Delinquent(3)))
		);
		assert_eq!(<Loans as LoanInspect<u64>>::loan(0).unwrap().status, Delinquent(3));
		assert_ok!(<Loans as LoanLifecycle<u64>>::set_status(0, PaidOff, None, Default::default()));
		assert_noop!(
			<Loans as LoanLifecycle<u64>>::set_status(0, Active, None, Default::default()),
			Error::<Test>::InvalidTransition
		);
		assert_noop!(
			<Loans as LoanLifecycle<u64>>::set_status(7, Active, None, Default::default()),
			Error::<Test>::UnknownLoan
		);
	});
}

#[test]
fn transition_table() {
	let all: [LoanStatus; 10] = [
		Proposed,
		Withdrawn,
		Expired,
		Active,
		Delinquent(1),
		PaidOff,
		Defaulted,
		InRecovery,
		Recovered,
		WrittenOff,
	];
	for from in all {
		for to in all {
			let funded = |s| !matches!(s, Proposed | Withdrawn | Expired);
			let expect = funded(from)
				&& funded(to)
				&& !matches!(from, PaidOff | Recovered | WrittenOff)
				&& from != to;
			assert_eq!(valid_transition(from, to), expect, "{from:?} → {to:?}");
		}
	}
	assert!(valid_transition(Active, Delinquent(30)));
	assert!(valid_transition(Delinquent(30), Delinquent(60)));
	assert!(!valid_transition(PaidOff, Active));
}
