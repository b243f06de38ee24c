//! A loan's book: installments with what has been paid against them, late fees, and the
//! operations of `shared/domain.md` (Payments; Delinquency): allocation of a payment, payoff,
//! days past due, late fees, servicing fees, restructuring.
//!
//! Definitions used throughout (the reference model uses the same):
//! - an installment is **settled** once its interest and principal are paid (fees aside);
//! - on day `t`, an installment is **overdue** if unsettled with `due < t`; the **current**
//!   installment is the first whose `due ≥ t`;
//! - `payoff(t)` = unpaid late fees + unpaid interest and principal of overdue installments +
//!   unpaid principal of the others + interest accrued on that principal from the last due day
//!   before `t` (or the start) to `t` under the day count, half-up, less interest already paid
//!   on the current installment (never below zero). Before the first period starts nothing
//!   has accrued.

use crate::{
	math::{self, mul_div, Rounding},
	schedule::{
		accrued_interest, amortize_interest_only, amortize_level, periods_of, Installment,
		Schedule, Terms,
	},
	Amortization, Amount, CalendarDate, DayCount, DayNumber, Error, Result, RATE_ONE,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// A late fee: fixed, or a share of the installment's scheduled interest + principal (half-up).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum LateFee {
	/// A fixed amount per missed installment.
	Fixed(Amount),
	/// Parts per 10¹⁸ of the installment's scheduled interest + principal.
	Percent(u64),
}

/// An installment and what has been paid against it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct InstallmentState {
	/// Due day.
	pub due: DayNumber,
	/// Scheduled interest.
	pub interest: Amount,
	/// Scheduled principal.
	pub principal: Amount,
	/// Interest paid.
	pub paid_interest: Amount,
	/// Principal paid.
	pub paid_principal: Amount,
	/// Late fee charged (0 if none).
	pub late_fee: Amount,
	/// Late fee paid.
	pub paid_late_fee: Amount,
}

impl InstallmentState {
	fn new(i: Installment) -> Self {
		InstallmentState {
			due: i.due,
			interest: i.interest,
			principal: i.principal,
			paid_interest: 0,
			paid_principal: 0,
			late_fee: 0,
			paid_late_fee: 0,
		}
	}

	/// Interest still owed.
	pub fn unpaid_interest(&self) -> Amount {
		self.interest.saturating_sub(self.paid_interest)
	}

	/// Principal still owed.
	pub fn unpaid_principal(&self) -> Amount {
		self.principal.saturating_sub(self.paid_principal)
	}

	/// Late fee still owed.
	pub fn unpaid_late_fee(&self) -> Amount {
		self.late_fee.saturating_sub(self.paid_late_fee)
	}

	/// Interest and principal paid (late fees aside).
	pub fn is_settled(&self) -> bool {
		self.unpaid_interest() == 0 && self.unpaid_principal() == 0
	}
}

/// What a line of an allocation paid.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum LineKind {
	/// Scheduled interest of an installment (or accrued interest at payoff).
	Interest,
	/// Scheduled principal of an installment.
	Principal,
	/// A late fee.
	LateFee,
	/// Principal paid ahead of the schedule.
	Prepayment,
}

/// One line of an allocation.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct AllocationLine {
	/// Index of the installment the line pays.
	pub installment: u32,
	/// What it pays.
	pub kind: LineKind,
	/// How much.
	pub amount: Amount,
}

/// How a payment was split.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Allocation {
	/// Line by line, in allocation order.
	pub lines: Vec<AllocationLine>,
	/// Total interest paid.
	pub interest: Amount,
	/// Total scheduled principal paid.
	pub principal: Amount,
	/// Total late fees paid.
	pub late_fees: Amount,
	/// Principal prepaid.
	pub prepayment: Amount,
	/// Whether the payment closed the loan (payoff).
	pub closed: bool,
}

