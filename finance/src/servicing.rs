//! The servicer's share of a loan's cash: the servicing fee a payment carries and what of a
//! book's arrears belongs to the servicer. Each installment's servicing fee
//! ([`Loan::servicing_fee`]) is taken from its interest first: the first `fee` units of
//! interest paid on installment `k` are the servicer's, the rest the owner's.

use crate::{
	loan::{Allocation, LineKind, Loan},
	Amount, DayNumber, Error, Result,
};

/// The servicing fee carried by a payment: for each interest line of `allocation` (made on
/// `before`, giving `after`), the part of installment `k`'s fee that its interest paid now
/// covers, `min(fee_k, paid_after) − min(fee_k, paid_before)`. The fee is thus taken once per
/// period from the interest collected, however (and in however many payments) it is paid.
pub fn fee_taken(
	before: &Loan,
	after: &Loan,
	allocation: &Allocation,
	fee_bps: u32,
) -> Result<Amount> {
	let mut fee: Amount = 0;
	for line in allocation.lines.iter().filter(|l| l.kind == LineKind::Interest) {
		let k = usize::try_from(line.installment).map_err(|_| Error::NoSuchInstallment)?;
		let fee_k = before.servicing_fee(k, fee_bps)?;
		let paid_before = before.installments.get(k).ok_or(Error::NoSuchInstallment)?.paid_interest;
		let paid_after = after.installments.get(k).ok_or(Error::NoSuchInstallment)?.paid_interest;
		fee = fee
			.checked_add(fee_k.min(paid_after).saturating_sub(fee_k.min(paid_before)))
			.ok_or(Error::Overflow)?;
	}
	Ok(fee)
}

/// What of `book`'s arrears on `day` belongs to the servicer: its unpaid late fees and, for
/// each installment due before `day`, the servicing fee its unpaid interest still owes,
/// `min(fee_k, interest) − min(fee_k, paid_interest)`.
pub fn share_unpaid(book: &Loan, day: DayNumber, fee_bps: u32) -> Result<Amount> {
	let mut fees = book.unpaid_late_fees();
	for (k, i) in book.installments.iter().enumerate().filter(|(_, i)| i.due < day) {
		let fee_k = book.servicing_fee(k, fee_bps)?;
		fees = fees
			.checked_add(fee_k.min(i.interest).saturating_sub(fee_k.min(i.paid_interest)))
			.ok_or(Error::Overflow)?;
	}
	Ok(fees)
}
