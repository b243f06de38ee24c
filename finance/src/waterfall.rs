//! A payment date's waterfall as data (`shared/domain.md`, Pools, tranches, waterfall): ordered
//! steps, each paying from one of the two sources a deal keeps — interest proceeds and
//! principal proceeds (recoveries count as principal) — with a reserve account, carried
//! shortfalls, write-downs of the junior tranches by losses cured from excess spread, and
//! over-collateralization tests that divert only the minimum amount that restores them.
//!
//! Conventions (the reference model, `reference/model.py`, implements the same):
//! - tranches are indexed by seniority (0 most senior); the last is the residual;
//! - interest due on a tranche = outstanding at the period's start × coupon × days ÷ 360
//!   (30/360 days since the previous payment date), half up, plus its unpaid interest carried
//!   (itself accruing at the coupon, half up, when `compound_shortfalls`);
//! - a fee = opening pool balance × bps ÷ 10,000 × days ÷ 360, half up, plus a fixed amount,
//!   plus what the fee left unpaid before;
//! - after the dues are known the period's losses write down the tranches, junior first;
//! - pari-passu and pro-rata steps split by each claim's share, rounded down, the units left
//!   given one each to the claims in order that still have room;
//! - an interest step with `reserve` draws on the reserve for what its source leaves unpaid;
//! - an OC test of class `c` passes when pool balance ≥ min × Σ outstanding of tranches 0..=c;
//!   failing, it pays the seniors sequentially the least principal that makes it pass;
//! - curing the write-downs (senior first) moves that cash from its source into the principal
//!   proceeds, which later principal steps pay out; a cure from the principal proceeds uses
//!   only what does not already back an earlier cure of the date;
//! - what a source still holds after the last step stays in the collection account.
//!
//! Every unit is accounted for: interest + principal + reserve before = fees + interest +
//! principal + residual paid + reserve after + cash left.

use crate::{
	math::{mul_div, Rounding},
	Amount, RatePpq, Result, RATE_ONE,
};
use alloc::vec::Vec;

/// Most steps of a waterfall.
pub const MAX_STEPS: usize = 32;

/// Where a step's cash comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Source {
	Interest,
	Principal,
}

/// One step of a waterfall.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Step {
	/// A fee (the trustee's, say): `bps` a year of the opening pool balance and `fixed`.
	Fee { source: Source, bps: u32, fixed: Amount },
	/// Interest due to `tranches`, pari passu; with `reserve`, the reserve pays what the source
	/// cannot.
	Interest { source: Source, tranches: Vec<u8>, reserve: bool },
	/// The OC test of class `class` (tranches 0..=class) at `min_ppb` (e.g. 1.10 = 1.1·10⁹).
	OcTest { source: Source, class: u8, min_ppb: u64 },
	/// Top the reserve up to its target.
	FundReserve { source: Source },
	/// Write the tranches back up (senior first) by what they were written down, moving the
	/// cash into the principal proceeds.
	CureWriteDowns { source: Source },
	/// Principal to `tranches` up to their outstanding: in order, or pro rata by outstanding.
	Principal { source: Source, tranches: Vec<u8>, pro_rata: bool },
	/// What the source holds, to the residual tranche.
	Residual { source: Source },
}

impl Step {
	fn source(&self) -> Source {
		match self {
			Step::Fee { source, .. }
			| Step::Interest { source, .. }
			| Step::OcTest { source, .. }
			| Step::FundReserve { source }
			| Step::CureWriteDowns { source }
			| Step::Principal { source, .. }
			| Step::Residual { source } => *source,
		}
	}
}

/// Why a waterfall is refused at structuring.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WaterfallError {
	/// No steps, or more than [`MAX_STEPS`].
	StepCount,
	/// A step names a tranche the deal does not have (or none).
	UnknownTranche,
	/// A tranche other than the residual has no interest step.
	TrancheWithoutInterest(u8),
	/// The last step must pay the residual.
	ResidualNotLast,
	/// An OC test's minimum is below 100 %.
	InvalidTest,
}

