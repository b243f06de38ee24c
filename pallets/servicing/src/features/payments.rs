//! Starting servicing, payments (on chain and off chain) and off-chain payoffs held for the owner.

use crate::{features::work::*, pallet::*, types::*};
use abs_primitives::{Balance, Hash, LoanId, LoanStatus};
use abs_traits::{LoanInspect, Today};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
		Time,
	},
};

/// What a payment worked on, for its actual weight: the book's installments (the larger of
/// before and after) and whether it cured a default (recovery's work).
pub(crate) struct PaymentWork {
	pub installments: u32,
	pub cured_default: bool,
	/// What telling the loan's pool used (its monitors' evaluation included).
	pub observed: Weight,
}

impl PaymentWork {
	/// The weight of this payment from the weight function of its call (`per_book(n)`).
	pub fn weight<T: Config>(&self, per_book: impl Fn(u32) -> Weight) -> Weight {
		let cure = if self.cured_default {
			<T::Recovery as abs_traits::OnDefaultCured>::weight()
		} else {
			Weight::zero()
		};
		per_book(self.installments).saturating_add(cure).saturating_add(self.observed)
	}
}

impl<T: Config> Pallet<T> {
	/// Start servicing loan `loan_id`, just activated: compute and store its schedule and
	/// index its first checkpoint.
	pub(crate) fn do_start(loan_id: LoanId) -> DispatchResult {
		let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(!States::<T>::contains_key(loan_id), Error::<T>::AlreadyServiced);
		let book = abs_finance::Loan::new(loan.terms.schedule).map_err(|_| Error::<T>::Finance)?;
		ensure!(
			book.installments.len() <= T::MaxInstallments::get() as usize,
			Error::<T>::TooManyInstallments
		);
		let t = loan.terms;
		let state = ServicingState {
			originator: loan.originator.clone(),
			grace_days: t.grace_days,
			late_fee: t.late_fee,
			default_threshold_days: t.default_threshold_days,
			servicing_fee_bps: t.servicing_fee_bps,
			phase: Phase::Performing,
			bucket: 0,
			next_checkpoint: None,
			payments: 0,
			paid: 0,
			to_owner: 0,
			to_servicer: 0,
			late_fees_charged: 0,
			version: 0,
			servicer_arrears: 0,
		};
		let mut w = Work::<T>::new(loan_id, loan, book, state);
		// From the start of the schedule: a loan activated late catches up at once.
		let today = T::Today::today();
		w.state.next_checkpoint = w.next_checkpoint(w.book.start);
		w.catch_up(today)?;
		let first_checkpoint = w.state.next_checkpoint.unwrap_or_default();
		let payment = w.book.payment;
		let (installments, _) = w.commit(None)?;
		Self::deposit_event(Event::ServicingStarted {
			loan_id,
			installments,
			payment,
			first_checkpoint,
		});
		Ok(())
	}

