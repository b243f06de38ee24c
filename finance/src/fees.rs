//! Transaction fees paid in the settlement stablecoin: the native fee converted at the rate the
//! governance sets, rounded **up** (the chain never undercharges a fee by rounding).

use crate::Amount;

/// Smallest units of the native token in one native unit (12 decimals).
pub const NATIVE_UNIT: u128 = 1_000_000_000_000;

/// The stablecoin amount that pays a native fee of `native_fee` smallest units when one native
/// unit costs `rate` smallest stablecoin units: ⌈native_fee × rate / 10¹²⌉. `None` on overflow.
pub fn native_fee_in_stable(native_fee: u128, rate: Amount) -> Option<Amount> {
	let product = native_fee.checked_mul(rate)?;
	let whole = product.checked_div(NATIVE_UNIT)?;
	if product.checked_rem(NATIVE_UNIT)? == 0 {
		Some(whole)
	} else {
		whole.checked_add(1)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn converts_and_rounds_up() {
		// 1 ABS at 1 USDA (10⁶ units) per ABS: exactly 1 USDA.
		assert_eq!(native_fee_in_stable(NATIVE_UNIT, 1_000_000), Some(1_000_000));
		// 0.034 ABS at 1 USDA/ABS = 34,000 units.
		assert_eq!(native_fee_in_stable(34_000_000_000, 1_000_000), Some(34_000));
		// One planck more rounds up to the next unit.
		assert_eq!(native_fee_in_stable(34_000_000_001, 1_000_000), Some(34_001));
		// Below one unit is still one unit; zero is zero.
		assert_eq!(native_fee_in_stable(1, 1), Some(1));
		assert_eq!(native_fee_in_stable(0, 1_000_000), Some(0));
		// 1.5 ABS at 0.25 USDA/ABS = 0.375 USDA.
		assert_eq!(native_fee_in_stable(1_500_000_000_000, 250_000), Some(375_000));
		assert_eq!(native_fee_in_stable(u128::MAX, 2), None);
	}
}
