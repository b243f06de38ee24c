//! Invariants (`do_try_state`).

use crate::{pallet::*, types::*};
use abs_primitives::Balance;
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// Invariants: money conserved per loan (owner + servicer receipts == payments, records
	/// sum to the total); every performing loan with an unsettled installment has its next
	/// checkpoint indexed exactly once and nothing else is indexed; the cursor is not past a
	/// pending checkpoint by more than the hook's lag allows (checked: no checkpoint before
	/// the cursor).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut indexed = 0u64;
		for (loan_id, s) in States::<T>::iter() {
			ensure!(
				s.to_owner.checked_add(s.to_servicer) == Some(s.paid),
				"owner + servicer receipts != payments"
			);
			let mut sum: Balance = 0;
			let mut count = 0u32;
			for (_, p) in Payments::<T>::iter_prefix(loan_id) {
				ensure!(p.to_owner.saturating_add(p.to_servicer) == p.amount, "record split");
				sum = sum.saturating_add(p.amount);
				count = count.saturating_add(1);
			}
			ensure!(sum == s.paid && count == s.payments, "payment records != totals");
			let book = Books::<T>::get(loan_id).ok_or("serviced loan without a book")?.to_engine();
			let unsettled = book.installments.iter().any(|i| !i.is_settled());
			match s.phase {
				Phase::Performing if unsettled => {
					let d = s.next_checkpoint.ok_or("performing loan without a checkpoint")?;
					ensure!(Checkpoints::<T>::contains_key(d, loan_id), "checkpoint not indexed");
					indexed = indexed.saturating_add(1);
				}
				_ => ensure!(s.next_checkpoint.is_none(), "checkpoint of a settled loan"),
			}
		}
		ensure!(
			Checkpoints::<T>::iter().count() as u64 == indexed,
			"checkpoint index has entries no loan points to"
		);
		if let Some(cursor) = CheckpointCursor::<T>::get() {
			ensure!(
				Checkpoints::<T>::iter_keys().all(|(d, _)| d >= cursor),
				"a checkpoint lies behind the cursor"
			);
		}
		Ok(())
	}
}
