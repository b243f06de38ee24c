//! Stored types of the loans pallet.

use abs_finance::{Amortization, CalendarDate, DayCount, LateFee, RatePpq};
use abs_primitives::{
	AssetId, Balance, Collateral, DayNumber, Hash, LoanStatus, RecordId, Underwriting,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// Version of the proposal encoding hashed into `terms_hash`.
/// 2: underwriting as bands (score, DTI) instead of exact values.
pub const PROPOSAL_VERSION: u8 = 2;

/// The economic terms of a loan.
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
pub struct LoanTerms {
	/// Principal in the stablecoin's smallest unit.
	pub principal: Balance,
	/// The settlement asset (must be the stablecoin).
	pub asset: AssetId,
	/// Annual rate in parts per 10¹⁸.
	pub annual_rate: RatePpq,
	/// Number of monthly periods.
	pub periods: u32,
	pub amortization: Amortization,
	pub day_count: DayCount,
	/// First due date (calendar); later ones step by month (end-of-month rule).
	pub first_due: CalendarDate,
	/// Days after a due date before the late fee.
	pub grace_days: u32,
	pub late_fee: LateFee,
	/// Days past due at which the loan defaults.
	pub default_threshold_days: u32,
	/// Annual servicing fee in basis points.
	pub servicing_fee_bps: u32,
}

impl LoanTerms {
	/// The finance engine's view of the terms.
	pub fn finance_terms(&self) -> abs_finance::Terms {
		abs_finance::Terms {
			principal: self.principal,
			annual_rate: self.annual_rate,
			periods: self.periods,
			amortization: self.amortization,
			day_count: self.day_count,
			first_due: self.first_due,
		}
	}

	/// What servicing needs of the terms.
	pub fn servicing_terms(&self) -> abs_primitives::ServicingTerms {
		abs_primitives::ServicingTerms {
			schedule: self.finance_terms(),
			grace_days: self.grace_days,
			late_fee: self.late_fee,
			default_threshold_days: self.default_threshold_days,
			servicing_fee_bps: self.servicing_fee_bps,
		}
	}
}

/// What the originator proposes and the borrower accepts by its hash:
/// `terms_hash = blake2_256(SCALE(proposal))`.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxRecords))]
pub struct Proposal<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxRecords: Get<u32>> {
	/// [`PROPOSAL_VERSION`].
	pub version: u8,
	pub originator: AccountId,
	pub borrower: AccountId,
	/// Hash of the borrower's identity data and a salt; the identity itself is in a
	/// confidential record.
	pub identity_commitment: Hash,
	pub terms: LoanTerms,
	pub collateral: Collateral,
	pub underwriting: Underwriting,
	/// The borrower's confidential records (statements, tax records, appraisal…).
	pub records: BoundedVec<RecordId, MaxRecords>,
	/// The servicer named by the originator (`None`: the originator services).
	pub servicer: Option<AccountId>,
	pub proposed_on: DayNumber,
	/// The proposal lapses on this day.
	pub expires_on: DayNumber,
}

/// A loan (from proposal on).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxRecords))]
pub struct Loan<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxRecords: Get<u32>> {
	pub proposal: Proposal<AccountId, MaxRecords>,
	/// `blake2_256(SCALE(proposal))`.
	pub terms_hash: Hash,
	pub status: LoanStatus,
	/// Owner (the originator once active; later e.g. a pool's account).
	pub owner: AccountId,
	/// Who services it (a licensed Servicer, or the originator).
	pub servicer: AccountId,
	/// Day it became Active.
	pub activated_on: Option<DayNumber>,
	/// The refundable deposit escrowed with the principal while it is a proposal.
	pub deposit: Balance,
}

/// What happened to a loan (its history).
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum LoanAction {
	Proposed,
	Accepted,
	Withdrawn,
	Expired,
	OwnershipTransferred,
	ServicerAppointed,
	StatusChanged(LoanStatus),
}

/// One entry of a loan's append-only history.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct HistoryEntry<AccountId, BlockNumber> {
	pub block: BlockNumber,
	/// Block timestamp (ms).
	pub timestamp: u64,
	/// Who did it (`None`: the chain, e.g. an expiry).
	pub actor: Option<AccountId>,
	pub action: LoanAction,
	/// Hash of the data behind it (terms hash, new owner…).
	pub data_hash: Hash,
}

/// Which index a page reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum LoanIndex {
	Owner,
	Borrower,
	Servicer,
}
