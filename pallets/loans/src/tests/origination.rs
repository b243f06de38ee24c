use crate::{
	mock::*, ByBorrower, Error, EscrowTotal, Event, History, LoanAction, PROPOSAL_VERSION,
};
use abs_finance::{CalendarDate, DayCount, LateFee};
use abs_primitives::{LoanStatus, Role};
use codec::Encode;
use frame_support::{assert_noop, assert_ok};

#[test]
fn propose_escrows_the_principal_and_records_the_terms_hash() {
	build_and_execute(|| {
		assert_ok!(propose_with(BANK, terms()));
		assert_eq!(usd(BANK), BANK_FUNDS - PRINCIPAL);
		assert_eq!(usd(Loans::escrow_account()), PRINCIPAL);
		assert_eq!(EscrowTotal::<Test>::get(), PRINCIPAL);
		let loan = crate::Loans::<Test>::get(0).unwrap();
		assert_eq!(loan.status, LoanStatus::Proposed);
		assert_eq!(loan.proposal.version, 2, "bands since version 2");
		assert_eq!(PROPOSAL_VERSION, 2);
		assert_eq!((loan.proposal.proposed_on, loan.proposal.expires_on), (TODAY, TODAY + 7));
		// terms_hash = blake2_256(SCALE(proposal)).
		let hash = sp_core::H256(sp_io::hashing::blake2_256(&loan.proposal.encode()));
		assert_eq!(loan.terms_hash, hash);
		System::assert_last_event(
			Event::LoanProposed {
				loan_id: 0,
				originator: BANK,
				borrower: BORROWER,
				principal: PRINCIPAL,
				terms_hash: hash,
				expires_on: TODAY + 7,
			}
			.into(),
		);
		let h = History::<Test>::get(0, 0).unwrap();
		assert_eq!(
			(h.actor, h.action, h.data_hash, h.block, h.timestamp),
			(Some(BANK), LoanAction::Proposed, hash, 1, 1_000_000)
		);
		assert!(ByBorrower::<Test>::contains_key(BORROWER, 0));
	});
}

#[test]
fn nonsense_terms_are_refused_with_typed_errors() {
	build_and_execute(|| {
		let t = terms();
		let refuse = |t, e: Error<Test>| {
			assert_noop!(propose_with(BANK, t), e);
		};
		refuse(crate::LoanTerms { principal: 0, ..t }, Error::ZeroPrincipal);
		refuse(crate::LoanTerms { periods: 0, ..t }, Error::ZeroPeriods);
		refuse(crate::LoanTerms { periods: 481, ..t }, Error::TooManyPeriods);
		refuse(
			crate::LoanTerms { annual_rate: 1_000_000_000_000_000_001, ..t },
			Error::RateOutOfRange,
		);
		refuse(crate::LoanTerms { asset: OTHER_ASSET, ..t }, Error::WrongAsset);
		refuse(
			crate::LoanTerms { first_due: CalendarDate::new(2027, 1, 1).unwrap(), ..t },
			Error::FirstDueNotInFuture,
		);
		refuse(
			crate::LoanTerms { first_due: CalendarDate { year: 2027, month: 2, day: 30 }, ..t },
			Error::InvalidDate,
		);
		refuse(
			crate::LoanTerms {
				day_count: DayCount::Actual365,
				annual_rate: 1_000_000_000_000_000_000,
				periods: 480,
				..t
			},
			Error::NegativeAmortization,
		);
		refuse(crate::LoanTerms { principal: 10u128.pow(18) + 1, ..t }, Error::PrincipalTooLarge);
		refuse(crate::LoanTerms { default_threshold_days: 0, ..t }, Error::ZeroDefaultThreshold);
		refuse(crate::LoanTerms { servicing_fee_bps: 10_001, ..t }, Error::FeeOutOfRange);
		refuse(
			crate::LoanTerms { late_fee: LateFee::Percent(1_000_000_000_000_000_001), ..t },
			Error::FeeOutOfRange,
		);
		refuse(crate::LoanTerms { principal: BANK_FUNDS + 1, ..t }, Error::InsufficientBalance);
	});
}

