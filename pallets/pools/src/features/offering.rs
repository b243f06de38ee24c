//! The offering at par: subscriptions escrowed in the pool's account, cancellable until closing.

use crate::{pallet::*, types::*};
use abs_primitives::{Balance, PoolId, Role, Scope};
use abs_traits::RoleCheck;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
		Get,
	},
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_subscribe(
		who: T::AccountId,
		pool_id: PoolId,
		tranche: u8,
		amount: Balance,
	) -> DispatchResult {
		let pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(pool.status == PoolStatus::Offering, Error::<T>::OfferingNotOpen);
		ensure!(Self::today() <= pool.spec.offering_closes, Error::<T>::OfferingClosed);
		ensure!(usize::from(tranche) < pool.spec.tranches.len(), Error::<T>::UnknownTranche);
		ensure!(
			who == pool.sponsor || T::Roles::may_act_as(&who, Role::Investor, Scope::Global),
			Error::<T>::NotInvestor
		);
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let asset = T::StablecoinId::get();
		ensure!(
			T::Assets::reducible_balance(asset, &who, Preservation::Expendable, Fortitude::Polite)
				>= amount,
			Error::<T>::InsufficientBalance
		);
		let key = (pool_id, tranche);
		let total =
			Subscriptions::<T>::get(key, &who).checked_add(amount).ok_or(Error::<T>::Overflow)?;
		let tranche_total =
			Subscribed::<T>::get(key).checked_add(amount).ok_or(Error::<T>::Overflow)?;
		T::Assets::transfer(
			asset,
			&who,
			&Self::account_of(pool_id),
			amount,
			Preservation::Expendable,
		)?;
		Subscriptions::<T>::insert(key, &who, total);
		Subscribed::<T>::insert(key, tranche_total);
		Self::deposit_event(Event::Subscribed { pool_id, tranche, who, amount, total });
		Ok(())
	}

	pub(crate) fn do_cancel_subscription(
		who: T::AccountId,
		pool_id: PoolId,
		tranche: u8,
	) -> DispatchResult {
		let pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(
			matches!(pool.status, PoolStatus::Offering | PoolStatus::Cancelled),
			Error::<T>::PoolClosed
		);
		let key = (pool_id, tranche);
		let amount = Subscriptions::<T>::get(key, &who);
		ensure!(amount > 0, Error::<T>::NoSubscription);
		T::Assets::transfer(
			T::StablecoinId::get(),
			&Self::account_of(pool_id),
			&who,
			amount,
			Preservation::Expendable,
		)?;
		Subscriptions::<T>::remove(key, &who);
		Subscribed::<T>::mutate(key, |t| *t = t.saturating_sub(amount));
		Self::deposit_event(Event::SubscriptionCancelled {
			pool_id,
			tranche,
			who,
			refunded: amount,
		});
		Ok(())
	}
}
