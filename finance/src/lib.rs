//! # ABS Chain finance engine
//!
//! The arithmetic of a loan, exact to the smallest unit of the settlement asset, as
//! `shared/domain.md` (Time and dates; Schedules; Payments) defines it:
//!
//! - [`calendar`]: day numbers ↔ calendar dates, month stepping with the end-of-month rule;
//! - [`daycount`]: 30/360 and Actual/365;
//! - [`schedule`]: level annuity, interest-only + balloon, bullet; refusal of Actual/365 terms
//!   that would amortize negatively;
//! - [`loan`]: a loan's book — payment allocation (overdue oldest first, current installment,
//!   late fees, prepayment that keeps the PMT and shortens the term), `payoff(day)`,
//!   days past due, late fees, servicing fees, restructuring.
//!
//! Integers only (`u128` amounts, rates in parts per 10¹⁸, big integers for `(1 + r)ⁿ`); no
//! floats, no panics, every operation checked. `no_std` with `alloc`; no FRAME dependency.
//! A committed reference model (`reference/model.py`, Python `fractions`) implements the same
//! conventions independently and writes the fixtures the tests compare against.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod calendar;
pub mod daycount;
pub mod distribution;
pub mod fees;
pub mod loan;
pub mod math;
pub mod metrics;
pub mod oracle;
pub mod projection;
pub mod schedule;
pub mod servicing;
pub mod waterfall;

pub use calendar::{CalendarDate, DayNumber};
pub use daycount::DayCount;
pub use loan::{Allocation, AllocationLine, InstallmentState, LateFee, LineKind, Loan};
pub use schedule::{Amortization, Installment, Schedule, Terms};

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// An amount in the settlement asset's smallest unit.
pub type Amount = u128;
/// An annual rate in parts per 10¹⁸ (the inner value of `Perquintill`): 6 % = 6·10¹⁶.
pub type RatePpq = u64;
/// 100 % in [`RatePpq`].
pub const RATE_ONE: u128 = 1_000_000_000_000_000_000;
/// Most periods a schedule may have (40 years of months).
pub const MAX_PERIODS: u32 = 480;
/// Largest principal the engine accepts (10¹⁸ units: a trillion at 6 decimals).
pub const MAX_PRINCIPAL: Amount = 1_000_000_000_000_000_000;

/// Why the engine refused.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Error {
	/// The principal is zero.
	ZeroPrincipal,
	/// The principal is above [`MAX_PRINCIPAL`].
	PrincipalTooLarge,
	/// The number of periods is zero.
	ZeroPeriods,
	/// More than [`MAX_PERIODS`] periods.
	TooManyPeriods,
	/// The annual rate is above 100 %.
	RateOutOfRange,
	/// The first due date is not a valid date, or the schedule runs past the calendar's range.
	InvalidDate,
	/// Actual/365 terms whose payment would not cover a 31-day month's interest.
	NegativeAmortization,
	/// The payment is zero.
	ZeroPayment,
	/// The payment is more than the payoff amount (which is carried).
	BeyondPayoff {
		/// What would close the loan on that day.
		payoff: Amount,
	},
	/// The loan is already paid off.
	LoanClosed,
	/// No such installment.
	NoSuchInstallment,
	/// An intermediate value overflowed (cannot happen within the documented limits).
	Overflow,
}

/// Shorthand for the engine's results.
pub type Result<T> = core::result::Result<T, Error>;
