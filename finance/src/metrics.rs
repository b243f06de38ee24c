//! A pool's performance ratios, as `shared/domain.md` (Performance metrics) defines them, in
//! fixed point with 18 decimals (the inner value of `FixedU128`: [`ONE`] is 100 %).
//!
//! - SMM = unscheduled principal ÷ (opening balance − scheduled principal);
//! - MDR = principal newly defaulted ÷ opening balance;
//! - CPR = 1 − (1 − SMM)¹², CDR = 1 − (1 − MDR)¹², the power taken by twelve
//!   multiplications, each rounded down;
//! - WAC = Σ balance × rate ÷ Σ balance, the rate in parts per 10⁹;
//! - WAM (remaining) and WALA (age) = Σ balance × installments ÷ Σ balance, ×1,000.
//!
//! Every division rounds down; a ratio is capped at 100 %; an empty denominator gives 0.
//! `reference/model.py` computes the same steps with exact fractions.

use crate::{
	math::{mul_div, Rounding},
	Amount, RatePpq, Result,
};

/// 100 % in the fixed point of this module (`FixedU128`'s accuracy).
pub const ONE: u128 = 1_000_000_000_000_000_000;

/// `n ÷ d` in fixed point, rounded down, capped at [`ONE`]; 0 when `d` is 0.
pub fn ratio(n: Amount, d: Amount) -> Result<u128> {
	if d == 0 {
		return Ok(0);
	}
	Ok(mul_div(n.min(d), ONE, d, Rounding::Down)?.min(ONE))
}

/// `a × b` in fixed point, rounded down.
pub fn mul_down(a: u128, b: u128) -> Result<u128> {
	mul_div(a, b, ONE, Rounding::Down)
}

/// Single monthly mortality: unscheduled principal over the balance that could prepay.
pub fn smm(unscheduled: Amount, opening: Amount, scheduled: Amount) -> Result<u128> {
	ratio(unscheduled, opening.saturating_sub(scheduled))
}

/// Monthly default rate: principal newly defaulted over the opening balance.
pub fn mdr(defaulted: Amount, opening: Amount) -> Result<u128> {
	ratio(defaulted, opening)
}

/// A monthly rate annualized: `1 − (1 − m)¹²`, each of the twelve multiplications rounded
/// down (so the survival is rounded down and the annual rate up, never above 100 %).
pub fn annualize(monthly: u128) -> Result<u128> {
	let survive = ONE.saturating_sub(monthly.min(ONE));
	let mut p = ONE;
	for _ in 0..12 {
		p = mul_down(p, survive)?;
	}
	Ok(ONE.saturating_sub(p))
}

/// A loan's part of Σ balance × rate: its rate in parts per 10⁹ (rounded down) × balance.
pub fn rate_weight(rate: RatePpq, balance: Amount) -> u128 {
	u128::from(rate / 1_000_000_000).saturating_mul(balance)
}

/// A loan's part of Σ balance × installments.
pub fn term_weight(installments: u32, balance: Amount) -> u128 {
	u128::from(installments).saturating_mul(balance)
}

/// Weighted average coupon in parts per 10⁹ from Σ [`rate_weight`] and Σ balance.
pub fn wac_ppb(rate_weighted: u128, balance: Amount) -> Result<u128> {
	if balance == 0 {
		return Ok(0);
	}
	mul_div(rate_weighted, 1, balance, Rounding::Down)
}

/// A weighted average term in installments ×1,000 from Σ [`term_weight`] and Σ balance.
pub fn wa_term_milli(term_weighted: u128, balance: Amount) -> Result<u128> {
	if balance == 0 {
		return Ok(0);
	}
	mul_div(term_weighted, 1_000, balance, Rounding::Down)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn annualizing_rounds_each_step_down() {
		assert_eq!(annualize(0).unwrap(), 0);
		assert_eq!(annualize(ONE).unwrap(), ONE);
		// 1 % a month: 1 − 0.99¹² = 0.11361512828387…, the floors taken by the reference
		// model (`annualize(10**16)`).
		assert_eq!(annualize(ONE / 100).unwrap(), 113_615_128_283_870_720);
	}

	#[test]
	fn ratios_cap_and_handle_empty_denominators() {
		assert_eq!(smm(5, 100, 100).unwrap(), 0);
		assert_eq!(smm(200, 100, 0).unwrap(), ONE);
		assert_eq!(mdr(1, 3).unwrap(), 333_333_333_333_333_333);
		assert_eq!(wac_ppb(0, 0).unwrap(), 0);
		assert_eq!(wa_term_milli(term_weight(12, 10) + term_weight(24, 30), 40).unwrap(), 21_000);
	}
}
