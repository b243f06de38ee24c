//! Findings of the credit-half review (issue 13): stale approvals, bounded late fees, expiry
//! refunds that fail, expiry slots, servicer replacement in default.

use crate::{mock::*, Error, EscrowTotal, Event, OpenProposals, ProposalExpiries, RefundRetries};
use abs_finance::LateFee;
use abs_primitives::{LoanStatus, Role};
use abs_traits::LoanLifecycle;
use frame_support::{assert_noop, assert_ok, traits::fungibles::Mutate};

fn hash_of(id: u64) -> sp_core::H256 {
	crate::Loans::<Test>::get(id).unwrap().terms_hash
}

fn propose(
	records: Vec<u64>,
	servicer: Option<u64>,
	valid_days: u32,
) -> frame_support::dispatch::DispatchResult {
	Loans::propose(
		RuntimeOrigin::signed(BANK),
		BORROWER,
		COMMITMENT,
		terms(),
		collateral(),
		underwriting(),
		records.try_into().unwrap(),
		servicer,
		valid_days,
	)
}

fn propose_named(servicer: Option<u64>) -> frame_support::dispatch::DispatchResult {
	propose(vec![10], servicer, 7)
}

/// A proposal without records valid for `valid_days`.
fn propose_for(valid_days: u32) -> frame_support::dispatch::DispatchResult {
	propose(vec![], None, valid_days)
}

#[test]
fn accept_rechecks_the_originator_and_the_named_servicer() {
	build_and_execute(|| {
		// Before the fix the borrower could accept after the originator lost its licence.
		assert_ok!(propose_named(None));
		revoke(BANK, Role::Originator);
		assert_noop!(
			Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash_of(0)),
			Error::<Test>::OriginatorNotEligible
		);
		grant(BANK, Role::Originator);
		freeze(BANK);
		assert_noop!(
			Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash_of(0)),
			Error::<Test>::OriginatorNotEligible
		);
		abs_test_utils::with(|w| w.frozen.clear());
		assert_ok!(propose_named(Some(SERVICER)));
		revoke(SERVICER, Role::Servicer);
		assert_noop!(
			Loans::accept(RuntimeOrigin::signed(BORROWER), 1, hash_of(1)),
			Error::<Test>::ServicerNotLicensed
		);
		grant(SERVICER, Role::Servicer);
		assert_ok!(Loans::accept(RuntimeOrigin::signed(BORROWER), 1, hash_of(1)));
		assert_ok!(Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash_of(0)));
	});
}

#[test]
fn a_fixed_late_fee_is_at_most_the_smallest_installment() {
	build_and_execute(|| {
		// The reference model: 100,000 at 6 % over 360 months pays 599.550525 a month; the
		// last installment is 599.550680 — the smallest is the level payment.
		let smallest = 599_550_525;
		for fee in [smallest + 1, u128::MAX] {
			assert_noop!(
				propose_with(BANK, crate::LoanTerms { late_fee: LateFee::Fixed(fee), ..terms() }),
				Error::<Test>::LateFeeTooLarge
			);
		}
		assert_ok!(propose_with(
			BANK,
			crate::LoanTerms { late_fee: LateFee::Fixed(smallest), ..terms() }
		));
	});
}

