//! A pool's collections projected loan by loan under a scenario (`shared/domain.md`,
//! prepayment and default speeds), and a tranche's cash flows valued: weighted average life,
//! yield at a price and price at a yield.
//!
//! Conventions:
//! - annual speeds become monthly ones: SMM = 1 − (1 − CPR)^(1/12), MDR = 1 − (1 − CDR)^(1/12),
//!   each to 10⁻¹⁸ (bisection, rounded down);
//! - each loan keeps a projected performing balance `b` beside its scheduled one `s` (the
//!   unpaid principal of its remaining installments). In each period it falls due: `b × MDR`
//!   defaults first (rounded down); each installment due then pays its principal, interest and
//!   servicing fee scaled by `b ÷ s` (rounded down; the last installment pays all of `b`); then
//!   `b × SMM` of what is left prepays (rounded down). At 0 CPR and 0 CDR `b = s` throughout and
//!   the loan pays exactly its remaining installments;
//! - an installment due before the first period's end (overdue) is collected in the first
//!   period; one due after the last period's end is not projected;
//! - defaulted principal leaves the pool balance in its period; `(1 − severity)` of it is
//!   recovered `lag` periods later (rounded down), a principal collection;
//! - valuation: the `k`-th payment date (from 0) is discounted by `(1 + y/12)^k` times the
//!   first date's stub, `1 + y/12 × days ÷ 30` (30/360 days from the valuation day); WAL is
//!   Σ tᵢ × principalᵢ ÷ Σ principalᵢ, tᵢ in 30/360 years; yields are annual with monthly
//!   compounding, found by bisection to 10⁻⁹ (parts per 10⁹).

use crate::{
	math::{mul_div, Rounding},
	Amount, DayCount, DayNumber, Error, Result, RATE_ONE,
};
use alloc::vec::Vec;

const PPB: u128 = 1_000_000_000;

/// One unsettled installment of a loan: what it still owes.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Due {
	pub due: DayNumber,
	pub principal: Amount,
	/// Interest owed (the servicing fee included).
	pub interest: Amount,
	/// The servicing fee the interest still carries.
	pub fee: Amount,
}

/// A scenario: annual speeds and loss severity in parts per 10⁹, recovery lag in periods.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Scenario {
	pub cpr_ppb: u32,
	pub cdr_ppb: u32,
	pub severity_ppb: u32,
	pub lag: u32,
}

/// A projected collection period of the pool.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct PeriodFlows {
	pub end: DayNumber,
	/// Interest the borrowers pay and the servicing fee taken from it.
	pub gross_interest: Amount,
	pub servicing_fees: Amount,
	pub scheduled_principal: Amount,
	pub prepayments: Amount,
	pub defaults: Amount,
	pub recoveries: Amount,
	/// Performing balance at the end.
	pub balance: Amount,
	/// Balance at the start.
	pub opening_balance: Amount,
}

impl PeriodFlows {
	/// Interest to the pool: gross less the servicing fee.
	pub fn net_interest(&self) -> Amount {
		self.gross_interest.saturating_sub(self.servicing_fees)
	}
	/// Principal collections of every kind.
	pub fn principal(&self) -> Amount {
		self.scheduled_principal.saturating_add(self.prepayments).saturating_add(self.recoveries)
	}
	/// What the borrowers and recoveries bring in.
	pub fn gross_collections(&self) -> Amount {
		self.gross_interest.saturating_add(self.principal())
	}
}

fn pow(x: u128, n: u32) -> Result<u128> {
	let mut r = RATE_ONE;
	for _ in 0..n {
		r = mul_div(r, x, RATE_ONE, Rounding::Down)?;
	}
	Ok(r)
}

