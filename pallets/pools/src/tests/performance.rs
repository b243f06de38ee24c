//! Performance after closing: the stratification tables, the collection periods rolled on
//! payment dates with their ratios, and repurchases. Every expected ratio is worked out in the
//! comments or by the reference model (`finance/reference/model.py`, exact fractions), not by
//! the pallet's arithmetic.

use super::{
	closing::{book_the_offering, offered, receipt, usd},
	*,
};
use crate::{
	features::collections::month_of, Cell, MaturityStrats, Performances, PeriodReports,
	RepurchaseApprovals,
};
use abs_primitives::{CollateralKind, DtiBand, LoanStatus, ScoreBand};
use abs_traits::{LoanChange, LoanEncumbrance, LoanObserver};
use frame_support::traits::{fungibles::Mutate, Hooks};
use sp_runtime::{FixedU128, Perquintill};

const U: u128 = 1_000_000; // one USDA
/// 2027-02-01: the pools close on it.
const CLOSING: u32 = TODAY + 31;
/// 2027-02-25, 2027-03-25, 2027-04-25: the payment dates (payment day 25).
const PAY1: u32 = TODAY + 55;
const PAY2: u32 = PAY1 + 28;
const PAY3: u32 = PAY2 + 31;

/// Loan 1 (the second bank's) differs from loan 0 in every strat: 10 % (band 10–12 %), real
/// estate, score 780+, DTI below 20 %, maturing 2033-06-15.
fn second_loan_differs() {
	abs_test_utils::update_loan(1, |l| {
		l.terms.schedule.annual_rate = 100_000_000_000_000_000;
		l.collateral.kind = CollateralKind::RealEstate;
		l.underwriting.credit = abs_primitives::CreditAssessment::Score(ScoreBand::From780);
		l.underwriting.dti = DtiBand::Below20;
	});
	abs_test_utils::update_position(1, |p| p.maturity = 23_176);
}

/// The [`offered`] pool (50 % price) fully subscribed and closed on [`CLOSING`].
fn closed() -> PoolId {
	let id = offered(Perquintill::from_percent(50), 0);
	book_the_offering(id);
	abs_test_utils::set_today(CLOSING);
	assert_ok!(Pools::close(RuntimeOrigin::signed(TRUSTEE), id));
	id
}

/// Servicing moves `amount` into the pool's account with the change it reports.
fn fund_pool(id: PoolId, amount: u128) {
	assert_ok!(<Assets as Mutate<u64>>::mint_into(USD, &Pools::account_of(id), amount));
}

fn hook_on(day: u32) {
	abs_test_utils::set_today(day);
	Pools::on_poll(1, &mut frame_support::weights::WeightMeter::new());
}

