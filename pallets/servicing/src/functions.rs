//! The servicing logic: starting servicing, payments, checkpoint evaluation, the hook, queries
//! and invariants.

use crate::{pallet::*, types::*, WeightInfo};
use abs_finance::{Allocation, LineKind};
use abs_primitives::{days::DayQueue, Balance, DayNumber, Hash, LoanId, LoanStatus};
use abs_traits::{LoanInspect, LoanLifecycle, LoanSummary, Notify, Today};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
		Time,
	},
};

/// A loan being worked on in memory: every check and computation happens here; nothing is
/// written until [`Work::commit`].
pub(crate) struct Work<T: Config> {
	pub loan_id: LoanId,
	pub loan: LoanSummary<T::AccountId>,
	pub book: abs_finance::Loan,
	pub state: StateOf<T>,
	/// The checkpoint indexed before the work started.
	old_checkpoint: Option<DayNumber>,
	/// Notices to issue, in order.
	pub notices: Vec<(DayNumber, NoticeKind)>,
	/// The status servicing sets, if it changed.
	pub new_status: Option<LoanStatus>,
}

impl<T: Config> Work<T> {
	/// Load a serviced loan.
	pub fn load(loan_id: LoanId) -> Result<Self, DispatchError> {
		let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		let state = States::<T>::get(loan_id).ok_or(Error::<T>::NotServiced)?;
		let book = Books::<T>::get(loan_id).ok_or(Error::<T>::NotServiced)?.to_engine();
		Ok(Work {
			loan_id,
			loan,
			book,
			old_checkpoint: state.next_checkpoint,
			state,
			notices: Vec::new(),
			new_status: None,
		})
	}

	fn installments(&self) -> u32 {
		u32::try_from(self.book.installments.len()).unwrap_or(u32::MAX)
	}

	/// Apply everything time-driven up to day `c`: late fees of missed installments whose
	/// `due + grace + 1 ≤ c`, then the bucket (or default) for the dpd on `c`; reschedule.
	pub fn evaluate(&mut self, c: DayNumber) -> Result<(), DispatchError> {
		if self.state.phase != Phase::Performing {
			return Ok(());
		}
		let first = self.book.installments.iter().position(|i| !i.is_settled());
		if let Some(first) = first {
			for k in first..self.book.installments.len() {
				let Some(i) = self.book.installments.get(k) else { break };
				if Self::fee_day(i.due, self.state.grace_days) > c {
					break;
				}
				if i.is_settled() || i.late_fee > 0 {
					continue;
				}
				let amount = self
					.book
					.charge_late_fee(k, self.state.late_fee)
					.map_err(|_| Error::<T>::Finance)?;
				if amount > 0 {
					self.state.late_fees_charged = self
						.state
						.late_fees_charged
						.checked_add(amount)
						.ok_or(Error::<T>::Overflow)?;
					let installment = u32::try_from(k).map_err(|_| Error::<T>::Overflow)?;
					self.notices.push((c, NoticeKind::LateFeeCharged { installment, amount }));
				}
			}
		}
		self.update_bucket(c)
	}

	/// Apply, in order, every checkpoint due by `today` (each on its own day, so a default is
	/// dated on its day and no bucket is skipped), then the bucket for `today`. Bounded: each
	/// evaluation moves the checkpoint forward to the loan's next event (a few per
	/// installment).
	pub fn catch_up(&mut self, today: DayNumber) -> Result<(), DispatchError> {
		while let Some(d) = self.state.next_checkpoint.filter(|d| *d <= today) {
			if self.state.phase != Phase::Performing {
				break;
			}
			self.evaluate(d)?;
		}
		self.update_bucket(today)
	}

