//! Auctions: opening a round, bids.

use crate::{pallet::*, types::*};
use abs_primitives::{Balance, LoanId, RecoveryNotice};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
	},
};

impl<T: Config> Pallet<T> {
	/// Open round `round` now with `reserve`.
	pub(crate) fn open_auction(loan_id: LoanId, round: u8, reserve: Balance) -> DispatchResult {
		let p = Params::<T>::get();
		let start = Self::now();
		let end = start.checked_add(p.duration_blocks).ok_or(Error::<T>::Overflow)?;
		let hard_end = end.checked_add(p.max_extension_blocks).ok_or(Error::<T>::Overflow)?;
		Auctions::<T>::insert(
			loan_id,
			Auction {
				round,
				reserve,
				start,
				end,
				hard_end,
				best: None,
				bids: 0,
				extension: p.extension_blocks,
			},
		);
		AuctionEnds::<T>::insert(end, loan_id, ());
		Self::deposit_event(Event::AuctionOpened { loan_id, round, reserve, start, end, hard_end });
		Self::notify(loan_id, RecoveryNotice::AuctionOpened { round, reserve, ends_at: end });
		Ok(())
	}

	/// Escrow the bid (the difference when raising one's own), refund the previous best,
	/// extend a late bid's auction.
	pub(crate) fn do_bid(
		loan_id: LoanId,
		mut a: AuctionOf<T>,
		bidder: T::AccountId,
		amount: Balance,
		now: u32,
	) -> DispatchResult {
		let asset = T::StablecoinId::get();
		let previous = a.best.take();
		let escrowed = match &previous {
			Some((b, prev)) if *b == bidder => {
				amount.checked_sub(*prev).ok_or(Error::<T>::BidTooLow)?
			}
			_ => amount,
		};
		ensure!(
			T::Assets::reducible_balance(
				asset,
				&bidder,
				Preservation::Expendable,
				Fortitude::Polite
			) >= escrowed,
			Error::<T>::InsufficientBalance
		);
		T::Assets::transfer(
			asset,
			&bidder,
			&Self::escrow_account(),
			escrowed,
			Preservation::Expendable,
		)?;
		let mut refunded: Balance = 0;
		if let Some((b, prev)) = previous {
			if b != bidder {
				Self::pay_out(&b, prev)?;
				refunded = prev;
				Self::deposit_event(Event::BidRefunded { loan_id, bidder: b, amount: prev });
			}
		}
		EscrowTotal::<T>::try_mutate(|t| -> DispatchResult {
			*t = t
				.checked_add(escrowed)
				.and_then(|t| t.checked_sub(refunded))
				.ok_or(Error::<T>::Overflow)?;
			Ok(())
		})?;
		a.best = Some((bidder.clone(), amount));
		a.bids = a.bids.saturating_add(1);
		let ext = a.extension;
		// A bid in the last `ext` blocks moves the end to its block + ext, up to the cap.
		let extended = now.saturating_add(ext).min(a.hard_end);
		let moved = a.end.saturating_sub(now) < ext && extended > a.end;
		if moved {
			AuctionEnds::<T>::remove(a.end, loan_id);
			AuctionEnds::<T>::insert(extended, loan_id, ());
			a.end = extended;
		}
		let end = a.end;
		Auctions::<T>::insert(loan_id, a);
		Self::deposit_event(Event::BidPlaced { loan_id, bidder, amount, escrowed });
		if moved {
			Self::deposit_event(Event::AuctionExtended { loan_id, end });
		}
		Ok(())
	}
}
