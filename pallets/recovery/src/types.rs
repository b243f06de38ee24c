//! Stored types of the recovery pallet.

use abs_primitives::{Balance, DayNumber, Hash, RecordId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec, CloneNoBound, DebugNoBound, PartialEqNoBound};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// What the collateral agent is ordered to do with the collateral.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum EnforcementAction {
	/// Immobilize it where it is.
	Immobilize,
	/// Bring it to a place (hash of the address, off chain).
	ReturnTo { place_hash: Hash },
}

/// An appraisal of the collateral.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Appraisal {
	pub value: Balance,
	pub day: DayNumber,
	/// The confidential record (kind `Appraisal`, about the loan) holding the report; `None`
	/// for the origination appraisal.
	pub record: Option<RecordId>,
}

/// Where a recovery stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Stage {
	/// Ordered; waiting for the agent's acknowledgement (or the timeout).
	Ordered,
	/// Acknowledged (or timed out) but the appraisal is too old: the auction opens once it is
	/// refreshed.
	AwaitingAppraisal,
	/// The collateral is being auctioned.
	Auction,
	/// Sold; proceeds distributed.
	Sold,
	/// No bid in either round: title to the owner, written off.
	WrittenOff,
	/// The loan was paid off before settlement.
	Cancelled,
}

impl Stage {
	/// Whether the recovery is over.
	pub fn is_final(&self) -> bool {
		matches!(self, Stage::Sold | Stage::WrittenOff | Stage::Cancelled)
	}
}

/// An enforcement cost claimed before settlement.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct CostClaim<AccountId> {
	pub claimant: AccountId,
	pub amount: Balance,
	/// Hash of the invoice or receipt.
	pub evidence: Hash,
}

/// How the proceeds were split.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Outcome<AccountId> {
	/// The winning bid (0 when written off).
	pub price: Balance,
	/// Paid to cost claimants (capped).
	pub costs_paid: Balance,
	/// Paid to the servicer for its unpaid fees.
	pub servicer_paid: Balance,
	/// Paid to the owner (up to the debt).
	pub owner_paid: Balance,
	/// The surplus, paid to the borrower.
	pub borrower_paid: Balance,
	/// What of the debt was not recovered: `debt − servicer_paid − owner_paid`.
	pub loss: Balance,
	/// Who holds the collateral's title now.
	pub title_to: AccountId,
}

/// A defaulted loan's recovery.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxClaims))]
pub struct RecoveryCase<AccountId: Clone + PartialEq + core::fmt::Debug, MaxClaims: Get<u32>> {
	/// The collateral agent the order is addressed to.
	pub agent: AccountId,
	pub action: EnforcementAction,
	pub ordered_on: DayNumber,
	/// The auction opens without the acknowledgement from this day.
	pub ack_deadline: DayNumber,
	pub acknowledged_on: Option<DayNumber>,
	pub appraisal: Appraisal,
	/// A new appraisal that would lower the reserve, awaiting the loan owner's approval.
	pub pending_appraisal: Option<Appraisal>,
	/// The default day and debt, and the servicer's part of it, when the order was made.
	pub default_day: DayNumber,
	pub debt: Balance,
	pub servicer_fees: Balance,
	pub stage: Stage,
	pub claims: BoundedVec<CostClaim<AccountId>, MaxClaims>,
	pub outcome: Option<Outcome<AccountId>>,
}

/// An English auction of a loan's collateral.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Auction<AccountId> {
	/// 1, or 2 for the relisting.
	pub round: u8,
	/// The lowest first bid.
	pub reserve: Balance,
	/// Blocks (as u32).
	pub start: u32,
	/// The last block a bid is accepted in (extended by late bids).
	pub end: u32,
	/// The latest `end` may move to.
	pub hard_end: u32,
	/// The highest bid and its bidder (escrowed in full).
	pub best: Option<(AccountId, Balance)>,
	pub bids: u32,
	/// The anti-sniping window of this auction (the timing in force when it opened).
	pub extension: u32,
}

/// Auction timing, set at genesis and by governance.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct AuctionParams {
	/// Blocks an auction (and the relisting) runs.
	pub duration_blocks: u32,
	/// A bid in the last `extension_blocks` blocks moves the end to its block + this.
	pub extension_blocks: u32,
	/// The end never moves past the scheduled end + this (the hard cap).
	pub max_extension_blocks: u32,
	/// Days the collateral agent has to acknowledge before the auction opens anyway.
	pub ack_timeout_days: u32,
}

impl Default for AuctionParams {
	/// Production: a day-long auction at 3-second blocks, 5-minute anti-sniping extension up
	/// to one hour past the end, a week for the acknowledgement.
	fn default() -> Self {
		AuctionParams {
			duration_blocks: 28_800,
			extension_blocks: 100,
			max_extension_blocks: 1_200,
			ack_timeout_days: 7,
		}
	}
}