	/// Set the bucket (or default) for the dpd on `c`, with a notice on change, and the next
	/// checkpoint.
	pub fn update_bucket(&mut self, c: DayNumber) -> Result<(), DispatchError> {
		if self.state.phase != Phase::Performing {
			return Ok(());
		}
		let dpd = self.book.days_past_due(c);
		let from = self.state.bucket;
		if dpd >= self.state.default_threshold_days.max(1) {
			let debt = self.book.debt(c).map_err(|_| Error::<T>::Finance)?;
			self.state.phase = Phase::Defaulted { on: c, debt };
			self.state.bucket = bucket_of(dpd);
			self.state.next_checkpoint = None;
			self.new_status = Some(LoanStatus::Defaulted);
			self.notices.push((c, NoticeKind::Defaulted { dpd, debt }));
			return Ok(());
		}
		let to = bucket_of(dpd);
		if to != from {
			self.state.bucket = to;
			self.new_status = Some(Pallet::<T>::status_for(Phase::Performing, to, dpd));
			let kind = if to == 0 {
				NoticeKind::Cured { from }
			} else {
				NoticeKind::BucketChanged { from, to, dpd }
			};
			self.notices.push((c, kind));
		}
		self.state.next_checkpoint = self.next_checkpoint(c);
		Ok(())
	}

	fn fee_day(due: DayNumber, grace: u32) -> DayNumber {
		due.saturating_add(grace).saturating_add(1)
	}

	/// The first day after `c` on which something can happen to the loan: a bucket day or the
	/// default day of the oldest unsettled installment, or the late-fee day of the first
	/// unsettled installment not yet charged. `None` once every installment is settled.
	pub fn next_checkpoint(&self, c: DayNumber) -> Option<DayNumber> {
		let first = self.book.installments.iter().position(|i| !i.is_settled())?;
		let due = self.book.installments.get(first)?.due;
		let mut next: Option<DayNumber> = None;
		let mut consider = |d: DayNumber| {
			if d > c {
				next = Some(next.map_or(d, |n| n.min(d)));
			}
		};
		for offset in BUCKET_STARTS.iter().copied().chain([self.state.default_threshold_days]) {
			consider(due.saturating_add(offset));
		}
		if let Some(i) = self.book.installments.iter().skip(first).find(|i| {
			!i.is_settled() && i.late_fee == 0 && Self::fee_day(i.due, self.state.grace_days) > c
		}) {
			consider(Self::fee_day(i.due, self.state.grace_days));
		}
		next
	}

	/// Write the book, the state, the checkpoint index, the status; issue the notices.
	pub fn commit(self, actor: Option<T::AccountId>) -> Result<u32, DispatchError> {
		let installments = self.installments();
		let book = Book::from_engine(&self.book).ok_or(Error::<T>::TooManyInstallments)?;
		if let Some(status) = self.new_status {
			if status != self.loan.status {
				let data = (self.loan_id, self.state.bucket, self.state.phase).encode();
				T::Lifecycle::set_status(
					self.loan_id,
					status,
					actor,
					Hash::from(sp_io::hashing::blake2_256(&data)),
				)?;
			}
		}
		if self.old_checkpoint != self.state.next_checkpoint {
			if let Some(d) = self.old_checkpoint {
				Checkpoints::<T>::remove(d, self.loan_id);
			}
			if let Some(d) = self.state.next_checkpoint {
				Checkpoints::<T>::insert(d, self.loan_id, ());
			}
		}
		for (day, kind) in &self.notices {
			T::Notify::notify(abs_primitives::NoticeSubject::Loan(self.loan_id), *day, *kind);
		}
		Books::<T>::insert(self.loan_id, book);
		States::<T>::insert(self.loan_id, self.state);
		Ok(installments)
	}
}

/// The servicing fee taken by an allocation: for each installment whose interest it paid,
/// the part of the period's fee (`fee_k`) not yet covered by interest paid before:
/// `min(fee_k, paid after) − min(fee_k, paid before)`. The fee is thus taken once per period
/// from the interest collected, however it is paid.
pub(crate) fn servicing_fee_of(
	before: &abs_finance::Loan,
	after: &abs_finance::Loan,
	allocation: &Allocation,
	fee_bps: u32,
) -> Option<Balance> {
	let mut fee: Balance = 0;
	for line in allocation.lines.iter().filter(|l| l.kind == LineKind::Interest) {
		let k = usize::try_from(line.installment).ok()?;
		let fee_k = before.servicing_fee(k, fee_bps).ok()?;
		let paid_before = before.installments.get(k)?.paid_interest;
		let paid_after = after.installments.get(k)?.paid_interest;
		fee = fee.checked_add(fee_k.min(paid_after).saturating_sub(fee_k.min(paid_before)))?;
	}
	Some(fee)
}