/// Check `steps` for a deal of `tranches` tranches (the last the residual).
pub fn validate(steps: &[Step], tranches: u8) -> core::result::Result<(), WaterfallError> {
	if steps.is_empty() || steps.len() > MAX_STEPS {
		return Err(WaterfallError::StepCount);
	}
	if !matches!(steps.last(), Some(Step::Residual { .. })) {
		return Err(WaterfallError::ResidualNotLast);
	}
	let known = |k: &u8| *k < tranches;
	for s in steps {
		match s {
			Step::Interest { tranches: ts, .. } | Step::Principal { tranches: ts, .. }
				if ts.is_empty() || !ts.iter().all(known) =>
			{
				return Err(WaterfallError::UnknownTranche);
			}
			Step::OcTest { class, min_ppb, .. } => {
				if !known(class) || class.saturating_add(1) >= tranches {
					return Err(WaterfallError::UnknownTranche);
				}
				if *min_ppb < 1_000_000_000 {
					return Err(WaterfallError::InvalidTest);
				}
			}
			_ => {}
		}
	}
	for k in 0..tranches.saturating_sub(1) {
		let has = steps
			.iter()
			.any(|s| matches!(s, Step::Interest { tranches: ts, .. } if ts.contains(&k)));
		if !has {
			return Err(WaterfallError::TrancheWithoutInterest(k));
		}
	}
	Ok(())
}

/// A tranche as a payment date finds it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct TrancheState {
	/// Face outstanding at the period's start.
	pub outstanding: Amount,
	/// Annual coupon, parts per 10¹⁸ (0 for the residual).
	pub coupon: RatePpq,
	/// Interest due before and not paid.
	pub shortfall: Amount,
	/// Written down by losses and not yet written back up.
	pub written_down: Amount,
}

/// What a payment date has to work with.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Input {
	pub interest: Amount,
	pub principal: Amount,
	/// Pool balance at the period's start (fees) and now (OC tests).
	pub opening_balance: Amount,
	pub closing_balance: Amount,
	/// 30/360 days since the previous payment date (or closing).
	pub days: u32,
	pub reserve: Amount,
	pub reserve_target: Amount,
	/// Losses of the period (principal written off).
	pub losses: Amount,
	/// Each fee step's unpaid amount carried, in step order.
	pub fee_shortfalls: Vec<Amount>,
	/// Unpaid interest accrues interest at the coupon.
	pub compound_shortfalls: bool,
	pub tranches: Vec<TrancheState>,
}

/// What a payment date paid.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Outcome {
	/// Each step's total.
	pub steps: Vec<Amount>,
	/// Each fee step's payment and its shortfall carried.
	pub fees_paid: Vec<Amount>,
	pub fee_shortfalls: Vec<Amount>,
	/// Per tranche: interest due, paid, principal paid.
	pub interest_due: Vec<Amount>,
	pub interest_paid: Vec<Amount>,
	pub principal_paid: Vec<Amount>,
	/// Per tranche: written down by the period's losses, written back up by cures.
	pub written_down: Vec<Amount>,
	pub written_up: Vec<Amount>,
	/// Paid to the residual by `Residual` steps.
	pub residual_paid: Amount,
	/// The reserve drawn (for interest) and funded.
	pub reserve_drawn: Amount,
	pub reserve_funded: Amount,
	/// Classes whose OC test failed (before its cure).
	pub oc_failed: Vec<u8>,
	/// What the sources hold after the last step.
	pub interest_left: Amount,
	pub principal_left: Amount,
	/// The tranches and the reserve after.
	pub tranches: Vec<TrancheState>,
	pub reserve: Amount,
}

/// Split `total` over `claims` pro rata (`total ≤ Σ claims`), rounded down, the units left
/// one each to the claims in order that have room.
pub fn pro_rata(total: Amount, claims: &[Amount]) -> Result<Vec<Amount>> {
	let sum = claims.iter().fold(0u128, |a, c| a.saturating_add(*c));
	let total = total.min(sum);
	if sum == 0 {
		return Ok(claims.iter().map(|_| 0).collect());
	}
	let mut out = Vec::with_capacity(claims.len());
	let mut given = 0u128;
	for c in claims {
		let p = mul_div(total, *c, sum, Rounding::Down)?;
		given = given.saturating_add(p);
		out.push(p);
	}
	let mut left = total.saturating_sub(given);
	while left > 0 {
		let before = left;
		for (p, c) in out.iter_mut().zip(claims) {
			if left > 0 && *p < *c {
				*p = p.saturating_add(1);
				left = left.saturating_sub(1);
			}
		}
		if left == before {
			break;
		}
	}
	Ok(out)
}

fn accrue(amount: Amount, rate: RatePpq, days: u32) -> Result<Amount> {
	let r = u128::from(rate).saturating_mul(u128::from(days));
	mul_div(amount, r, RATE_ONE.saturating_mul(360), Rounding::HalfUp)
}

