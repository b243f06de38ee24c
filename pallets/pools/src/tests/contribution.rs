//! Contribution: the eligibility matrix, pledges, batches all or nothing, withdrawal.

use super::*;
use abs_primitives::{CollateralKind, CreditAssessment, DtiBand, LoanStatus, ScoreBand};
use abs_traits::LoanPosition;

#[test]
fn contributed_loans_are_pledged_and_counted() {
	build_and_execute(|| {
		let id = create();
		for l in 0..3 {
			add_loan(l, BANK, SERVICER);
		}
		add_loan(3, BANK2, SERVICER);
		let info = contribute(BANK, id, &[0, 1, 2]).unwrap();
		assert_eq!(info.actual_weight, Some(Pools::contribute_weight(3)));
		assert_ok!(contribute(BANK2, id, &[3]));
		let pool = crate::Pools::<Test>::get(id).unwrap();
		assert_eq!((pool.loans, pool.principal), (4, 4 * 95_000_000_000));
		assert_eq!(
			pool.sellers.iter().map(|s| (s.seller, s.principal)).collect::<Vec<_>>(),
			vec![(BANK, 3 * 95_000_000_000), (BANK2, 95_000_000_000)]
		);
		let entry = LoanPools::<Test>::get(1).unwrap();
		assert_eq!(
			(entry.seller, entry.principal, entry.contributed_on),
			(BANK, 95_000_000_000, TODAY)
		);
		assert_eq!(LoanPools::<Test>::get(2).map(|e| e.pool), Some(id));
		assert!(PoolLoans::<Test>::contains_key(id, 2));
		assert!((0..4).all(Pools::is_pledged));
		assert!(<Pools as abs_traits::LoanEncumbrance<u64>>::is_encumbered(3));
		System::assert_has_event(
			Event::LoanContributed {
				pool_id: id,
				loan_id: 2,
				seller: BANK,
				principal: 95_000_000_000,
			}
			.into(),
		);
	});
}

fn loan(l: LoanId, f: impl FnOnce(&mut abs_traits::LoanSummary<u64>)) {
	abs_test_utils::update_loan(l, f);
}

fn position(l: LoanId, f: impl FnOnce(&mut LoanPosition)) {
	let mut p = abs_test_utils::with(|w| w.positions[&l]);
	f(&mut p);
	abs_test_utils::set_position(l, p);
}

/// Each criterion refuses a loan that misses it, with its own error; the loan stays free.
#[test]
fn the_eligibility_matrix() {
	build_and_execute(|| {
		let id = create();
		let mut next: LoanId = 0;
		let mut refuse = |change: &dyn Fn(LoanId), e: Error<Test>| {
			let l = next;
			next += 1;
			add_loan(l, BANK, SERVICER);
			change(l);
			assert_noop!(contribute(BANK, id, &[l]), e);
			assert!(!Pools::is_pledged(l));
		};
		refuse(&|l| loan(l, |s| s.asset = 2), Error::LoanAssetMismatch);
		refuse(&|l| loan(l, |s| s.servicer = BANK), Error::ServicerMismatch);
		refuse(&|l| loan(l, |s| s.status = LoanStatus::Delinquent(30)), Error::NotCurrent);
		refuse(&|l| loan(l, |s| s.status = LoanStatus::Defaulted), Error::NotCurrent);
		refuse(&|l| position(l, |p| p.days_past_due = 1), Error::NotCurrent);
		refuse(&|l| position(l, |p| p.remaining_installments = 11), Error::RemainingTermOutOfRange);
		refuse(
			&|l| position(l, |p| p.remaining_installments = 361),
			Error::RemainingTermOutOfRange,
		);
		refuse(
			&|l| loan(l, |s| s.terms.schedule.annual_rate = SIX_PERCENT / 2 - 1),
			Error::RateOutOfRange,
		);
		refuse(
			&|l| loan(l, |s| s.terms.schedule.annual_rate = SIX_PERCENT * 2 + 1),
			Error::RateOutOfRange,
		);
		refuse(
			&|l| position(l, |p| p.outstanding_principal = 500_000_000_001),
			Error::PrincipalOutOfRange,
		);
		refuse(&|l| position(l, |p| p.outstanding_principal = 0), Error::PrincipalOutOfRange);
		refuse(
			&|l| loan(l, |s| s.collateral.kind = CollateralKind::RealEstate),
			Error::CollateralNotEligible,
		);
		refuse(
			&|l| {
				loan(l, |s| {
					s.underwriting.credit = CreditAssessment::Score(ScoreBand::From620To659)
				})
			},
			Error::ScoreBelowMinimum,
		);
		refuse(
			&|l| loan(l, |s| s.underwriting.credit = CreditAssessment::Grade(1)),
			Error::ScoreBelowMinimum,
		);
		refuse(&|l| loan(l, |s| s.underwriting.dti = DtiBand::From43To50), Error::DtiAboveMaximum);
		// No book in servicing (not serviced): not current either.
		refuse(
			&|l| abs_test_utils::with(|w| w.positions.remove(&l)).map(|_| ()).unwrap_or(()),
			Error::NotCurrent,
		);
		// At each boundary the loan is eligible.
		let l = next;
		add_loan(l, BANK, SERVICER);
		loan(l, |s| {
			s.terms.schedule.annual_rate = SIX_PERCENT * 2;
			s.collateral.kind = CollateralKind::Equipment;
			s.underwriting.credit = CreditAssessment::Score(ScoreBand::From660To719);
			s.underwriting.dti = DtiBand::From36To43;
		});
		abs_test_utils::set_position(
			l,
			LoanPosition {
				outstanding_principal: 500_000_000_000,
				days_past_due: 0,
				remaining_installments: 12,
				..Default::default()
			},
		);
		assert_ok!(contribute(BANK, id, &[l]));
	});
}