#[test]
fn parties_and_records_are_checked() {
	build_and_execute(|| {
		let p = |who, borrower, records: Vec<u64>, servicer, valid_days| {
			Loans::propose(
				RuntimeOrigin::signed(who),
				borrower,
				COMMITMENT,
				terms(),
				collateral(),
				underwriting(),
				records.try_into().unwrap(),
				servicer,
				valid_days,
			)
		};
		assert_noop!(p(NOBODY, BORROWER, vec![], None, 7), Error::<Test>::NotOriginator);
		assert_noop!(p(BANK, NOBODY, vec![], None, 7), Error::<Test>::BorrowerNotEligible);
		assert_noop!(p(BANK, BORROWER, vec![99], None, 7), Error::<Test>::UnknownRecord);
		assert_noop!(
			p(BANK, BORROWER, vec![10, 12], None, 7),
			Error::<Test>::RecordOfAnotherSubject
		);
		assert_noop!(
			p(BANK, BORROWER, vec![], Some(NOBODY), 7),
			Error::<Test>::ServicerNotLicensed
		);
		assert_noop!(p(BANK, BORROWER, vec![], None, 0), Error::<Test>::InvalidValidity);
		assert_noop!(p(BANK, BORROWER, vec![], None, 31), Error::<Test>::InvalidValidity);
		let mut c = collateral();
		c.appraisal_day = TODAY + 1;
		assert_noop!(
			Loans::propose(
				RuntimeOrigin::signed(BANK),
				BORROWER,
				COMMITMENT,
				terms(),
				c,
				underwriting(),
				Default::default(),
				None,
				7
			),
			Error::<Test>::AppraisalInFuture
		);
		// MaxExpiriesPerDay = 3.
		for _ in 0..3 {
			assert_ok!(p(BANK, BORROWER, vec![], Some(SERVICER), 7));
		}
		assert_noop!(p(BANK, BORROWER, vec![], None, 7), Error::<Test>::ExpiryDayFull);
		assert_ok!(p(BANK, BORROWER, vec![], None, 8));
		freeze(BANK);
		assert_noop!(p(BANK, BORROWER, vec![], None, 9), Error::<Test>::ParticipantFrozen);
		freeze(BORROWER);
		assert_noop!(p(BANK2, BORROWER, vec![], None, 9), Error::<Test>::BorrowerNotEligible);
	});
}

#[test]
fn borrower_accepts_by_terms_hash_and_receives_the_principal() {
	build_and_execute(|| {
		assert_ok!(propose_with(BANK, terms()));
		let hash = crate::Loans::<Test>::get(0).unwrap().terms_hash;
		assert_noop!(
			Loans::accept(RuntimeOrigin::signed(BORROWER), 0, sp_core::H256::repeat_byte(1)),
			Error::<Test>::TermsHashMismatch
		);
		assert_noop!(
			Loans::accept(RuntimeOrigin::signed(BANK), 0, hash),
			Error::<Test>::NotBorrower
		);
		assert_noop!(
			Loans::accept(RuntimeOrigin::signed(BORROWER), 5, hash),
			Error::<Test>::UnknownLoan
		);
		assert_ok!(Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash));
		System::assert_last_event(
			Event::LoanActivated {
				loan_id: 0,
				borrower: BORROWER,
				owner: BANK,
				servicer: BANK,
				principal: PRINCIPAL,
			}
			.into(),
		);
		assert_eq!(usd(BORROWER), PRINCIPAL);
		assert_eq!(usd(Loans::escrow_account()), 0);
		let loan = crate::Loans::<Test>::get(0).unwrap();
		assert_eq!(
			(loan.status, loan.owner, loan.servicer, loan.activated_on),
			(LoanStatus::Active, BANK, BANK, Some(TODAY))
		);
		assert_noop!(
			Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash),
			Error::<Test>::NotProposed
		);
		assert_eq!(
			Loans::history(0, 0, 10).iter().map(|h| h.action).collect::<Vec<_>>(),
			vec![LoanAction::Proposed, LoanAction::Accepted]
		);
	});
}

