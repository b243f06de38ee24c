use crate::{mock::*, ByOwner, ByServicer, Error, Event, LoanAction};
use abs_primitives::{LoanStatus, Role};
use frame_support::{assert_noop, assert_ok};

fn active_loan() -> u64 {
	assert_ok!(propose_with(BANK, terms()));
	let id = crate::NextLoanId::<Test>::get().saturating_sub(1);
	let hash = crate::Loans::<Test>::get(id).unwrap().terms_hash;
	assert_ok!(Loans::accept(RuntimeOrigin::signed(BORROWER), id, hash));
	id
}

#[test]
fn owner_transfers_the_loan() {
	build_and_execute(|| {
		let id = active_loan();
		assert_ok!(Loans::transfer_ownership(RuntimeOrigin::signed(BANK), id, BANK2));
		System::assert_last_event(
			Event::OwnershipTransferred { loan_id: id, from: BANK, to: BANK2 }.into(),
		);
		assert!(
			ByOwner::<Test>::contains_key(BANK2, id) && !ByOwner::<Test>::contains_key(BANK, id)
		);
		assert_eq!(Loans::page(crate::LoanIndex::Owner, &BANK2, None, 10), vec![id]);
		assert_eq!(Loans::history(id, 2, 5)[0].action, LoanAction::OwnershipTransferred);
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(BANK), id, BANK),
			Error::<Test>::NotOwner
		);
	});
}

#[test]
fn transfer_refusals() {
	build_and_execute(|| {
		assert_ok!(propose_with(BANK, terms()));
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(BANK), 0, BANK2),
			Error::<Test>::NotOwner
		);
		let id = active_loan();
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(BANK), 99, BANK2),
			Error::<Test>::UnknownLoan
		);
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(BANK), id, BANK),
			Error::<Test>::InvalidNewOwner
		);
		freeze(BANK2);
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(BANK), id, BANK2),
			Error::<Test>::InvalidNewOwner
		);
		<Loans as abs_traits::LoanLifecycle<u64>>::set_status(
			id,
			LoanStatus::PaidOff,
			None,
			Default::default(),
		)
		.unwrap();
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(BANK), id, NOBODY),
			Error::<Test>::StatusDoesNotAllow
		);
		freeze(BANK);
		let id2 = {
			abs_test_utils::unfreeze(BANK);
			let id2 = active_loan();
			freeze(BANK);
			id2
		};
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(BANK), id2, NOBODY),
			Error::<Test>::ParticipantFrozen
		);
	});
}

#[test]
fn owner_appoints_a_licensed_servicer() {
	build_and_execute(|| {
		let id = active_loan();
		assert_noop!(
			Loans::appoint_servicer(RuntimeOrigin::signed(BANK), id, NOBODY),
			Error::<Test>::ServicerNotLicensed
		);
		assert_noop!(
			Loans::appoint_servicer(RuntimeOrigin::signed(BANK), id, BANK),
			Error::<Test>::SameServicer
		);
		assert_noop!(
			Loans::appoint_servicer(RuntimeOrigin::signed(SERVICER), id, SERVICER),
			Error::<Test>::NotOwner
		);
		assert_ok!(Loans::appoint_servicer(RuntimeOrigin::signed(BANK), id, SERVICER));
		System::assert_last_event(
			Event::ServicerAppointed { loan_id: id, from: BANK, to: SERVICER }.into(),
		);
		assert!(
			ByServicer::<Test>::contains_key(SERVICER, id)
				&& !ByServicer::<Test>::contains_key(BANK, id)
		);
		freeze(SERVICER);
		grant(BANK2, Role::Servicer);
		assert_ok!(Loans::appoint_servicer(RuntimeOrigin::signed(BANK), id, BANK2));
		assert_noop!(
			Loans::appoint_servicer(RuntimeOrigin::signed(BANK), id, SERVICER),
			Error::<Test>::ServicerNotLicensed
		);
	});
}

#[test]
fn indices_page_without_scanning() {
	build_and_execute(|| {
		let ids: Vec<u64> = (0..5)
			.map(|i| {
				advance_to(TODAY + i); // spread expiry days (3 per day max)
				active_loan()
			})
			.collect();
		let mut seen = Vec::new();
		let mut after = None;
		loop {
			let page = Loans::page(crate::LoanIndex::Borrower, &BORROWER, after, 2);
			if page.is_empty() {
				break;
			}
			assert!(page.len() <= 2);
			after = page.last().copied();
			seen.extend(page);
		}
		seen.sort();
		assert_eq!(seen, ids);
		assert_eq!(Loans::page(crate::LoanIndex::Servicer, &BANK, None, 100).len(), 5);
	});
}

/// Calls and queries read and write fixed keys (maps keyed by id, indices keyed by account):
/// their cost does not depend on how many loans exist. Measured here: the average time of
/// propose + accept over the first and the last 200 of 3,000 loans, and of an owner page.
#[test]
fn cost_does_not_grow_with_the_number_of_loans() {
	build_and_execute(|| {
		use std::time::Instant;
		let mut first = std::time::Duration::ZERO;
		let mut last = std::time::Duration::ZERO;
		let n = 3_000u64;
		for i in 0..n {
			let t = Instant::now();
			assert_ok!(propose_with(
				BANK,
				crate::LoanTerms {
					principal: 1_000_000,
					late_fee: abs_finance::LateFee::Fixed(1_000),
					..terms()
				}
			));
			let hash = crate::Loans::<Test>::get(i).unwrap().terms_hash;
			assert_ok!(Loans::accept(RuntimeOrigin::signed(BORROWER), i, hash));
			let e = t.elapsed();
			if i < 200 {
				first += e;
			} else if i >= n - 200 {
				last += e;
			}
		}
		let t = Instant::now();
		let page = Loans::page(crate::LoanIndex::Owner, &BANK, Some(1_500), 50);
		let page_time = t.elapsed();
		assert_eq!(page.len(), 50);
		println!(
			"propose+accept: first 200 avg {:?}, last 200 avg {:?} (of {n}); owner page of 50 after 3,000 loans: {page_time:?}",
			first / 200,
			last / 200
		);
		// Generous bound against accidental scans (a scan of 3,000 loans per call would be
		// ~100× slower than the first calls).
		assert!(last < first * 5, "cost grew with the number of loans: {first:?} → {last:?}");
	});
}

#[test]
fn a_pledged_loan_keeps_its_owner_and_servicer_until_released() {
	build_and_execute(|| {
		let id = active_loan();
		abs_test_utils::set_encumbered(id, true);
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(BANK), id, BANK2),
			Error::<Test>::LoanEncumbered
		);
		assert_noop!(
			Loans::appoint_servicer(RuntimeOrigin::signed(BANK), id, SERVICER),
			Error::<Test>::LoanEncumbered
		);
		// Released (withdrawn from the pool, or the pool cancelled): both work again.
		abs_test_utils::set_encumbered(id, false);
		assert_ok!(Loans::appoint_servicer(RuntimeOrigin::signed(BANK), id, SERVICER));
		assert_ok!(Loans::transfer_ownership(RuntimeOrigin::signed(BANK), id, BANK2));
	});
}