#[test]
fn strat_tables_follow_contributions_payments_and_withdrawals() {
	build_and_execute(|| {
		let id = NextPoolId::<Test>::get();
		let mut open = spec();
		open.eligibility.max_rate = 200_000_000_000_000_000;
		open.eligibility.collateral_kinds = Default::default();
		assert_ok!(Pools::create_pool(RuntimeOrigin::signed(SPONSOR), open));
		add_loan(0, BANK, SERVICER);
		add_loan(1, BANK2, SERVICER);
		second_loan_differs();
		assert_ok!(contribute(BANK, id, &[0]));
		assert_ok!(contribute(BANK2, id, &[1]));
		let one = Cell { count: 1, balance: 95_000 * U };
		let s = Pools::strats(id).unwrap();
		// Rate bands < 4, 4–6, 6–8, 8–10, 10–12 …: 6 % in the third, 10 % in the fifth.
		assert_eq!((s.strats.rate[2], s.strats.rate[4]), (one, one));
		// Score bands …, 720–779 (5th), 780+ (6th); DTI below 20 % (1st), 20–30 % (2nd).
		assert_eq!((s.strats.score[4], s.strats.score[5]), (one, one));
		assert_eq!((s.strats.dti[0], s.strats.dti[1]), (one, one));
		// Collateral none, vehicle, real estate, …
		assert_eq!((s.strats.collateral[1], s.strats.collateral[2]), (one, one));
		assert_eq!((s.strats.originator[0], s.strats.originator[1]), (one, one));
		// Maturities 2032-01 (the mock's 2032-01-01) and 2033-06.
		assert_eq!(s.maturity, vec![(2032 * 12, one), (2033 * 12 + 5, one)]);
		// Before cut-off the bank collects 5,000 of principal on loan 0: 90,000 left.
		<Pools as LoanObserver>::on_change(0, &receipt(TODAY + 5, 5_000 * U, 400 * U, 95_000 * U));
		let s = Pools::strats(id).unwrap();
		assert_eq!(s.strats.rate[2], Cell { count: 1, balance: 90_000 * U });
		assert_eq!(s.maturity[0], (2032 * 12, Cell { count: 1, balance: 90_000 * U }));
		// Withdrawn: every cell of loan 1 empties, its maturity month disappears.
		assert_ok!(Pools::withdraw(RuntimeOrigin::signed(BANK2), id, 1));
		let s = Pools::strats(id).unwrap();
		assert_eq!(s.strats.rate[4], Cell::default());
		assert_eq!(s.strats.originator[1], Cell::default());
		assert_eq!(s.maturity.len(), 1);
		assert!(!MaturityStrats::<Test>::contains_key(id, 2033 * 12 + 5));
	});
}

#[test]
fn periods_roll_on_payment_dates_with_their_ratios() {
	build_and_execute(|| {
		let id = closed();
		let perf = Performances::<Test>::get(id).unwrap();
		// The first period runs from closing (2027-02-01) to the first 25th after it.
		assert_eq!((perf.period.index, perf.period.start, perf.period.end), (0, CLOSING, PAY1));
		assert_eq!(perf.period.opening_balance, 190_000 * U);
		assert_eq!(perf.period.expected, 2 * INSTALLMENT);
		// In period 0: loan 0 pays 1,000 of principal and 475 of interest; loan 1 prepays
		// 9,000.
		fund_pool(id, 10_475 * U);
		<Pools as LoanObserver>::on_change(
			0,
			&receipt(CLOSING + 3, 1_000 * U, 475 * U, 95_000 * U),
		);
		let prepay = LoanChange {
			principal: 0,
			prepayment: 9_000 * U,
			principal_after: 86_000 * U,
			..receipt(CLOSING + 4, 0, 0, 95_000 * U)
		};
		<Pools as LoanObserver>::on_change(1, &prepay);
		// The day before the payment date nothing rolls.
		hook_on(PAY1 - 1);
		assert!(PeriodReports::<Test>::get(id, 0).is_none());
		hook_on(PAY1);
		let r = PeriodReports::<Test>::get(id, 0).unwrap();
		assert_eq!(
			(r.period.scheduled_principal, r.period.prepayments, r.period.interest),
			(1_000 * U, 9_000 * U, 475 * U)
		);
		assert_eq!(r.period.collected(), 10_475 * U);
		assert_eq!(r.closing_balance, 180_000 * U);
		// SMM = 9,000 ÷ (190,000 − 1,000) = 0.047619047619047619(04…); CPR by the model's
		// `annualize` (twelve rounded-down multiplications of 1 − SMM).
		assert_eq!(r.smm, FixedU128::from_inner(47_619_047_619_047_619));
		assert_eq!(r.cpr, FixedU128::from_inner(443_162_581_822_440_481));
		assert_eq!((r.mdr, r.cdr), (FixedU128::from_inner(0), FixedU128::from_inner(0)));
		// Factor 180,000 ÷ 190,000 = 0.947368421052631578(9…).
		assert_eq!(r.factor, FixedU128::from_inner(947_368_421_052_631_578));
		assert_eq!(r.wac_ppb, 60_000_000);
		System::assert_has_event(
			Event::PeriodRolled {
				pool_id: id,
				index: 0,
				expected: 2 * INSTALLMENT,
				collected: 10_475 * U,
				smm: r.smm,
				mdr: r.mdr,
			}
			.into(),
		);
		// Period 1 opens at 180,000 and runs to 2027-03-25; loan 1 defaults in it with
		// 86,000 outstanding.
		let perf = Performances::<Test>::get(id).unwrap();
		assert_eq!(
			(perf.period.index, perf.period.end, perf.period.opening_balance),
			(1, PAY2, 180_000 * U)
		);
		let default = LoanChange {
			principal_before: 86_000 * U,
			principal_after: 86_000 * U,
			bucket_after: 4,
			status_after: LoanStatus::Defaulted,
			..receipt(PAY1 + 10, 0, 0, 86_000 * U)
		};
		<Pools as LoanObserver>::on_change(1, &default);
		// No hook ran on the next payment date: the next change (dated after it) rolls the
		// period first and lands in period 2.
		fund_pool(id, 1_000 * U);
		<Pools as LoanObserver>::on_change(0, &receipt(PAY2 + 2, 1_000 * U, 0, 94_000 * U));
		let r = PeriodReports::<Test>::get(id, 1).unwrap();
		assert_eq!((r.period.defaults, r.period.scheduled_principal), (86_000 * U, 0));
		// MDR = 86,000 ÷ 180,000 = 0.4777…; CDR by the model's `annualize`.
		assert_eq!(r.mdr, FixedU128::from_inner(477_777_777_777_777_777));
		assert_eq!(r.cdr, FixedU128::from_inner(999_588_600_099_845_559));
		assert_eq!(r.closing_balance, 94_000 * U);
		let perf = Performances::<Test>::get(id).unwrap();
		assert_eq!((perf.period.index, perf.period.scheduled_principal), (2, 1_000 * U));
		assert_eq!(perf.period.end, PAY3);
		// The defaulted loan left the tables; the live metrics show the period so far.
		assert_eq!(perf.strats.rate[4], Cell::default());
		assert_eq!(Pools::metrics(id).unwrap().current.period.index, 2);
	});
}