impl Allocation {
	fn push(&mut self, installment: usize, kind: LineKind, amount: Amount) -> Result<()> {
		if amount == 0 {
			return Ok(());
		}
		let total = match kind {
			LineKind::Interest => &mut self.interest,
			LineKind::Principal => &mut self.principal,
			LineKind::LateFee => &mut self.late_fees,
			LineKind::Prepayment => &mut self.prepayment,
		};
		*total = math::add(*total, amount)?;
		let installment = u32::try_from(installment).map_err(|_| Error::Overflow)?;
		self.lines.push(AllocationLine { installment, kind, amount });
		Ok(())
	}

	/// The sum of every line: equals the payment.
	pub fn total(&self) -> Amount {
		self.interest
			.saturating_add(self.principal)
			.saturating_add(self.late_fees)
			.saturating_add(self.prepayment)
	}
}

/// A loan's book.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Loan {
	/// The terms the schedule was computed from.
	pub terms: Terms,
	/// The level payment (0 for interest-only and bullet).
	pub payment: Amount,
	/// The start of the first period.
	pub start: DayNumber,
	/// Installments in due order.
	pub installments: Vec<InstallmentState>,
}

impl Loan {
	/// A new loan from its terms (schedule computed, nothing paid).
	pub fn new(terms: Terms) -> Result<Self> {
		let s = Schedule::new(&terms)?;
		Ok(Loan {
			terms,
			payment: s.payment,
			start: s.start,
			installments: s.installments.into_iter().map(InstallmentState::new).collect(),
		})
	}

	/// Whether everything is paid: installments settled and no late fee owed.
	pub fn is_closed(&self) -> bool {
		self.installments.iter().all(|i| i.is_settled() && i.unpaid_late_fee() == 0)
	}

	/// Index of the current installment on `day` (the first with `due ≥ day`), if any.
	pub fn current_index(&self, day: DayNumber) -> Option<usize> {
		self.installments.iter().position(|i| i.due >= day)
	}

	/// Days past due on `day`: `day − due` of the oldest unsettled installment due before `day`.
	pub fn days_past_due(&self, day: DayNumber) -> u32 {
		self.installments
			.iter()
			.find(|i| !i.is_settled())
			.filter(|i| i.due < day)
			.map_or(0, |i| day.saturating_sub(i.due))
	}

	/// Unpaid principal of every installment.
	pub fn outstanding_principal(&self) -> Amount {
		self.installments.iter().map(|i| i.unpaid_principal()).fold(0, Amount::saturating_add)
	}

	/// Late fees charged and not paid.
	pub fn unpaid_late_fees(&self) -> Amount {
		self.installments.iter().map(|i| i.unpaid_late_fee()).fold(0, Amount::saturating_add)
	}

	/// The last due day before `day`, or the start.
	fn last_due_before(&self, day: DayNumber) -> DayNumber {
		self.installments.iter().rev().map(|i| i.due).find(|&d| d < day).unwrap_or(self.start)
	}