#[test]
fn accept_refusals_for_expiry_freeze_and_lost_role() {
	build_and_execute(|| {
		assert_ok!(propose_with(BANK, terms()));
		let hash = crate::Loans::<Test>::get(0).unwrap().terms_hash;
		abs_test_utils::set_today(TODAY + 7);
		assert_noop!(
			Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash),
			Error::<Test>::ProposalExpired
		);
		abs_test_utils::set_today(TODAY + 6);
		revoke(BORROWER, Role::Borrower);
		assert_noop!(
			Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash),
			Error::<Test>::BorrowerNotEligible
		);
		grant(BORROWER, Role::Borrower);
		freeze(BORROWER);
		assert_noop!(
			Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash),
			Error::<Test>::ParticipantFrozen
		);
	});
}

#[test]
fn a_proposal_whose_first_due_date_has_come_cannot_be_accepted() {
	build_and_execute(|| {
		// First due in 3 days, valid for 7: on the due day it can no longer be accepted.
		let first_due = CalendarDate::from_day_number(TODAY + 3);
		assert_ok!(propose_with(BANK, crate::LoanTerms { first_due, ..terms() }));
		let hash = crate::Loans::<Test>::get(0).unwrap().terms_hash;
		abs_test_utils::set_today(TODAY + 3);
		assert_noop!(
			Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash),
			Error::<Test>::FirstDueNotInFuture
		);
		abs_test_utils::set_today(TODAY + 2);
		assert_ok!(Loans::accept(RuntimeOrigin::signed(BORROWER), 0, hash));
	});
}

#[test]
fn either_side_withdraws_and_the_escrow_is_refunded() {
	build_and_execute(|| {
		assert_ok!(propose_with(BANK, terms()));
		assert_ok!(propose_with(BANK, terms()));
		assert_noop!(Loans::withdraw(RuntimeOrigin::signed(SERVICER), 0), Error::<Test>::NotParty);
		assert_ok!(Loans::withdraw(RuntimeOrigin::signed(BANK), 0));
		System::assert_last_event(
			Event::ProposalWithdrawn { loan_id: 0, by: BANK, refunded: PRINCIPAL }.into(),
		);
		assert_ok!(Loans::withdraw(RuntimeOrigin::signed(BORROWER), 1));
		assert_eq!(usd(BANK), BANK_FUNDS);
		assert_eq!(crate::Loans::<Test>::get(1).unwrap().status, LoanStatus::Withdrawn);
		assert_noop!(Loans::withdraw(RuntimeOrigin::signed(BANK), 1), Error::<Test>::NotProposed);
	});
}

#[test]
fn lapsed_proposals_are_refunded_by_a_bounded_hook() {
	build_and_execute(|| {
		for _ in 0..3 {
			assert_ok!(propose_with(BANK, terms()));
		}
		assert_eq!(usd(BANK), BANK_FUNDS - 3 * PRINCIPAL);
		advance_to(TODAY + 6);
		assert_eq!(usd(BANK), BANK_FUNDS - 3 * PRINCIPAL, "not yet");
		advance_to(TODAY + 7);
		// Two per block.
		assert_eq!(usd(BANK), BANK_FUNDS - PRINCIPAL);
		let expired = || {
			(0..3)
				.filter(|id| crate::Loans::<Test>::get(id).unwrap().status == LoanStatus::Expired)
				.count()
		};
		assert_eq!(expired(), 2);
		advance_to(TODAY + 7);
		assert_eq!(usd(BANK), BANK_FUNDS);
		assert_eq!(expired(), 3);
		for id in 0..3 {
			System::assert_has_event(
				Event::ProposalExpired { loan_id: id, refunded: PRINCIPAL }.into(),
			);
			let h = History::<Test>::get(id, 1).unwrap();
			assert_eq!((h.actor, h.action), (None, LoanAction::Expired));
		}
	});
}
