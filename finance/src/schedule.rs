//! Repayment schedules (`shared/domain.md`, Schedules).
//!
//! - **Level annuity**: `PMT = P·r / (1 − (1 + r)⁻ⁿ)`, `r` = annual / 12, rounded half-up (at
//!   0 %: `P / n` half-up). Each period's interest is the opening balance × the period rate,
//!   half-up (30/360: annual / 12; Actual/365: annual × actual days / 365); the principal part is
//!   `PMT − interest` (never more than the balance); the last installment pays the whole
//!   remaining balance plus its interest, so principal parts sum to exactly `P`.
//! - **Interest-only**: each period's interest; the principal with the last installment.
//! - **Bullet**: one installment at maturity: principal + simple interest for the whole term.
//! - Actual/365 level terms with `PMT ≤ P × annual × 31/365` are refused (a 31-day month would
//!   amortize negatively).
//!
//! The first period runs from one month before the first due date, so it carries a full
//! period's interest whatever the funding day.

use crate::{
	calendar::{CalendarDate, DayNumber},
	daycount::DayCount,
	math::{self, big_div_round, mul_div, Rounding},
	Amount, Error, RatePpq, Result, MAX_PERIODS, MAX_PRINCIPAL, RATE_ONE,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use num_bigint::BigUint;
use num_integer_gcd::gcd;
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

mod num_integer_gcd {
	/// Greatest common divisor (Euclid).
	pub fn gcd(mut a: u128, mut b: u128) -> u128 {
		while let Some(t) = a.checked_rem(b) {
			a = b;
			b = t;
		}
		a
	}
}

/// How the principal is repaid.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Amortization {
	/// Equal installments of interest + principal.
	#[default]
	LevelAnnuity,
	/// Interest each period, all principal with the last installment.
	InterestOnly,
	/// One installment at maturity.
	Bullet,
}

/// What a schedule is computed from.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct Terms {
	/// Principal, in smallest units.
	pub principal: Amount,
	/// Annual rate in parts per 10¹⁸.
	pub annual_rate: RatePpq,
	/// Number of monthly periods.
	pub periods: u32,
	/// Repayment kind.
	pub amortization: Amortization,
	/// Day count of interest.
	pub day_count: DayCount,
	/// The first due date; later ones step by calendar month from it (end-of-month rule).
	pub first_due: CalendarDate,
}

/// One installment of a schedule.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct Installment {
	/// Due day.
	pub due: DayNumber,
	/// Scheduled interest.
	pub interest: Amount,
	/// Scheduled principal.
	pub principal: Amount,
}

/// A computed schedule.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Schedule {
	/// The level payment (0 for interest-only and bullet).
	pub payment: Amount,
	/// The day the first period starts (one month before the first due date).
	pub start: DayNumber,
	/// The installments, in due order.
	pub installments: Vec<Installment>,
}

impl Terms {
	/// Refuse terms out of range (see [`Error`]).
	pub fn validate(&self) -> Result<()> {
		if self.principal == 0 {
			return Err(Error::ZeroPrincipal);
		}
		if self.principal > MAX_PRINCIPAL {
			return Err(Error::PrincipalTooLarge);
		}
		if self.periods == 0 {
			return Err(Error::ZeroPeriods);
		}
		if self.periods > MAX_PERIODS {
			return Err(Error::TooManyPeriods);
		}
		if u128::from(self.annual_rate) > RATE_ONE {
			return Err(Error::RateOutOfRange);
		}
		if !self.first_due.is_valid() {
			return Err(Error::InvalidDate);
		}
		Ok(())
	}

	/// The start of the first period and the due days, in order.
	pub fn due_days(&self) -> Result<(DayNumber, Vec<DayNumber>)> {
		let start = self
			.first_due
			.sub_months(1)
			.and_then(|d| d.to_day_number())
			.ok_or(Error::InvalidDate)?;
		let mut dues = Vec::with_capacity(self.periods as usize);
		for k in 0..self.periods {
			let d = self.first_due.add_months(k).and_then(|d| d.to_day_number());
			dues.push(d.ok_or(Error::InvalidDate)?);
		}
		Ok((start, dues))
	}

	/// Interest of one period on `balance`, half-up.
	pub fn period_interest(
		&self,
		balance: Amount,
		from: DayNumber,
		to: DayNumber,
	) -> Result<Amount> {
		period_interest(self.day_count, self.annual_rate, balance, from, to)
	}
}

