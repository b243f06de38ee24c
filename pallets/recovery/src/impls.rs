//! The recovery pallet as other pallets see it: [`OnDefaultCured`].

use crate::{pallet::*, WeightInfo};
use abs_primitives::LoanId;
use abs_traits::OnDefaultCured;
use sp_runtime::{DispatchError, Weight};

impl<T: Config> OnDefaultCured for Pallet<T> {
	fn on_paid_off(id: LoanId) -> Result<(), DispatchError> {
		Self::do_cancel(id)
	}

	fn weight() -> Weight {
		T::WeightInfo::cancel()
	}
}
