//! Day-count conventions: the fraction of a year between two days.

use crate::{
	calendar::{days_in_month, CalendarDate, DayNumber},
	Error, Result,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// A day-count convention.
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
pub enum DayCount {
	/// 30/360 (US bond basis with the end-of-February rule): every month has 30 days, a year
	/// 360. A monthly period's rate is exactly annual / 12.
	#[default]
	Thirty360,
	/// Actual/365 (fixed): actual days over 365.
	Actual365,
}

impl DayCount {
	/// Days in the year of this convention.
	pub const fn year_days(self) -> u128 {
		match self {
			DayCount::Thirty360 => 360,
			DayCount::Actual365 => 365,
		}
	}

	/// Days counted from `from` to `to` (0 if `to` is not after `from`).
	pub fn days(self, from: DayNumber, to: DayNumber) -> Result<u128> {
		if to <= from {
			return Ok(0);
		}
		match self {
			DayCount::Actual365 => Ok(u128::from(to.saturating_sub(from))),
			DayCount::Thirty360 => thirty_360_days(
				CalendarDate::from_day_number(from),
				CalendarDate::from_day_number(to),
			),
		}
	}
}

fn is_last_day_of_february(d: CalendarDate) -> bool {
	d.month == 2 && d.day == days_in_month(d.year, 2)
}

/// 30/360 US: D1 = 30 if D1 is the last day of February or the 31st; D2 = 30 if D2 is the last
/// day of February and D1 was too, or if D2 is the 31st and D1 is (now) 30.
/// days = 360·(Y2 − Y1) + 30·(M2 − M1) + (D2 − D1).
pub fn thirty_360_days(d1: CalendarDate, d2: CalendarDate) -> Result<u128> {
	let mut day1 = i64::from(d1.day);
	let mut day2 = i64::from(d2.day);
	if is_last_day_of_february(d1) && is_last_day_of_february(d2) {
		day2 = 30;
	}
	if is_last_day_of_february(d1) {
		day1 = 30;
	}
	if day2 == 31 && day1 >= 30 {
		day2 = 30;
	}
	if day1 == 31 {
		day1 = 30;
	}
	// Years ≤ 65,535, months ≤ 12, days ≤ 31: far inside i64, saturating only for the lint.
	let days = (i64::from(d2.year).saturating_sub(i64::from(d1.year)))
		.saturating_mul(360)
		.saturating_add(
			(i64::from(d2.month).saturating_sub(i64::from(d1.month))).saturating_mul(30),
		)
		.saturating_add(day2.saturating_sub(day1));
	u128::try_from(days.max(0)).map_err(|_| Error::Overflow)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn day(y: u16, m: u8, d: u8) -> DayNumber {
		CalendarDate::new(y, m, d).unwrap().to_day_number().unwrap()
	}

	#[test]
	fn thirty_360_cases() {
		let c = DayCount::Thirty360;
		assert_eq!(c.days(day(2024, 1, 15), day(2024, 2, 15)), Ok(30));
		assert_eq!(c.days(day(2024, 1, 31), day(2024, 2, 29)), Ok(29)); // D1 31 → 30; D2 (Feb 29) stays
		assert_eq!(c.days(day(2024, 2, 29), day(2024, 3, 31)), Ok(30)); // D1 Feb EOM → 30, D2 31 → 30
		assert_eq!(c.days(day(2023, 2, 28), day(2023, 3, 15)), Ok(15));
		assert_eq!(c.days(day(2024, 1, 1), day(2025, 1, 1)), Ok(360));
		assert_eq!(c.days(day(2024, 3, 30), day(2024, 3, 31)), Ok(0));
		assert_eq!(c.days(day(2024, 3, 15), day(2024, 3, 31)), Ok(16));
		assert_eq!(c.days(day(2024, 3, 15), day(2024, 3, 10)), Ok(0));
	}

	#[test]
	fn actual_365_counts_calendar_days() {
		let c = DayCount::Actual365;
		assert_eq!(c.days(day(2024, 2, 1), day(2024, 3, 1)), Ok(29));
		assert_eq!(c.days(day(2023, 2, 1), day(2023, 3, 1)), Ok(28));
		assert_eq!(c.days(day(2024, 1, 1), day(2025, 1, 1)), Ok(366));
	}
}
