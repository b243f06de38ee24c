//! Runtime API of `pallet-servicing`, served over JSON-RPC as `abs_schedule`,
//! `abs_servicing`, `abs_payoff` and `abs_payments`. (Notices: `pallet-notices-runtime-api`.)
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_primitives::{Balance, DayNumber, LoanId};
use alloc::vec::Vec;
use codec::Codec;
pub use pallet_servicing::{
	views::{PaymentView, ScheduleView, ServicingView},
	DueView, PaymentSource, Phase,
};

/// Largest page of payment records.
pub const MAX_PAGE: u32 = 100;

sp_api::decl_runtime_apis! {
	/// Loan servicing. Version 2: `notices` moved to `NoticesApi` (pallet-notices); the due
	/// view carries the default day.
	#[api_version(2)]
	pub trait ServicingApi<AccountId: Codec> {
		/// A serviced loan's schedule.
		fn schedule(id: LoanId) -> Option<ScheduleView>;
		/// A serviced loan's state and what is due today.
		fn servicing(id: LoanId) -> Option<ServicingView<AccountId>>;
		/// What closes the loan on `day` (the debt once defaulted; `None` if closed).
		fn payoff(id: LoanId, day: DayNumber) -> Option<Balance>;
		/// Payment records `from..from + limit` (≤ [`MAX_PAGE`]).
		fn payments(id: LoanId, from: u32, limit: u32) -> Vec<PaymentView<AccountId>>;
	}
}
