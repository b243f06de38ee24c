//! The loans pallet as other pallets see it: [`LoanInspect`] and [`LoanLifecycle`].

use crate::{pallet::*, LoanAction};
use abs_primitives::{Hash, LoanId, LoanStatus};
use abs_traits::{LoanInspect, LoanLifecycle, LoanSummary};
use sp_runtime::DispatchError;

impl<T: Config> LoanInspect<T::AccountId> for Pallet<T> {
	fn loan(id: LoanId) -> Option<LoanSummary<T::AccountId>> {
		let l = Loans::<T>::get(id)?;
		// Sold to a pool: the pool owns it from the closing (its record is rewritten later).
		let keyless =
			<T::Encumbrance as abs_traits::LoanEncumbrance<T::AccountId>>::keyless_owner(id);
		let (owner, owner_agent) = match keyless {
			Some(k) => (k.owner, Some(k.agent)),
			None => (l.owner, None),
		};
		Some(LoanSummary {
			originator: l.proposal.originator,
			owner,
			owner_agent,
			borrower: l.proposal.borrower,
			servicer: l.servicer,
			status: l.status,
			principal: l.proposal.terms.principal,
			asset: l.proposal.terms.asset,
			terms: l.proposal.terms.servicing_terms(),
			activated_on: l.activated_on,
			collateral: l.proposal.collateral,
			underwriting: l.proposal.underwriting,
			records: l.proposal.records.into_inner(),
		})
	}
}

/// Whether another pallet may move a loan from `from` to `to`: only funded loans change
/// status this way, never back to a proposal state, never out of a final state.
pub fn valid_transition(from: LoanStatus, to: LoanStatus) -> bool {
	use LoanStatus::*;
	let funded = |s: LoanStatus| !matches!(s, Proposed | Withdrawn | Expired);
	let final_ = |s: LoanStatus| matches!(s, PaidOff | Recovered | WrittenOff);
	funded(from) && funded(to) && !final_(from) && from != to
}

impl<T: Config> LoanLifecycle<T::AccountId> for Pallet<T> {
	type Error = DispatchError;

	fn set_status(
		id: LoanId,
		status: LoanStatus,
		actor: Option<T::AccountId>,
		data_hash: Hash,
	) -> Result<(), DispatchError> {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		let from = loan.status;
		frame_support::ensure!(valid_transition(from, status), Error::<T>::InvalidTransition);
		loan.status = status;
		Loans::<T>::insert(id, loan);
		Self::record(id, actor, LoanAction::StatusChanged(status), data_hash);
		Self::deposit_event(Event::StatusChanged { loan_id: id, from, to: status });
		Ok(())
	}

	fn assign_owner(
		id: LoanId,
		to: T::AccountId,
		actor: Option<T::AccountId>,
		data_hash: Hash,
	) -> Result<(), DispatchError> {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		if loan.owner == to {
			return Ok(());
		}
		let from = core::mem::replace(&mut loan.owner, to.clone());
		ByOwner::<T>::remove(&from, id);
		ByOwner::<T>::insert(&to, id, ());
		Loans::<T>::insert(id, loan);
		Self::record(id, actor, LoanAction::OwnershipTransferred, data_hash);
		Self::deposit_event(Event::OwnershipTransferred { loan_id: id, from, to });
		Ok(())
	}
}
