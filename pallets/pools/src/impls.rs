//! The pools pallet as other pallets see it: [`LoanEncumbrance`] (pledges and sales) and
//! [`LoanObserver`] (collections and performance).

use crate::{pallet::*, PoolStatus, WeightInfo};
use abs_primitives::LoanId;
use abs_traits::{KeylessOwner, LoanChange, LoanEncumbrance, LoanObserver};

impl<T: Config> LoanEncumbrance<T::AccountId> for Pallet<T> {
	fn is_encumbered(id: LoanId) -> bool {
		// Also a called pool's loan until the sweep records it as the sponsor's: a transfer
		// before that would be overwritten by the sweep.
		Self::is_pledged(id)
			|| LoanPools::<T>::get(id)
				.is_some_and(|e| Performances::<T>::get(e.pool).is_some_and(|p| p.called))
	}

	fn keyless_owner(id: LoanId) -> Option<KeylessOwner<T::AccountId>> {
		let pool_id = LoanPools::<T>::get(id)?.pool;
		let pool = Pools::<T>::get(pool_id)?;
		match pool.status {
			PoolStatus::Closed => {
				Some(KeylessOwner { owner: Self::account_of(pool_id), agent: pool.spec.trustee })
			}
			// Called by the sponsor: its loan from the call, until the sweep rewrites the record.
			PoolStatus::Ended if Performances::<T>::get(pool_id).is_some_and(|p| p.called) => {
				Some(KeylessOwner { owner: pool.sponsor.clone(), agent: pool.sponsor })
			}
			// Every loan repaid or resolved: still the pool's.
			PoolStatus::Ended => {
				Some(KeylessOwner { owner: Self::account_of(pool_id), agent: pool.spec.trustee })
			}
			_ => None,
		}
	}
}

impl<T: Config> abs_traits::PoolSponsor<T::AccountId> for Pallet<T> {
	fn sponsor(pool: abs_primitives::PoolId) -> Option<T::AccountId> {
		Pools::<T>::get(pool).map(|p| p.sponsor)
	}
}

impl<T: Config> abs_traits::TrancheInspect for Pallet<T> {
	/// A tranche exists from the pool's creation (its spec), so that agencies can rate and
	/// price it before the sale.
	fn tranche_exists(pool: abs_primitives::PoolId, tranche: u8) -> bool {
		Pools::<T>::get(pool).is_some_and(|p| usize::from(tranche) < p.spec.tranches.len())
	}
}

impl<T: Config> LoanObserver for Pallet<T> {
	fn on_change(id: LoanId, change: &LoanChange) -> sp_runtime::Weight {
		Self::observe(id, change)
	}

	fn weight() -> sp_runtime::Weight {
		// A change dated on or after a payment date that the hook has not rolled yet rolls
		// the period first.
		// The monitors run on the change and on the period's close.
		T::WeightInfo::observe()
			.saturating_add(Pallet::<T>::roll_weight(1, 1))
			.saturating_add(<T::Monitor as abs_traits::PoolMonitor>::weight())
	}
}