/// Run `steps` on a payment date with `input`.
pub fn run(steps: &[Step], input: &Input) -> Result<Outcome> {
	let n = input.tranches.len();
	let mut t = input.tranches.clone();
	let mut o = Outcome {
		interest_due: Vec::with_capacity(n),
		interest_paid: alloc::vec![0; n],
		principal_paid: alloc::vec![0; n],
		written_down: alloc::vec![0; n],
		written_up: alloc::vec![0; n],
		..Default::default()
	};
	// The dues, on the period's opening outstanding.
	let mut due: Vec<Amount> = Vec::with_capacity(n);
	for x in &t {
		let mut d = accrue(x.outstanding, x.coupon, input.days)?.saturating_add(x.shortfall);
		if input.compound_shortfalls {
			d = d.saturating_add(accrue(x.shortfall, x.coupon, input.days)?);
		}
		due.push(d);
	}
	o.interest_due = due.clone();
	// The period's losses, junior first.
	let mut loss = input.losses;
	for (x, wd) in t.iter_mut().zip(o.written_down.iter_mut()).rev() {
		let w = loss.min(x.outstanding);
		x.outstanding = x.outstanding.saturating_sub(w);
		x.written_down = x.written_down.saturating_add(w);
		*wd = w;
		loss = loss.saturating_sub(w);
	}
	let (mut cash_i, mut cash_p, mut reserve) = (input.interest, input.principal, input.reserve);
	let mut fee_index = 0usize;
	// Principal proceeds that already back a write-up of this date (cured, not yet paid).
	let mut backing: Amount = 0;
	for step in steps {
		let cash = match step.source() {
			Source::Interest => &mut cash_i,
			Source::Principal => &mut cash_p,
		};
		let mut moved_to_principal = 0u128;
		let paid = match step {
			Step::Fee { bps, fixed, .. } => {
				let carried = input.fee_shortfalls.get(fee_index).copied().unwrap_or(0);
				fee_index = fee_index.saturating_add(1);
				let accrued = mul_div(
					input.opening_balance,
					u128::from(*bps).saturating_mul(u128::from(input.days)),
					3_600_000,
					Rounding::HalfUp,
				)?;
				let d = accrued.saturating_add(*fixed).saturating_add(carried);
				let p = d.min(*cash);
				*cash = cash.saturating_sub(p);
				o.fees_paid.push(p);
				o.fee_shortfalls.push(d.saturating_sub(p));
				p
			}
			Step::Interest { tranches, reserve: draw, .. } => {
				let claims: Vec<Amount> = tranches
					.iter()
					.map(|k| {
						let k = usize::from(*k);
						due.get(k)
							.copied()
							.unwrap_or(0)
							.saturating_sub(o.interest_paid.get(k).copied().unwrap_or(0))
					})
					.collect();
				let owed = claims.iter().fold(0u128, |a, c| a.saturating_add(*c));
				let from_cash = owed.min(*cash);
				*cash = cash.saturating_sub(from_cash);
				let from_reserve =
					if *draw { owed.saturating_sub(from_cash).min(reserve) } else { 0 };
				reserve = reserve.saturating_sub(from_reserve);
				o.reserve_drawn = o.reserve_drawn.saturating_add(from_reserve);
				let total = from_cash.saturating_add(from_reserve);
				for (k, p) in tranches.iter().zip(pro_rata(total, &claims)?) {
					if let Some(x) = o.interest_paid.get_mut(usize::from(*k)) {
						*x = x.saturating_add(p);
					}
				}
				total
			}
			Step::OcTest { class, min_ppb, .. } => {
				let seniors = usize::from(*class).saturating_add(1).min(n);
				let s = t.iter().take(seniors).fold(0u128, |a, x| a.saturating_add(x.outstanding));
				let allowed = mul_div(
					input.closing_balance,
					1_000_000_000,
					u128::from(*min_ppb),
					Rounding::Down,
				)?;
				let need = s.saturating_sub(allowed);
				if need > 0 {
					o.oc_failed.push(*class);
				}
				let p = need.min(*cash);
				*cash = cash.saturating_sub(p);
				let mut left = p;
				for (k, x) in t.iter_mut().enumerate().take(seniors) {
					let q = left.min(x.outstanding);
					x.outstanding = x.outstanding.saturating_sub(q);
					left = left.saturating_sub(q);
					if let Some(y) = o.principal_paid.get_mut(k) {
						*y = y.saturating_add(q);
					}
				}
				p
			}
			Step::FundReserve { .. } => {
				let p = input.reserve_target.saturating_sub(reserve).min(*cash);
				*cash = cash.saturating_sub(p);
				reserve = reserve.saturating_add(p);
				o.reserve_funded = o.reserve_funded.saturating_add(p);
				p
			}
			Step::CureWriteDowns { source } => {
				let open = t.iter().fold(0u128, |a, x| a.saturating_add(x.written_down));
				let avail = match source {
					Source::Principal => cash.saturating_sub(backing),
					Source::Interest => *cash,
				};
				let p = open.min(avail);
				*cash = cash.saturating_sub(p);
				let mut left = p;
				for (x, wu) in t.iter_mut().zip(o.written_up.iter_mut()) {
					let q = left.min(x.written_down);
					x.written_down = x.written_down.saturating_sub(q);
					x.outstanding = x.outstanding.saturating_add(q);
					*wu = wu.saturating_add(q);
					left = left.saturating_sub(q);
				}
				moved_to_principal = p;
				p
			}
			Step::Principal { tranches, pro_rata: by_share, .. } => {
				let claims: Vec<Amount> = tranches
					.iter()
					.map(|k| t.get(usize::from(*k)).map_or(0, |x| x.outstanding))
					.collect();
				let owed = claims.iter().fold(0u128, |a, c| a.saturating_add(*c));
				let total = owed.min(*cash);
				*cash = cash.saturating_sub(total);
				let pays = if *by_share {
					pro_rata(total, &claims)?
				} else {
					let mut left = total;
					claims
						.iter()
						.map(|c| {
							let q = left.min(*c);
							left = left.saturating_sub(q);
							q
						})
						.collect()
				};
				for (k, p) in tranches.iter().zip(pays) {
					let k = usize::from(*k);
					if let Some(x) = t.get_mut(k) {
						x.outstanding = x.outstanding.saturating_sub(p);
					}
					if let Some(y) = o.principal_paid.get_mut(k) {
						*y = y.saturating_add(p);
					}
				}
				total
			}
			Step::Residual { .. } => {
				let p = *cash;
				*cash = 0;
				o.residual_paid = o.residual_paid.saturating_add(p);
				p
			}
		};
		cash_p = cash_p.saturating_add(moved_to_principal);
		backing = backing.saturating_add(moved_to_principal).min(cash_p);
		o.steps.push(paid);
	}
	for (k, x) in t.iter_mut().enumerate() {
		let d = due.get(k).copied().unwrap_or(0);
		x.shortfall = d.saturating_sub(o.interest_paid.get(k).copied().unwrap_or(0));
	}
	o.tranches = t;
	o.reserve = reserve;
	o.interest_left = cash_i;
	o.principal_left = cash_p;
	Ok(o)
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::vec;

	#[test]
	fn pro_rata_gives_the_rounding_units_in_order() {
		assert_eq!(pro_rata(9, &[5, 5]).unwrap(), vec![5, 4]);
		assert_eq!(pro_rata(10, &[1, 2, 3]).unwrap(), vec![1, 2, 3]);
		assert_eq!(pro_rata(2, &[1, 1, 1]).unwrap(), vec![1, 1, 0]);
		assert_eq!(pro_rata(5, &[0, 0]).unwrap(), vec![0, 0]);
	}

	#[test]
	fn a_bad_waterfall_is_refused() {
		let res = Step::Residual { source: Source::Interest };
		let int =
			|ts: Vec<u8>| Step::Interest { source: Source::Interest, tranches: ts, reserve: false };
		assert_eq!(validate(&[], 2), Err(WaterfallError::StepCount));
		assert_eq!(validate(&[int(vec![0])], 2), Err(WaterfallError::ResidualNotLast));
		assert_eq!(validate(&[int(vec![5]), res.clone()], 2), Err(WaterfallError::UnknownTranche));
		assert_eq!(
			validate(&[int(vec![0]), res.clone()], 3),
			Err(WaterfallError::TrancheWithoutInterest(1))
		);
		let oc = Step::OcTest { source: Source::Interest, class: 0, min_ppb: 900_000_000 };
		assert_eq!(validate(&[int(vec![0]), oc, res.clone()], 2), Err(WaterfallError::InvalidTest));
		assert_eq!(validate(&[int(vec![0]), res], 2), Ok(()));
	}
}
