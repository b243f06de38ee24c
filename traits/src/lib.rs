//! # ABS Chain traits
//!
//! The glue between our pallets. A pallet that needs something from another names a trait from
//! here in its `Config`; the runtime wires the implementation in `runtime/src/configs/`. No
//! pallet crate of ours depends on another pallet crate of ours.
#![cfg_attr(not(feature = "std"), no_std)]

use abs_primitives::DayNumber;

/// The chain's *today*: the day number (days since 1970-01-01) the finance of the chain runs on.
///
/// Implemented by `pallet-clock`: `genesis_day + (now − genesis_time) / DayLength`.
pub trait Today {
	/// Today's day number as of the current block.
	fn today() -> DayNumber;
}

/// A fixed day, for tests and for runtimes without a clock.
pub struct FixedDay<const D: DayNumber>;
impl<const D: DayNumber> Today for FixedDay<D> {
	fn today() -> DayNumber {
		D
	}
}
