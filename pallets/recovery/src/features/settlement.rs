//! Settlement (the proceeds waterfall), cancellation on payoff, and the two day queues (auction ends, acknowledgement deadlines).

use crate::{pallet::*, types::*, WeightInfo};
use abs_primitives::{days::DayQueue, Balance, DayNumber, LoanId, LoanStatus, RecoveryNotice};
use abs_traits::{DefaultedLoans, LoanInspect, LoanLifecycle};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::pallet_prelude::*;

/// Blocks before a settlement another pallet refused is tried again.
pub const SETTLEMENT_RETRY_BLOCKS: u32 = 10;

pub(crate) fn outcome_hash<A: Encode>(o: &Outcome<A>) -> abs_primitives::Hash {
	abs_primitives::Hash::from(sp_io::hashing::blake2_256(&o.encode()))
}

impl<T: Config> Pallet<T> {
	/// Tell the loan's pool what the recovery brought its owner and what was lost (of the
	/// debt at default; the pool knows the loan's principal).
	fn observe(
		loan_id: LoanId,
		from: LoanStatus,
		to: LoanStatus,
		recovery: Balance,
		loss: Balance,
	) {
		let change = abs_traits::LoanChange {
			day: <T::Today as abs_traits::Today>::today(),
			interest: 0,
			principal: 0,
			prepayment: 0,
			recovery,
			loss,
			principal_before: 0,
			principal_after: 0,
			bucket_before: 0,
			bucket_after: 0,
			status_before: from,
			status_after: to,
			restructured: false,
			remaining_installments: 0,
			rate: 0,
			installment: 0,
			maturity: 0,
		};
		let _ = <T::Observer as abs_traits::LoanObserver>::on_change(loan_id, &change);
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
				Self::observe(loan_id, loan.status, LoanStatus::Recovered, owner_paid, loss);
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
				Self::observe(loan_id, loan.status, LoanStatus::WrittenOff, 0, loss);
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
}

/// Ended auctions by end block as a block-keyed [`DayQueue`].
pub(crate) struct SettlementQueue<T>(core::marker::PhantomData<T>);
impl<T: Config> DayQueue for SettlementQueue<T> {
	type Item = LoanId;
	type Index = AuctionEnds<T>;
	type Cursor = SettlementCursor<T>;
	type DbWeight = T::DbWeight;
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
		T::WeightInfo::settle().saturating_add(<T::Observer as abs_traits::LoanObserver>::weight())
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
		T::WeightInfo::settle().saturating_add(<T::Observer as abs_traits::LoanObserver>::weight())
	}
}

/// Unacknowledged orders by deadline as a [`DayQueue`].
pub(crate) struct AckQueue<T>(core::marker::PhantomData<T>);
impl<T: Config> DayQueue for AckQueue<T> {
	type Item = LoanId;
	type Index = AckDeadlines<T>;
	type Cursor = AckCursor<T>;
	type DbWeight = T::DbWeight;
	fn process(day: DayNumber, loan_id: LoanId) -> Weight {
		AckDeadlines::<T>::remove(day, loan_id);
		if let Some(r) = Recoveries::<T>::get(loan_id).filter(|r| r.stage == Stage::Ordered) {
			let _ = frame_support::storage::with_storage_layer(|| {
				Pallet::<T>::do_acknowledge(loan_id, r, None)
			});
		}
		T::WeightInfo::acknowledge()
			.saturating_add(<T::Oracle as abs_traits::ValuationOracle>::read_weight())
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
			.saturating_add(<T::Oracle as abs_traits::ValuationOracle>::read_weight())
	}
}
