//! Runtime API of `pallet-recovery`, served over JSON-RPC as `abs_recovery` and
//! `abs_auction`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_primitives::{Balance, DayNumber, LoanId};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
pub use pallet_recovery::{
	Appraisal, Auction, AuctionParams, CostClaim, EnforcementAction, Outcome, Stage,
};
use scale_info::TypeInfo;

/// A loan's recovery with its open auction, if any.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct RecoveryView<AccountId> {
	pub loan_id: LoanId,
	pub agent: AccountId,
	pub action: EnforcementAction,
	pub ordered_on: DayNumber,
	pub ack_deadline: DayNumber,
	pub acknowledged_on: Option<DayNumber>,
	pub appraisal: Appraisal,
	/// A lowering appraisal awaiting the owner's approval.
	pub pending_appraisal: Option<Appraisal>,
	pub default_day: DayNumber,
	pub debt: Balance,
	pub servicer_fees: Balance,
	pub stage: Stage,
	pub claims: Vec<CostClaim<AccountId>>,
	pub outcome: Option<Outcome<AccountId>>,
	pub auction: Option<Auction<AccountId>>,
	/// The lowest acceptable next bid of the open auction.
	pub min_next_bid: Option<Balance>,
	/// The current block (to compare with the auction's end).
	pub now: u32,
}

sp_api::decl_runtime_apis! {
	/// Recovery of defaulted loans.
	pub trait RecoveryApi<AccountId: Codec> {
		/// A loan's recovery, or `None`.
		fn recovery(id: LoanId) -> Option<RecoveryView<AccountId>>;
		/// The auction timing in force.
		fn params() -> AuctionParams;
	}
}
