//! What clients see of servicing (served by the runtime API `ServicingApi`): each view built
//! here from the pallet's own storage, so the runtime only delegates.

use crate::{pallet::*, DueView, PaymentSource, Phase};
use abs_finance::InstallmentState;
use abs_primitives::{Balance, DayNumber, LoanId};
use abs_traits::Today;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// A loan's schedule with what has been paid against each installment.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ScheduleView {
	/// The level payment (0 for interest-only and bullet).
	pub payment: Balance,
	/// The start of the first period.
	pub start: DayNumber,
	pub installments: Vec<InstallmentState>,
}

/// A loan's servicing state with what is due today.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ServicingView<AccountId> {
	pub loan_id: LoanId,
	pub phase: Phase,
	pub bucket: u8,
	pub next_checkpoint: Option<DayNumber>,
	pub payments: u32,
	pub paid: Balance,
	pub to_owner: Balance,
	pub to_servicer: Balance,
	pub late_fees_charged: Balance,
	/// Credit bureaus following the loan, and following its originator.
	pub bureaus: Vec<AccountId>,
	pub originator_bureaus: Vec<AccountId>,
	/// What is due today.
	pub today: DueView,
}

/// A payment record.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct PaymentView<AccountId> {
	pub seq: u32,
	pub payer: AccountId,
	pub source: PaymentSource,
	pub amount: Balance,
	pub interest: Balance,
	pub principal: Balance,
	pub late_fees: Balance,
	pub prepayment: Balance,
	pub servicing_fee: Balance,
	pub to_owner: Balance,
	pub to_servicer: Balance,
	pub closed: bool,
	pub day: DayNumber,
	pub block: u32,
	pub timestamp: u64,
}

impl<T: Config> Pallet<T> {
	/// Loan `id`'s schedule with what was paid against each installment.
	pub fn schedule_view(id: LoanId) -> Option<ScheduleView> {
		let book = Books::<T>::get(id)?.to_engine();
		Some(ScheduleView {
			payment: book.payment,
			start: book.start,
			installments: book.installments,
		})
	}

	/// Loan `id`'s servicing state and what is due today.
	pub fn servicing_view(id: LoanId) -> Option<ServicingView<T::AccountId>> {
		let s = States::<T>::get(id)?;
		let today = Self::due_on(id, T::Today::today())?;
		Some(ServicingView {
			loan_id: id,
			phase: s.phase,
			bucket: s.bucket,
			next_checkpoint: s.next_checkpoint,
			payments: s.payments,
			paid: s.paid,
			to_owner: s.to_owner,
			to_servicer: s.to_servicer,
			late_fees_charged: s.late_fees_charged,
			bureaus: LoanBureaus::<T>::get(id).into_inner(),
			originator_bureaus: OriginatorBureaus::<T>::get(&s.originator).into_inner(),
			today,
		})
	}

	/// Payment records `from..from + limit` of loan `id`.
	pub fn payments_view(id: LoanId, from: u32, limit: u32) -> Vec<PaymentView<T::AccountId>> {
		use sp_runtime::traits::UniqueSaturatedInto;
		Self::payments(id, from, limit)
			.into_iter()
			.map(|(seq, p)| PaymentView {
				seq,
				payer: p.payer,
				source: p.source,
				amount: p.amount,
				interest: p.interest,
				principal: p.principal,
				late_fees: p.late_fees,
				prepayment: p.prepayment,
				servicing_fee: p.servicing_fee,
				to_owner: p.to_owner,
				to_servicer: p.to_servicer,
				closed: p.closed,
				day: p.day,
				block: p.block.unique_saturated_into(),
				timestamp: p.timestamp,
			})
			.collect()
	}
}
