//! The recovery logic: orders, auctions, bids, settlement, the hook, cancellation, invariants.

use crate::{pallet::*, types::*, WeightInfo};
use abs_primitives::{
	days::DayQueue, Balance, DayNumber, DefaultInfo, LoanId, LoanStatus, RecoveryNotice,
};
use abs_traits::{DefaultedLoans, LoanInspect, LoanLifecycle, LoanSummary, Notify, Today};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
	},
};
use sp_runtime::traits::{AccountIdConversion, UniqueSaturatedInto};

/// Blocks before a settlement another pallet refused is tried again.
pub const SETTLEMENT_RETRY_BLOCKS: u32 = 10;

fn outcome_hash<A: Encode>(o: &Outcome<A>) -> abs_primitives::Hash {
	abs_primitives::Hash::from(sp_io::hashing::blake2_256(&o.encode()))
}

impl<T: Config> Pallet<T> {
	/// A notice about loan `loan_id`'s recovery, dated today.
	fn notify(loan_id: LoanId, notice: RecoveryNotice) {
		T::Notify::notify(
			abs_primitives::NoticeSubject::Loan(loan_id),
			T::Today::today(),
			abs_primitives::NoticeKind::Recovery(notice),
		);
	}

	/// The bid escrow account.
	pub fn escrow_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	pub(crate) fn now() -> u32 {
		frame_system::Pallet::<T>::block_number().unique_saturated_into()
	}

