//! Day numbers and the proleptic Gregorian calendar.
//!
//! A [`DayNumber`] counts days since 1970-01-01 (day 0). The conversion both ways is exact
//! integer arithmetic (the "days from civil" algorithm of H. Hinnant, restricted to dates on or
//! after the epoch), so the runtime, the finance engine and clients agree to the day.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// Days since 1970-01-01.
pub type DayNumber = u32;

/// Days in a 400-year Gregorian era.
const DAYS_PER_ERA: u32 = 146_097;
/// Day number of 0000-03-01 counted from 1970-01-01 is −719,468; we shift by it.
const EPOCH_SHIFT: u32 = 719_468;

/// A calendar date (proleptic Gregorian), on or after 1970-01-01.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct CalendarDate {
	/// Year, e.g. 2026.
	pub year: u16,
	/// Month, 1..=12.
	pub month: u8,
	/// Day of the month, 1..=31.
	pub day: u8,
}

/// Whether `year` is a Gregorian leap year.
pub const fn is_leap_year(year: u16) -> bool {
	(year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in `month` (1..=12) of `year`; 0 for an invalid month.
pub const fn days_in_month(year: u16, month: u8) -> u8 {
	match month {
		1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
		4 | 6 | 9 | 11 => 30,
		2 => {
			if is_leap_year(year) {
				29
			} else {
				28
			}
		}
		_ => 0,
	}
}

impl CalendarDate {
	/// A date, if it exists and is on or after 1970-01-01.
	pub const fn new(year: u16, month: u8, day: u8) -> Option<Self> {
		if year < 1970 || month == 0 || month > 12 || day == 0 || day > days_in_month(year, month) {
			return None;
		}
		Some(CalendarDate { year, month, day })
	}

	/// Whether this is a real date on or after the epoch.
	pub const fn is_valid(&self) -> bool {
		Self::new(self.year, self.month, self.day).is_some()
	}

	/// The date of a day number. Day numbers beyond year 65,535 saturate to 65535-12-31.
	// Hinnant's civil-from-days on u64: every intermediate is bounded as annotated (z < 2³³),
	// so no operation can overflow or underflow, and the divisors are non-zero constants.
	#[allow(clippy::arithmetic_side_effects)]
	pub fn from_day_number(day: DayNumber) -> Self {
		// Shift so the era starts on 0000-03-01 (leap day last in the "year").
		let z = u64::from(day) + u64::from(EPOCH_SHIFT);
		let era = z / u64::from(DAYS_PER_ERA);
		let doe = z % u64::from(DAYS_PER_ERA); // [0, 146096]
		let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
		let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
		let mp = (5 * doy + 2) / 153; // [0, 11], March = 0
		let d = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
		let m = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
		let y = yoe + era * 400 + u64::from(m <= 2);
		match u16::try_from(y) {
			Ok(year) => CalendarDate {
				year,
				// m ∈ [1,12], d ∈ [1,31]: the conversions cannot fail.
				month: u8::try_from(m).unwrap_or(12),
				day: u8::try_from(d).unwrap_or(31),
			},
			Err(_) => CalendarDate { year: u16::MAX, month: 12, day: 31 },
		}
	}

	/// The day number of this date, or `None` if the date is invalid.
	// Hinnant's days-from-civil on u64 for a valid date (year ≤ 65,535, month 1..=12, day
	// 1..=31): every intermediate is bounded as annotated, far below u64::MAX.
	#[allow(clippy::arithmetic_side_effects)]
	pub fn to_day_number(&self) -> Option<DayNumber> {
		if !self.is_valid() {
			return None;
		}
		let m = u64::from(self.month);
		let d = u64::from(self.day);
		let y = u64::from(self.year) - u64::from(m <= 2);
		let era = y / 400;
		let yoe = y % 400; // [0, 399]
		let mp = if m > 2 { m - 3 } else { m + 9 }; // [0, 11]
		let doy = (153 * mp + 2) / 5 + d - 1; // [0, 365]
		let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
		let days = era * u64::from(DAYS_PER_ERA) + doe;
		// Valid dates are ≥ 1970-01-01, so days ≥ EPOCH_SHIFT.
		DayNumber::try_from(days.checked_sub(u64::from(EPOCH_SHIFT))?).ok()
	}

	/// The same day `months` calendar months later, clamped to the last day of the target
	/// month (end-of-month rule: Jan 31 + 1 month = Feb 28/29). `None` past year 65,535.
	pub fn add_months(&self, months: u32) -> Option<Self> {
		let zero_based = u32::from(self.year)
			.checked_mul(12)?
			.checked_add(u32::from(self.month.checked_sub(1)?))?
			.checked_add(months)?;
		let year = u16::try_from(zero_based.checked_div(12)?).ok()?;
		let month = u8::try_from(zero_based.checked_rem(12)?.checked_add(1)?).ok()?;
		let day = self.day.min(days_in_month(year, month));
		Self::new(year, month, day)
	}

	/// The same day `months` calendar months earlier, clamped to the month's last day.
	/// `None` before 1970-01.
	pub fn sub_months(&self, months: u32) -> Option<Self> {
		let zero_based = u32::from(self.year)
			.checked_mul(12)?
			.checked_add(u32::from(self.month.checked_sub(1)?))?
			.checked_sub(months)?;
		let year = u16::try_from(zero_based.checked_div(12)?).ok()?;
		let month = u8::try_from(zero_based.checked_rem(12)?.checked_add(1)?).ok()?;
		Self::new(year, month, self.day.min(days_in_month(year, month)))
	}

	/// Whether this is the last day of its month.
	pub const fn is_end_of_month(&self) -> bool {
		self.day == days_in_month(self.year, self.month)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn date(y: u16, m: u8, d: u8) -> CalendarDate {
		CalendarDate::new(y, m, d).unwrap()
	}

	#[test]
	fn known_day_numbers() {
		// Independent anchors: Unix time of midnight UTC / 86,400.
		assert_eq!(date(1970, 1, 1).to_day_number(), Some(0));
		assert_eq!(date(1970, 1, 2).to_day_number(), Some(1));
		assert_eq!(date(2000, 1, 1).to_day_number(), Some(10_957)); // 946,684,800 s
		assert_eq!(date(2000, 2, 29).to_day_number(), Some(11_016));
		assert_eq!(date(2026, 11, 26).to_day_number(), Some(20_783)); // 1,795,651,200 s
		assert_eq!(date(2038, 1, 19).to_day_number(), Some(24_855)); // 2^31 s lies in it
		assert_eq!(CalendarDate::from_day_number(20_783), date(2026, 11, 26));
		assert_eq!(CalendarDate::from_day_number(11_016), date(2000, 2, 29));
	}

	#[test]
	fn round_trip_every_day_for_three_centuries() {
		let mut expected = date(1970, 1, 1);
		for day in 0..(366 * 300) {
			let d = CalendarDate::from_day_number(day);
			assert_eq!(d, expected, "day {day}");
			assert_eq!(d.to_day_number(), Some(day));
			// Step the expected date by hand.
			expected = if expected.day < days_in_month(expected.year, expected.month) {
				CalendarDate { day: expected.day + 1, ..expected }
			} else if expected.month < 12 {
				CalendarDate { month: expected.month + 1, day: 1, ..expected }
			} else {
				CalendarDate { year: expected.year + 1, month: 1, day: 1 }
			};
		}
	}

	#[test]
	fn invalid_dates_are_refused() {
		assert!(CalendarDate::new(2023, 2, 29).is_none());
		assert!(CalendarDate::new(2100, 2, 29).is_none());
		assert!(CalendarDate::new(2000, 2, 29).is_some());
		assert!(CalendarDate::new(2024, 13, 1).is_none());
		assert!(CalendarDate::new(2024, 4, 31).is_none());
		assert!(CalendarDate::new(1969, 12, 31).is_none());
		assert_eq!(CalendarDate { year: 2023, month: 2, day: 29 }.to_day_number(), None);
	}

	#[test]
	fn end_of_month_rule() {
		assert_eq!(date(2024, 1, 31).add_months(1), Some(date(2024, 2, 29)));
		assert_eq!(date(2023, 1, 31).add_months(1), Some(date(2023, 2, 28)));
		assert_eq!(date(2023, 1, 31).add_months(3), Some(date(2023, 4, 30)));
		assert_eq!(date(2023, 11, 15).add_months(2), Some(date(2024, 1, 15)));
		assert_eq!(date(2023, 1, 31).add_months(12), Some(date(2024, 1, 31)));
		assert_eq!(date(2024, 3, 31).sub_months(1), Some(date(2024, 2, 29)));
		assert_eq!(date(2024, 1, 15).sub_months(1), Some(date(2023, 12, 15)));
		assert_eq!(date(1970, 1, 15).sub_months(1), None);
		assert!(date(2024, 2, 29).is_end_of_month());
		assert!(!date(2024, 2, 28).is_end_of_month());
	}
}