	/// The parts of `payoff(day)`: (overdue interest+principal, fees, non-overdue principal,
	/// accrued interest net of what was paid on the current installment).
	fn payoff_parts(&self, day: DayNumber) -> Result<(Amount, Amount, Amount, Amount)> {
		let mut overdue = 0;
		let mut principal = 0;
		for i in &self.installments {
			if i.due < day {
				overdue =
					math::add(overdue, math::add(i.unpaid_interest(), i.unpaid_principal())?)?;
			} else {
				principal = math::add(principal, i.unpaid_principal())?;
			}
		}
		let last = self.last_due_before(day);
		let accrued = if self.terms.day_count == DayCount::Thirty360
			&& self.installments.iter().any(|i| i.due == day)
		{
			// On a due day the period is whole months under 30/360: Jan 31 → Feb 28 is one
			// month (1/12 of a year, as the schedule counts it) though its day count is 28.
			let (a, b) = (CalendarDate::from_day_number(last), CalendarDate::from_day_number(day));
			let months = (i64::from(b.year).saturating_sub(i64::from(a.year)))
				.saturating_mul(12)
				.saturating_add(i64::from(b.month))
				.saturating_sub(i64::from(a.month));
			let months = u128::try_from(months.max(0)).map_err(|_| Error::Overflow)?;
			let rate_months =
				u128::from(self.terms.annual_rate).checked_mul(months).ok_or(Error::Overflow)?;
			mul_div(principal, rate_months, RATE_ONE * 12, Rounding::HalfUp)?
		} else {
			accrued_interest(self.terms.day_count, self.terms.annual_rate, principal, last, day)?
		};
		let paid_on_current = self
			.current_index(day)
			.and_then(|c| self.installments.get(c))
			.map_or(0, |i| i.paid_interest);
		Ok((overdue, self.unpaid_late_fees(), principal, accrued.saturating_sub(paid_on_current)))
	}

	/// Interest owed on `day`: unpaid interest of installments due before it and interest
	/// accrued since the last due day — the payoff less fees and unpaid principal.
	pub fn interest_owed(&self, day: DayNumber) -> Result<Amount> {
		let (overdue, _fees, principal, accrued) = self.payoff_parts(day)?;
		Ok(math::add(overdue, math::add(principal, accrued)?)?
			.saturating_sub(self.outstanding_principal()))
	}

	/// Scheduled interest + principal of the first unsettled installment (0 if none).
	pub fn next_installment(&self) -> Amount {
		self.installments
			.iter()
			.find(|i| !i.is_settled())
			.map_or(0, |i| i.interest.saturating_add(i.principal))
	}

	/// Due day of the last installment (the start when there is none).
	pub fn maturity(&self) -> DayNumber {
		self.installments.last().map_or(self.start, |i| i.due)
	}

	/// What closes the loan on `day` (see the module docs).
	pub fn payoff(&self, day: DayNumber) -> Result<Amount> {
		let (overdue, fees, principal, accrued) = self.payoff_parts(day)?;
		math::add(math::add(overdue, fees)?, math::add(principal, accrued)?)
	}

	/// Charge the late fee of installment `index` (once per installment, only while it is
	/// unsettled). Returns the fee charged (0 when nothing is charged).
	pub fn charge_late_fee(&mut self, index: usize, fee: LateFee) -> Result<Amount> {
		let i = self.installments.get_mut(index).ok_or(Error::NoSuchInstallment)?;
		if i.late_fee > 0 || i.is_settled() {
			return Ok(0);
		}
		let amount = match fee {
			LateFee::Fixed(a) => a,
			LateFee::Percent(ppq) => mul_div(
				math::add(i.interest, i.principal)?,
				u128::from(ppq),
				RATE_ONE,
				Rounding::HalfUp,
			)?,
		};
		i.late_fee = amount;
		Ok(amount)
	}

	/// The servicing fee of period `index`: `fee_bps` per year × the period's opening scheduled
	/// balance × the period's year fraction (30/360: 1/12; Actual/365: days/365), rounded down.
	pub fn servicing_fee(&self, index: usize, fee_bps: u32) -> Result<Amount> {
		let inst = self.installments.get(index).ok_or(Error::NoSuchInstallment)?;
		let opening = self
			.installments
			.iter()
			.skip(index)
			.map(|i| i.principal)
			.fold(0, Amount::saturating_add);
		let from = index
			.checked_sub(1)
			.and_then(|previous| self.installments.get(previous))
			.map_or(self.start, |i| i.due);
		let (num, den) = match self.terms.day_count {
			DayCount::Thirty360 => (u128::from(fee_bps), 10_000u128 * 12),
			DayCount::Actual365 => (
				u128::from(fee_bps).saturating_mul(u128::from(inst.due.saturating_sub(from))),
				10_000u128 * 365,
			),
		};
		mul_div(opening, num, den, Rounding::Down)
	}

