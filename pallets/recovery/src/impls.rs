//! The recovery pallet as other pallets see it: [`OnDefaultCured`].

use crate::{pallet::*, WeightInfo};
use abs_primitives::LoanId;
use abs_traits::OnDefaultCured;
use sp_runtime::{DispatchError, Weight};

impl<T: Config> abs_traits::OnOracleValue for Pallet<T> {
	fn on_fresh(
		key: abs_primitives::OracleKey,
		value: abs_primitives::Balance,
	) -> Result<(), DispatchError> {
		match key {
			abs_primitives::OracleKey::Collateral(loan_id) => Self::do_oracle_value(loan_id, value),
			abs_primitives::OracleKey::Tranche { .. } => Ok(()),
		}
	}

	fn weight() -> Weight {
		// The recovery, and an auction opened (as an acknowledgement does).
		T::WeightInfo::acknowledge()
	}
}

impl<T: Config> OnDefaultCured for Pallet<T> {
	fn on_paid_off(id: LoanId) -> Result<(), DispatchError> {
		Self::do_cancel(id)
	}

	fn weight() -> Weight {
		T::WeightInfo::cancel()
	}
}
