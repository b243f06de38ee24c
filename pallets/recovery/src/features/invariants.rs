//! Invariants (`do_try_state`).

use crate::{pallet::*, types::*};
use abs_primitives::{Balance, LoanId};
use frame_support::{pallet_prelude::*, traits::fungibles::Inspect};

impl<T: Config> Pallet<T> {
	/// Invariants: escrow == the best bids of open auctions (and the escrow account holds at
	/// least that); each open auction has exactly its end indexed and its recovery is at the
	/// Auction stage; only Ordered recoveries have an acknowledgement deadline indexed; final
	/// recoveries have an outcome or were cancelled.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut live: Balance = 0;
		let mut indexed: alloc::collections::BTreeMap<LoanId, u32> = Default::default();
		for (block, loan_id) in AuctionEnds::<T>::iter_keys() {
			ensure!(indexed.insert(loan_id, block).is_none(), "an auction indexed twice");
		}
		for (loan_id, a) in Auctions::<T>::iter() {
			if let Some((_, amount)) = a.best {
				live = live.saturating_add(amount);
			}
			// At its end, or later when a refused settlement is retried.
			let at = indexed.get(&loan_id).ok_or("auction end not indexed")?;
			ensure!(*at >= a.end, "auction indexed before its end");
			ensure!(a.end <= a.hard_end, "auction end past its cap");
			let r = Recoveries::<T>::get(loan_id).ok_or("auction without recovery")?;
			ensure!(r.stage == Stage::Auction, "auction of a recovery not at the Auction stage");
		}
		ensure!(live == EscrowTotal::<T>::get(), "escrowed bids != sum of live bids");
		let credits = Credits::<T>::iter_values().fold(0, |a: Balance, c| a.saturating_add(c));
		ensure!(credits == CreditTotal::<T>::get(), "credits != credit total");
		let held = T::Assets::balance(T::StablecoinId::get(), &Self::escrow_account());
		ensure!(held >= live.saturating_add(credits), "escrow account holds less than it owes");
		for loan_id in indexed.keys() {
			ensure!(Auctions::<T>::contains_key(loan_id), "ended entry without auction");
		}
		for (day, loan_id) in AckDeadlines::<T>::iter_keys() {
			let r = Recoveries::<T>::get(loan_id).ok_or("deadline without recovery")?;
			ensure!(r.stage == Stage::Ordered && r.ack_deadline == day, "stale deadline");
		}
		for (_, r) in Recoveries::<T>::iter() {
			if matches!(r.stage, Stage::Sold | Stage::WrittenOff) {
				ensure!(r.outcome.is_some(), "settled without outcome");
			}
		}
		Ok(())
	}
}
