//! The servicing pallet as other pallets see it: [`OnLoanActivated`], [`DefaultedLoans`],
//! [`LoanFollowers`], [`ServicingInspect`].

use crate::{pallet::*, WeightInfo};
use abs_primitives::DefaultInfo;
use abs_primitives::LoanId;
use abs_traits::{
	DefaultedLoans, LoanFollowers, LoanPosition, OnLoanActivated, RemainingInstallment,
	ServicingInspect,
};
use frame_support::traits::Get;
use sp_runtime::{DispatchError, Weight};

impl<T: Config> OnLoanActivated for Pallet<T> {
	fn on_activated(id: LoanId) -> Result<(), DispatchError> {
		Self::do_start(id)
	}

	fn weight() -> Weight {
		T::WeightInfo::start(T::MaxInstallments::get())
			.saturating_add(Pallet::<T>::observer_weight())
	}
}

impl<T: Config> DefaultedLoans<T::AccountId> for Pallet<T> {
	fn defaulted(id: LoanId) -> Option<DefaultInfo> {
		Self::servicer_fees_at_default(id).map(|(day, debt, servicer_fees)| DefaultInfo {
			day,
			debt,
			servicer_fees,
		})
	}

	fn close_after_recovery(id: LoanId) -> Result<(), DispatchError> {
		let mut s = States::<T>::get(id).ok_or(Error::<T>::NotServiced)?;
		s.phase = crate::Phase::Closed;
		if let Some(d) = s.next_checkpoint.take() {
			Checkpoints::<T>::remove(d, id);
		}
		States::<T>::insert(id, s);
		PendingRestructurings::<T>::remove(id);
		Ok(())
	}
}

impl<T: Config> LoanFollowers<T::AccountId> for Pallet<T> {
	fn followers(id: LoanId) -> alloc::vec::Vec<T::AccountId> {
		let mut all = LoanBureaus::<T>::get(id).into_inner();
		if let Some(s) = States::<T>::get(id) {
			all.extend(OriginatorBureaus::<T>::get(&s.originator));
		}
		all
	}
}

impl<T: Config> ServicingInspect for Pallet<T> {
	fn position(id: LoanId, day: abs_primitives::DayNumber) -> Option<LoanPosition> {
		let state = States::<T>::get(id)?;
		if state.phase == crate::Phase::Closed {
			return Some(LoanPosition::default());
		}
		let book = Books::<T>::get(id)?.to_engine();
		let remaining = book.installments.iter().filter(|i| !i.is_settled()).count();
		Some(LoanPosition {
			outstanding_principal: book.outstanding_principal(),
			days_past_due: book.days_past_due(day),
			remaining_installments: u32::try_from(remaining).unwrap_or(u32::MAX),
			installment: book.next_installment(),
			maturity: book.maturity(),
			interest_owed: book.interest_owed(day).ok()?,
		})
	}

	fn remaining_installments(id: LoanId) -> Option<alloc::vec::Vec<RemainingInstallment>> {
		let state = States::<T>::get(id)?;
		if state.phase != crate::Phase::Performing {
			return None;
		}
		let book = Books::<T>::get(id)?.to_engine();
		let mut out = alloc::vec::Vec::with_capacity(book.installments.len());
		for (k, i) in book.installments.iter().enumerate().filter(|(_, i)| !i.is_settled()) {
			let fee = book.servicing_fee(k, state.servicing_fee_bps).ok()?;
			out.push(RemainingInstallment {
				due: i.due,
				principal: i.unpaid_principal(),
				interest: i.unpaid_interest(),
				servicing_fee: fee.saturating_sub(fee.min(i.paid_interest)),
			});
		}
		Some(out)
	}

	fn position_weight() -> Weight {
		// A state and a book read and the book's evaluation: what a checkpoint does at most.
		T::WeightInfo::checkpoint(T::MaxInstallments::get())
	}
}
