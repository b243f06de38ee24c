//! Loans in and out of an open pool.

use crate::{
	features::{collections, eligibility},
	pallet::*,
	types::*,
};
use abs_primitives::{CreditAssessment, LoanId, PoolId};
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
		let mut perf = Performances::<T>::get(pool_id).unwrap_or_default();
		let originator = Self::seller_index(&mut pool, &who)?;
		let mut batch_principal: u128 = 0;
		for &loan_id in loans {
			let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(loan.owner == who, Error::<T>::NotLoanOwner);
			// The trustee reads every record of the loans it holds for the investors.
			for r in loan.records.iter() {
				ensure!(
					<T::Records as abs_traits::RecordInspect<T::AccountId>>::can_read(
						*r,
						&pool.spec.trustee
					),
					Error::<T>::TrusteeCannotRead
				);
			}
			ensure!(!Self::is_pledged(loan_id), Error::<T>::LoanEncumbered);
			let position = T::Servicing::position(loan_id, today).ok_or(Error::<T>::NotCurrent)?;
			let principal = eligibility::check::<T>(&pool.spec, &loan, &position)?;
			batch_principal = batch_principal.checked_add(principal).ok_or(Error::<T>::Overflow)?;
			// A cancelled pool's entry not yet released goes now.
			Self::release_stale(loan_id)?;
			let entry = PoolLoan {
				pool: pool_id,
				seller: who.clone(),
				principal,
				contributed_on: today,
				collected_principal: 0,
				collected_interest: 0,
				bucket: 0,
				defaulted: false,
				done: false,
				rate: loan.terms.schedule.annual_rate,
				remaining: position.remaining_installments,
				periods: loan.terms.schedule.periods,
				installment: position.installment,
				strat: StratKeys {
					score: match loan.underwriting.credit {
						CreditAssessment::Score(band) => band.index(),
						CreditAssessment::Grade(_) => 6,
					},
					dti: loan.underwriting.dti.index(),
					collateral: loan.collateral.kind.index(),
					originator,
					maturity_month: collections::month_of(position.maturity),
				},
			};
			Self::part(&mut perf, &entry, true);
			Self::move_maturity(pool_id, None, Some(&entry));
			PoolLoans::<T>::insert(pool_id, loan_id, ());
			LoanPools::<T>::insert(loan_id, entry);
			Self::deposit_event(Event::LoanContributed {
				pool_id,
				loan_id,
				seller: who.clone(),
				principal,
			});
		}
		pool.loans = after;
		pool.principal = pool.principal.checked_add(batch_principal).ok_or(Error::<T>::Overflow)?;
		if let Some(s) = pool.sellers.get_mut(usize::from(originator)) {
			s.principal = s.principal.checked_add(batch_principal).ok_or(Error::<T>::Overflow)?;
		}
		Pools::<T>::insert(pool_id, pool);
		Performances::<T>::insert(pool_id, perf);
		Ok(())
	}

	pub(crate) fn do_withdraw(
		who: T::AccountId,
		pool_id: PoolId,
		loan_id: LoanId,
	) -> DispatchResult {
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(pool.status.is_open(), Error::<T>::PoolNotOpen);
		let entry = Self::entry(pool_id, loan_id)?;
		ensure!(entry.seller == who, Error::<T>::NotSeller);
		let mut perf = Performances::<T>::get(pool_id).unwrap_or_default();
		Self::remove_entry(&mut pool, &mut perf, loan_id, &entry);
		Pools::<T>::insert(pool_id, pool);
		Performances::<T>::insert(pool_id, perf);
		Self::deposit_event(Event::LoanWithdrawn { pool_id, loan_id });
		Ok(())
	}

	pub(crate) fn do_release(pool_id: PoolId, loan_id: LoanId) -> DispatchResult {
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(pool.status == PoolStatus::Cancelled, Error::<T>::NotCancelled);
		let entry = Self::entry(pool_id, loan_id)?;
		let mut perf = Performances::<T>::get(pool_id).unwrap_or_default();
		Self::remove_entry(&mut pool, &mut perf, loan_id, &entry);
		Pools::<T>::insert(pool_id, pool);
		Performances::<T>::insert(pool_id, perf);
		Self::deposit_event(Event::LoanReleased { pool_id, loan_id });
		Ok(())
	}

	/// Loan `loan_id`'s entry in pool `pool_id`.
	pub(crate) fn entry(
		pool_id: PoolId,
		loan_id: LoanId,
	) -> Result<PoolLoan<T::AccountId>, DispatchError> {
		LoanPools::<T>::get(loan_id)
			.filter(|e| e.pool == pool_id)
			.ok_or_else(|| Error::<T>::NotInPool.into())
	}

	/// Release loan `loan_id` from a cancelled pool it still has an entry in (before it is
	/// pledged again).
	fn release_stale(loan_id: LoanId) -> DispatchResult {
		let Some(entry) = LoanPools::<T>::get(loan_id) else { return Ok(()) };
		let mut pool = Pools::<T>::get(entry.pool).ok_or(Error::<T>::LoanEncumbered)?;
		// Only a cancelled pool lets go of its loans (a closed or ended one owns them).
		ensure!(pool.status == PoolStatus::Cancelled, Error::<T>::LoanEncumbered);
		let mut perf = Performances::<T>::get(entry.pool).unwrap_or_default();
		Self::remove_entry(&mut pool, &mut perf, loan_id, &entry);
		Pools::<T>::insert(entry.pool, pool);
		Performances::<T>::insert(entry.pool, perf);
		Self::deposit_event(Event::LoanReleased { pool_id: entry.pool, loan_id });
		Ok(())
	}

	/// Whether loan `id` is pledged to a pool that has not closed.
	pub fn is_pledged(loan_id: LoanId) -> bool {
		LoanPools::<T>::get(loan_id)
			.and_then(|e| Pools::<T>::get(e.pool))
			.is_some_and(|p| p.status.is_open())
	}

	/// Take loan `loan_id` (`entry`) out of an open or cancelled pool: its part of the
	/// totals and tables, its seller's principal at cut-off and collections.
	pub(crate) fn remove_entry(
		pool: &mut PoolOf<T>,
		perf: &mut Performance,
		loan_id: LoanId,
		entry: &PoolLoan<T::AccountId>,
	) {
		Self::part(perf, entry, false);
		Self::move_maturity(entry.pool, Some(entry), None);
		PoolLoans::<T>::remove(entry.pool, loan_id);
		LoanPools::<T>::remove(loan_id);
		// The principal at cut-off: what is left and what the seller collected since.
		let at_cut_off = entry.principal.saturating_add(entry.collected_principal);
		pool.loans = pool.loans.saturating_sub(1);
		pool.principal = pool.principal.saturating_sub(at_cut_off);
		// A seller keeps its place (its originator cell) even at zero.
		if let Some(s) = pool.sellers.iter_mut().find(|s| s.seller == entry.seller) {
			s.principal = s.principal.saturating_sub(at_cut_off);
			s.collected_principal = s.collected_principal.saturating_sub(entry.collected_principal);
			s.collected_interest = s.collected_interest.saturating_sub(entry.collected_interest);
		}
	}

	/// `seller`'s place in the pool's sellers (added at zero if new).
	fn seller_index(pool: &mut PoolOf<T>, seller: &T::AccountId) -> Result<u8, DispatchError> {
		let i = match pool.sellers.iter().position(|s| s.seller == *seller) {
			Some(i) => i,
			None => {
				pool.sellers
					.try_push(SellerPosition {
						seller: seller.clone(),
						principal: 0,
						collected_principal: 0,
						collected_interest: 0,
					})
					.map_err(|_| Error::<T>::TooManySellers)?;
				pool.sellers.len().saturating_sub(1)
			}
		};
		u8::try_from(i).map_err(|_| Error::<T>::TooManySellers.into())
	}
}
