//! A payment date's figures, computed without storage: the waterfall's input from the deal's
//! books and the period, the tranches after the waterfall's outcome, and the triggers and
//! events of default read on the figures after the payments. The chain's payment date
//! (`payments.rs`) and the cash-flow projection (`projection.rs`) both run these, so a
//! projection pays exactly as the chain would.

use crate::types::*;
use abs_finance::{
	waterfall::{self, Input, Outcome, Source, Step, TrancheState},
	Amount,
};
use abs_primitives::{Balance, DayNumber, DefaultReason};
use alloc::vec::Vec;
use sp_runtime::{helpers_128bit::multiply_by_rational_with_rounding, Perbill, Rounding};

/// The distribution indices' scale: 10¹⁸ per unit.
pub const INDEX_ONE: u128 = 1_000_000_000_000_000_000;
const PPB: u128 = 1_000_000_000;

/// `n / d` in parts per 10⁹ (0 when `d` is 0; saturating).
pub fn ppb(n: u128, d: u128) -> u64 {
	if d == 0 {
		return 0;
	}
	let v = multiply_by_rational_with_rounding(n, PPB, d, Rounding::Down).unwrap_or(u128::MAX);
	u64::try_from(v).unwrap_or(u64::MAX)
}

/// The reserve's target with the pool balance at `balance`.
pub fn reserve_target(r: &ReserveSpec, balance: Balance) -> Balance {
	r.share.mul_floor(balance).max(r.floor)
}

/// What a payment date knows of its collection period and the pool.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct DateFigures {
	/// The period's index (0 the first after closing), first and last day.
	pub index: u32,
	pub start: DayNumber,
	pub end: DayNumber,
	/// Collected in the period: interest (net of servicing), principal of every kind.
	pub interest: Balance,
	pub principal: Balance,
	/// Pool balance at the period's start and end.
	pub opening_balance: Balance,
	pub closing_balance: Balance,
	/// Principal of the loans that defaulted in the period.
	pub defaults: Balance,
	/// Balance 60+ days past due at the end.
	pub delinquent_60: Balance,
	/// Cumulative defaults less cumulative recoveries at the end.
	pub net_loss: Balance,
	/// The pool's balance at closing.
	pub original_balance: Balance,
	/// The final date (the pool called): the reserve is released in full.
	pub last: bool,
}

/// The waterfall's input for a date: the period's collections plus what the sources carried
/// and the reserve above its target; and that target and the release.
pub struct Prepared {
	pub steps: Vec<Step>,
	pub input: Input,
	pub target: Balance,
	pub released: Balance,
}

/// Prepare the waterfall of `deal` in `state`'s status for the period `f`.
pub fn prepare(
	deal: &DealSpec,
	state: &DealState,
	tranches: &[Tranche],
	f: &DateFigures,
) -> Prepared {
	let target = if f.last { 0 } else { reserve_target(&deal.reserve, f.closing_balance) };
	let released = state.reserve.saturating_sub(target);
	let reserve = state.reserve.saturating_sub(released);
	let days = abs_finance::DayCount::Thirty360.days(f.start, f.end).unwrap_or(30);
	let input = Input {
		interest: f.interest.saturating_add(state.interest_cash).saturating_add(released),
		principal: f.principal.saturating_add(state.principal_cash),
		opening_balance: f.opening_balance,
		closing_balance: f.closing_balance,
		days: u32::try_from(days).unwrap_or(30),
		reserve,
		reserve_target: target,
		losses: f.defaults,
		fee_shortfalls: state.fee_shortfalls.to_vec(),
		compound_shortfalls: deal.compound_shortfalls,
		tranches: tranches
			.iter()
			.map(|t| TrancheState {
				outstanding: t.outstanding(),
				coupon: t.coupon.unwrap_or(0),
				shortfall: t.shortfall,
				written_down: t.written_down.saturating_sub(t.written_up),
			})
			.collect(),
	};
	let mut steps = super::payments::steps_of(deal.waterfall(state.status));
	if f.last {
		// The final date leaves nothing behind: a source the deal sends to no residual (its
		// carry would be stranded in an ended pool) goes to the residual tranche last.
		for src in [Source::Interest, Source::Principal] {
			if !steps.iter().any(|st| matches!(st, Step::Residual { source } if *source == src)) {
				steps.push(Step::Residual { source: src });
			}
		}
	}
	Prepared { steps, input, target, released }
}

/// Run the prepared waterfall.
pub fn run(p: &Prepared) -> abs_finance::Result<Outcome> {
	waterfall::run(&p.steps, &p.input)
}