#[test]
fn a_refused_expiry_refund_stays_withdrawable_and_is_retried() {
	build_and_execute(|| {
		assert_ok!(propose_with(BANK, terms()));
		// The stablecoin's admin blocks the originator: it can receive nothing.
		assert_ok!(Assets::block(RuntimeOrigin::signed(BANK), USD, BANK));
		advance_to(TODAY + 4);
		advance_to(TODAY + 7);
		// Before the fix: the entry was dropped and the proposal stuck open, unindexed.
		assert_eq!(crate::Loans::<Test>::get(0).unwrap().status, LoanStatus::Proposed);
		assert_eq!(RefundRetries::<Test>::get(0), Some(TODAY + 8));
		assert!(ProposalExpiries::<Test>::contains_key(TODAY + 8, 0));
		assert!(System::events().iter().any(|e| matches!(
			e.event,
			RuntimeEvent::Loans(Event::ProposalRefundDeferred { loan_id: 0, retry_on, .. })
				if retry_on == TODAY + 8
		)));
		Loans::do_try_state().unwrap();
		// Still blocked on the next day: retried again.
		advance_to(TODAY + 8);
		assert_eq!(RefundRetries::<Test>::get(0), Some(TODAY + 9));
		// Thawed: the next retry refunds it.
		assert_ok!(Assets::thaw(RuntimeOrigin::signed(BANK), USD, BANK));
		advance_to(TODAY + 9);
		assert_eq!(crate::Loans::<Test>::get(0).unwrap().status, LoanStatus::Expired);
		assert_eq!(usd(BANK), BANK_FUNDS);
		assert_eq!(RefundRetries::<Test>::get(0), None);
		assert_eq!(ProposalExpiries::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_proposal_awaiting_its_refund_can_be_withdrawn() {
	build_and_execute(|| {
		assert_ok!(propose_with(BANK, terms()));
		assert_ok!(Assets::block(RuntimeOrigin::signed(BANK), USD, BANK));
		advance_to(TODAY + 4);
		advance_to(TODAY + 7);
		assert_eq!(RefundRetries::<Test>::get(0), Some(TODAY + 8));
		assert_ok!(Assets::thaw(RuntimeOrigin::signed(BANK), USD, BANK));
		assert_ok!(Loans::withdraw(RuntimeOrigin::signed(BANK), 0));
		assert_eq!(usd(BANK), BANK_FUNDS);
		assert_eq!(RefundRetries::<Test>::get(0), None);
		assert_eq!(ProposalExpiries::<Test>::iter().count(), 0);
	});
}

#[test]
fn units_sent_to_the_escrow_by_others_are_a_visible_surplus() {
	build_and_execute(|| {
		assert_ok!(propose_with(BANK, terms()));
		// Before the fix the invariant (held == open) failed on any gift to the escrow.
		assert_ok!(Assets::mint_into(USD, &Loans::escrow_account(), 5));
		assert_eq!(Loans::escrow_surplus(), 5);
		Loans::do_try_state().unwrap();
		assert_ok!(Loans::withdraw(RuntimeOrigin::signed(BANK), 0));
		assert_eq!(Loans::escrow_surplus(), 5);
	});
}

#[test]
fn open_proposals_are_capped_per_originator_and_each_takes_a_refundable_deposit() {
	build_and_execute(|| {
		Deposit::set(1_000);
		let expect = |n: u32| assert_eq!(OpenProposals::<Test>::get(BANK), n);
		for valid in 1..=4 {
			assert_ok!(propose_for(valid));
		}
		expect(4);
		assert_eq!(usd(BANK), BANK_FUNDS - 4 * (PRINCIPAL + 1_000));
		assert_eq!(EscrowTotal::<Test>::get(), 4 * (PRINCIPAL + 1_000));
		// The cap (4 in the mock, 1,000 in the runtime); before the fix any number.
		assert_noop!(propose_for(5), Error::<Test>::TooManyOpenProposals);
		// Accepting returns the deposit to the originator and frees a slot.
		assert_ok!(Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash_of(0)));
		expect(3);
		assert_eq!(usd(BANK), BANK_FUNDS - 4 * PRINCIPAL - 3 * 1_000);
		// Withdrawing and lapsing return principal and deposit.
		assert_ok!(Loans::withdraw(RuntimeOrigin::signed(BORROWER), 1));
		advance_to(TODAY + 3);
		expect(1);
		System::assert_has_event(
			Event::ProposalExpired { loan_id: 2, refunded: PRINCIPAL + 1_000 }.into(),
		);
		assert_eq!(usd(BANK), BANK_FUNDS - 2 * PRINCIPAL - 1_000);
		advance_to(TODAY + 4);
		expect(0);
		assert!(!OpenProposals::<Test>::contains_key(BANK));
		assert_eq!(EscrowTotal::<Test>::get(), 0);
	});
}

#[test]
fn the_owner_replaces_the_servicer_of_a_defaulted_loan_or_one_in_recovery() {
	build_and_execute(|| {
		assert_ok!(propose_with(BANK, terms()));
		assert_ok!(Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash_of(0)));
		grant(NOBODY, Role::Servicer);
		for (status, to) in [(LoanStatus::Defaulted, SERVICER), (LoanStatus::InRecovery, NOBODY)] {
			assert_ok!(<Loans as LoanLifecycle<u64>>::set_status(
				0,
				status,
				None,
				Default::default()
			));
			// Before the fix: StatusDoesNotAllow.
			assert_ok!(Loans::appoint_servicer(RuntimeOrigin::signed(BANK), 0, to));
			assert_eq!(crate::Loans::<Test>::get(0).unwrap().servicer, to);
		}
		System::assert_last_event(
			Event::ServicerAppointed { loan_id: 0, from: SERVICER, to: NOBODY }.into(),
		);
		// A closed loan keeps its servicer; ownership still moves only while performing.
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(BANK), 0, BANK2),
			Error::<Test>::StatusDoesNotAllow
		);
		assert_ok!(<Loans as LoanLifecycle<u64>>::set_status(
			0,
			LoanStatus::WrittenOff,
			None,
			Default::default()
		));
		assert_noop!(
			Loans::appoint_servicer(RuntimeOrigin::signed(BANK), 0, SERVICER),
			Error::<Test>::StatusDoesNotAllow
		);
	});
}