	/// Allocate a payment of `amount` made on `day`: overdue installments oldest first
	/// (interest, then principal) → the current installment → unpaid late fees → prepayment
	/// (re-amortizes the later installments: same PMT, shorter term). A payment equal to
	/// `payoff(day)` closes the loan. Refused (nothing changed) if zero, if the loan is closed,
	/// or beyond the payoff.
	pub fn allocate(&mut self, day: DayNumber, amount: Amount) -> Result<Allocation> {
		if amount == 0 {
			return Err(Error::ZeroPayment);
		}
		if self.is_closed() {
			return Err(Error::LoanClosed);
		}
		let payoff = self.payoff(day)?;
		if amount > payoff {
			return Err(Error::BeyondPayoff { payoff });
		}
		let mut next = self.clone();
		let allocation =
			if amount == payoff { next.close(day)? } else { next.allocate_partial(day, amount)? };
		*self = next;
		Ok(allocation)
	}

	fn allocate_partial(&mut self, day: DayNumber, mut left: Amount) -> Result<Allocation> {
		let mut a = Allocation::default();
		let current = self.current_index(day);
		let last_scheduled = current.unwrap_or(self.installments.len());
		// Overdue oldest first, then the current one: interest, then principal.
		for idx in 0..=last_scheduled {
			let Some(i) = self.installments.get_mut(idx) else { break };
			for kind in [LineKind::Interest, LineKind::Principal] {
				let (owed, paid) = match kind {
					LineKind::Interest => (i.unpaid_interest(), &mut i.paid_interest),
					_ => (i.unpaid_principal(), &mut i.paid_principal),
				};
				let pay = owed.min(left);
				*paid = math::add(*paid, pay)?;
				left = math::sub(left, pay)?;
				a.push(idx, kind, pay)?;
			}
		}
		// Unpaid late fees, oldest first.
		for (idx, i) in self.installments.iter_mut().enumerate() {
			let pay = i.unpaid_late_fee().min(left);
			i.paid_late_fee = math::add(i.paid_late_fee, pay)?;
			left = math::sub(left, pay)?;
			a.push(idx, LineKind::LateFee, pay)?;
		}
		if left > 0 {
			let c = current.ok_or(Error::Overflow)?;
			self.prepay(c, left)?;
			a.push(c, LineKind::Prepayment, left)?;
		}
		Ok(a)
	}

	/// Apply `amount` of principal ahead of schedule after installment `c` (which is settled)
	/// and re-amortize the installments after it.
	fn prepay(&mut self, c: usize, amount: Amount) -> Result<()> {
		let tail_from = c.checked_add(1).ok_or(Error::Overflow)?;
		let tail = self.installments.get(tail_from..).ok_or(Error::Overflow)?;
		let balance = tail.iter().map(|i| i.unpaid_principal()).fold(0, Amount::saturating_add);
		// The current installment is settled here and later ones are untouched, so the tail's
		// unpaid principal is all the principal left; a partial payment never covers it all
		// (it is below the payoff).
		let balance = balance.checked_sub(amount).filter(|b| *b > 0).ok_or(Error::Overflow)?;
		let from = self.installments.get(c).map(|i| i.due).ok_or(Error::Overflow)?;
		let dues: Vec<DayNumber> = tail.iter().map(|i| i.due).collect();
		let periods = periods_of(from, &dues);
		let new_tail = match self.terms.amortization {
			Amortization::LevelAnnuity => amortize_level(
				self.terms.day_count,
				self.terms.annual_rate,
				balance,
				self.payment,
				&periods,
			)?,
			Amortization::InterestOnly | Amortization::Bullet => amortize_interest_only(
				self.terms.day_count,
				self.terms.annual_rate,
				balance,
				&periods,
			)?,
		};
		// The prepaid principal is booked on the current installment, so that the principal
		// of all installments still sums to the loan's principal.
		let cur = self.installments.get_mut(c).ok_or(Error::Overflow)?;
		cur.principal = math::add(cur.principal, amount)?;
		cur.paid_principal = math::add(cur.paid_principal, amount)?;
		self.installments.truncate(tail_from);
		self.installments.extend(new_tail.into_iter().map(InstallmentState::new));
		Ok(())
	}

