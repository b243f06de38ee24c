//! The servicing pallet as other pallets see it: [`OnLoanActivated`].

use crate::{pallet::*, WeightInfo};
use abs_primitives::LoanId;
use abs_primitives::{DefaultInfo, RecoveryNotice};
use abs_traits::{DefaultedLoans, OnLoanActivated};
use frame_support::traits::Get;
use sp_runtime::{DispatchError, Weight};

impl<T: Config> OnLoanActivated for Pallet<T> {
	fn on_activated(id: LoanId) -> Result<(), DispatchError> {
		Self::do_start(id)
	}

	fn weight() -> Weight {
		T::WeightInfo::start(T::MaxInstallments::get())
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

	fn notify(id: LoanId, notice: RecoveryNotice) {
		if let Ok(w) = crate::functions::Work::<T>::load(id) {
			Self::deposit_event(Event::Notice {
				loan_id: id,
				day: <T::Today as abs_traits::Today>::today(),
				kind: crate::NoticeKind::Recovery(notice),
				recipients: w.recipients(),
			});
		}
	}
}