	/// Allocate a payment of `amount` by `payer` on today; move the money (on-chain) and
	/// record it.
	pub(crate) fn do_pay(
		loan_id: LoanId,
		payer: T::AccountId,
		amount: Balance,
		source: PaymentSource,
	) -> Result<PaymentWork, DispatchError> {
		let today = T::Today::today();
		let mut w = Work::<T>::load(loan_id)?;
		ensure!(w.state.phase != Phase::Closed, Error::<T>::LoanClosed);
		// Catch up on anything time-driven the hook has not reached yet.
		w.catch_up(today)?;
		let before = w.book.clone();
		let before_phase = w.state.phase;
		let allocation = match w.state.phase {
			Phase::Defaulted { on, debt } => {
				ensure!(amount <= debt, Error::<T>::BeyondPayoff);
				ensure!(amount == debt, Error::<T>::DefaultedPartialPayment);
				w.book.settle(on).map_err(|_| Error::<T>::Finance)?
			}
			_ => w.book.allocate(today, amount).map_err(|e| match e {
				abs_finance::Error::BeyondPayoff { .. } => Error::<T>::BeyondPayoff,
				abs_finance::Error::ZeroPayment => Error::<T>::ZeroAmount,
				abs_finance::Error::LoanClosed => Error::<T>::LoanClosed,
				_ => Error::<T>::Finance,
			})?,
		};
		let servicing_fee = abs_finance::servicing::fee_taken(
			&before,
			&w.book,
			&allocation,
			w.state.servicing_fee_bps,
		)
		.map_err(|_| Error::<T>::Overflow)?;
		// Servicer fees capitalized by a restructuring come first out of the owner's part.
		let abs_finance::distribution::Split { to_owner, to_servicer, arrears_paid: carried } =
			abs_finance::distribution::split_payment(
				amount,
				servicing_fee,
				allocation.late_fees,
				w.state.servicer_arrears,
			)
			.map_err(|_| Error::<T>::Overflow)?;
		w.state.servicer_arrears = w.state.servicer_arrears.saturating_sub(carried);
		w.receipt = (
			allocation.interest.saturating_sub(servicing_fee),
			allocation.principal,
			allocation.prepayment,
		);
		let seq = w.state.payments;
		let next_seq = seq.checked_add(1).ok_or(Error::<T>::TooManyPayments)?;
		// On chain the payer pays both parts. Off chain the servicer collected the money; a
		// keyless owner (a pool) is paid its part on chain in the same extrinsic, or the
		// record is refused: a pool never counts cash it does not have.
		let moves: &[(&T::AccountId, Balance)] = match source {
			PaymentSource::OnChain => &[(&w.loan.owner, to_owner), (&w.loan.servicer, to_servicer)],
			_ if w.loan.owner_agent.is_some() => &[(&w.loan.owner, to_owner)],
			_ => &[],
		};
		let asset = w.loan.asset;
		// The payer backs what it pays (on chain: the whole payment, also a part to itself).
		let due = moves.iter().fold(0u128, |a, (_, part)| a.saturating_add(*part));
		if due > 0 {
			ensure!(
				T::Assets::reducible_balance(
					asset,
					&payer,
					Preservation::Expendable,
					Fortitude::Polite
				) >= due,
				Error::<T>::InsufficientBalance
			);
		}
		for (to, part) in moves {
			if *part > 0 && **to != payer {
				T::Assets::transfer(asset, &payer, to, *part, Preservation::Expendable)?;
			}
		}
		if allocation.closed {
			w.state.phase = Phase::Closed;
			w.state.next_checkpoint = None;
			w.state.bucket = 0;
			w.new_status = Some(LoanStatus::PaidOff);
			w.notices.push((today, NoticeKind::PaidOff));
		} else {
			w.update_bucket(today)?;
		}
		let s = &mut w.state;
		s.payments = next_seq;
		s.paid = s.paid.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		s.to_owner = s.to_owner.checked_add(to_owner).ok_or(Error::<T>::Overflow)?;
		s.to_servicer = s.to_servicer.checked_add(to_servicer).ok_or(Error::<T>::Overflow)?;
		let record = PaymentRecord {
			payer: payer.clone(),
			source,
			amount,
			interest: allocation.interest,
			principal: allocation.principal,
			late_fees: allocation.late_fees,
			prepayment: allocation.prepayment,
			servicing_fee,
			servicer_arrears: carried,
			to_owner,
			to_servicer,
			closed: allocation.closed,
			day: today,
			block: frame_system::Pallet::<T>::block_number(),
			timestamp: T::Time::now(),
		};
		let cured_default = matches!(before_phase, Phase::Defaulted { .. }) && allocation.closed;
		let installments = u32::try_from(before.installments.len().max(w.book.installments.len()))
			.unwrap_or(u32::MAX);
		let (w_borrower, w_servicer) = (w.loan.borrower.clone(), w.loan.servicer.clone());
		let (_, observed) = w.commit(Some(payer.clone()))?;
		Payments::<T>::insert(loan_id, seq, record);
		// A payment by the borrower or the servicer before the last approval voids a pending
		// restructuring (the terms were agreed on other arrears); anyone else's does not.
		let voids = payer == w_borrower || payer == w_servicer || allocation.closed;
		if voids && PendingRestructurings::<T>::take(loan_id).is_some() {
			Self::deposit_event(Event::RestructuringVoided { loan_id });
		}
		if allocation.closed {
			PendingPayoffs::<T>::remove(loan_id);
		}
		// A defaulted loan paid off: recovery cancels its auction and refunds the bids.
		if cured_default {
			<T::Recovery as abs_traits::OnDefaultCured>::on_paid_off(loan_id)?;
		}
		Self::deposit_event(Event::PaymentReceived {
			loan_id,
			seq,
			payer,
			source,
			amount,
			to_owner,
			to_servicer,
			closed: allocation.closed,
		});
		Ok(PaymentWork { installments, cured_default, observed })
	}

	/// An off-chain payment by `servicer` that would pay off defaulted loan `loan_id` (no money
	/// moves on chain): checked like a payment, then held for the owner to confirm.
	pub(crate) fn do_hold_offchain_payoff(
		loan_id: LoanId,
		servicer: T::AccountId,
		amount: Balance,
		reference: Hash,
	) -> DispatchResult {
		let mut w = Work::<T>::load(loan_id)?;
		w.catch_up(T::Today::today())?;
		let Phase::Defaulted { debt, .. } = w.state.phase else {
			return Err(Error::<T>::NotDefaulted.into());
		};
		ensure!(amount <= debt, Error::<T>::BeyondPayoff);
		ensure!(amount == debt, Error::<T>::DefaultedPartialPayment);
		let day = T::Today::today();
		PendingPayoffs::<T>::insert(
			loan_id,
			PendingPayoff { servicer: servicer.clone(), amount, reference, day },
		);
		Self::deposit_event(Event::OffchainPayoffAwaitsOwner {
			loan_id,
			servicer,
			amount,
			reference,
		});
		Ok(())
	}

	/// Whether loan `loan_id` is in default as of today (applied by the hook or not yet).
	pub(crate) fn is_defaulted(loan_id: LoanId) -> bool {
		Self::projected(loan_id, T::Today::today())
			.is_some_and(|w| matches!(w.state.phase, Phase::Defaulted { .. }))
	}
}