/// Interest of the period `from → to` on `balance`, half-up: 30/360 → annual / 12 (a monthly
/// period is always 30/360 of a year); Actual/365 → annual × days / 365.
pub fn period_interest(
	day_count: DayCount,
	annual_rate: RatePpq,
	balance: Amount,
	from: DayNumber,
	to: DayNumber,
) -> Result<Amount> {
	match day_count {
		DayCount::Thirty360 => {
			mul_div(balance, u128::from(annual_rate), RATE_ONE * 12, Rounding::HalfUp)
		}
		DayCount::Actual365 => {
			let days = u128::from(to.saturating_sub(from));
			let rate_days = u128::from(annual_rate).checked_mul(days).ok_or(Error::Overflow)?;
			mul_div(balance, rate_days, RATE_ONE * 365, Rounding::HalfUp)
		}
	}
}

/// Interest accrued on `balance` from `from` to `to` under the day count, half-up.
pub fn accrued_interest(
	day_count: DayCount,
	annual_rate: RatePpq,
	balance: Amount,
	from: DayNumber,
	to: DayNumber,
) -> Result<Amount> {
	let days = day_count.days(from, to)?;
	let rate_days = u128::from(annual_rate).checked_mul(days).ok_or(Error::Overflow)?;
	mul_div(balance, rate_days, RATE_ONE.saturating_mul(day_count.year_days()), Rounding::HalfUp)
}

/// `PMT = P·r / (1 − (1 + r)⁻ⁿ)` with `r = annual / 12`, rounded half-up; `P / n` at 0 %.
///
/// Exact: with `D = 12·10¹⁸` and `B = D + a`, `PMT = P·a·Bⁿ / (D·(Bⁿ − Dⁿ))`, computed on big
/// integers after dividing `a`, `B`, `D` by `gcd(a, D)`.
pub fn level_payment(principal: Amount, annual_rate: RatePpq, periods: u32) -> Result<Amount> {
	if periods == 0 {
		return Err(Error::ZeroPeriods);
	}
	if annual_rate == 0 {
		return math::div_round(principal, u128::from(periods), Rounding::HalfUp);
	}
	let a = u128::from(annual_rate);
	let d = RATE_ONE * 12;
	let g = gcd(a, d);
	// g divides both and is ≥ 1 (d ≠ 0); a, d ≤ 12·10¹⁸, so a + d fits u128.
	let (a, d) =
		(a.checked_div(g).ok_or(Error::Overflow)?, d.checked_div(g).ok_or(Error::Overflow)?);
	let b = a.checked_add(d).ok_or(Error::Overflow)?;
	let bn = BigUint::from(b).pow(periods);
	let dn = BigUint::from(d).pow(periods);
	let num = BigUint::from(principal) * BigUint::from(a) * &bn;
	let den = BigUint::from(d) * (bn - dn);
	big_div_round(&num, &den, Rounding::HalfUp)
}

/// Amortize `balance` over the periods `(from, to)` with a level `payment`: interest half-up,
/// principal = min(payment − interest, balance), the last period takes the rest. Stops early
/// (fewer installments) when the balance reaches zero before the last period.
pub fn amortize_level(
	day_count: DayCount,
	annual_rate: RatePpq,
	mut balance: Amount,
	payment: Amount,
	periods: &[(DayNumber, DayNumber)],
) -> Result<Vec<Installment>> {
	let mut out = Vec::with_capacity(periods.len());
	let last = periods.len().saturating_sub(1);
	for (k, &(from, to)) in periods.iter().enumerate() {
		let interest = period_interest(day_count, annual_rate, balance, from, to)?;
		let principal =
			if k == last { balance } else { payment.saturating_sub(interest).min(balance) };
		balance = math::sub(balance, principal)?;
		out.push(Installment { due: to, interest, principal });
		if balance == 0 {
			break;
		}
	}
	Ok(out)
}

/// Interest-only periods on `balance`, all principal with the last.
pub fn amortize_interest_only(
	day_count: DayCount,
	annual_rate: RatePpq,
	balance: Amount,
	periods: &[(DayNumber, DayNumber)],
) -> Result<Vec<Installment>> {
	let last = periods.len().saturating_sub(1);
	periods
		.iter()
		.enumerate()
		.map(|(k, &(from, to))| {
			Ok(Installment {
				due: to,
				interest: period_interest(day_count, annual_rate, balance, from, to)?,
				principal: if k == last { balance } else { 0 },
			})
		})
		.collect()
}

