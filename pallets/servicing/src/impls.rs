//! The servicing pallet as other pallets see it: [`OnLoanActivated`].

use crate::{pallet::*, WeightInfo};
use abs_primitives::LoanId;
use abs_traits::OnLoanActivated;
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
