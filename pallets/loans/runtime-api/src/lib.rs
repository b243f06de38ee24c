//! Runtime API of `pallet-loans`, served over JSON-RPC as `abs_loan`, `abs_loansByOwner`,
//! `abs_loansByBorrower`, `abs_loansByServicer` and `abs_loanHistory`. Pages read the
//! pallet's indices: no query scans all loans.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_primitives::{Collateral, DayNumber, Hash, LoanId, LoanStatus, RecordId, Underwriting};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
pub use pallet_loans::{LoanAction, LoanIndex, LoanTerms};
use scale_info::TypeInfo;

/// A loan as clients see it. The borrower's identity commitment is visible; the identity is
/// in a confidential record.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct LoanView<AccountId> {
	pub id: LoanId,
	pub status: LoanStatus,
	pub originator: AccountId,
	pub borrower: AccountId,
	pub owner: AccountId,
	pub servicer: AccountId,
	pub identity_commitment: Hash,
	pub terms_hash: Hash,
	/// `Proposal.version`, hashed first into `terms_hash`.
	pub version: u8,
	/// The servicer the originator named in the proposal (`None`: the originator services).
	pub proposed_servicer: Option<AccountId>,
	/// The deposit escrowed while it is a proposal (returned on acceptance).
	pub deposit: abs_primitives::Balance,
	pub terms: LoanTerms,
	pub collateral: Collateral,
	pub underwriting: Underwriting,
	pub records: Vec<RecordId>,
	pub proposed_on: DayNumber,
	pub expires_on: DayNumber,
	pub activated_on: Option<DayNumber>,
	pub history_len: u32,
}

/// One history entry.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct HistoryView<AccountId> {
	pub seq: u32,
	pub block: u32,
	pub timestamp: u64,
	pub actor: Option<AccountId>,
	pub action: LoanAction,
	pub data_hash: Hash,
}

/// The loans pallet's escrow account.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct EscrowView {
	pub held: abs_primitives::Balance,
	pub owed: abs_primitives::Balance,
	pub surplus: abs_primitives::Balance,
}

/// Largest page.
pub const MAX_PAGE: u32 = 100;

sp_api::decl_runtime_apis! {
	/// The loan registry.
	pub trait LoansApi<AccountId: Codec> {
		/// A loan (or proposal).
		fn loan(id: LoanId) -> Option<LoanView<AccountId>>;
		/// Loan ids of an index (owner, borrower or servicer) after `start_after`, at most
		/// `limit` (≤ [`MAX_PAGE`]).
		fn loans_by(index: LoanIndex, who: AccountId, start_after: Option<LoanId>, limit: u32) -> Vec<LoanId>;
		/// History entries `from..from + limit` (≤ [`MAX_PAGE`]) of a loan.
		fn history(id: LoanId, from: u32, limit: u32) -> Vec<HistoryView<AccountId>>;
		/// The escrow account: what it holds, what it owes (open proposals' principals and
		/// deposits) and the surplus others sent to it.
		fn escrow() -> EscrowView;
	}
}
