//! Exact integer helpers: products of two `u128` never overflow (widened to big integers when
//! they would), and every division states its rounding.

use crate::{Amount, Error, Result};
use num_bigint::BigUint;
use num_traits::{ToPrimitive, Zero};

/// How a quotient is rounded.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rounding {
	/// Toward zero: splits of money received.
	Down,
	/// Half up (…0.5 → up): amounts a party owes.
	HalfUp,
	/// Up: e.g. a reserve price.
	Up,
}

/// `num / den` rounded; `den` must not be zero.
pub fn div_round(num: u128, den: u128, rounding: Rounding) -> Result<u128> {
	if den == 0 {
		return Err(Error::Overflow);
	}
	let (Some(q), Some(r)) = (num.checked_div(den), num.checked_rem(den)) else {
		return Err(Error::Overflow);
	};
	let up = match rounding {
		Rounding::Down => false,
		Rounding::HalfUp => r >= den.saturating_sub(r),
		Rounding::Up => r > 0,
	} && r > 0;
	if up {
		q.checked_add(1).ok_or(Error::Overflow)
	} else {
		Ok(q)
	}
}

/// `a · b / c` rounded, exact for any `u128` inputs; errors if the result exceeds `u128`.
pub fn mul_div(a: u128, b: u128, c: u128, rounding: Rounding) -> Result<u128> {
	if c == 0 {
		return Err(Error::Overflow);
	}
	if let Some(p) = a.checked_mul(b) {
		return div_round(p, c, rounding);
	}
	big_div_round(&(BigUint::from(a) * BigUint::from(b)), &BigUint::from(c), rounding)
}

/// `num / den` rounded, for big integers; errors if the result exceeds `u128`.
pub fn big_div_round(num: &BigUint, den: &BigUint, rounding: Rounding) -> Result<u128> {
	if den.is_zero() {
		return Err(Error::Overflow);
	}
	let q = num / den;
	let r = num % den;
	let up = !r.is_zero()
		&& match rounding {
			Rounding::Down => false,
			Rounding::HalfUp => (&r + &r) >= *den,
			Rounding::Up => true,
		};
	let q = if up { q + 1u32 } else { q };
	q.to_u128().ok_or(Error::Overflow)
}

/// Checked sum.
pub fn add(a: Amount, b: Amount) -> Result<Amount> {
	a.checked_add(b).ok_or(Error::Overflow)
}

/// Checked difference.
pub fn sub(a: Amount, b: Amount) -> Result<Amount> {
	a.checked_sub(b).ok_or(Error::Overflow)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn rounding_modes() {
		assert_eq!(div_round(5, 2, Rounding::HalfUp), Ok(3));
		assert_eq!(div_round(5, 2, Rounding::Down), Ok(2));
		assert_eq!(div_round(4, 3, Rounding::HalfUp), Ok(1));
		assert_eq!(div_round(4, 3, Rounding::Up), Ok(2));
		assert_eq!(div_round(6, 3, Rounding::Up), Ok(2));
		assert_eq!(div_round(1, 0, Rounding::Up), Err(Error::Overflow));
		assert_eq!(div_round(u128::MAX, u128::MAX - 1, Rounding::HalfUp), Ok(1));
	}

	#[test]
	fn wide_products() {
		let big = 10u128.pow(36);
		// 10^36 · 10^36 / 10^36 = 10^36, through the big-integer path.
		assert_eq!(mul_div(big, big, big, Rounding::Down), Ok(big));
		assert_eq!(mul_div(u128::MAX, 3, 3, Rounding::HalfUp), Ok(u128::MAX));
		assert_eq!(mul_div(u128::MAX, 3, 2, Rounding::HalfUp), Err(Error::Overflow));
		assert_eq!(mul_div(7, 1, 2, Rounding::HalfUp), Ok(4));
	}
}
