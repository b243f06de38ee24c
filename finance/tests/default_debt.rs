//! Debt of a defaulted loan (interest stopped) and its settlement, with hand-worked numbers.
// A test crate: the workspace's no-panic, checked-arithmetic policy is for runtime code.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use abs_finance::{Amortization, CalendarDate, DayCount, LateFee, Loan, Terms};

/// 1,000,000 units, interest-only, 12 % a year (30/360: 10,000 a month), 3 periods from
/// 2027-01-31 (then 2027-02-28, 2027-03-31).
fn loan() -> Loan {
	Loan::new(Terms {
		principal: 1_000_000,
		annual_rate: 120_000_000_000_000_000,
		periods: 3,
		amortization: Amortization::InterestOnly,
		day_count: DayCount::Thirty360,
		first_due: CalendarDate::new(2027, 1, 31).unwrap(),
	})
	.unwrap()
}

#[test]
fn debt_excludes_accrued_interest_and_settle_closes() {
	let mut l = loan();
	assert_eq!(l.installments.iter().map(|i| i.interest).collect::<Vec<_>>(), [10_000; 3]);
	let due2 = CalendarDate::new(2027, 2, 28).unwrap().to_day_number().unwrap();
	l.charge_late_fee(0, LateFee::Fixed(500)).unwrap();
	l.charge_late_fee(1, LateFee::Fixed(500)).unwrap();
	// 15 days after the second due date (30/360: 2027-02-28 → 2027-03-15 is 15 days,
	// the Feb end-of-month rule takes the 28th as the 30th: 15 days).
	let day = due2 + 15;
	// Debt: two missed interest installments + two fees + all principal.
	assert_eq!(l.debt(day).unwrap(), 2 * 10_000 + 2 * 500 + 1_000_000);
	// The payoff adds 15 days of interest on 1,000,000 at 12 %: 5,000.
	assert_eq!(l.payoff(day).unwrap(), 1_021_000 + 5_000);
	let a = l.settle(day).unwrap();
	assert_eq!(a.total(), 1_021_000);
	assert_eq!((a.interest, a.principal, a.late_fees, a.prepayment), (20_000, 1_000_000, 1_000, 0));
	assert!(a.closed && l.is_closed());
	assert_eq!(l.installments.len(), 3, "the current installment becomes the last");
	assert_eq!(l.settle(day), Err(abs_finance::Error::LoanClosed));
}
