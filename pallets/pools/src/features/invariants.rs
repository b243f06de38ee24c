//! Invariants (`try_state`, and after every unit test).

use crate::pallet::*;
use frame_support::ensure;

impl<T: Config> Pallet<T> {
	/// Each pool's counters equal its entries; the pledge index and the entries agree.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (pool_id, pool) in Pools::<T>::iter() {
			let mut count = 0u32;
			let mut principal = 0u128;
			for (loan_id, entry) in PoolLoans::<T>::iter_prefix(pool_id) {
				count = count.saturating_add(1);
				principal = principal.saturating_add(entry.principal);
				// A cancelled pool's entries may wait for `release` while the loan is pledged
				// to another pool.
				ensure!(
					LoanPools::<T>::get(loan_id) == Some(pool_id)
						|| pool.status == crate::PoolStatus::Cancelled,
					"pools: pledge index"
				);
			}
			ensure!(count == pool.loans, "pools: loan count");
			ensure!(principal == pool.principal, "pools: principal");
			let by_seller = pool.sellers.iter().fold(0u128, |a, (_, p)| a.saturating_add(*p));
			ensure!(by_seller == pool.principal, "pools: principal by seller");
			ensure!(BySponsor::<T>::contains_key(&pool.sponsor, pool_id), "pools: sponsor index");
		}
		for (loan_id, pool_id) in LoanPools::<T>::iter() {
			ensure!(PoolLoans::<T>::contains_key(pool_id, loan_id), "pools: dangling pledge");
		}
		Ok(())
	}
}
