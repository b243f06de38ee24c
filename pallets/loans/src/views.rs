//! What clients see of the registry (served by the runtime API `LoansApi`): each view built
//! here from the pallet's own storage, so the runtime only delegates.

use crate::{pallet::*, HistoryLen, LoanAction, LoanTerms};
use abs_primitives::{Collateral, DayNumber, Hash, LoanId, LoanStatus, RecordId, Underwriting};
use alloc::vec::Vec;
use codec::{Decode, Encode};
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

impl<T: Config> Pallet<T> {
	/// Loan (or proposal) `id` as clients see it.
	pub fn loan_view(id: LoanId) -> Option<LoanView<T::AccountId>> {
		let l = Loans::<T>::get(id)?;
		let p = l.proposal;
		Some(LoanView {
			id,
			status: l.status,
			originator: p.originator,
			borrower: p.borrower,
			owner: <T::Encumbrance as abs_traits::LoanEncumbrance<T::AccountId>>::keyless_owner(id)
				.map_or(l.owner, |k| k.owner),
			servicer: l.servicer,
			identity_commitment: p.identity_commitment,
			terms_hash: l.terms_hash,
			version: p.version,
			proposed_servicer: p.servicer,
			deposit: l.deposit,
			terms: p.terms,
			collateral: p.collateral,
			underwriting: p.underwriting,
			records: p.records.into_inner(),
			proposed_on: p.proposed_on,
			expires_on: p.expires_on,
			activated_on: l.activated_on,
			history_len: HistoryLen::<T>::get(id),
		})
	}

	/// History entries `from..from + limit` of loan `id` with their sequence numbers.
	pub fn history_view(id: LoanId, from: u32, limit: u32) -> Vec<HistoryView<T::AccountId>> {
		use sp_runtime::traits::UniqueSaturatedInto;
		Self::history(id, from, limit)
			.into_iter()
			.zip(from..)
			.map(|(h, seq)| HistoryView {
				seq,
				block: h.block.unique_saturated_into(),
				timestamp: h.timestamp,
				actor: h.actor,
				action: h.action,
				data_hash: h.data_hash,
			})
			.collect()
	}

	/// The escrow account: held, owed, surplus.
	pub fn escrow_view() -> EscrowView {
		let owed = EscrowTotal::<T>::get();
		let surplus = Self::escrow_surplus();
		EscrowView { held: owed.saturating_add(surplus), owed, surplus }
	}
}
