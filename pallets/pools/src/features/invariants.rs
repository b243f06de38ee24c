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
			let (mut performing, mut defaulted) = (0u128, 0u128);
			for (loan_id, entry) in PoolLoans::<T>::iter_prefix(pool_id) {
				count = count.saturating_add(1);
				principal = principal.saturating_add(entry.principal);
				if entry.defaulted {
					defaulted = defaulted.saturating_add(entry.principal);
				} else {
					performing = performing.saturating_add(entry.principal);
				}
				// A cancelled pool's entries may wait for `release` while the loan is pledged
				// to another pool.
				ensure!(
					LoanPools::<T>::get(loan_id) == Some(pool_id)
						|| pool.status == crate::PoolStatus::Cancelled,
					"pools: pledge index"
				);
			}
			ensure!(count == pool.loans, "pools: loan count");
			match crate::Performances::<T>::get(pool_id) {
				// Closed: the entries follow servicing; the pool keeps its balance at closing.
				Some(perf) => {
					ensure!(performing == perf.balance, "pools: balance = its loans' principal");
					ensure!(
						defaulted == perf.defaulted_balance,
						"pools: defaulted balance = its defaulted loans' principal"
					);
				}
				None => ensure!(principal == pool.principal, "pools: principal"),
			}
			let by_seller = pool.sellers.iter().fold(0u128, |a, s| a.saturating_add(s.principal));
			ensure!(by_seller == pool.principal, "pools: principal by seller");
			ensure!(BySponsor::<T>::contains_key(&pool.sponsor, pool_id), "pools: sponsor index");
		}
		for (key, total) in Subscribed::<T>::iter() {
			let sum =
				Subscriptions::<T>::iter_prefix(key).fold(0u128, |a, (_, x)| a.saturating_add(x));
			// After closing, claimed subscriptions are gone.
			let claimed = crate::Tranches::<T>::get(key).map_or(0, |t| t.claimed);
			ensure!(
				sum == total.saturating_sub(claimed),
				"pools: subscriptions add up to the tranche's total"
			);
		}
		for ((pool_id, _), t) in crate::Tranches::<T>::iter() {
			ensure!(t.minted <= t.face && t.sold <= t.face, "pools: tranche supply");
			let supply = <T::TrancheTokens as frame_support::traits::fungibles::Inspect<
				T::AccountId,
			>>::total_issuance(t.asset);
			ensure!(supply == t.minted, "pools: minted = the token's supply");
			ensure!(
				t.outstanding()
					== t.face
						.saturating_sub(t.principal_paid)
						.saturating_sub(t.written_down)
						.saturating_add(t.written_up),
				"pools: face outstanding"
			);
			ensure!(crate::Pools::<T>::contains_key(pool_id), "pools: tranche of no pool");
		}
		for (pool_id, perf) in crate::Performances::<T>::iter() {
			// The account holds the deal's cash and the refunds still owed to subscribers.
			let mut owed = 0u128;
			for k in 0..crate::MAX_TRANCHES {
				let Ok(k) = u8::try_from(k) else { continue };
				if let Some(t) = crate::Tranches::<T>::get((pool_id, k)) {
					let open = t.subscribed.saturating_sub(t.claimed);
					let unsold = t.face.saturating_sub(t.sold);
					let to_mint = t.sold.saturating_sub(t.minted.saturating_sub(unsold));
					owed = owed.saturating_add(open.saturating_sub(to_mint));
				}
			}
			let held =
				<T::Assets as frame_support::traits::fungibles::Inspect<T::AccountId>>::balance(
					<T::StablecoinId as frame_support::traits::Get<_>>::get(),
					&Self::account_of(pool_id),
				);
			ensure!(held >= perf.cash.saturating_add(owed), "pools: cash and refunds held");
			let by_bucket = perf.balance_by_bucket.iter().fold(0u128, |a, b| a.saturating_add(*b));
			ensure!(by_bucket == perf.balance, "pools: balances by bucket add up");
			// Once the ownership entries are written, every loan's owner is the pool.
			if !crate::Sweeping::<T>::contains_key(pool_id) {
				for (loan_id, _) in PoolLoans::<T>::iter_prefix(pool_id) {
					let owner = <T::Loans as abs_traits::LoanInspect<T::AccountId>>::loan(loan_id)
						.map(|l| l.owner);
					ensure!(
						owner == Some(Self::account_of(pool_id)),
						"pools: owner of a pool loan"
					);
				}
			}
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