/// Credit `interest` and `principal` to tranche `t`'s holders: the indices rise by the
/// amounts per unit of the face, the remainders below one step carried.
pub fn credit(t: &mut Tranche, interest: Balance, principal: Balance) -> Option<()> {
	let face = t.face.max(1);
	let step = |amount: Balance, index: &mut u128, rem: &mut u128| -> Option<()> {
		let scaled = amount.checked_mul(INDEX_ONE)?.checked_add(*rem)?;
		*index = index.checked_add(scaled.checked_div(face)?)?;
		*rem = scaled.checked_rem(face)?;
		Some(())
	};
	step(interest, &mut t.interest_index, &mut t.interest_remainder)?;
	step(principal, &mut t.principal_index, &mut t.principal_remainder)?;
	t.distributed = t.distributed.checked_add(interest)?.checked_add(principal)?;
	Some(())
}

/// The tranches after outcome `o`: payments, write-downs and cures, shortfalls; holders
/// credited (the residual also gets what the residual steps paid). The report's lines and the
/// total credited; `None` (nothing to keep) if an index would overflow.
pub fn apply(tranches: &mut [Tranche], o: &Outcome) -> Option<(Vec<TrancheLine>, Balance)> {
	let n = tranches.len();
	let last = n.saturating_sub(1);
	let mut lines: Vec<TrancheLine> = Vec::with_capacity(n);
	let mut credited: Balance = 0;
	for (k, t) in tranches.iter_mut().enumerate() {
		let get = |v: &Vec<Amount>| v.get(k).copied().unwrap_or(0);
		let opening = t.outstanding();
		let (ip, pp) = (get(&o.interest_paid), get(&o.principal_paid));
		let (wd, wu) = (get(&o.written_down), get(&o.written_up));
		t.principal_paid = t.principal_paid.saturating_add(pp);
		t.written_down = t.written_down.saturating_add(wd);
		t.written_up = t.written_up.saturating_add(wu);
		t.interest_paid = t.interest_paid.saturating_add(ip);
		t.shortfall = o.tranches.get(k).map_or(0, |x| x.shortfall);
		let income = if k == last { ip.saturating_add(o.residual_paid) } else { ip };
		credit(t, income, pp)?;
		credited = credited.saturating_add(income).saturating_add(pp);
		lines.push(TrancheLine {
			opening,
			interest_due: get(&o.interest_due),
			interest_paid: ip,
			principal_paid: pp,
			written_down: wd,
			written_up: wu,
			closing: t.outstanding(),
			shortfall: t.shortfall,
			factor_ppb: ppb(t.outstanding(), t.face),
		});
	}
	Some((lines, credited))
}

/// A trigger whose state changed on the date.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TriggerChange {
	pub trigger: u8,
	pub breached: bool,
	pub value_ppb: u64,
	pub limit_ppb: u64,
}

/// The triggers and events of default read after the payments.
pub struct Tests {
	pub readings: Vec<TriggerReading>,
	pub changes: Vec<TriggerChange>,
	/// Bit `i` set: trigger `i` is breached.
	pub breached: u32,
	/// The 60+ delinquency of the last three dates, latest first.
	pub delinquency_ppb: [u64; 3],
	/// An event of default that happened on this date (none once accelerated).
	pub event_of_default: Option<DefaultReason>,
	pub status_after: DealStatus,
}

