//! Distributing cash: the step every waterfall repeats ("pay these claims in this order from
//! this cash, each step capped, remainder to someone"), and the two distributions the credit
//! half makes with it — a payment's split between the loan's owner and its servicer, and the
//! proceeds of a collateral sale. The reference model (`finance/reference/model.py`) computes
//! each exactly; `tests/fixtures.rs` replays it and `tests/properties.rs` checks that no unit
//! is created or lost.

use crate::{math, Amount, Result};
use alloc::vec::Vec;

/// One step of a waterfall: claims paid in order, in full while cash lasts; the step pays at
/// most `cap` in total (`None`: no cap).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Step {
	pub claims: Vec<Amount>,
	pub cap: Option<Amount>,
}

/// What a waterfall paid: per step, per claim; and the cash left (to the residual holder).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Paid {
	pub steps: Vec<Vec<Amount>>,
	pub remainder: Amount,
}

/// Pay `steps` in order from `cash`. Never pays more than the cash, a claim or a step's cap;
/// `Σ paid + remainder = cash`.
pub fn pay_in_order(cash: Amount, steps: &[Step]) -> Paid {
	let mut left = cash;
	let mut out = Paid { steps: Vec::with_capacity(steps.len()), remainder: 0 };
	for step in steps {
		let mut room = step.cap.unwrap_or(Amount::MAX).min(left);
		let mut paid = Vec::with_capacity(step.claims.len());
		for claim in &step.claims {
			let p = (*claim).min(room);
			room = room.saturating_sub(p);
			left = left.saturating_sub(p);
			paid.push(p);
		}
		out.steps.push(paid);
	}
	out.remainder = left;
	out
}

/// `amount × parts / 10⁹`, rounded down (a `Perbill` share, e.g. a cap of 10 % of a price).
pub fn share_floor_ppb(amount: Amount, parts: u32) -> Result<Amount> {
	math::mul_div(amount, u128::from(parts), 1_000_000_000, math::Rounding::Down)
}

/// A payment's split: the servicer takes the servicing fee and the late fees the allocation
/// paid, then, out of the owner's part, fees a restructuring capitalized (`servicer_arrears`);
/// the owner gets the rest.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Split {
	pub to_owner: Amount,
	pub to_servicer: Amount,
	/// What of `servicer_arrears` this payment settled.
	pub arrears_paid: Amount,
}

/// Split a payment of `amount` (see [`Split`]); refused if the fees exceed the payment.
pub fn split_payment(
	amount: Amount,
	servicing_fee: Amount,
	late_fees: Amount,
	servicer_arrears: Amount,
) -> Result<Split> {
	let fees = math::add(servicing_fee, late_fees)?;
	let owner_part = math::sub(amount, fees)?;
	let paid =
		pay_in_order(owner_part, &[Step { claims: alloc::vec![servicer_arrears], cap: None }]);
	let arrears_paid = paid.steps.first().and_then(|s| s.first()).copied().unwrap_or(0);
	Ok(Split {
		to_owner: paid.remainder,
		to_servicer: math::add(fees, arrears_paid)?,
		arrears_paid,
	})
}

/// The proceeds of a collateral sale at `price`, in order: enforcement costs (claim order, in
/// total at most `cost_cap_ppb` × price, rounded down), the servicer's unpaid fees, the owner
/// up to its part of the debt (`debt − servicer_fees`), the surplus to the borrower. The loss is
/// the debt not recovered: `debt − servicer_paid − owner_paid`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Proceeds {
	pub costs: Vec<Amount>,
	pub servicer_paid: Amount,
	pub owner_paid: Amount,
	pub borrower_paid: Amount,
	pub loss: Amount,
}

/// See [`Proceeds`].
pub fn recovery_proceeds(
	price: Amount,
	claims: &[Amount],
	cost_cap_ppb: u32,
	servicer_fees: Amount,
	debt: Amount,
) -> Result<Proceeds> {
	let cap = share_floor_ppb(price, cost_cap_ppb)?;
	let owner_claim = debt.saturating_sub(servicer_fees);
	let paid = pay_in_order(
		price,
		&[
			Step { claims: claims.to_vec(), cap: Some(cap) },
			Step { claims: alloc::vec![servicer_fees], cap: None },
			Step { claims: alloc::vec![owner_claim], cap: None },
		],
	);
	let one = |k: usize| paid.steps.get(k).and_then(|s| s.first()).copied().unwrap_or(0);
	let (servicer_paid, owner_paid) = (one(1), one(2));
	Ok(Proceeds {
		costs: paid.steps.first().cloned().unwrap_or_default(),
		servicer_paid,
		owner_paid,
		borrower_paid: paid.remainder,
		loss: debt.saturating_sub(servicer_paid).saturating_sub(owner_paid),
	})
}
