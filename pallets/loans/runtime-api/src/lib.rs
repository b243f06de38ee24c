//! Runtime API of `pallet-loans`, served over JSON-RPC as `abs_loan`, `abs_loansByOwner`,
//! `abs_loansByBorrower`, `abs_loansByServicer` and `abs_loanHistory`. Pages read the
//! pallet's indices: no query scans all loans.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_primitives::LoanId;
use alloc::vec::Vec;
use codec::Codec;
pub use pallet_loans::{
	views::{EscrowView, HistoryView, LoanView},
	LoanAction, LoanIndex, LoanTerms,
};

/// Largest page.
pub const MAX_PAGE: u32 = 100;

sp_api::decl_runtime_apis! {
	/// The loan registry. Version 2: the loan view carries the proposal version, the proposed
	/// servicer and the deposit; `escrow` added.
	#[api_version(2)]
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