#[test]
fn a_repurchase_needs_the_trustees_approval_and_pays_principal_and_interest() {
	build_and_execute(|| {
		let id = closed();
		let trustee = RuntimeOrigin::signed(TRUSTEE);
		// Only the trustee approves, once; only the seller repurchases, once approved.
		assert_noop!(
			Pools::approve_repurchase(RuntimeOrigin::signed(SPONSOR), id, 0),
			Error::<Test>::NotPoolTrustee
		);
		assert_noop!(
			Pools::repurchase(RuntimeOrigin::signed(BANK), id, 0),
			Error::<Test>::RepurchaseNotApproved
		);
		assert_noop!(Pools::approve_repurchase(trustee.clone(), id, 7), Error::<Test>::NotInPool);
		assert_ok!(Pools::approve_repurchase(trustee.clone(), id, 0));
		System::assert_last_event(Event::RepurchaseApproved { pool_id: id, loan_id: 0 }.into());
		assert_noop!(
			Pools::approve_repurchase(trustee.clone(), id, 0),
			Error::<Test>::AlreadyApproved
		);
		assert_noop!(
			Pools::repurchase(RuntimeOrigin::signed(BANK2), id, 0),
			Error::<Test>::NotSeller
		);
		// The price: 95,000 of principal and the 475 of interest owed (the mock's position).
		assert_ok!(<Assets as Mutate<u64>>::mint_into(USD, &BANK, 100_000 * U));
		let (bank, pool) = (usd(BANK), usd(Pools::account_of(id)));
		assert_ok!(Pools::repurchase(RuntimeOrigin::signed(BANK), id, 0));
		System::assert_last_event(
			Event::LoanRepurchased {
				pool_id: id,
				loan_id: 0,
				seller: BANK,
				principal: 95_000 * U,
				interest: 475 * U,
			}
			.into(),
		);
		assert_eq!(bank - usd(BANK), 95_475 * U);
		assert_eq!(usd(Pools::account_of(id)) - pool, 95_475 * U);
		// The loan is the bank's again and out of the pool; the pool's figures follow.
		assert_eq!(abs_test_utils::loan_owner(0), Some(BANK));
		assert!(<Pools as LoanEncumbrance<u64>>::keyless_owner(0).is_none());
		assert!(!RepurchaseApprovals::<Test>::contains_key(0));
		let perf = Performances::<Test>::get(id).unwrap();
		assert_eq!((perf.balance, perf.cumulative_repurchases), (95_000 * U, 95_000 * U));
		assert_eq!((perf.period.repurchases, perf.period.interest), (95_000 * U, 475 * U));
		assert_eq!(perf.strats.originator[0], Cell::default());
		assert_eq!(crate::Pools::<Test>::get(id).unwrap().loans, 1);
		// A loan in default is not repurchased; nor one no longer in the pool.
		abs_test_utils::update_loan(1, |l| l.status = LoanStatus::Defaulted);
		assert_noop!(
			Pools::approve_repurchase(trustee.clone(), id, 1),
			Error::<Test>::NotRepurchasable
		);
		assert_noop!(Pools::approve_repurchase(trustee, id, 0), Error::<Test>::NotInPool);
		// The month of loan 0's maturity still counts loan 1 only.
		assert_eq!(
			MaturityStrats::<Test>::get(id, month_of(MATURITY)),
			Some(Cell { count: 1, balance: 95_000 * U })
		);
	});
}