	/// Pay everything owed on `day` and close: overdue installments, late fees, then the
	/// current installment's accrued interest and all remaining principal; later installments
	/// are dropped.
	fn close(&mut self, day: DayNumber) -> Result<Allocation> {
		let (_, _, _, accrued) = self.payoff_parts(day)?;
		self.close_with(day, accrued)
	}

	/// The debt of a loan in default on `day` (interest stopped): unpaid late fees + unpaid
	/// interest and principal of installments due before `day` + all other unpaid principal.
	/// No interest accrues after the last due day.
	pub fn debt(&self, day: DayNumber) -> Result<Amount> {
		let (overdue, fees, principal, _) = self.payoff_parts(day)?;
		math::add(math::add(overdue, fees)?, principal)
	}

	/// Pay [`Self::debt`]`(day)` and close: like a payoff on `day` without accrued interest.
	pub fn settle(&mut self, day: DayNumber) -> Result<Allocation> {
		if self.is_closed() {
			return Err(Error::LoanClosed);
		}
		let mut next = self.clone();
		let allocation = next.close_with(day, 0)?;
		*self = next;
		Ok(allocation)
	}

	fn close_with(&mut self, day: DayNumber, accrued: Amount) -> Result<Allocation> {
		let mut a = Allocation::default();
		let current = self.current_index(day);
		let overdue_end = current.unwrap_or(self.installments.len());
		for idx in 0..overdue_end {
			if let Some(i) = self.installments.get_mut(idx) {
				let (int, pr) = (i.unpaid_interest(), i.unpaid_principal());
				i.paid_interest = i.interest;
				i.paid_principal = i.principal;
				a.push(idx, LineKind::Interest, int)?;
				a.push(idx, LineKind::Principal, pr)?;
			}
		}
		for (idx, i) in self.installments.iter_mut().enumerate() {
			let fee = i.unpaid_late_fee();
			i.paid_late_fee = i.late_fee;
			a.push(idx, LineKind::LateFee, fee)?;
		}
		if let Some(c) = current {
			let remaining: Amount = self
				.installments
				.iter()
				.skip(c)
				.map(|i| i.unpaid_principal())
				.fold(0, Amount::saturating_add);
			let cur = self.installments.get_mut(c).ok_or(Error::Overflow)?;
			// The current installment becomes the last: its interest is what accrued, its
			// principal everything left.
			cur.interest = math::add(cur.paid_interest, accrued)?;
			cur.paid_interest = cur.interest;
			cur.principal = math::add(cur.paid_principal, remaining)?;
			cur.paid_principal = cur.principal;
			a.push(c, LineKind::Interest, accrued)?;
			a.push(c, LineKind::Principal, remaining)?;
			self.installments.truncate(c.saturating_add(1));
		}
		a.closed = true;
		Ok(a)
	}

	/// A restructured loan: the arrears (overdue unpaid interest and unpaid late fees) are
	/// capitalized with all unpaid principal into the new principal, and a new schedule is
	/// computed from `new_terms` (whose `principal` is ignored). Interest already paid on the
	/// current installment stays paid.
	pub fn restructure(&self, day: DayNumber, new_terms: Terms) -> Result<Loan> {
		let mut principal = math::add(self.outstanding_principal(), self.unpaid_late_fees())?;
		for i in self.installments.iter().filter(|i| i.due < day) {
			principal = math::add(principal, i.unpaid_interest())?;
		}
		Loan::new(Terms { principal, ..new_terms })
	}
}
