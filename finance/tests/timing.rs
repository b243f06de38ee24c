//! Cost of the engine's hot paths, printed (not asserted: timings depend on the machine).
//! `cargo test -p abs-finance --release --test timing -- --nocapture` for representative numbers.
// A test crate: the workspace's no-panic, checked-arithmetic policy is for runtime code.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use abs_finance::{Amortization, CalendarDate, DayCount, Loan, Schedule, Terms};
use std::time::Instant;

fn mortgage(day_count: DayCount) -> Terms {
	Terms {
		principal: 100_000_000_000,
		annual_rate: 71_250_000_000_000_000, // 7.125 %
		periods: 360,
		amortization: Amortization::LevelAnnuity,
		day_count,
		first_due: CalendarDate::new(2027, 1, 31).unwrap(),
	}
}

#[test]
fn schedule_and_allocation_cost() {
	for dc in [DayCount::Thirty360, DayCount::Actual365] {
		let terms = mortgage(dc);
		let n = 200u32;
		let t = Instant::now();
		for _ in 0..n {
			let s = Schedule::new(&terms).unwrap();
			assert_eq!(s.installments.len(), 360);
		}
		let per_schedule = t.elapsed() / n;

		let loan = Loan::new(terms).unwrap();
		let day = loan.installments[0].due;
		let amount = loan.payment + 1_000_000_000; // an installment plus a prepayment (re-amortizes 359 periods)
		let t = Instant::now();
		for _ in 0..n {
			let mut l = loan.clone();
			l.allocate(day, amount).unwrap();
		}
		let per_prepayment = t.elapsed() / n;
		let t = Instant::now();
		for _ in 0..n {
			let mut l = loan.clone();
			l.allocate(day, loan.payment).unwrap();
		}
		let per_installment = t.elapsed() / n;
		let t = Instant::now();
		for _ in 0..n {
			assert!(loan.payoff(day + 10).unwrap() > 0);
		}
		let per_payoff = t.elapsed() / n;
		println!(
			"{dc:?}: 360-period schedule {per_schedule:?}; allocation of one installment {per_installment:?}; \
			 installment + prepayment (re-amortize) {per_prepayment:?}; payoff(day) {per_payoff:?}"
		);
	}
}
