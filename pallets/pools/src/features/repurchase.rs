//! Repurchase: a seller buys back a closed pool's loan that breached an eligibility
//! representation, at its outstanding principal and the interest owed on it, once the pool's
//! trustee has approved. The pool's balance falls by the principal (unscheduled, like a
//! prepayment), its cash rises by the price, and the loan is the seller's again.

use crate::{pallet::*, types::*};
use abs_primitives::{LoanId, LoanStatus, PoolId};
use abs_traits::{LoanInspect, LoanLifecycle, ServicingInspect};
use codec::Encode;
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// A closed pool's loan `loan_id` that is serviced (not defaulted) and its entry.
	fn repurchasable(
		pool_id: PoolId,
		loan_id: LoanId,
	) -> Result<(PoolOf<T>, PoolLoan<T::AccountId>), DispatchError> {
		let pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(pool.status == PoolStatus::Closed, Error::<T>::NotClosed);
		let entry = Self::entry(pool_id, loan_id)?;
		let status = T::Loans::loan(loan_id).map(|l| l.status).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(
			!entry.defaulted && matches!(status, LoanStatus::Active | LoanStatus::Delinquent(_)),
			Error::<T>::NotRepurchasable
		);
		Ok((pool, entry))
	}

	pub(crate) fn do_approve_repurchase(
		who: T::AccountId,
		pool_id: PoolId,
		loan_id: LoanId,
	) -> DispatchResult {
		let (pool, _) = Self::repurchasable(pool_id, loan_id)?;
		ensure!(who == pool.spec.trustee, Error::<T>::NotPoolTrustee);
		ensure!(!RepurchaseApprovals::<T>::contains_key(loan_id), Error::<T>::AlreadyApproved);
		RepurchaseApprovals::<T>::insert(loan_id, ());
		Self::deposit_event(Event::RepurchaseApproved { pool_id, loan_id });
		Ok(())
	}

	pub(crate) fn do_repurchase(
		who: T::AccountId,
		pool_id: PoolId,
		loan_id: LoanId,
	) -> DispatchResult {
		let (mut pool, entry) = Self::repurchasable(pool_id, loan_id)?;
		ensure!(who == entry.seller, Error::<T>::NotSeller);
		ensure!(RepurchaseApprovals::<T>::contains_key(loan_id), Error::<T>::RepurchaseNotApproved);
		let today = Self::today();
		let position =
			T::Servicing::position(loan_id, today).ok_or(Error::<T>::NotRepurchasable)?;
		let principal = position.outstanding_principal;
		let interest = position.interest_owed;
		let price = principal.checked_add(interest).ok_or(Error::<T>::Overflow)?;
		Self::escrow_from(&who, pool_id, price)?;

		let mut perf = Performances::<T>::get(pool_id).ok_or(Error::<T>::NotClosed)?;
		if today >= perf.period.end {
			Self::roll(pool_id, &mut perf, today);
			// The roll may have ended the pool: read it again (a stale copy written back
			// would undo that), and refuse a repurchase from an ended pool.
			pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
			ensure!(pool.status == PoolStatus::Closed, Error::<T>::NotClosed);
		}
		// The entry's principal is the last the pool was told; the price is today's.
		Self::part(&mut perf, &entry, false);
		Self::move_maturity(pool_id, Some(&entry), None);
		perf.cash = perf.cash.saturating_add(price);
		perf.cumulative_repurchases = perf.cumulative_repurchases.saturating_add(principal);
		perf.cumulative_interest = perf.cumulative_interest.saturating_add(interest);
		let q: &mut Period = &mut perf.period;
		q.repurchases = q.repurchases.saturating_add(principal);
		q.interest = q.interest.saturating_add(interest);
		let _ = <T::Monitor as abs_traits::PoolMonitor>::on_change(
			pool_id,
			&Self::monitored(&perf, None),
		);
		Performances::<T>::insert(pool_id, perf);

		RepurchaseApprovals::<T>::remove(loan_id);
		PoolLoans::<T>::remove(pool_id, loan_id);
		LoanPools::<T>::remove(loan_id);
		pool.loans = pool.loans.saturating_sub(1);
		Pools::<T>::insert(pool_id, &pool);
		let hash = abs_primitives::Hash::from(sp_io::hashing::blake2_256(
			&(b"repurchase", pool_id, loan_id, price).encode(),
		));
		T::Lifecycle::assign_owner(loan_id, who.clone(), Some(pool.spec.trustee), hash)?;
		Self::deposit_event(Event::LoanRepurchased {
			pool_id,
			loan_id,
			seller: who,
			principal,
			interest,
		});
		Ok(())
	}
}