/// What of a book's arrears on `day` belongs to the servicer: unpaid late fees and, for each
/// installment due before `day`, the servicing fee not yet taken from its interest.
pub(crate) fn servicer_share_unpaid(
	book: &abs_finance::Loan,
	day: DayNumber,
	fee_bps: u32,
) -> Option<Balance> {
	let mut fees = book.unpaid_late_fees();
	for (k, i) in book.installments.iter().enumerate().filter(|(_, i)| i.due < day) {
		let fee_k = book.servicing_fee(k, fee_bps).ok()?;
		fees =
			fees.checked_add(fee_k.min(i.interest).saturating_sub(fee_k.min(i.paid_interest)))?;
	}
	Some(fees)
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
		let mut w = Work::<T> {
			loan_id,
			loan,
			book,
			state,
			old_checkpoint: None,
			notices: Vec::new(),
			new_status: None,
		};
		// From the start of the schedule: a loan activated late catches up at once.
		let today = T::Today::today();
		w.state.next_checkpoint = w.next_checkpoint(w.book.start);
		w.catch_up(today)?;
		let first_checkpoint = w.state.next_checkpoint.unwrap_or_default();
		let payment = w.book.payment;
		let installments = w.commit(None)?;
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
	) -> DispatchResult {
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
		let servicing_fee =
			servicing_fee_of(&before, &w.book, &allocation, w.state.servicing_fee_bps)
				.ok_or(Error::<T>::Overflow)?;
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
		let seq = w.state.payments;
		let next_seq = seq.checked_add(1).ok_or(Error::<T>::TooManyPayments)?;
		if source == PaymentSource::OnChain {
			let asset = w.loan.asset;
			ensure!(
				T::Assets::reducible_balance(
					asset,
					&payer,
					Preservation::Expendable,
					Fortitude::Polite
				) >= amount,
				Error::<T>::InsufficientBalance
			);
			for (to, part) in [(&w.loan.owner, to_owner), (&w.loan.servicer, to_servicer)] {
				if part > 0 && *to != payer {
					T::Assets::transfer(asset, &payer, to, part, Preservation::Expendable)?;
				}
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
		let (w_borrower, w_servicer) = (w.loan.borrower.clone(), w.loan.servicer.clone());
		w.commit(Some(payer.clone()))?;
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
		Ok(())
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

	/// Check that `terms` restructure loan `loan_id` today: serviced and not closed, first
	/// due date after today, accepted by the finance engine.
	pub(crate) fn validate_restructuring(
		loan_id: LoanId,
		terms: &RestructureTerms,
	) -> Result<abs_finance::Loan, DispatchError> {
		let today = T::Today::today();
		let mut w = Work::<T>::load(loan_id)?;
		ensure!(w.state.phase != Phase::Closed, Error::<T>::LoanClosed);
		ensure!(
			terms.first_due.to_day_number().is_some_and(|d| d > today),
			Error::<T>::FirstDueNotInFuture
		);
		w.catch_up(today)?;
		let new = Self::restructured(&w, terms)?;
		ensure!(
			new.installments.len() <= T::MaxInstallments::get() as usize,
			Error::<T>::TooManyInstallments
		);
		// The loan's fixed late fee stays at most the smallest new installment.
		if let abs_finance::LateFee::Fixed(fee) = w.state.late_fee {
			let smallest = new
				.installments
				.iter()
				.map(|i| i.interest.saturating_add(i.principal))
				.min()
				.unwrap_or(0);
			ensure!(fee <= smallest, Error::<T>::LateFeeTooLarge);
		}
		Ok(new)
	}

	/// The new book: arrears as of today (as of the default day once defaulted: interest
	/// stopped there) capitalized into the new principal.
	fn restructured(
		w: &Work<T>,
		terms: &RestructureTerms,
	) -> Result<abs_finance::Loan, DispatchError> {
		let day = match w.state.phase {
			Phase::Defaulted { on, .. } => on,
			_ => T::Today::today(),
		};
		let t = abs_finance::Terms {
			principal: 0,
			annual_rate: terms.annual_rate,
			periods: terms.periods,
			amortization: terms.amortization,
			day_count: terms.day_count,
			first_due: terms.first_due,
		};
		w.book.restructure(day, t).map_err(|_| Error::<T>::Finance.into())
	}

	/// Apply an approved restructuring: keep the old book as a version, start the new one
	/// current (dpd 0) with its checkpoint, status Active.
	pub(crate) fn do_restructure(
		loan_id: LoanId,
		terms: RestructureTerms,
		actor: T::AccountId,
	) -> DispatchResult {
		let today = T::Today::today();
		let mut w = Work::<T>::load(loan_id)?;
		w.catch_up(today)?;
		let new = Self::restructured(&w, &terms)?;
		let old = Book::<T::MaxInstallments>::from_engine(&w.book)
			.ok_or(Error::<T>::TooManyInstallments)?;
		let capitalized = new
			.terms
			.principal
			.checked_sub(w.book.outstanding_principal())
			.ok_or(Error::<T>::Overflow)?;
		let version = w.state.version.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let arrears_day = match w.state.phase {
			Phase::Defaulted { on, .. } => on,
			_ => today,
		};
		// The servicer's unpaid fees become principal: it keeps a claim on them.
		let servicer_share = servicer_share_unpaid(&w.book, arrears_day, w.state.servicing_fee_bps)
			.ok_or(Error::<T>::Overflow)?;
		w.state.servicer_arrears =
			w.state.servicer_arrears.checked_add(servicer_share).ok_or(Error::<T>::Overflow)?;
		BookVersions::<T>::insert(loan_id, w.state.version, old);
		PendingRestructurings::<T>::remove(loan_id);
		let new_principal = new.terms.principal;
		let installments = u32::try_from(new.installments.len()).unwrap_or(u32::MAX);
		w.book = new;
		w.state.version = version;
		w.state.phase = Phase::Performing;
		w.state.bucket = 0;
		w.state.next_checkpoint = w.next_checkpoint(today);
		w.new_status = Some(LoanStatus::Active);
		w.notices.push((
			today,
			NoticeKind::Recovery(abs_primitives::RecoveryNotice::Restructured {
				version,
				capitalized,
			}),
		));
		w.commit(Some(actor))?;
		Self::deposit_event(Event::Restructured {
			loan_id,
			version,
			new_principal,
			capitalized,
			installments,
		});
		Ok(())
	}

	/// What of a defaulted loan's debt the servicer is owed: unpaid late fees and, for each
	/// installment due before the default day, the servicing fee not yet taken from its
	/// interest.
	pub fn servicer_fees_at_default(loan_id: LoanId) -> Option<(DayNumber, Balance, Balance)> {
		let s = States::<T>::get(loan_id)?;
		let Phase::Defaulted { on, debt } = s.phase else { return None };
		let book = Books::<T>::get(loan_id)?.to_engine();
		let fees = servicer_share_unpaid(&book, on, s.servicing_fee_bps)?
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
	/// (for the weight). A failure rolls the loan back and retries it the next day.
	pub(crate) fn process_checkpoint(day: DayNumber, loan_id: LoanId) -> u32 {
		let result =
			frame_support::storage::with_storage_layer(|| -> Result<u32, DispatchError> {
				let mut w = Work::<T>::load(loan_id)?;
				if w.state.next_checkpoint != Some(day) {
					// Not this loan's checkpoint (cannot happen: every move re-indexes).
					Checkpoints::<T>::remove(day, loan_id);
					return Ok(w.installments());
				}
				w.evaluate(day)?;
				w.commit(None)
			});
		match result {
			Ok(n) => n,
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
				T::MaxInstallments::get()
			}
		}
	}

	/// A loan's book and state as of `day`: what the hook (or a payment) would apply by then
	/// — late fees, bucket, default — applied in memory. Queries use it so that they never
	/// show a stale amount while the hook is behind (it runs before the block's timestamp).
	fn projected(loan_id: LoanId, day: DayNumber) -> Option<Work<T>> {
		let mut w = Work::<T>::load(loan_id).ok()?;
		w.catch_up(day).ok()?;
		Some(w)
	}

	/// What is due on `day` for loan `loan_id`.
	pub fn due_on(loan_id: LoanId, asked: DayNumber) -> Option<DueView> {
		let w = Self::projected(loan_id, asked)?;
		let book = &w.book;
		// Once defaulted, the amounts stand as of the default day (interest stopped); the day
		// and the days past due are still those asked about.
		let (day, debt, default_day) = match w.state.phase {
			Phase::Defaulted { on, debt } => (on, Some(debt), Some(on)),
			_ => (asked, None, None),
		};
		let mut overdue: Balance = 0;
		for i in book.installments.iter().filter(|i| i.due < day) {
			overdue =
				overdue.saturating_add(i.unpaid_interest()).saturating_add(i.unpaid_principal());
		}
		let late_fees = book.unpaid_late_fees();
		let current = book.current_index(day).and_then(|c| {
			let i = book.installments.get(c)?;
			Some((
				u32::try_from(c).ok()?,
				i.due,
				i.unpaid_interest().saturating_add(i.unpaid_principal()),
			))
		});
		let due_today = current.filter(|(_, due, _)| *due == day).map_or(0, |(_, _, a)| a);
		let (dpd, payoff) = match w.state.phase {
			Phase::Closed => (0, 0),
			Phase::Defaulted { debt, .. } => (book.days_past_due(asked), debt),
			Phase::Performing => (book.days_past_due(day), book.payoff(day).ok()?),
		};
		Some(DueView {
			day: asked,
			default_day,
			days_past_due: dpd,
			bucket: bucket_of(dpd),
			overdue,
			late_fees,
			current,
			due_now: debt.unwrap_or(overdue.saturating_add(late_fees).saturating_add(due_today)),
			payoff,
		})
	}

	/// What closes loan `loan_id` on `day` (`None` if not serviced or closed; the debt once
	/// defaulted, including a default the hook has not applied yet).
	pub fn payoff_on(loan_id: LoanId, day: DayNumber) -> Option<Balance> {
		let w = Self::projected(loan_id, day)?;
		match w.state.phase {
			Phase::Closed => None,
			Phase::Defaulted { debt, .. } => Some(debt),
			Phase::Performing => w.book.payoff(day).ok(),
		}
	}

	/// Payment records `from..from + limit` of a loan.
	pub fn payments(loan_id: LoanId, from: u32, limit: u32) -> Vec<(u32, PaymentRecordOf<T>)> {
		let end = States::<T>::get(loan_id).map_or(0, |s| s.payments);
		(from..end.min(from.saturating_add(limit)))
			.filter_map(|seq| Payments::<T>::get(loan_id, seq).map(|p| (seq, p)))
			.collect()
	}

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

/// The checkpoint index as a [`DayQueue`].
pub(crate) struct CheckpointQueue<T>(core::marker::PhantomData<T>);
impl<T: Config> DayQueue for CheckpointQueue<T> {
	type Item = LoanId;
	fn cursor() -> Option<DayNumber> {
		CheckpointCursor::<T>::get()
	}
	fn set_cursor(day: DayNumber) {
		CheckpointCursor::<T>::put(day)
	}
	fn due(day: DayNumber, n: u32) -> Vec<LoanId> {
		Checkpoints::<T>::iter_key_prefix(day).take(n as usize).collect()
	}
	fn is_done(day: DayNumber) -> bool {
		Checkpoints::<T>::iter_key_prefix(day).next().is_none()
	}
	fn process(day: DayNumber, loan_id: LoanId) -> Weight {
		T::WeightInfo::checkpoint(Pallet::<T>::process_checkpoint(day, loan_id))
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
	}
	fn cursor_read() -> Weight {
		T::DbWeight::get().reads(1)
	}
	fn cursor_write() -> Weight {
		T::DbWeight::get().writes(1)
	}
}
