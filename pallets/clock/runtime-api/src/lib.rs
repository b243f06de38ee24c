//! Runtime API of `pallet-clock`, served over JSON-RPC as `abs_today`.
#![cfg_attr(not(feature = "std"), no_std)]

use abs_primitives::{CalendarDate, DayNumber, Moment};
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// The clock as a client sees it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ClockInfo {
	/// Today's day number (days since 1970-01-01).
	pub today: DayNumber,
	/// Today as a calendar date.
	pub date: CalendarDate,
	/// Length of a chain day in seconds (86,400 in production, 1 on `--dev`).
	pub day_length_secs: u64,
	/// The day number the chain started on.
	pub genesis_day: DayNumber,
	/// Timestamp (ms) of the first block, from which days are counted.
	pub genesis_time: Moment,
}

sp_api::decl_runtime_apis! {
	/// The chain's clock.
	pub trait ClockApi {
		/// Today's day number, date and clock parameters; `None` before the first block.
		fn clock() -> Option<ClockInfo>;
	}
}
