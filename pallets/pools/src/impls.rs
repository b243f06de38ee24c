//! The pools pallet as other pallets see it: [`LoanEncumbrance`].

use crate::pallet::*;
use abs_primitives::LoanId;
use abs_traits::LoanEncumbrance;

impl<T: Config> LoanEncumbrance for Pallet<T> {
	fn is_encumbered(id: LoanId) -> bool {
		Self::is_pledged(id)
	}
}