/// Read `deal`'s triggers and events of default on date `f` (the `dates`-th since closing,
/// from 1) after outcome `o` (`tranches` and `lines` after it, `fees_paid` the fees that left
/// the pool), the deal in `state`.
#[allow(clippy::too_many_arguments)]
pub fn tests(
	deal: &DealSpec,
	specs: &[TrancheSpec],
	state: &DealState,
	tranches: &[Tranche],
	lines: &[TrancheLine],
	o: &Outcome,
	f: &DateFigures,
	fees_paid: Balance,
) -> Tests {
	let mut readings: Vec<TriggerReading> = Vec::with_capacity(deal.triggers.len());
	let mut changes = Vec::new();
	let mut breached_now = 0u32;
	let delinquency = ppb(f.delinquent_60, f.closing_balance);
	let history = [delinquency, state.delinquency_ppb[0], state.delinquency_ppb[1]];
	let dates = state.payment_dates.saturating_add(1);
	let seniors = |class: u8, g: &dyn Fn(usize, &Tranche) -> u128| {
		tranches
			.iter()
			.enumerate()
			.take(usize::from(class).saturating_add(1))
			.fold(0u128, |a, (k, t)| a.saturating_add(g(k, t)))
	};
	for (i, trig) in deal.triggers.iter().enumerate() {
		let (value, limit, skipped, higher_is_better) = match &trig.kind {
			TriggerKind::Overcollateralization { class, min_ppb } => {
				let s = seniors(*class, &|_, t| t.outstanding());
				(ppb(f.closing_balance, s), *min_ppb, s == 0, true)
			}
			TriggerKind::InterestCoverage { class, min_ppb } => {
				let due = seniors(*class, &|k, _| o.interest_due.get(k).copied().unwrap_or(0));
				(
					ppb(f.interest.saturating_sub(fees_paid), due),
					*min_ppb,
					f.index == 0 || due == 0,
					true,
				)
			}
			TriggerKind::CumulativeLoss { curve } => {
				let limit = curve
					.iter()
					.take_while(|p| p.0 <= f.index)
					.last()
					.map_or(Perbill::one(), |p| p.1);
				(ppb(f.net_loss, f.original_balance), u64::from(limit.deconstruct()), false, false)
			}
			TriggerKind::Delinquency60 { max } => {
				let seen = usize::try_from(dates.min(3)).unwrap_or(3);
				let sum =
					history.iter().take(seen).fold(0u128, |a, x| a.saturating_add(u128::from(*x)));
				let avg = sum.checked_div(u128::try_from(seen.max(1)).unwrap_or(1)).unwrap_or(0);
				(u64::try_from(avg).unwrap_or(u64::MAX), u64::from(max.deconstruct()), false, false)
			}
		};
		let failed = !skipped && if higher_is_better { value < limit } else { value > limit };
		let was = state.breached & (1u32 << i) != 0;
		// A breach of a trigger that is not curable stays.
		let breached = failed || (was && !trig.curable);
		if breached {
			breached_now |= 1u32 << i;
		}
		readings.push(TriggerReading { value_ppb: value, limit_ppb: limit, breached, skipped });
		if breached != was {
			let trigger = u8::try_from(i).unwrap_or(u8::MAX);
			changes.push(TriggerChange { trigger, breached, value_ppb: value, limit_ppb: limit });
		}
	}

	// Events of default: the senior tranche outstanding not paid its interest; a final
	// maturity passed with face outstanding. The residual (equity) has no final maturity.
	let last = tranches.len().saturating_sub(1);
	let mut default: Option<DefaultReason> = None;
	if let Some((k, line)) = lines.iter().enumerate().take(last).find(|(_, l)| l.opening > 0) {
		if line.shortfall > 0 {
			default = Some(DefaultReason::SeniorInterestUnpaid {
				tranche: u8::try_from(k).unwrap_or(0),
				shortfall: line.shortfall,
			});
		}
	}
	if default.is_none() {
		for (k, (t, s)) in tranches.iter().zip(specs.iter()).enumerate().take(last) {
			if s.final_maturity <= f.end && t.outstanding() > 0 {
				default = Some(DefaultReason::FinalMaturityPassed {
					tranche: u8::try_from(k).unwrap_or(0),
					outstanding: t.outstanding(),
				});
				break;
			}
		}
	}
	let status = state.status;
	let event_of_default = default.filter(|_| status != DealStatus::Accelerated);
	let status_after = match status {
		_ if event_of_default.is_some() => DealStatus::Accelerated,
		DealStatus::Accelerated => DealStatus::Accelerated,
		_ if breached_now != 0 => DealStatus::Sequential,
		_ => DealStatus::Normal,
	};
	Tests {
		readings,
		changes,
		breached: breached_now,
		delinquency_ppb: history,
		event_of_default,
		status_after,
	}
}

/// The deal's books after a date: its status and triggers from `t`, the reserve from `o`, what
/// the sources still hold and the fees still owed.
pub fn advance(
	state: &mut DealState,
	o: &Outcome,
	t: &Tests,
	interest_left: Balance,
	principal_left: Balance,
	fee_shortfalls: Vec<Balance>,
) {
	state.status = t.status_after;
	state.breached = t.breached;
	state.delinquency_ppb = t.delinquency_ppb;
	state.reserve = o.reserve;
	state.interest_cash = interest_left;
	state.principal_cash = principal_left;
	state.fee_shortfalls = frame_support::BoundedVec::truncate_from(fee_shortfalls);
	state.payment_dates = state.payment_dates.saturating_add(1);
}

/// The principal deficiency (written down, not yet cured) after `o`, and the classes whose OC
/// test failed as a bit set.
pub fn deficiency_and_oc(o: &Outcome) -> (Balance, u32) {
	let deficiency = o.tranches.iter().fold(0u128, |a, x| a.saturating_add(x.written_down));
	let oc_failed = o.oc_failed.iter().fold(0u32, |a, c| a | (1u32 << u32::from(*c).min(31)));
	(deficiency, oc_failed)
}
