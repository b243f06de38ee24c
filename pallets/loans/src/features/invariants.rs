//! Invariants (`do_try_state`).

use crate::pallet::*;
use abs_primitives::{Balance, LoanStatus};
use frame_support::{ensure, pallet_prelude::*, traits::fungibles::Inspect};

impl<T: Config> Pallet<T> {
	/// Invariants: escrow held == EscrowTotal == sum of open proposals' principals; every open
	/// proposal indexed once on its expiry day; indices match the loans; histories are dense.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut open: Balance = 0;
		let mut opened: alloc::collections::BTreeMap<T::AccountId, u32> = Default::default();
		for (id, loan) in Loans::<T>::iter() {
			ensure!(id < NextLoanId::<T>::get(), "loans: id beyond NextLoanId");
			ensure!(
				ByBorrower::<T>::contains_key(&loan.proposal.borrower, id),
				"loans: borrower index"
			);
			let len = HistoryLen::<T>::get(id);
			ensure!(len > 0, "loans: no history");
			for i in 0..len {
				ensure!(History::<T>::contains_key(id, i), "loans: history has a gap");
			}
			if loan.status == LoanStatus::Proposed {
				open =
					open.saturating_add(loan.proposal.terms.principal).saturating_add(loan.deposit);
				let day = RefundRetries::<T>::get(id).unwrap_or(loan.proposal.expires_on);
				ensure!(
					ProposalExpiries::<T>::contains_key(day, id),
					"loans: open proposal not indexed"
				);
				let n = opened.entry(loan.proposal.originator.clone()).or_insert(0u32);
				*n = n.saturating_add(1);
				ensure!(
					!ByOwner::<T>::contains_key(&loan.owner, id),
					"loans: proposal in owner index"
				);
			} else if loan.activated_on.is_some() {
				ensure!(ByOwner::<T>::contains_key(&loan.owner, id), "loans: owner index");
				ensure!(ByServicer::<T>::contains_key(&loan.servicer, id), "loans: servicer index");
			}
		}
		ensure!(open == EscrowTotal::<T>::get(), "loans: escrow total != open proposals");
		// Anyone may send units to the escrow account: it holds at least what it owes.
		let held = T::Assets::balance(T::StablecoinId::get(), &Self::escrow_account());
		ensure!(held >= open, "loans: escrow account holds less than the open proposals");
		ensure!(
			OpenProposals::<T>::iter().collect::<alloc::collections::BTreeMap<_, _>>() == opened,
			"loans: open proposals per originator"
		);
		for (id, _) in RefundRetries::<T>::iter() {
			ensure!(
				Loans::<T>::get(id).is_some_and(|l| l.status == LoanStatus::Proposed),
				"loans: refund retry of a closed proposal"
			);
		}
		for (_, id) in ByOwner::<T>::iter_keys() {
			ensure!(Loans::<T>::get(id).is_some(), "loans: owner index of unknown loan");
		}
		for (day, n) in ExpiryCount::<T>::iter() {
			ensure!(
				u32::try_from(ProposalExpiries::<T>::iter_prefix(day).count()) == Ok(n),
				"loans: expiry count"
			);
		}
		for (_, id) in ProposalExpiries::<T>::iter_keys() {
			ensure!(
				Loans::<T>::get(id).is_some_and(|l| l.status == LoanStatus::Proposed),
				"loans: expiry entry of a closed proposal"
			);
		}
		Ok(())
	}
}
