//! Delinquency: the checkpoint hook over a day queue, defaults.

use crate::{features::work::*, pallet::*, types::*, WeightInfo};
use abs_primitives::{days::DayQueue, Balance, DayNumber, LoanId};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// What of a defaulted loan's debt the servicer is owed: unpaid late fees and, for each
	/// installment due before the default day, the servicing fee not yet taken from its
	/// interest.
	pub fn servicer_fees_at_default(loan_id: LoanId) -> Option<(DayNumber, Balance, Balance)> {
		let s = States::<T>::get(loan_id)?;
		let Phase::Defaulted { on, debt } = s.phase else { return None };
		let book = Books::<T>::get(loan_id)?.to_engine();
		let fees = abs_finance::servicing::share_unpaid(&book, on, s.servicing_fee_bps)
			.ok()?
			.saturating_add(s.servicer_arrears);
		Some((on, debt, fees.min(debt)))
	}

	/// The most [`Self::process_checkpoints`] uses in one block.
	pub fn poll_weight_bound() -> Weight {
		<CheckpointQueue<T> as DayQueue>::weight_bound()
	}

	/// Evaluate due checkpoints from the cursor up to `today`, days in order, at most
	/// `MaxCheckpointsPerBlock` checkpoints and `MaxDaysPerBlock` days. Returns the weight.
	pub fn process_checkpoints(today: DayNumber) -> Weight {
		<CheckpointQueue<T> as DayQueue>::run(today)
	}

	/// Evaluate loan `loan_id`'s checkpoint of `day`; returns the book's installment count
	/// and what telling its pool used (for the weight). A failure rolls the loan back and
	/// retries it the next day.
	pub(crate) fn process_checkpoint(day: DayNumber, loan_id: LoanId) -> (u32, Weight) {
		let result = frame_support::storage::with_storage_layer(
			|| -> Result<(u32, Weight), DispatchError> {
				let mut w = Work::<T>::load(loan_id)?;
				if w.state.next_checkpoint != Some(day) {
					// Not this loan's checkpoint (cannot happen: every move re-indexes).
					Checkpoints::<T>::remove(day, loan_id);
					return Ok((w.installments(), Weight::zero()));
				}
				w.evaluate(day)?;
				w.commit(None)
			},
		);
		match result {
			Ok(done) => done,
			Err(error) => {
				Checkpoints::<T>::remove(day, loan_id);
				if let Some(mut s) = States::<T>::get(loan_id) {
					if let Some(stored) = s.next_checkpoint {
						Checkpoints::<T>::remove(stored, loan_id);
					}
					let next = day.saturating_add(1);
					s.next_checkpoint = Some(next);
					States::<T>::insert(loan_id, s);
					Checkpoints::<T>::insert(next, loan_id, ());
					Self::deposit_event(Event::CheckpointDeferred { loan_id, day, error });
				}
				(T::MaxInstallments::get(), Pallet::<T>::observer_weight())
			}
		}
	}
}

/// The checkpoint index as a [`DayQueue`].
pub(crate) struct CheckpointQueue<T>(core::marker::PhantomData<T>);
impl<T: Config> DayQueue for CheckpointQueue<T> {
	type Item = LoanId;
	type Index = Checkpoints<T>;
	type Cursor = CheckpointCursor<T>;
	type DbWeight = T::DbWeight;
	fn process(day: DayNumber, loan_id: LoanId) -> Weight {
		// The book's size, and what telling the loan's pool actually used.
		let (installments, observed) = Pallet::<T>::process_checkpoint(day, loan_id);
		T::WeightInfo::checkpoint(installments).saturating_add(observed)
	}
	fn max_days() -> u32 {
		T::MaxDaysPerBlock::get()
	}
	fn budget() -> u32 {
		T::MaxCheckpointsPerBlock::get()
	}
	fn step_weight() -> Weight {
		T::WeightInfo::checkpoint_day()
	}
	fn item_weight() -> Weight {
		T::WeightInfo::checkpoint(T::MaxInstallments::get())
			.saturating_add(Pallet::<T>::observer_weight())
	}
}
