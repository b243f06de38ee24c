//! The cash-flow projection: at 0 CPR and 0 CDR the loans pay exactly their remaining
//! installments and the waterfall pays every unit out; under defaults the losses write the
//! tranches down junior first and the recoveries come back after the lag. Expected figures are
//! worked out in the comments from the installments and the deal's terms.

// Test arithmetic on small known amounts: an overflow would be a failed test.
#![allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]

use super::payments::{closed_with, deal, PAY1, U};
use crate::{mock::*, DealStatus, ProjectionError, Scenario};
use abs_traits::RemainingInstallment;
use sp_runtime::Perbill;

/// Loans 0 and 1 (95,000 each) repay 9,500 on each of ten installments, due every 30 days
/// from 5 days before the first payment date (each in its own collection period). Loan 0's
/// interest is 47.5 × (10 − k) with a servicing fee of 2 × (10 − k); loan 1's 40 × (10 − k),
/// no fee.
fn installments() {
	for (loan, rate, fee) in [(0u64, 47_500_000u128, 2 * U), (1, 40 * U, 0)] {
		let dues = (0..10u32)
			.map(|k| {
				let left = u128::from(10 - k);
				RemainingInstallment {
					due: PAY1 - 5 + 30 * k,
					principal: 9_500 * U,
					interest: rate * left,
					servicing_fee: fee * left,
				}
			})
			.collect();
		abs_test_utils::set_remaining(loan, dues);
	}
}

#[test]
fn at_zero_speeds_the_loans_pay_their_installments_and_the_deal_pays_them_out() {
	build_and_execute(|| {
		let id = closed_with(deal(vec![], true));
		installments();
		let p = Pools::project(id, Scenario::default()).unwrap();
		// Σ interest: 47.5 × 55 + 40 × 55 = 4,812.5; principal 190,000.
		let remaining = 194_812 * U + U / 2;
		assert_eq!(p.loans, 2);
		assert_eq!(p.remaining_installments, remaining);
		let gross: u128 = p
			.periods
			.iter()
			.map(|r| r.gross_interest + r.scheduled_principal + r.prepayments + r.recoveries)
			.sum();
		assert_eq!(gross, remaining);
		// Ten dates, one per installment; the pool is empty after the last.
		assert_eq!(p.periods.len(), 10);
		assert_eq!(p.periods[0].end, PAY1);
		assert_eq!(p.periods[9].closing_balance, 0);
		assert_eq!(p.periods[0].opening_balance, 190_000 * U);
		// The servicing fees: 2 × 55 = 110.
		assert_eq!(p.periods.iter().map(|r| r.servicing_fees).sum::<u128>(), 110 * U);
		// Every note is repaid in full; the residual gets its face as principal and the rest
		// (92,500 of principal beyond the faces among it) as its income.
		assert_eq!(p.tranches[0].principal, 80_000 * U);
		assert_eq!(p.tranches[1].principal, 12_500 * U);
		assert_eq!(p.tranches[2].principal, 5_000 * U);
		assert!(p.tranches[2].interest > 92_500 * U);
		// Nothing is left: what the tranches and the trustee get is the net collections and
		// the reserve (at its 2,500 floor until the final date, which releases it).
		let paid: u128 = p.tranches.iter().map(|t| t.interest + t.principal).sum::<u128>()
			+ p.periods.iter().map(|r| r.fees).sum::<u128>();
		assert_eq!(paid, remaining - 110 * U + 2_500 * U);
		assert_eq!(p.periods[8].reserve, 2_500 * U);
		assert_eq!(p.periods[9].reserve, 0);
		// The senior's first interest: 80,000 × 4 % × 24/360 = 213.333333 (half up).
		assert_eq!(p.periods[0].tranches[0].interest, 213_333_333);
		// Valued at par, each note yields about its coupon (monthly 30/360 coupons).
		let y = p.tranches[0].yield_ppb.unwrap();
		assert!((y - 40_000_000).abs() < 100_000, "{y}");
		assert!(p.tranches.iter().all(|t| t.loss == 0));
		assert!(p.periods.iter().all(|r| r.status_after == DealStatus::Normal));
		// WAL: the senior is repaid in the first five dates (9,500 × 2 a month, 80,000 ÷ 19,000
		// = 4.2), so its WAL lies between the first date's 24 days and the fifth's 4 months 24 days.
		let wal = p.tranches[0].wal_e9;
		assert!(wal > 66_666_666 && wal < 400_000_000, "{wal}");
		// The state on chain is untouched.
		assert_eq!(Pools::project(id, Scenario::default()).unwrap(), p);
	});
}

#[test]
fn defaults_write_down_junior_first_and_recoveries_cure_after_the_lag() {
	build_and_execute(|| {
		let id = closed_with(deal(vec![], true));
		installments();
		// Every loan defaults in the first period; 60 % recovered two periods later.
		let s = Scenario {
			cdr: Perbill::one(),
			severity: Perbill::from_percent(40),
			lag: 2,
			..Default::default()
		};
		let p = Pools::project(id, s).unwrap();
		// The pool ends, as on the chain, on the date of the last recovery: nothing is left
		// to collect after it.
		assert_eq!(p.periods.len(), 3);
		assert_eq!(p.periods[2].closing_balance, 0);
		assert_eq!(p.periods[0].defaults, 190_000 * U);
		assert_eq!(p.periods[0].gross_interest, 0);
		assert_eq!(p.periods[2].recoveries, 114_000 * U);
		// Date 1 writes down the residual 5,000, the mezzanine 12,500, the senior 80,000.
		let l = &p.periods[0].tranches;
		assert_eq!(
			(l[2].written_down, l[1].written_down, l[0].written_down),
			(5_000 * U, 12_500 * U, 80_000 * U)
		);
		// The senior's interest (213.333333) comes from the reserve: no event of default.
		assert_eq!(l[0].interest, 213_333_333);
		// The recoveries write the tranches back up senior first and repay them: 80,000 to the
		// senior, 12,500 to the mezzanine, 5,000 and the rest (16,500) to the residual.
		let l = &p.periods[2].tranches;
		assert_eq!(
			(l[0].written_up, l[1].written_up, l[2].written_up),
			(80_000 * U, 12_500 * U, 5_000 * U)
		);
		assert_eq!(p.tranches[0].principal, 80_000 * U);
		assert_eq!(p.tranches[1].principal, 12_500 * U);
		assert!(p.tranches.iter().all(|t| t.loss == 0));
	});
}

#[test]
fn bad_scenarios_and_pools_are_refused() {
	build_and_execute(|| {
		assert_eq!(Pools::project(7, Scenario::default()), Err(ProjectionError::NotClosed));
		let id = closed_with(deal(vec![], true));
		installments();
		let bad = Scenario { yield_ppb: Some(20_000_000_000), ..Default::default() };
		assert_eq!(Pools::project(id, bad), Err(ProjectionError::InvalidScenario));
		let bad = Scenario { price_ppb: Some(0), ..Default::default() };
		assert_eq!(Pools::project(id, bad), Err(ProjectionError::InvalidScenario));
		// The pool's own performance: nothing observed yet, 0 CPR and 0 CDR.
		let v = Pools::valuation(id, 0, None, Some(40_000_000)).unwrap();
		let p = Pools::project(id, Scenario { yield_ppb: Some(40_000_000), ..Default::default() })
			.unwrap();
		assert_eq!(v, p.tranches[0]);
		assert_eq!(Pools::valuation(id, 3, None, None), Err(ProjectionError::UnknownTranche));
	});
}