#[test]
fn before_closing_nothing_is_repurchased() {
	build_and_execute(|| {
		let id = offered(Perquintill::from_percent(50), 0);
		assert_noop!(
			Pools::approve_repurchase(RuntimeOrigin::signed(TRUSTEE), id, 0),
			Error::<Test>::NotClosed
		);
	});
}

#[test]
fn a_loan_restructured_out_of_default_comes_back_into_the_balance_and_tables() {
	build_and_execute(|| {
		let id = closed();
		let default = LoanChange {
			bucket_after: 4,
			status_after: LoanStatus::Defaulted,
			..receipt(CLOSING + 5, 0, 0, 95_000 * U)
		};
		<Pools as LoanObserver>::on_change(1, &default);
		let perf = Performances::<Test>::get(id).unwrap();
		assert_eq!(
			(perf.balance, perf.defaulted_count, perf.defaulted_balance),
			(95_000 * U, 1, 95_000 * U)
		);
		assert_eq!(perf.period.defaults, 95_000 * U);
		// While in default the borrower pays 300: a recovery, not scheduled principal.
		fund_pool(id, 300 * U);
		<Pools as LoanObserver>::on_change(
			1,
			&LoanChange {
				status_before: LoanStatus::Defaulted,
				status_after: LoanStatus::Defaulted,
				bucket_before: 4,
				bucket_after: 4,
				..receipt(CLOSING + 6, 300 * U, 0, 95_000 * U)
			},
		);
		let perf = Performances::<Test>::get(id).unwrap();
		assert_eq!((perf.period.recoveries, perf.period.scheduled_principal), (300 * U, 0));
		// Restructured: 96,000 capitalized over 60 new installments maturing in 2033-06; the
		// default's change left 54 of its original 60, so its age of 6 carries over.
		let restructured = LoanChange {
			principal_before: 95_000 * U,
			principal_after: 96_000 * U,
			bucket_before: 4,
			bucket_after: 0,
			status_before: LoanStatus::Defaulted,
			status_after: LoanStatus::Active,
			restructured: true,
			remaining_installments: 60,
			maturity: 23_176,
			..receipt(CLOSING + 7, 0, 0, 95_000 * U)
		};
		<Pools as LoanObserver>::on_change(1, &restructured);
		let perf = Performances::<Test>::get(id).unwrap();
		assert_eq!(
			(perf.balance, perf.defaulted_count, perf.defaulted_balance),
			(191_000 * U, 0, 0)
		);
		assert_eq!(perf.count_by_bucket[0], 2);
		assert_eq!(perf.strats.originator[1], Cell { count: 1, balance: 96_000 * U });
		assert_eq!(
			MaturityStrats::<Test>::get(id, 2033 * 12 + 5),
			Some(Cell { count: 1, balance: 96_000 * U })
		);
		let entry = crate::LoanPools::<Test>::get(1).unwrap();
		assert_eq!((entry.periods, entry.remaining, entry.defaulted), (66, 60, false));
		// A second default counts again.
		<Pools as LoanObserver>::on_change(
			1,
			&LoanChange { principal_before: 96_000 * U, principal_after: 96_000 * U, ..default },
		);
		let perf = Performances::<Test>::get(id).unwrap();
		assert_eq!((perf.cumulative_defaults, perf.defaulted_balance), (191_000 * U, 96_000 * U));
	});
}