impl Schedule {
	/// The schedule of `terms`, or why it is refused.
	pub fn new(terms: &Terms) -> Result<Self> {
		terms.validate()?;
		let (start, dues) = terms.due_days()?;
		let periods = periods_of(start, &dues);
		let p = terms.principal;
		let (payment, installments) = match terms.amortization {
			Amortization::LevelAnnuity => {
				let pmt = level_payment(p, terms.annual_rate, terms.periods)?;
				if terms.day_count == DayCount::Actual365 && terms.annual_rate > 0 {
					// Refuse PMT ≤ P × annual × 31/365 (exact: PMT·365·10¹⁸ ≤ P·a·31).
					let lhs = BigUint::from(pmt) * 365u32 * RATE_ONE;
					let rhs = BigUint::from(p) * terms.annual_rate * 31u32;
					if lhs <= rhs {
						return Err(Error::NegativeAmortization);
					}
				}
				(pmt, amortize_level(terms.day_count, terms.annual_rate, p, pmt, &periods)?)
			}
			Amortization::InterestOnly => {
				(0, amortize_interest_only(terms.day_count, terms.annual_rate, p, &periods)?)
			}
			Amortization::Bullet => {
				let maturity = *dues.last().ok_or(Error::ZeroPeriods)?;
				let interest = match terms.day_count {
					DayCount::Thirty360 => mul_div(
						p,
						u128::from(terms.annual_rate).saturating_mul(u128::from(terms.periods)),
						RATE_ONE * 12,
						Rounding::HalfUp,
					)?,
					DayCount::Actual365 => {
						period_interest(terms.day_count, terms.annual_rate, p, start, maturity)?
					}
				};
				(0, alloc::vec![Installment { due: maturity, interest, principal: p }])
			}
		};
		Ok(Schedule { payment, start, installments })
	}
}

impl Schedule {
	/// The smallest installment's scheduled interest + principal: the largest fixed late fee
	/// the chain accepts (a fee never exceeds what it penalizes).
	pub fn smallest_installment(&self) -> Amount {
		self.installments.iter().map(|i| i.interest.saturating_add(i.principal)).min().unwrap_or(0)
	}
}

/// `(from, to)` of each period given the start and the due days.
pub fn periods_of(start: DayNumber, dues: &[DayNumber]) -> Vec<(DayNumber, DayNumber)> {
	let mut prev = start;
	dues.iter()
		.map(|&d| {
			let p = (prev, d);
			prev = d;
			p
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	fn terms(principal: Amount, rate_bp: u64, periods: u32) -> Terms {
		Terms {
			principal,
			annual_rate: rate_bp.saturating_mul(100_000_000_000_000),
			periods,
			amortization: Amortization::LevelAnnuity,
			day_count: DayCount::Thirty360,
			first_due: CalendarDate::new(2027, 1, 31).unwrap(),
		}
	}

	#[test]
	fn textbook_payment() {
		// 100,000.00 at 6 % over 360 months: PMT 599.55 (in cents).
		assert_eq!(level_payment(10_000_000, 600 * 100_000_000_000_000, 360), Ok(59_955));
		let s = Schedule::new(&terms(10_000_000, 600, 360)).unwrap();
		assert_eq!(s.installments.len(), 360);
		assert_eq!(s.installments[0].interest, 50_000);
		assert_eq!(s.installments.iter().map(|i| i.principal).sum::<u128>(), 10_000_000);
	}

	#[test]
	fn refusals() {
		assert_eq!(Schedule::new(&terms(0, 600, 12)), Err(Error::ZeroPrincipal));
		assert_eq!(Schedule::new(&terms(1, 600, 0)), Err(Error::ZeroPeriods));
		assert_eq!(Schedule::new(&terms(1, 600, 481)), Err(Error::TooManyPeriods));
		assert_eq!(Schedule::new(&terms(1, 10_001, 12)), Err(Error::RateOutOfRange));
		assert_eq!(
			Schedule::new(&terms(MAX_PRINCIPAL + 1, 600, 12)),
			Err(Error::PrincipalTooLarge)
		);
		// Actual/365, 100 % over 480 months: PMT barely above a 30-day month's interest.
		let t = Terms { day_count: DayCount::Actual365, ..terms(1_000_000, 10_000, 480) };
		assert_eq!(Schedule::new(&t), Err(Error::NegativeAmortization));
	}
}
