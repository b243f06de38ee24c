//! Invariants (`try_state`, and after every unit test).

use crate::pallet::*;
use frame_support::ensure;

impl<T: Config> Pallet<T> {
	/// Each pool's counters equal its entries; the pledge index and the entries agree; the
	/// subscriptions add up and are escrowed.
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
		for (key, total) in Subscribed::<T>::iter() {
			let sum =
				Subscriptions::<T>::iter_prefix(key).fold(0u128, |a, (_, x)| a.saturating_add(x));
			ensure!(sum == total, "pools: subscriptions add up to the tranche's total");
		}
		// Before closing, the pool's account holds at least every open subscription.
		for (pool_id, pool) in Pools::<T>::iter() {
			if matches!(pool.status, crate::PoolStatus::Offering | crate::PoolStatus::Cancelled) {
				let open = (0..pool.spec.tranches.len())
					.filter_map(|k| u8::try_from(k).ok())
					.fold(0u128, |a, k| a.saturating_add(Subscribed::<T>::get((pool_id, k))));
				let held =
					<T::Assets as frame_support::traits::fungibles::Inspect<T::AccountId>>::balance(
						<T::StablecoinId as frame_support::traits::Get<_>>::get(),
						&Self::account_of(pool_id),
					);
				ensure!(held >= open, "pools: subscription escrow");
			}
		}
		for (loan_id, pool_id) in LoanPools::<T>::iter() {
			ensure!(PoolLoans::<T>::contains_key(pool_id, loan_id), "pools: dangling pledge");
		}
		Ok(())
	}
}