#[test]
fn an_approved_repurchase_lapses_when_the_loan_defaults() {
	build_and_execute(|| {
		let id = closed();
		assert_ok!(Pools::approve_repurchase(RuntimeOrigin::signed(TRUSTEE), id, 0));
		let default = LoanChange {
			bucket_after: 4,
			status_after: LoanStatus::Defaulted,
			..receipt(CLOSING + 5, 0, 0, 95_000 * U)
		};
		<Pools as LoanObserver>::on_change(0, &default);
		assert!(!RepurchaseApprovals::<Test>::contains_key(0));
		assert_noop!(
			Pools::repurchase(RuntimeOrigin::signed(BANK), id, 0),
			Error::<Test>::NotRepurchasable
		);
	});
}

#[test]
fn the_monitors_are_told_the_metrics_on_every_change_and_at_each_periods_close() {
	build_and_execute(|| {
		let id = closed();
		crate::mock::take_monitored();
		// Loan 0 pays 1,000 of principal: factor 189,000 ÷ 190,000 = 0.994736842(1…).
		fund_pool(id, 1_475 * U);
		<Pools as LoanObserver>::on_change(
			0,
			&receipt(CLOSING + 3, 1_000 * U, 475 * U, 95_000 * U),
		);
		let told = crate::mock::take_monitored();
		assert_eq!(told.len(), 1);
		let (pool, m) = told[0];
		assert_eq!(pool, id);
		assert_eq!(
			(m.period_index, m.pool_factor, m.delinquent_30, m.period),
			(0, 994_736_842, 0, None)
		);
		// Loan 1 is 61 days past due: 60+ is 95,000 ÷ 189,000 = 0.502645502(6…) of the pool.
		let late = LoanChange {
			bucket_after: 3,
			status_after: LoanStatus::Delinquent(61),
			..receipt(CLOSING + 5, 0, 0, 95_000 * U)
		};
		<Pools as LoanObserver>::on_change(1, &late);
		let (_, m) = crate::mock::take_monitored()[0];
		assert_eq!(
			(m.delinquent_30, m.delinquent_60, m.delinquent_90),
			(502_645_502, 502_645_502, 0)
		);
		assert_eq!((m.cumulative_defaults, m.cumulative_losses), (0, 0));
		// The period closes: collected 1,475 of the 2 × 1,933.280153 expected = 0.381476010(…);
		// nothing prepaid or defaulted.
		hook_on(PAY1);
		let told = crate::mock::take_monitored();
		assert_eq!(told.len(), 1);
		let (_, m) = told[0];
		assert_eq!(m.period_index, 0);
		assert_eq!(
			m.period,
			Some(abs_primitives::PeriodMetrics { collection_ratio: 381_476_010, cpr: 0, cdr: 0 })
		);
		assert_eq!(m.delinquent_60, 502_645_502);
		// A change on a loan in no pool tells nobody.
		<Pools as LoanObserver>::on_change(99, &receipt(PAY1 + 1, 1, 0, 10));
		assert!(crate::mock::take_monitored().is_empty());
	});
}
