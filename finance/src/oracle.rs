//! The oracle's statistics (`pallet-oracle`): the lower median of the feeders' values, their
//! dispersion and each feeder's deviation, in parts per 10⁹ (rounded toward zero).

use crate::Amount;
use alloc::vec::Vec;

const PPB: u128 = 1_000_000_000;

/// The median of `values`; for an even count the lower of the two middle values (a feeder
/// cannot pull the answer up by joining a tie). `None` if empty.
pub fn median(values: &[Amount]) -> Option<Amount> {
	let mut v: Vec<Amount> = values.to_vec();
	v.sort_unstable();
	let mid = v.len().checked_sub(1)?.checked_div(2)?;
	v.get(mid).copied()
}

/// (max − min) ÷ `median` in parts per 10⁹, saturating (`u64::MAX` if the median is 0 and the
/// values differ).
pub fn dispersion_ppb(values: &[Amount], median: Amount) -> u64 {
	let (Some(lo), Some(hi)) = (values.iter().min(), values.iter().max()) else { return 0 };
	let spread = hi.saturating_sub(*lo);
	if spread == 0 {
		return 0;
	}
	if median == 0 {
		return u64::MAX;
	}
	let ppb = spread.saturating_mul(PPB).checked_div(median).unwrap_or(u128::MAX);
	u64::try_from(ppb).unwrap_or(u64::MAX)
}

/// (`value` − `median`) ÷ `median` in parts per 10⁹, saturating.
pub fn deviation_ppb(value: Amount, median: Amount) -> i64 {
	if median == 0 {
		return if value == 0 { 0 } else { i64::MAX };
	}
	let (up, d) = if value >= median {
		(true, value.saturating_sub(median))
	} else {
		(false, median.saturating_sub(value))
	};
	let ppb = d.saturating_mul(PPB).checked_div(median).unwrap_or(u128::MAX);
	let ppb = i64::try_from(ppb).unwrap_or(i64::MAX);
	if up {
		ppb
	} else {
		ppb.saturating_neg()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_median_of_an_odd_count_is_the_middle_and_of_an_even_count_the_lower_middle() {
		assert_eq!(median(&[]), None);
		assert_eq!(median(&[7]), Some(7));
		assert_eq!(median(&[30, 10, 20]), Some(20));
		assert_eq!(median(&[40, 10, 30, 20]), Some(20));
		assert_eq!(median(&[5, 5, 9, 9]), Some(5));
	}

	#[test]
	fn dispersion_and_deviation_are_relative_to_the_median() {
		// (120 − 90) ÷ 100 = 30 %.
		assert_eq!(dispersion_ppb(&[90, 100, 120], 100), 300_000_000);
		assert_eq!(dispersion_ppb(&[100, 100], 100), 0);
		assert_eq!(dispersion_ppb(&[0, 1], 0), u64::MAX);
		assert_eq!(deviation_ppb(120, 100), 200_000_000);
		assert_eq!(deviation_ppb(90, 100), -100_000_000);
		// 1 ÷ 3 rounds toward zero.
		assert_eq!(deviation_ppb(4, 3), 333_333_333);
		assert_eq!(deviation_ppb(2, 3), -333_333_333);
		assert_eq!(deviation_ppb(0, 0), 0);
	}
}
