//! The pools pallet as other pallets see it: [`LoanEncumbrance`] (pledges and sales) and
//! [`LoanObserver`] (collections and performance).

use crate::{pallet::*, PoolStatus, WeightInfo};
use abs_primitives::LoanId;
use abs_traits::{KeylessOwner, LoanChange, LoanEncumbrance, LoanObserver};

impl<T: Config> LoanEncumbrance<T::AccountId> for Pallet<T> {
	fn is_encumbered(id: LoanId) -> bool {
		Self::is_pledged(id)
	}

	fn keyless_owner(id: LoanId) -> Option<KeylessOwner<T::AccountId>> {
		let pool_id = LoanPools::<T>::get(id)?.pool;
		let pool = Pools::<T>::get(pool_id)?;
		matches!(pool.status, PoolStatus::Closed | PoolStatus::Ended)
			.then(|| KeylessOwner { owner: Self::account_of(pool_id), agent: pool.spec.trustee })
	}
}

impl<T: Config> LoanObserver for Pallet<T> {
	fn on_change(id: LoanId, change: &LoanChange) {
		Self::observe(id, change)
	}

	fn weight() -> sp_runtime::Weight {
		// A change dated on or after a payment date that the hook has not rolled yet rolls
		// the period first.
		T::WeightInfo::observe().saturating_add(T::WeightInfo::roll(1, 1))
	}
}