/// The monthly rate (×10¹⁸) of an annual one in parts per 10⁹: `1 − (1 − a)^(1/12)`.
pub fn monthly_rate(annual_ppb: u32) -> Result<u128> {
	let a = u128::from(annual_ppb);
	if a > PPB {
		return Err(Error::RateOutOfRange);
	}
	if a == 0 {
		return Ok(0);
	}
	if a == PPB {
		return Ok(RATE_ONE);
	}
	// The survival s = (1 − a)^(1/12): the largest s with s¹² ≤ 1 − a.
	let target = RATE_ONE.saturating_sub(a.saturating_mul(1_000_000_000));
	let (mut lo, mut hi) = (0u128, RATE_ONE);
	while hi.saturating_sub(lo) > 1 {
		let mid = lo.saturating_add(hi.saturating_sub(lo).checked_div(2).unwrap_or(0));
		if pow(mid, 12)? <= target {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	Ok(RATE_ONE.saturating_sub(lo))
}

/// The index of the period (of those ending on `ends`, ascending) an installment due on `due`
/// is collected in.
fn period_of(ends: &[DayNumber], due: DayNumber) -> Option<usize> {
	let k = ends.partition_point(|e| *e < due);
	(k < ends.len()).then_some(k)
}

/// Project `loans` (each its unsettled installments in order) over the periods ending on
/// `ends` under scenario `s`.
pub fn project(loans: &[Vec<Due>], ends: &[DayNumber], s: &Scenario) -> Result<Vec<PeriodFlows>> {
	if s.severity_ppb > 1_000_000_000 {
		return Err(Error::RateOutOfRange);
	}
	let smm = monthly_rate(s.cpr_ppb)?;
	let mdr = monthly_rate(s.cdr_ppb)?;
	let mut out: Vec<PeriodFlows> =
		ends.iter().map(|e| PeriodFlows { end: *e, ..Default::default() }).collect();
	let lag = usize::try_from(s.lag).map_err(|_| Error::Overflow)?;
	let keep = u128::from(1_000_000_000u32.saturating_sub(s.severity_ppb));
	for dues in loans {
		let mut sched = dues.iter().fold(0u128, |a, d| a.saturating_add(d.principal));
		let mut bal = sched;
		let mut at = 0usize;
		// Periods before the loan's first installment keep its balance.
		let first = dues.first().and_then(|d| period_of(ends, d.due)).unwrap_or(0);
		for r in out.iter_mut().take(first) {
			r.opening_balance = r.opening_balance.saturating_add(bal);
			r.balance = r.balance.saturating_add(bal);
		}
		while at < dues.len() {
			let Some(first) = dues.get(at) else { break };
			let Some(p) = period_of(ends, first.due) else { break };
			let opening = bal;
			let defaulted = mul_div(bal, mdr, RATE_ONE, Rounding::Down)?;
			bal = bal.saturating_sub(defaulted);
			let (mut interest, mut fees, mut principal) = (0u128, 0u128, 0u128);
			while let Some(d) = dues.get(at) {
				if period_of(ends, d.due) != Some(p) {
					break;
				}
				at = at.saturating_add(1);
				let last = at == dues.len();
				let scale = |x: Amount| {
					if bal == sched {
						Ok(x)
					} else {
						mul_div(x, bal, sched.max(1), Rounding::Down)
					}
				};
				interest = interest.saturating_add(scale(d.interest)?);
				fees = fees.saturating_add(scale(d.fee)?);
				let paid = if last { bal } else { scale(d.principal)?.min(bal) };
				principal = principal.saturating_add(paid);
				bal = bal.saturating_sub(paid);
				sched = sched.saturating_sub(d.principal);
			}
			let prepaid =
				if at < dues.len() { mul_div(bal, smm, RATE_ONE, Rounding::Down)? } else { 0 };
			bal = bal.saturating_sub(prepaid);
			let row = out.get_mut(p).ok_or(Error::Overflow)?;
			row.opening_balance = row.opening_balance.saturating_add(opening);
			row.gross_interest = row.gross_interest.saturating_add(interest);
			row.servicing_fees = row.servicing_fees.saturating_add(fees);
			row.scheduled_principal = row.scheduled_principal.saturating_add(principal);
			row.prepayments = row.prepayments.saturating_add(prepaid);
			row.defaults = row.defaults.saturating_add(defaulted);
			let recovered = mul_div(defaulted, keep, PPB, Rounding::Down)?;
			if let Some(r) = out.get_mut(p.saturating_add(lag)) {
				r.recoveries = r.recoveries.saturating_add(recovered);
			}
			// Periods this loan skips (no installment due) keep its balance.
			let next =
				dues.get(at).and_then(|d| period_of(ends, d.due)).unwrap_or(p.saturating_add(1));
			for q in p.saturating_add(1)..next {
				if let Some(r) = out.get_mut(q) {
					r.opening_balance = r.opening_balance.saturating_add(bal);
				}
			}
			let end = next.min(out.len());
			for r in out.iter_mut().take(end).skip(p) {
				r.balance = r.balance.saturating_add(bal);
			}
		}
	}
	Ok(out)
}

/// 30/360 years from `from` to `to`, ×10⁹.
fn years_e9(from: DayNumber, to: DayNumber) -> u128 {
	let days = DayCount::Thirty360.days(from, to).unwrap_or(0);
	days.saturating_mul(PPB).checked_div(360).unwrap_or(0)
}

/// Weighted average life in years ×10⁹ of `principal` paid on `ends`, from `today` (0 when
/// no principal is paid).
pub fn wal_e9(today: DayNumber, ends: &[DayNumber], principal: &[Amount]) -> Result<u128> {
	let total = principal.iter().fold(0u128, |a, p| a.saturating_add(*p));
	if total == 0 {
		return Ok(0);
	}
	let mut acc = 0u128;
	for (e, p) in ends.iter().zip(principal) {
		acc = acc
			.checked_add(mul_div(*p, years_e9(today, *e), total, Rounding::Down)?)
			.ok_or(Error::Overflow)?;
	}
	Ok(acc)
}

/// The present value on `today` of `flows` paid on `ends` at the monthly growth `g` (×10¹⁸,
/// `1 + y/12`).
fn present_value(today: DayNumber, ends: &[DayNumber], flows: &[Amount], g: u128) -> Result<u128> {
	let Some(first) = ends.first() else { return Ok(0) };
	let stub_days = DayCount::Thirty360.days(today, *first).unwrap_or(0);
	// 1 + (g − 1) × days ÷ 30, g possibly below 1.
	let stub = if g >= RATE_ONE {
		RATE_ONE.saturating_add(mul_div(g.saturating_sub(RATE_ONE), stub_days, 30, Rounding::Down)?)
	} else {
		RATE_ONE.saturating_sub(mul_div(RATE_ONE.saturating_sub(g), stub_days, 30, Rounding::Down)?)
	};
	let mut df = mul_div(RATE_ONE, RATE_ONE, stub.max(1), Rounding::Down)?;
	let mut pv = 0u128;
	for f in flows {
		pv = pv.checked_add(mul_div(*f, df, RATE_ONE, Rounding::Down)?).ok_or(Error::Overflow)?;
		df = mul_div(df, RATE_ONE, g.max(1), Rounding::Down)?;
	}
	Ok(pv)
}

/// Lowest and highest yields a bisection searches (annual, ppb): −50 % and 1,000 %.
pub const MIN_YIELD_PPB: i64 = -500_000_000;
pub const MAX_YIELD_PPB: i64 = 10_000_000_000;

fn growth(yield_ppb: i64) -> u128 {
	// 1 + y/12 (×10¹⁸)
	let y = u128::from(yield_ppb.unsigned_abs())
		.saturating_mul(1_000_000_000)
		.checked_div(12)
		.unwrap_or(0);
	if yield_ppb >= 0 {
		RATE_ONE.saturating_add(y)
	} else {
		RATE_ONE.saturating_sub(y)
	}
}

/// What `flows` on `ends` are worth on `today` at annual yield `yield_ppb`.
pub fn price_at_yield(
	today: DayNumber,
	ends: &[DayNumber],
	flows: &[Amount],
	yield_ppb: i64,
) -> Result<Amount> {
	if !(MIN_YIELD_PPB..=MAX_YIELD_PPB).contains(&yield_ppb) {
		return Err(Error::RateOutOfRange);
	}
	present_value(today, ends, flows, growth(yield_ppb))
}

/// The annual yield (ppb, monthly compounding) at which `flows` on `ends` are worth `price`
/// on `today`; `None` if no yield in [`MIN_YIELD_PPB`], [`MAX_YIELD_PPB`] gives it.
pub fn yield_at_price(
	today: DayNumber,
	ends: &[DayNumber],
	flows: &[Amount],
	price: Amount,
) -> Result<Option<i64>> {
	let (mut lo, mut hi) = (MIN_YIELD_PPB, MAX_YIELD_PPB);
	// The value falls as the yield rises.
	if price_at_yield(today, ends, flows, lo)? < price
		|| price_at_yield(today, ends, flows, hi)? > price
	{
		return Ok(None);
	}
	while hi.saturating_sub(lo) > 1 {
		let mid = lo.saturating_add(hi.saturating_sub(lo).checked_div(2).unwrap_or(0));
		if price_at_yield(today, ends, flows, mid)? >= price {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	Ok(Some(lo))
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::vec;

	#[test]
	fn monthly_rates_compound_to_the_annual_ones() {
		assert_eq!(monthly_rate(0).unwrap(), 0);
		assert_eq!(monthly_rate(1_000_000_000).unwrap(), RATE_ONE);
		assert!(monthly_rate(1_000_000_001).is_err());
		// 1 − (1 − 0.06)^(1/12) = 0.0051430128318…
		let m = monthly_rate(60_000_000).unwrap();
		assert_eq!(m / 1_000_000_000, 5_143_012);
	}

	#[test]
	fn at_zero_speeds_a_loan_pays_its_installments() {
		let dues = vec![
			Due { due: 10, principal: 100, interest: 7, fee: 1 },
			Due { due: 40, principal: 101, interest: 5, fee: 1 },
			Due { due: 70, principal: 99, interest: 3, fee: 0 },
		];
		let out =
			project(core::slice::from_ref(&dues), &[15, 45, 75], &Scenario::default()).unwrap();
		assert_eq!(out.iter().map(|r| r.gross_collections()).sum::<u128>(), 315);
		assert_eq!(out[0].scheduled_principal, 100);
		assert_eq!(out[0].net_interest(), 6);
		assert_eq!(out[2].balance, 0);
		assert_eq!(out[0].opening_balance, 300);
		assert_eq!(out[1].opening_balance, 200);
	}

	#[test]
	fn defaults_recover_after_the_lag() {
		let dues = vec![Due { due: 10, principal: 1_000, interest: 0, fee: 0 }; 1];
		let s = Scenario { cpr_ppb: 0, cdr_ppb: 1_000_000_000, severity_ppb: 400_000_000, lag: 2 };
		let out = project(&[dues], &[15, 45, 75], &s).unwrap();
		assert_eq!(out[0].defaults, 1_000);
		assert_eq!(out[0].scheduled_principal, 0);
		assert_eq!(out[2].recoveries, 600);
	}

	#[test]
	fn a_par_bond_yields_its_coupon() {
		// 12 monthly coupons of 1 % and the face at the end, valued on a payment date's eve.
		let start = crate::CalendarDate::new(2026, 1, 25).unwrap();
		let today = start.to_day_number().unwrap();
		let ends: Vec<DayNumber> =
			(1..=12).map(|k| start.add_months(k).unwrap().to_day_number().unwrap()).collect();
		const FACE: u128 = 1_000_000_000_000_000_000;
		let mut flows = vec![FACE / 100; 12];
		flows[11] += FACE;
		// The stub of the first date is one full month.
		let p = price_at_yield(today, &ends, &flows, 120_000_000).unwrap();
		assert!(p.abs_diff(FACE) <= 100, "{p}");
		let y = yield_at_price(today, &ends, &flows, FACE).unwrap().unwrap();
		assert!((y - 120_000_000).abs() <= 1, "{y}");
		let wal = wal_e9(today, &ends, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap();
		assert_eq!(wal, 1_000_000_000);
	}
}
