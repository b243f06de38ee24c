//! Runtime API of `pallet-servicing`, served over JSON-RPC as `abs_schedule`,
//! `abs_servicing`, `abs_payoff` and `abs_payments`. (Notices: `pallet-notices-runtime-api`.)
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_finance::InstallmentState;
use abs_primitives::{Balance, DayNumber, LoanId};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
pub use pallet_servicing::{DueView, PaymentSource, Phase};
use scale_info::TypeInfo;

/// A loan's schedule with what has been paid against each installment.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ScheduleView {
	/// The level payment (0 for interest-only and bullet).
	pub payment: Balance,
	/// The start of the first period.
	pub start: DayNumber,
	pub installments: Vec<InstallmentState>,
}

/// A loan's servicing state with what is due today.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ServicingView<AccountId> {
	pub loan_id: LoanId,
	pub phase: Phase,
	pub bucket: u8,
	pub next_checkpoint: Option<DayNumber>,
	pub payments: u32,
	pub paid: Balance,
	pub to_owner: Balance,
	pub to_servicer: Balance,
	pub late_fees_charged: Balance,
	/// Credit bureaus following the loan, and following its originator.
	pub bureaus: Vec<AccountId>,
	pub originator_bureaus: Vec<AccountId>,
	/// What is due today.
	pub today: DueView,
}

/// A payment record.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct PaymentView<AccountId> {
	pub seq: u32,
	pub payer: AccountId,
	pub source: PaymentSource,
	pub amount: Balance,
	pub interest: Balance,
	pub principal: Balance,
	pub late_fees: Balance,
	pub prepayment: Balance,
	pub servicing_fee: Balance,
	pub to_owner: Balance,
	pub to_servicer: Balance,
	pub closed: bool,
	pub day: DayNumber,
	pub block: u32,
	pub timestamp: u64,
}

/// Largest page of payment records.
pub const MAX_PAGE: u32 = 100;

sp_api::decl_runtime_apis! {
	/// Loan servicing.
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
