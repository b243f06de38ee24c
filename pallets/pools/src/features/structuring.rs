//! Creating a pool, opening its offering, cancelling it.

use crate::{pallet::*, types::*};
use abs_primitives::{PoolId, Role, Scope};
use abs_traits::RoleCheck;
use frame_support::{pallet_prelude::*, traits::Get};
use sp_runtime::{Perbill, Perquintill};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_create(sponsor: T::AccountId, spec: PoolSpecOf<T>) -> DispatchResult {
		Self::validate(&spec)?;
		let pool_id = NextPoolId::<T>::get();
		let next = pool_id.checked_add(1).ok_or(Error::<T>::PoolIdOverflow)?;
		NextPoolId::<T>::put(next);
		Pools::<T>::insert(
			pool_id,
			Pool {
				sponsor: sponsor.clone(),
				spec,
				status: PoolStatus::Structuring,
				created_on: Self::today(),
				loans: 0,
				principal: 0,
				sellers: BoundedVec::new(),
				deposit: 0,
			},
		);
		BySponsor::<T>::insert(&sponsor, pool_id, ());
		Self::deposit_event(Event::PoolCreated {
			pool_id,
			sponsor,
			account: Self::account_of(pool_id),
		});
		Ok(())
	}

	/// Every field of a spec, each refusal its own error.
	pub(crate) fn validate(spec: &PoolSpecOf<T>) -> DispatchResult {
		ensure!(spec.asset == T::StablecoinId::get(), Error::<T>::WrongAsset);
		ensure!(
			T::Roles::may_act_as(&spec.trustee, Role::Trustee, Scope::Global),
			Error::<T>::TrusteeNotLicensed
		);
		ensure!(
			T::Roles::may_act_as(&spec.servicer, Role::Servicer, Scope::Global),
			Error::<T>::ServicerNotLicensed
		);
		ensure!((1..=28).contains(&spec.payment_day), Error::<T>::InvalidPaymentDay);
		let today = Self::today();
		let last_close = today.saturating_add(T::MaxOfferingDays::get());
		ensure!(
			spec.cut_off <= spec.offering_closes
				&& spec.offering_opens <= spec.offering_closes
				&& spec.offering_closes >= today
				&& spec.offering_closes <= last_close,
			Error::<T>::InvalidCalendar
		);
		let n = spec.tranches.len();
		ensure!(
			(MIN_TRANCHES as usize..=MAX_TRANCHES as usize).contains(&n),
			Error::<T>::InvalidTrancheCount
		);
		let last = n.saturating_sub(1);
		let mut total: u128 = 0;
		let mut previous_maturity = spec.offering_closes;
		for (k, t) in spec.tranches.iter().enumerate() {
			ensure!(t.coupon.is_some() == (k != last), Error::<T>::InvalidCoupons);
			ensure!(t.face > 0, Error::<T>::InvalidFace);
			total = total.checked_add(t.face).ok_or(Error::<T>::InvalidFace)?;
			let in_order = if k == 0 {
				t.final_maturity > spec.offering_closes
			} else {
				t.final_maturity >= previous_maturity
			};
			ensure!(in_order, Error::<T>::InvalidMaturity);
			previous_maturity = t.final_maturity;
		}
		let e = &spec.eligibility;
		let mut kinds = e.collateral_kinds.clone().into_inner();
		kinds.sort_by_key(|k| k.encode());
		kinds.dedup();
		ensure!(
			e.min_remaining_installments <= e.max_remaining_installments
				&& e.max_remaining_installments > 0
				&& e.min_rate <= e.max_rate
				&& e.max_principal > 0
				&& kinds.len() == e.collateral_kinds.len(),
			Error::<T>::InvalidCriteria
		);
		ensure!(spec.clean_up <= Perbill::from_percent(50), Error::<T>::InvalidCleanUp);
		ensure!(spec.price > Perquintill::zero(), Error::<T>::InvalidPrice);
		ensure!(spec.trustee_fee_bps <= 10_000, Error::<T>::InvalidFee);
		Ok(())
	}

	/// The pool `pool_id` if `who` is its sponsor.
	pub(crate) fn sponsored(
		who: &T::AccountId,
		pool_id: PoolId,
	) -> Result<PoolOf<T>, DispatchError> {
		let pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(pool.sponsor == *who, Error::<T>::NotPoolSponsor);
		Ok(pool)
	}

	pub(crate) fn do_open_offering(who: T::AccountId, pool_id: PoolId) -> DispatchResult {
		let mut pool = Self::sponsored(&who, pool_id)?;
		ensure!(pool.status == PoolStatus::Structuring, Error::<T>::NotStructuring);
		let today = Self::today();
		ensure!(today >= pool.spec.offering_opens, Error::<T>::OfferingNotYetOpen);
		ensure!(today <= pool.spec.offering_closes, Error::<T>::OfferingClosed);
		ensure!(pool.loans > 0, Error::<T>::NoLoans);
		let deposit = pool.spec.sponsor_deposit;
		if deposit > 0 {
			Self::escrow_from(&who, pool_id, deposit)?;
		}
		pool.deposit = deposit;
		pool.status = PoolStatus::Offering;
		Pools::<T>::insert(pool_id, pool);
		Self::deposit_event(Event::OfferingOpened { pool_id });
		Ok(())
	}

	pub(crate) fn do_cancel(who: T::AccountId, pool_id: PoolId) -> DispatchResult {
		let mut pool = Self::sponsored(&who, pool_id)?;
		ensure!(pool.status.is_open(), Error::<T>::PoolNotOpen);
		let deposit = core::mem::take(&mut pool.deposit);
		if deposit > 0 {
			Self::pay_from(pool_id, &who, deposit)?;
		}
		pool.status = PoolStatus::Cancelled;
		Pools::<T>::insert(pool_id, pool);
		Self::deposit_event(Event::PoolCancelled { pool_id });
		Ok(())
	}
}
