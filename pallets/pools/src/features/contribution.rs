//! Loans in and out of an open pool.

use crate::{features::eligibility, pallet::*, types::*};
use abs_primitives::{LoanId, PoolId};
use abs_traits::{LoanInspect, ServicingInspect};
use frame_support::{pallet_prelude::*, traits::Get};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_contribute(
		who: T::AccountId,
		pool_id: PoolId,
		loans: &[LoanId],
	) -> DispatchResult {
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(pool.status.is_open(), Error::<T>::PoolNotOpen);
		let today = Self::today();
		ensure!(today <= pool.spec.offering_closes, Error::<T>::OfferingClosed);
		// Principal is measured as of cut-off: later contributions would have unknown
		// collections in between.
		ensure!(today <= pool.spec.cut_off, Error::<T>::CutOffPassed);
		let count = u32::try_from(loans.len()).map_err(|_| Error::<T>::PoolFull)?;
		let after = pool.loans.checked_add(count).ok_or(Error::<T>::PoolFull)?;
		ensure!(after <= T::MaxLoansPerPool::get(), Error::<T>::PoolFull);
		let mut batch_principal: u128 = 0;
		for &loan_id in loans {
			let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(loan.owner == who, Error::<T>::NotLoanOwner);
			ensure!(!Self::is_pledged(loan_id), Error::<T>::LoanEncumbered);
			let position = T::Servicing::position(loan_id, today).ok_or(Error::<T>::NotCurrent)?;
			let principal = eligibility::check::<T>(&pool.spec, &loan, &position)?;
			batch_principal = batch_principal.checked_add(principal).ok_or(Error::<T>::Overflow)?;
			let entry = PoolLoan {
				seller: who.clone(),
				principal,
				contributed_on: today,
				collected_principal: 0,
				collected_interest: 0,
				bucket: 0,
				defaulted: false,
				rate: loan.terms.schedule.annual_rate,
				remaining: position.remaining_installments,
			};
			Self::add_sums(pool_id, &entry, true);
			PoolLoans::<T>::insert(pool_id, loan_id, entry);
			LoanPools::<T>::insert(loan_id, pool_id);
			Self::deposit_event(Event::LoanContributed {
				pool_id,
				loan_id,
				seller: who.clone(),
				principal,
			});
		}
		pool.loans = after;
		pool.principal = pool.principal.checked_add(batch_principal).ok_or(Error::<T>::Overflow)?;
		Self::add_to_seller(&mut pool, &who, batch_principal)?;
		Pools::<T>::insert(pool_id, pool);
		Ok(())
	}

	pub(crate) fn do_withdraw(
		who: T::AccountId,
		pool_id: PoolId,
		loan_id: LoanId,
	) -> DispatchResult {
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(pool.status.is_open(), Error::<T>::PoolNotOpen);
		let entry = PoolLoans::<T>::get(pool_id, loan_id).ok_or(Error::<T>::NotInPool)?;
		ensure!(entry.seller == who, Error::<T>::NotSeller);
		Self::remove_entry(&mut pool, pool_id, loan_id, &entry);
		Pools::<T>::insert(pool_id, pool);
		Self::deposit_event(Event::LoanWithdrawn { pool_id, loan_id });
		Ok(())
	}

	pub(crate) fn do_release(pool_id: PoolId, loan_id: LoanId) -> DispatchResult {
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(pool.status == PoolStatus::Cancelled, Error::<T>::NotCancelled);
		let entry = PoolLoans::<T>::get(pool_id, loan_id).ok_or(Error::<T>::NotInPool)?;
		Self::remove_entry(&mut pool, pool_id, loan_id, &entry);
		Pools::<T>::insert(pool_id, pool);
		Self::deposit_event(Event::LoanReleased { pool_id, loan_id });
		Ok(())
	}

	/// Whether loan `id` is pledged to a pool that has not closed.
	pub fn is_pledged(loan_id: LoanId) -> bool {
		LoanPools::<T>::get(loan_id).and_then(Pools::<T>::get).is_some_and(|p| p.status.is_open())
	}

	pub(crate) fn remove_entry(
		pool: &mut PoolOf<T>,
		pool_id: PoolId,
		loan_id: LoanId,
		entry: &PoolLoan<T::AccountId>,
	) {
		Self::add_sums(pool_id, entry, false);
		PoolLoans::<T>::remove(pool_id, loan_id);
		// A cancelled pool's loan may already be pledged to another pool.
		if LoanPools::<T>::get(loan_id) == Some(pool_id) {
			LoanPools::<T>::remove(loan_id);
		}
		pool.loans = pool.loans.saturating_sub(1);
		pool.principal = pool.principal.saturating_sub(entry.principal);
		if let Some(i) = pool.sellers.iter().position(|s| s.seller == entry.seller) {
			if let Some(s) = pool.sellers.get_mut(i) {
				s.principal = s.principal.saturating_sub(entry.principal);
				s.collected_principal =
					s.collected_principal.saturating_sub(entry.collected_principal);
				s.collected_interest =
					s.collected_interest.saturating_sub(entry.collected_interest);
				if s.principal == 0 {
					pool.sellers.remove(i);
				}
			}
		}
	}

	fn add_to_seller(pool: &mut PoolOf<T>, seller: &T::AccountId, amount: u128) -> DispatchResult {
		if let Some(s) = pool.sellers.iter_mut().find(|s| s.seller == *seller) {
			s.principal = s.principal.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			return Ok(());
		}
		pool.sellers
			.try_push(SellerPosition {
				seller: seller.clone(),
				principal: amount,
				collected_principal: 0,
				collected_interest: 0,
			})
			.map_err(|_| Error::<T>::TooManySellers.into())
	}
}
