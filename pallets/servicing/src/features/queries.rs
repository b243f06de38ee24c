//! Queries: what is due and what closes a loan on a day, payment records.

use crate::{features::work::*, pallet::*, types::*};
use abs_primitives::{Balance, DayNumber, LoanId};
use alloc::vec::Vec;

impl<T: Config> Pallet<T> {
	/// A loan's book and state as of `day`: what the hook (or a payment) would apply by then
	/// — late fees, bucket, default — applied in memory. Queries use it so that they never
	/// show a stale amount while the hook is behind (it runs at most a bounded number of days per block).
	pub(crate) fn projected(loan_id: LoanId, day: DayNumber) -> Option<Work<T>> {
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
}
