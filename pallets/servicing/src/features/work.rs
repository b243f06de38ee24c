//! A loan worked on in memory ([`Work`]) and the fee arithmetic on books.

use crate::{pallet::*, types::*};
use abs_primitives::{DayNumber, Hash, LoanId, LoanStatus};
use abs_traits::{LoanInspect, LoanLifecycle, LoanSummary, Notify};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::pallet_prelude::*;

/// A loan being worked on in memory: every check and computation happens here; nothing is
/// written until [`Work::commit`].
pub(crate) struct Work<T: Config> {
	pub loan_id: LoanId,
	pub loan: LoanSummary<T::AccountId>,
	pub book: abs_finance::Loan,
	pub state: StateOf<T>,
	/// The checkpoint indexed before the work started.
	pub(crate) old_checkpoint: Option<DayNumber>,
	/// Notices to issue, in order.
	pub notices: Vec<(DayNumber, NoticeKind)>,
	/// The status servicing sets, if it changed.
	pub new_status: Option<LoanStatus>,
	/// Outstanding principal and bucket when the work started (for the loan's pool).
	pub(crate) principal_before: abs_primitives::Balance,
	pub(crate) bucket_before: u8,
	/// What a payment brought the owner: (interest net of the servicing fee, scheduled
	/// principal, prepayment).
	pub receipt: (abs_primitives::Balance, abs_primitives::Balance, abs_primitives::Balance),
	/// The terms changed.
	pub restructured: bool,
}

impl<T: Config> Work<T> {
	/// Load a serviced loan.
	pub fn load(loan_id: LoanId) -> Result<Self, DispatchError> {
		let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		let state = States::<T>::get(loan_id).ok_or(Error::<T>::NotServiced)?;
		let book = Books::<T>::get(loan_id).ok_or(Error::<T>::NotServiced)?.to_engine();
		Ok(Work::new(loan_id, loan, book, state))
	}

	/// Work on a loan's book and state as they stand.
	pub fn new(
		loan_id: LoanId,
		loan: LoanSummary<T::AccountId>,
		book: abs_finance::Loan,
		state: StateOf<T>,
	) -> Self {
		Work {
			loan_id,
			loan,
			principal_before: book.outstanding_principal(),
			bucket_before: state.bucket,
			book,
			old_checkpoint: state.next_checkpoint,
			state,
			notices: Vec::new(),
			new_status: None,
			receipt: (0, 0, 0),
			restructured: false,
		}
	}

	pub(crate) fn installments(&self) -> u32 {
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

	/// What changed since the work started, for the loan's pool.
	pub(crate) fn change(&self, today: DayNumber) -> abs_traits::LoanChange {
		let (interest, principal, prepayment) = self.receipt;
		let remaining = self.book.installments.iter().filter(|i| !i.is_settled()).count();
		abs_traits::LoanChange {
			day: today,
			interest,
			principal,
			prepayment,
			recovery: 0,
			loss: 0,
			principal_before: self.principal_before,
			principal_after: if self.state.phase == Phase::Closed {
				0
			} else {
				self.book.outstanding_principal()
			},
			bucket_before: self.bucket_before,
			bucket_after: self.state.bucket,
			status_before: self.loan.status,
			status_after: self.new_status.unwrap_or(self.loan.status),
			restructured: self.restructured,
			remaining_installments: u32::try_from(remaining).unwrap_or(u32::MAX),
			rate: self.book.terms.annual_rate,
			installment: if self.state.phase == Phase::Closed {
				0
			} else {
				self.book.next_installment()
			},
			maturity: self.book.maturity(),
		}
	}

	/// Write the book, the state, the checkpoint index, the status; issue the notices; tell
	/// the loan's pool what changed. Returns the book's installments and the weight telling
	/// the pool used (for refunds: the calls and hooks charge the observer's worst case).
	pub fn commit(
		self,
		actor: Option<T::AccountId>,
	) -> Result<(u32, frame_support::weights::Weight), DispatchError> {
		let installments = self.installments();
		let change = self.change(<T::Today as abs_traits::Today>::today());
		let observed = if change.is_empty() {
			frame_support::weights::Weight::zero()
		} else {
			<T::Observer as abs_traits::LoanObserver>::on_change(self.loan_id, &change)
		};
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
		Ok((installments, observed))
	}
}