	/// Pay `amount` out of escrow to `to`; if the transfer is refused (e.g. the account is
	/// blocked by the stablecoin's admin), credit it instead: `to` withdraws it later with
	/// `withdraw_credit`. A payout never blocks a refund, a settlement or a payoff.
	fn pay_out(to: &T::AccountId, amount: Balance) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		let paid = frame_support::storage::with_storage_layer(|| {
			T::Assets::transfer(
				T::StablecoinId::get(),
				&Self::escrow_account(),
				to,
				amount,
				Preservation::Expendable,
			)
		});
		if paid.is_err() {
			Credits::<T>::try_mutate(to, |c| -> DispatchResult {
				*c = c.checked_add(amount).ok_or(Error::<T>::Overflow)?;
				Ok(())
			})?;
			CreditTotal::<T>::try_mutate(|c| -> DispatchResult {
				*c = c.checked_add(amount).ok_or(Error::<T>::Overflow)?;
				Ok(())
			})?;
			Self::deposit_event(Event::Credited { who: to.clone(), amount });
		}
		Ok(())
	}

	/// Withdraw `who`'s credit.
	pub(crate) fn do_withdraw_credit(who: T::AccountId) -> DispatchResult {
		let amount = Credits::<T>::get(&who);
		ensure!(amount > 0, Error::<T>::NoCredit);
		T::Assets::transfer(
			T::StablecoinId::get(),
			&Self::escrow_account(),
			&who,
			amount,
			Preservation::Expendable,
		)?;
		Credits::<T>::remove(&who);
		CreditTotal::<T>::mutate(|c| *c = c.saturating_sub(amount));
		Self::deposit_event(Event::CreditWithdrawn { who, amount });
		Ok(())
	}

	/// Record the order and move the loan InRecovery.
	pub(crate) fn do_order(
		loan_id: LoanId,
		loan: LoanSummary<T::AccountId>,
		default: DefaultInfo,
		servicer: T::AccountId,
		agent: T::AccountId,
		action: EnforcementAction,
	) -> DispatchResult {
		let today = T::Today::today();
		let ack_deadline = today.saturating_add(Params::<T>::get().ack_timeout_days);
		T::Lifecycle::set_status(
			loan_id,
			LoanStatus::InRecovery,
			Some(servicer),
			Default::default(),
		)?;
		Recoveries::<T>::insert(
			loan_id,
			RecoveryCase {
				agent: agent.clone(),
				action,
				ordered_on: today,
				ack_deadline,
				acknowledged_on: None,
				appraisal: Appraisal {
					value: loan.collateral.appraised_value,
					day: loan.collateral.appraisal_day,
					record: None,
				},
				pending_appraisal: None,
				default_day: default.day,
				debt: default.debt,
				servicer_fees: default.servicer_fees,
				stage: Stage::Ordered,
				claims: Default::default(),
				outcome: None,
			},
		);
		AckDeadlines::<T>::insert(ack_deadline, loan_id, ());
		Self::deposit_event(Event::EnforcementOrdered {
			loan_id,
			agent,
			action,
			debt: default.debt,
			ack_deadline,
		});
		Self::notify(loan_id, RecoveryNotice::EnforcementOrdered);
		Ok(())
	}

	/// The agent acknowledged (`by`), or the deadline passed (`None`): open the auction if the
	/// appraisal is fresh, else wait for a new one.
	pub(crate) fn do_acknowledge(
		loan_id: LoanId,
		mut r: RecoveryOf<T>,
		by: Option<T::AccountId>,
	) -> DispatchResult {
		AckDeadlines::<T>::remove(r.ack_deadline, loan_id);
		match by {
			Some(agent) => {
				r.acknowledged_on = Some(T::Today::today());
				Self::deposit_event(Event::OrderAcknowledged { loan_id, agent });
				Self::notify(loan_id, RecoveryNotice::OrderAcknowledged);
			}
			None => Self::deposit_event(Event::AcknowledgementTimedOut { loan_id }),
		}
		if Self::is_fresh(r.appraisal.day) {
			let reserve = T::ReserveRatio::get().mul_ceil(r.appraisal.value);
			r.stage = Stage::Auction;
			Recoveries::<T>::insert(loan_id, r);
			Self::open_auction(loan_id, 1, reserve)
		} else {
			r.stage = Stage::AwaitingAppraisal;
			let appraisal_day = r.appraisal.day;
			Recoveries::<T>::insert(loan_id, r);
			Self::deposit_event(Event::AuctionAwaitsAppraisal { loan_id, appraisal_day });
			Ok(())
		}
	}

	/// A lowering appraisal waits for the owner (it replaces one already waiting).
	pub(crate) fn do_hold_appraisal(
		loan_id: LoanId,
		mut r: RecoveryOf<T>,
		by: T::AccountId,
		appraisal: Appraisal,
	) {
		r.pending_appraisal = Some(appraisal);
		Recoveries::<T>::insert(loan_id, r);
		Self::deposit_event(Event::AppraisalAwaitsOwner {
			loan_id,
			by,
			value: appraisal.value,
			day: appraisal.day,
			record: appraisal.record.unwrap_or_default(),
		});
	}

	/// A new appraisal; an auction waiting for it opens.
	pub(crate) fn do_refresh(
		loan_id: LoanId,
		mut r: RecoveryOf<T>,
		appraisal: Appraisal,
		record: abs_primitives::RecordId,
	) -> DispatchResult {
		r.appraisal = appraisal;
		r.pending_appraisal = None;
		let waiting = r.stage == Stage::AwaitingAppraisal;
		if waiting {
			r.stage = Stage::Auction;
		}
		Recoveries::<T>::insert(loan_id, r);
		Self::deposit_event(Event::AppraisalRefreshed {
			loan_id,
			value: appraisal.value,
			day: appraisal.day,
			record,
		});
		if waiting {
			Self::open_auction(loan_id, 1, T::ReserveRatio::get().mul_ceil(appraisal.value))?;
		}
		Ok(())
	}

	/// Open round `round` now with `reserve`.
	fn open_auction(loan_id: LoanId, round: u8, reserve: Balance) -> DispatchResult {
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

	/// Settle loan `loan_id`'s ended auction: split the proceeds, or relist, or write off.
	pub(crate) fn settle(loan_id: LoanId) -> DispatchResult {
		let a = Auctions::<T>::get(loan_id).ok_or(Error::<T>::NoAuction)?;
		let mut r = Recoveries::<T>::get(loan_id).ok_or(Error::<T>::NoRecovery)?;
		let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		AuctionEnds::<T>::remove(a.end, loan_id);
		Auctions::<T>::remove(loan_id);
		match a.best {
			Some((winner, price)) => {
				// Costs (capped), the servicer's unpaid fees, the owner up to its part of the
				// debt, the surplus to the borrower: the finance engine's waterfall.
				let claims: Vec<Balance> = r.claims.iter().map(|c| c.amount).collect();
				let p = abs_finance::distribution::recovery_proceeds(
					price,
					&claims,
					T::CostCap::get().deconstruct(),
					r.servicer_fees,
					r.debt,
				)
				.map_err(|_| Error::<T>::Overflow)?;
				let mut costs_paid: Balance = 0;
				for (c, pay) in r.claims.iter().zip(p.costs.iter()) {
					Self::pay_out(&c.claimant, *pay)?;
					costs_paid = costs_paid.saturating_add(*pay);
				}
				let (servicer_paid, owner_paid, left, loss) =
					(p.servicer_paid, p.owner_paid, p.borrower_paid, p.loss);
				Self::pay_out(&loan.servicer, servicer_paid)?;
				Self::pay_out(&loan.owner, owner_paid)?;
				Self::pay_out(&loan.borrower, left)?;
				EscrowTotal::<T>::mutate(|t| *t = t.saturating_sub(price));
				r.stage = Stage::Sold;
				let outcome = Outcome {
					price,
					costs_paid,
					servicer_paid,
					owner_paid,
					borrower_paid: left,
					loss,
					title_to: winner.clone(),
				};
				// The loan's history records the outcome's hash (price, split, loss, title).
				let hash = outcome_hash(&outcome);
				r.outcome = Some(outcome);
				Recoveries::<T>::insert(loan_id, r);
				T::Servicing::close_after_recovery(loan_id)?;
				T::Lifecycle::set_status(loan_id, LoanStatus::Recovered, None, hash)?;
				Self::deposit_event(Event::AuctionSettled {
					loan_id,
					winner,
					price,
					costs_paid,
					servicer_paid,
					owner_paid,
					borrower_paid: left,
					loss,
				});
				Self::notify(loan_id, RecoveryNotice::AuctionSettled { price, loss });
			}
			None if a.round == 1 => {
				let reserve = T::RelistRatio::get().mul_ceil(a.reserve);
				Self::open_auction(loan_id, 2, reserve)?;
				let end = Auctions::<T>::get(loan_id).map_or(0, |a| a.end);
				Self::deposit_event(Event::Relisted { loan_id, reserve, end });
			}
			None => {
				let loss = r.debt;
				r.stage = Stage::WrittenOff;
				r.outcome = Some(Outcome {
					price: 0,
					costs_paid: 0,
					servicer_paid: 0,
					owner_paid: 0,
					borrower_paid: 0,
					loss,
					title_to: loan.owner.clone(),
				});
				Recoveries::<T>::insert(loan_id, r);
				T::Servicing::close_after_recovery(loan_id)?;
				T::Lifecycle::set_status(
					loan_id,
					LoanStatus::WrittenOff,
					None,
					Default::default(),
				)?;
				Self::deposit_event(Event::WrittenOff { loan_id, owner: loan.owner, loss });
				Self::notify(loan_id, RecoveryNotice::WrittenOff { loss });
			}
		}
		Ok(())
	}

	/// A full payoff: cancel the recovery, refund the best bid.
	pub(crate) fn do_cancel(loan_id: LoanId) -> DispatchResult {
		let Some(mut r) = Recoveries::<T>::get(loan_id) else { return Ok(()) };
		if r.stage.is_final() {
			return Ok(());
		}
		AckDeadlines::<T>::remove(r.ack_deadline, loan_id);
		let mut refunded = None;
		if let Some(a) = Auctions::<T>::take(loan_id) {
			AuctionEnds::<T>::remove(a.end, loan_id);
			if let Some((bidder, amount)) = a.best {
				Self::pay_out(&bidder, amount)?;
				EscrowTotal::<T>::mutate(|t| *t = t.saturating_sub(amount));
				refunded = Some((bidder, amount));
			}
		}
		r.stage = Stage::Cancelled;
		Recoveries::<T>::insert(loan_id, r);
		Self::deposit_event(Event::RecoveryCancelled { loan_id, refunded });
		Self::notify(loan_id, RecoveryNotice::AuctionCancelled);
		Ok(())
	}

	/// Settle auctions that ended before block `n`, blocks in order, bounded (an auction ending
	/// at block e takes bids in e).
	pub fn process_settlements(n: u32) -> Weight {
		<SettlementQueue<T> as DayQueue>::run(n.saturating_sub(1))
	}

	/// The most [`Self::process_ack_deadlines`] uses in one block.
	pub fn poll_weight_bound() -> Weight {
		<AckQueue<T> as DayQueue>::weight_bound()
	}

	/// Open the auctions of orders not acknowledged by their deadline, days in order, bounded.
	pub fn process_ack_deadlines(today: DayNumber) -> Weight {
		<AckQueue<T> as DayQueue>::run(today)
	}

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

/// Ended auctions by end block as a block-keyed [`DayQueue`].
pub(crate) struct SettlementQueue<T>(core::marker::PhantomData<T>);
impl<T: Config> DayQueue for SettlementQueue<T> {
	type Item = LoanId;
	fn cursor() -> Option<u32> {
		SettlementCursor::<T>::get()
	}
	fn set_cursor(block: u32) {
		SettlementCursor::<T>::put(block)
	}
	fn due(block: u32, n: u32) -> Vec<LoanId> {
		AuctionEnds::<T>::iter_key_prefix(block).take(n as usize).collect()
	}
	fn is_done(block: u32) -> bool {
		AuctionEnds::<T>::iter_key_prefix(block).next().is_none()
	}
	fn process(block: u32, loan_id: LoanId) -> Weight {
		AuctionEnds::<T>::remove(block, loan_id);
		let r = frame_support::storage::with_storage_layer(|| Pallet::<T>::settle(loan_id));
		if let Err(error) = r {
			// Payouts never fail (they credit instead); this is another pallet refusing
			// (status, servicing). Keep the auction (its end stays: no more bids) and retry.
			let retry = Pallet::<T>::now().saturating_add(SETTLEMENT_RETRY_BLOCKS);
			AuctionEnds::<T>::insert(retry, loan_id, ());
			Pallet::<T>::deposit_event(Event::SettlementDeferred {
				loan_id,
				retry_at: retry,
				error,
			});
		}
		T::WeightInfo::settle()
	}
	fn max_days() -> u32 {
		T::MaxSettlementBlocksPerBlock::get()
	}
	fn budget() -> u32 {
		T::MaxSettlementsPerBlock::get()
	}
	fn step_weight() -> Weight {
		T::WeightInfo::settle_step()
	}
	fn item_weight() -> Weight {
		T::WeightInfo::settle()
	}
	fn cursor_read() -> Weight {
		T::DbWeight::get().reads(1)
	}
	fn cursor_write() -> Weight {
		T::DbWeight::get().writes(1)
	}
}

/// Unacknowledged orders by deadline as a [`DayQueue`].
pub(crate) struct AckQueue<T>(core::marker::PhantomData<T>);
impl<T: Config> DayQueue for AckQueue<T> {
	type Item = LoanId;
	fn cursor() -> Option<DayNumber> {
		AckCursor::<T>::get()
	}
	fn set_cursor(day: DayNumber) {
		AckCursor::<T>::put(day)
	}
	fn due(day: DayNumber, n: u32) -> Vec<LoanId> {
		AckDeadlines::<T>::iter_key_prefix(day).take(n as usize).collect()
	}
	fn is_done(day: DayNumber) -> bool {
		AckDeadlines::<T>::iter_key_prefix(day).next().is_none()
	}
	fn process(day: DayNumber, loan_id: LoanId) -> Weight {
		AckDeadlines::<T>::remove(day, loan_id);
		if let Some(r) = Recoveries::<T>::get(loan_id).filter(|r| r.stage == Stage::Ordered) {
			let _ = frame_support::storage::with_storage_layer(|| {
				Pallet::<T>::do_acknowledge(loan_id, r, None)
			});
		}
		T::WeightInfo::acknowledge()
	}
	fn max_days() -> u32 {
		T::MaxAckDaysPerBlock::get()
	}
	fn budget() -> u32 {
		T::MaxSettlementsPerBlock::get()
	}
	fn step_weight() -> Weight {
		T::WeightInfo::settle_step()
	}
	fn item_weight() -> Weight {
		T::WeightInfo::acknowledge()
	}
	fn cursor_read() -> Weight {
		T::DbWeight::get().reads(1)
	}
	fn cursor_write() -> Weight {
		T::DbWeight::get().writes(1)
	}
}
