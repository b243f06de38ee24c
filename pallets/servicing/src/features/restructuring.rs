//! Restructuring: validating new terms, capitalizing the arrears, applying them.

use crate::{features::work::*, pallet::*, types::*};
use abs_primitives::{LoanId, LoanStatus};
use abs_traits::Today;
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
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
		let servicer_share =
			abs_finance::servicing::share_unpaid(&w.book, arrears_day, w.state.servicing_fee_bps)
				.map_err(|_| Error::<T>::Overflow)?;
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
		w.restructured = true;
		w.notices.push((
			today,
			NoticeKind::Recovery(abs_primitives::RecoveryNotice::Restructured {
				version,
				capitalized,
			}),
		));
		let _ = w.commit(Some(actor))?;
		Self::deposit_event(Event::Restructured {
			loan_id,
			version,
			new_principal,
			capitalized,
			installments,
		});
		Ok(())
	}
}