#[test]
fn open_criteria_accept_any_collateral_score_and_dti() {
	build_and_execute(|| {
		let mut s = spec();
		s.eligibility.collateral_kinds = Default::default();
		s.eligibility.min_score_band = None;
		s.eligibility.max_dti_band = None;
		assert_ok!(Pools::create_pool(RuntimeOrigin::signed(SPONSOR), s));
		add_loan(0, BANK, SERVICER);
		abs_test_utils::update_loan(0, |s| {
			s.collateral.kind = CollateralKind::RealEstate;
			s.underwriting.credit = CreditAssessment::Grade(9);
			s.underwriting.dti = DtiBand::From50;
		});
		assert_ok!(contribute(BANK, 0, &[0]));
	});
}

#[test]
fn a_batch_is_all_or_nothing() {
	build_and_execute(|| {
		let id = create();
		for l in 0..3 {
			add_loan(l, BANK, SERVICER);
		}
		abs_test_utils::update_loan(2, |s| s.status = LoanStatus::Delinquent(30));
		assert_noop!(contribute(BANK, id, &[0, 1, 2]), Error::<Test>::NotCurrent);
		// The same loan twice in one batch.
		assert_noop!(contribute(BANK, id, &[0, 1, 0]), Error::<Test>::LoanEncumbered);
		assert_noop!(contribute(BANK, id, &[]), Error::<Test>::EmptyBatch);
		assert_noop!(contribute(BANK, id, &[0, 99]), Error::<Test>::UnknownLoan);
		assert_noop!(contribute(BANK2, id, &[0]), Error::<Test>::NotLoanOwner);
		assert_noop!(contribute(BANK, 5, &[0]), Error::<Test>::UnknownPool);
		assert_ok!(contribute(BANK, id, &[0, 1]));
	});
}

#[test]
fn a_pledged_loan_cannot_go_to_a_second_pool_and_pools_have_a_size_limit() {
	build_and_execute(|| {
		let (a, b) = (create(), create());
		for l in 0..7 {
			add_loan(l, BANK, SERVICER);
		}
		assert_ok!(contribute(BANK, a, &[0]));
		assert_noop!(contribute(BANK, b, &[0]), Error::<Test>::LoanEncumbered);
		assert_noop!(contribute(BANK, a, &[0]), Error::<Test>::LoanEncumbered);
		// MaxLoansPerPool is 5 in the mock.
		assert_noop!(contribute(BANK, a, &[1, 2, 3, 4, 5]), Error::<Test>::PoolFull);
		assert_ok!(contribute(BANK, a, &[1, 2, 3, 4]));
		assert_noop!(contribute(BANK, a, &[5]), Error::<Test>::PoolFull);
		// A withdrawal makes room and frees the loan.
		assert_ok!(Pools::withdraw(RuntimeOrigin::signed(BANK), a, 0));
		assert_ok!(contribute(BANK, b, &[0]));
		assert_ok!(contribute(BANK, a, &[5]));
	});
}

