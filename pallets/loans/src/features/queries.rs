//! Queries: index pages and history.

use crate::{pallet::*, types::*};
use abs_primitives::LoanId;
use alloc::vec::Vec;

impl<T: Config> Pallet<T> {
	/// A page of an index after `start_after`.
	pub fn page(
		index: LoanIndex,
		who: &T::AccountId,
		start_after: Option<LoanId>,
		limit: u32,
	) -> Vec<LoanId> {
		let iter: alloc::boxed::Box<dyn Iterator<Item = LoanId>> = match (index, start_after) {
			(LoanIndex::Owner, None) => alloc::boxed::Box::new(ByOwner::<T>::iter_key_prefix(who)),
			(LoanIndex::Owner, Some(k)) => alloc::boxed::Box::new(
				ByOwner::<T>::iter_key_prefix_from(who, ByOwner::<T>::hashed_key_for(who, k)),
			),
			(LoanIndex::Borrower, None) => {
				alloc::boxed::Box::new(ByBorrower::<T>::iter_key_prefix(who))
			}
			(LoanIndex::Borrower, Some(k)) => alloc::boxed::Box::new(
				ByBorrower::<T>::iter_key_prefix_from(who, ByBorrower::<T>::hashed_key_for(who, k)),
			),
			(LoanIndex::Servicer, None) => {
				alloc::boxed::Box::new(ByServicer::<T>::iter_key_prefix(who))
			}
			(LoanIndex::Servicer, Some(k)) => alloc::boxed::Box::new(
				ByServicer::<T>::iter_key_prefix_from(who, ByServicer::<T>::hashed_key_for(who, k)),
			),
		};
		iter.take(limit as usize).collect()
	}

	/// History entries `from..from + limit` of a loan.
	pub fn history(loan_id: LoanId, from: u32, limit: u32) -> Vec<HistoryEntryOf<T>> {
		let end = HistoryLen::<T>::get(loan_id).min(from.saturating_add(limit));
		(from..end).filter_map(|i| History::<T>::get(loan_id, i)).collect()
	}
}