#[test]
fn only_the_seller_withdraws_and_the_counters_follow() {
	build_and_execute(|| {
		let id = create();
		add_loan(0, BANK, SERVICER);
		add_loan(1, BANK2, SERVICER);
		assert_ok!(contribute(BANK, id, &[0]));
		assert_ok!(contribute(BANK2, id, &[1]));
		assert_noop!(
			Pools::withdraw(RuntimeOrigin::signed(BANK2), id, 0),
			Error::<Test>::NotSeller
		);
		assert_noop!(Pools::withdraw(RuntimeOrigin::signed(BANK), id, 7), Error::<Test>::NotInPool);
		assert_noop!(
			Pools::withdraw(RuntimeOrigin::signed(BANK), 9, 0),
			Error::<Test>::UnknownPool
		);
		assert_ok!(Pools::withdraw(RuntimeOrigin::signed(BANK), id, 0));
		System::assert_last_event(Event::LoanWithdrawn { pool_id: id, loan_id: 0 }.into());
		let pool = crate::Pools::<Test>::get(id).unwrap();
		assert_eq!((pool.loans, pool.principal), (1, 95_000_000_000));
		assert_eq!(
			pool.sellers.iter().map(|s| (s.seller, s.principal)).collect::<Vec<_>>(),
			vec![(BANK, 0), (BANK2, 95_000_000_000)],
			"a seller keeps its place (its originator cell) at zero"
		);
		assert!(!Pools::is_pledged(0) && LoanPools::<Test>::get(0).is_none());
	});
}

#[test]
fn a_pool_buys_from_at_most_sixteen_sellers() {
	build_and_execute(|| {
		let mut s = spec();
		s.eligibility.max_principal = u128::MAX;
		assert_ok!(Pools::create_pool(RuntimeOrigin::signed(SPONSOR), s));
		MaxLoans::set(20);
		for seller in 100..116u64 {
			add_loan(seller, seller, SERVICER);
			assert_ok!(contribute(seller, 0, &[seller]));
		}
		add_loan(200, 200, SERVICER);
		assert_noop!(contribute(200, 0, &[200]), Error::<Test>::TooManySellers);
		// A seller that withdrew its last loan keeps its place (its originator cell), so the
		// pool still has no room; it may contribute again.
		assert_ok!(Pools::withdraw(RuntimeOrigin::signed(100), 0, 100));
		assert_noop!(contribute(200, 0, &[200]), Error::<Test>::TooManySellers);
		assert_ok!(contribute(100, 0, &[100]));
	});
}

/// The seller grants the pool's trustee an envelope of each of the loan's records before
/// contributing it: a loan whose records the trustee cannot read is refused, the batch with it.
#[test]
fn a_loan_is_contributed_only_with_every_record_readable_by_the_trustee() {
	build_and_execute(|| {
		let id = create();
		add_loan(0, BANK, SERVICER);
		add_loan(1, BANK, SERVICER);
		loan(1, |l| l.records = vec![40, 41]);
		abs_test_utils::add_reader(40, TRUSTEE);
		assert_noop!(contribute(BANK, id, &[0, 1]), Error::<Test>::TrusteeCannotRead);
		assert!(!Pools::is_pledged(0));
		// Another account reading record 41 does not count.
		abs_test_utils::add_reader(41, BANK);
		assert_noop!(contribute(BANK, id, &[1]), Error::<Test>::TrusteeCannotRead);
		abs_test_utils::add_reader(41, TRUSTEE);
		assert_ok!(contribute(BANK, id, &[0, 1]));
		assert!(Pools::is_pledged(1));
	});
}
