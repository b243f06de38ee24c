//! The cash-flow projection of a closed pool (read by the runtime API, never in a
//! transaction): its performing loans projected one by one under a scenario
//! (`abs_finance::projection`), each future payment date run through the deal's waterfall and
//! triggers by the same functions the chain's payment dates run (`dates.rs`), and each
//! tranche's cash flows valued (WAL, yield at a price, price at a yield).
//!
//! From the pool's state now: the period under way counts what it has collected so far; the
//! deal's status, reserve, carried cash, shortfalls and breached triggers carry on; fees are
//! assumed paid. Loans that have defaulted are not projected (their recoveries are the
//! auctions' to make). No delinquency is projected (the scenario's defaults are immediate).

use super::{
	collections::next_payment_date,
	dates::{self, DateFigures},
};
use crate::{pallet::*, types::*};
use abs_finance::projection::{self as engine, Due, PeriodFlows};
use abs_primitives::{Balance, DayNumber, PoolId};
use abs_traits::ServicingInspect;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// Most loans a projection runs one by one.
pub const MAX_PROJECTED_LOANS: u32 = 500;
/// Most payment dates a projection runs.
pub const MAX_PROJECTED_PERIODS: usize = 600;
/// Loans whose installments give representative lines their servicing fee's share.
pub const FEE_SAMPLE: usize = 64;

fn due_of(d: abs_traits::RemainingInstallment) -> Due {
	Due { due: d.due, principal: d.principal, interest: d.interest, fee: d.servicing_fee }
}

/// A projection's scenario: annual prepayment and default rates, the loss severity, the
/// recovery lag in periods; and, for the valuation, a price (per unit of each tranche's
/// outstanding, parts per 10⁹; par if `None`) and a yield (annual, monthly compounding,
/// parts per 10⁹; each tranche's coupon if `None`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo)]
pub struct Scenario {
	pub cpr: Perbill,
	pub cdr: Perbill,
	pub severity: Perbill,
	pub lag: u32,
	pub price_ppb: Option<u64>,
	pub yield_ppb: Option<i64>,
}

/// A tranche on a projected payment date.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo)]
pub struct ProjectedLine {
	pub interest: Balance,
	pub principal: Balance,
	/// Written down on the date less written back up.
	pub written_down: Balance,
	pub written_up: Balance,
	pub shortfall: Balance,
	/// Face outstanding after the date.
	pub balance: Balance,
}

/// A projected payment date.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo)]
pub struct ProjectedPeriod {
	pub index: u32,
	pub end: DayNumber,
	/// The loans' projected flows in the period (what was collected before now excluded).
	pub gross_interest: Balance,
	pub servicing_fees: Balance,
	pub scheduled_principal: Balance,
	pub prepayments: Balance,
	pub defaults: Balance,
	pub recoveries: Balance,
	pub opening_balance: Balance,
	pub closing_balance: Balance,
	/// The waterfall's sources (collected so far included on the first date).
	pub interest_proceeds: Balance,
	pub principal_proceeds: Balance,
	pub fees: Balance,
	pub reserve: Balance,
	pub status: DealStatus,
	pub status_after: DealStatus,
	pub breached: u32,
	pub tranches: Vec<ProjectedLine>,
}

/// A tranche's projected cash flows, valued.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo)]
pub struct TrancheValuation {
	/// Outstanding now.
	pub outstanding: Balance,
	pub interest: Balance,
	pub principal: Balance,
	/// Written down and never written back up by the end of the projection.
	pub loss: Balance,
	/// Weighted average life, 30/360 years ×10⁹ (0 without principal).
	pub wal_e9: u128,
	/// The yield at the scenario's price; `None` if none in −50 %…1,000 % gives it.
	pub yield_ppb: Option<i64>,
	/// The price used (per unit of outstanding, ppb) and the value of the flows at it.
	pub price_ppb: u64,
	/// The yield used, the value at it and that value per unit of outstanding (ppb).
	pub discount_yield_ppb: i64,
	pub value: Balance,
	pub value_ppb: u64,
}

/// A pool's projection.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo)]
pub struct Projection {
	/// The day it was made on.
	pub today: DayNumber,
	/// Performing loans projected and their unpaid installments' total.
	pub loans: u32,
	/// 0 when the loans ran one by one; for a pool of more than [`MAX_PROJECTED_LOANS`], the
	/// representative lines that stood for them (one per maturity month).
	pub rep_lines: u32,
	pub remaining_installments: Balance,
	/// Collected in the period under way before now.
	pub collected_interest: Balance,
	pub collected_principal: Balance,
	pub periods: Vec<ProjectedPeriod>,
	pub tranches: Vec<TrancheValuation>,
}

/// Why a projection cannot be made.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum ProjectionError {
	/// No such pool, or it has not closed (or has ended).
	NotClosed,
	/// The pool has no such tranche.
	UnknownTranche,
	/// A rate, severity, price or yield out of range.
	InvalidScenario,
	/// An amount out of range (not reached with bounded amounts).
	Arithmetic,
}

fn ppb_of(p: Perbill) -> u32 {
	p.deconstruct()
}

impl<T: Config> Pallet<T> {
	/// Project pool `pool_id` under scenario `s` from its state now: loan by loan up to
	/// [`MAX_PROJECTED_LOANS`] performing loans, by representative lines above.
	pub fn project(pool_id: PoolId, s: Scenario) -> Result<Projection, ProjectionError> {
		Self::project_with(pool_id, s, false)
	}

	/// [`Self::project`], by representative lines whatever the pool's size if `rep_lines`
	/// (to measure their error against loan by loan).
	pub fn project_with(
		pool_id: PoolId,
		s: Scenario,
		rep_lines: bool,
	) -> Result<Projection, ProjectionError> {
		let pool = Pools::<T>::get(pool_id).ok_or(ProjectionError::NotClosed)?;
		let perf = Performances::<T>::get(pool_id).ok_or(ProjectionError::NotClosed)?;
		let mut state = DealStates::<T>::get(pool_id).ok_or(ProjectionError::NotClosed)?;
		if pool.status != PoolStatus::Closed {
			return Err(ProjectionError::NotClosed);
		}
		let deal = Deals::<T>::get(pool_id).unwrap_or_else(|| Self::default_deal(&pool.spec));
		let mut tranches: Vec<Tranche> = Vec::with_capacity(pool.spec.tranches.len());
		for k in 0..pool.spec.tranches.len() {
			let k8 = u8::try_from(k).map_err(|_| ProjectionError::Arithmetic)?;
			tranches.push(Tranches::<T>::get((pool_id, k8)).ok_or(ProjectionError::NotClosed)?);
		}
		if s.price_ppb == Some(0)
			|| s.yield_ppb
				.is_some_and(|y| !(engine::MIN_YIELD_PPB..=engine::MAX_YIELD_PPB).contains(&y))
		{
			return Err(ProjectionError::InvalidScenario);
		}

		// The performing loans' unpaid installments (or their representative lines).
		let performing = perf.count_by_bucket.iter().fold(0u32, |a, c| a.saturating_add(*c));
		let by_lines = rep_lines || performing > MAX_PROJECTED_LOANS;
		let loans = if by_lines {
			Self::rep_lines(pool_id, &perf)?
		} else {
			match Self::loan_by_loan(pool_id) {
				Some(loans) => loans,
				None => Self::rep_lines(pool_id, &perf)?,
			}
		};
		let mut remaining: Balance = 0;
		let mut last_due: DayNumber = perf.period.end;
		for d in loans.iter().flatten() {
			remaining = remaining.saturating_add(d.principal).saturating_add(d.interest);
			last_due = last_due.max(d.due);
		}

		// The payment dates: the period under way's end, then monthly past the last
		// installment and the recovery lag.
		let mut ends: Vec<DayNumber> = Vec::new();
		let mut end = perf.period.end;
		let lag = usize::try_from(s.lag).unwrap_or(usize::MAX);
		let mut after_last = 0usize;
		while ends.len() < MAX_PROJECTED_PERIODS {
			ends.push(end);
			if end >= last_due {
				after_last = after_last.saturating_add(1);
				if after_last > lag {
					break;
				}
			}
			end = next_payment_date(end, perf.payment_day);
		}
		let scenario = engine::Scenario {
			cpr_ppb: ppb_of(s.cpr),
			cdr_ppb: ppb_of(s.cdr),
			severity_ppb: ppb_of(s.severity),
			lag: s.lag,
		};
		let flows = engine::project(&loans, &ends, &scenario)
			.map_err(|_| ProjectionError::InvalidScenario)?;

		// The pool ends, as on the chain, on the first date that leaves no balance, no
		// defaulted loan and nothing more to recover: that date is the final one (the reserve
		// released, every source to the residual) and the projection stops there.
		let active = |r: &PeriodFlows| r.balance > 0 || r.recoveries > 0 || r.defaults > 0;
		let final_row = match flows.iter().rposition(active) {
			None => Some(0),
			Some(i) if flows.get(i).is_some_and(|r| r.balance == 0) => Some(i),
			Some(i) => Some(i.saturating_add(1)),
		}
		.filter(|i| *i < flows.len() && perf.defaulted_balance == 0);
		let flows = match final_row {
			Some(i) => flows.get(..=i).unwrap_or(&flows).to_vec(),
			None => flows,
		};

		// Each date through the deal.
		let n = tranches.len();
		let outstanding_now: Vec<Balance> = tranches.iter().map(|t| t.outstanding()).collect();
		let mut periods: Vec<ProjectedPeriod> = Vec::with_capacity(flows.len());
		let mut cum_defaults = perf.cumulative_defaults;
		let mut cum_recoveries = perf.cumulative_recoveries;
		let mut start = perf.period.start;
		let mut opening = perf.period.opening_balance;
		for (i, row) in flows.iter().enumerate() {
			let PeriodFlows { end, .. } = *row;
			let first = i == 0;
			let so_far = |x: Balance| if first { x } else { 0 };
			let q = &perf.period;
			let interest = row.net_interest().saturating_add(so_far(q.interest));
			let principal = row.principal().saturating_add(so_far(q.principal_collected()));
			let defaults = row.defaults.saturating_add(so_far(q.defaults));
			cum_defaults = cum_defaults.saturating_add(row.defaults);
			cum_recoveries = cum_recoveries.saturating_add(row.recoveries);
			let index = q.index.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
			let f = DateFigures {
				index,
				start,
				end,
				interest,
				principal,
				opening_balance: opening,
				closing_balance: row.balance,
				defaults,
				delinquent_60: 0,
				net_loss: cum_defaults.saturating_sub(cum_recoveries),
				original_balance: perf.original_balance,
				last: final_row == Some(i),
			};
			let prepared = dates::prepare(&deal, &state, &tranches, &f);
			let o = dates::run(&prepared).map_err(|_| ProjectionError::Arithmetic)?;
			let (lines, _) = dates::apply(&mut tranches, &o).ok_or(ProjectionError::Arithmetic)?;
			let fees = o.fees_paid.iter().fold(0u128, |a, x| a.saturating_add(*x));
			let tests =
				dates::tests(&deal, &pool.spec.tranches, &state, &tranches, &lines, &o, &f, fees);
			let last = n.saturating_sub(1);
			let projected_lines = lines
				.iter()
				.enumerate()
				.map(|(k, l)| ProjectedLine {
					interest: if k == last {
						l.interest_paid.saturating_add(o.residual_paid)
					} else {
						l.interest_paid
					},
					principal: l.principal_paid,
					written_down: l.written_down,
					written_up: l.written_up,
					shortfall: l.shortfall,
					balance: l.closing,
				})
				.collect();
			periods.push(ProjectedPeriod {
				index,
				end,
				gross_interest: row.gross_interest,
				servicing_fees: row.servicing_fees,
				scheduled_principal: row.scheduled_principal,
				prepayments: row.prepayments,
				defaults: row.defaults,
				recoveries: row.recoveries,
				opening_balance: row.opening_balance,
				closing_balance: row.balance,
				interest_proceeds: prepared.input.interest,
				principal_proceeds: prepared.input.principal,
				fees,
				reserve: o.reserve,
				status: state.status,
				status_after: tests.status_after,
				breached: tests.breached,
				tranches: projected_lines,
			});
			let (il, pl) = (o.interest_left, o.principal_left);
			dates::advance(&mut state, &o, &tests, il, pl, o.fee_shortfalls.clone());
			start = end;
			opening = row.balance;
		}

		// Each tranche valued.
		let today = Self::today();
		let ends: Vec<DayNumber> = periods.iter().map(|p| p.end).collect();
		let mut valuations = Vec::with_capacity(n);
		for (k, t) in tranches.iter().enumerate() {
			let line = |p: &ProjectedPeriod| p.tranches.get(k).copied().unwrap_or_default();
			let principal: Vec<Balance> = periods.iter().map(|p| line(p).principal).collect();
			let cash: Vec<Balance> = periods
				.iter()
				.map(|p| line(p).interest.saturating_add(line(p).principal))
				.collect();
			let outstanding = outstanding_now.get(k).copied().unwrap_or(0);
			let price_ppb = s.price_ppb.unwrap_or(1_000_000_000);
			let price = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
				outstanding,
				u128::from(price_ppb),
				1_000_000_000,
				sp_runtime::Rounding::Down,
			)
			.ok_or(ProjectionError::Arithmetic)?;
			let coupon_ppb = t.coupon.map_or(0, |c| {
				i64::try_from(c.checked_div(1_000_000_000).unwrap_or(0)).unwrap_or(0)
			});
			let y = s.yield_ppb.unwrap_or(coupon_ppb);
			let value = engine::price_at_yield(today, &ends, &cash, y)
				.map_err(|_| ProjectionError::InvalidScenario)?;
			let yield_ppb = if outstanding == 0 {
				None
			} else {
				engine::yield_at_price(today, &ends, &cash, price)
					.map_err(|_| ProjectionError::Arithmetic)?
			};
			valuations.push(TrancheValuation {
				outstanding,
				interest: cash
					.iter()
					.zip(&principal)
					.fold(0u128, |a, (c, p)| a.saturating_add(c.saturating_sub(*p))),
				principal: principal.iter().fold(0u128, |a, p| a.saturating_add(*p)),
				loss: t.written_down.saturating_sub(t.written_up),
				wal_e9: engine::wal_e9(today, &ends, &principal)
					.map_err(|_| ProjectionError::Arithmetic)?,
				yield_ppb,
				price_ppb,
				discount_yield_ppb: y,
				value,
				value_ppb: dates::ppb(value, outstanding),
			});
		}
		Ok(Projection {
			today,
			loans: if by_lines {
				performing
			} else {
				u32::try_from(loans.len()).unwrap_or(u32::MAX)
			},
			rep_lines: if by_lines { u32::try_from(loans.len()).unwrap_or(u32::MAX) } else { 0 },
			remaining_installments: remaining,
			collected_interest: perf.period.interest,
			collected_principal: perf.period.principal_collected(),
			periods,
			tranches: valuations,
		})
	}

	/// Each performing loan's unpaid installments, or `None` past [`MAX_PROJECTED_LOANS`].
	fn loan_by_loan(pool_id: PoolId) -> Option<Vec<Vec<Due>>> {
		let mut loans: Vec<Vec<Due>> = Vec::new();
		for (loan_id, ()) in PoolLoans::<T>::iter_prefix(pool_id) {
			// Loans repaid or defaulted have none: they do not count against the bound.
			let Some(dues) = T::Servicing::remaining_installments(loan_id) else { continue };
			if dues.is_empty() {
				continue;
			}
			if loans.len() >= usize::try_from(MAX_PROJECTED_LOANS).unwrap_or(usize::MAX) {
				return None;
			}
			loans.push(dues.into_iter().map(due_of).collect());
		}
		Some(loans)
	}

	/// Representative lines of a pool's performing loans, from its books alone: one level
	/// annuity per maturity month of the maturity table (the month's balance), at the pool's
	/// weighted average coupon (30/360), one installment in each collection period from the
	/// one under way to the maturity month's; the servicing fee in the proportion it has to
	/// the interest in the first [`FEE_SAMPLE`] loans' installments.
	fn rep_lines(pool_id: PoolId, perf: &Performance) -> Result<Vec<Vec<Due>>, ProjectionError> {
		use abs_finance::{schedule, CalendarDate, DayCount};
		if perf.balance == 0 {
			return Ok(Vec::new());
		}
		let wac_ppb = abs_finance::metrics::wac_ppb(perf.rate_weighted, perf.balance)
			.map_err(|_| ProjectionError::Arithmetic)?;
		let rate = u64::try_from(wac_ppb.saturating_mul(1_000_000_000))
			.map_err(|_| ProjectionError::Arithmetic)?;
		let (mut fees, mut interest) = (0u128, 0u128);
		for (loan_id, ()) in PoolLoans::<T>::iter_prefix(pool_id).take(FEE_SAMPLE) {
			for d in T::Servicing::remaining_installments(loan_id).unwrap_or_default() {
				fees = fees.saturating_add(d.servicing_fee);
				interest = interest.saturating_add(d.interest);
			}
		}
		let month_of = |day: DayNumber| {
			let c = CalendarDate::from_day_number(day);
			u32::from(c.year)
				.saturating_mul(12)
				.saturating_add(u32::from(c.month))
				.saturating_sub(1)
		};
		// The due days: the day before each payment date.
		let mut dues: Vec<DayNumber> = Vec::new();
		let mut end = perf.period.end;
		let mut lines = Vec::new();
		for (month, cell) in MaturityStrats::<T>::iter_prefix(pool_id) {
			if cell.balance == 0 {
				continue;
			}
			while dues.last().is_none_or(|d| month_of(*d) < month)
				&& dues.len() < MAX_PROJECTED_PERIODS
			{
				dues.push(end.saturating_sub(1));
				end = next_payment_date(end, perf.payment_day);
			}
			let n = dues.iter().take_while(|d| month_of(**d) <= month).count().max(1);
			let these = dues.get(..n).unwrap_or(&dues);
			let first_from = CalendarDate::from_day_number(these.first().copied().unwrap_or(end))
				.sub_months(1)
				.and_then(|c| c.to_day_number())
				.ok_or(ProjectionError::Arithmetic)?;
			let periods = schedule::periods_of(first_from, these);
			let n32 = u32::try_from(n).map_err(|_| ProjectionError::Arithmetic)?;
			let payment = schedule::level_payment(cell.balance, rate, n32)
				.map_err(|_| ProjectionError::Arithmetic)?;
			let line = schedule::amortize_level(
				DayCount::Thirty360,
				rate,
				cell.balance,
				payment,
				&periods,
			)
			.map_err(|_| ProjectionError::Arithmetic)?;
			lines.push(
				line.into_iter()
					.map(|i| Due {
						due: i.due,
						principal: i.principal,
						interest: i.interest,
						fee: if interest == 0 {
							0
						} else {
							sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
								i.interest,
								fees.min(interest),
								interest,
								sp_runtime::Rounding::NearestPrefUp,
							)
							.unwrap_or(0)
						},
					})
					.collect(),
			);
		}
		Ok(lines)
	}

	/// The pool's own scenario: the latest period's CPR and CDR, the severity of its losses
	/// so far (losses ÷ defaults; 0 without defaults), recoveries in the next period.
	pub fn own_scenario(pool_id: PoolId) -> Option<Scenario> {
		let perf = Performances::<T>::get(pool_id)?;
		let last = perf.period.index.checked_sub(1);
		let (cpr, cdr) = last.and_then(|i| PeriodReports::<T>::get(pool_id, i)).map_or(
			(Perbill::zero(), Perbill::zero()),
			|r| {
				let to_perbill = |x: sp_runtime::FixedU128| {
					Perbill::from_parts(
						u32::try_from(
							x.into_inner()
								.checked_div(1_000_000_000)
								.unwrap_or(0)
								.min(1_000_000_000),
						)
						.unwrap_or(1_000_000_000),
					)
				};
				(to_perbill(r.cpr), to_perbill(r.cdr))
			},
		);
		let severity = if perf.cumulative_defaults == 0 {
			Perbill::zero()
		} else {
			Perbill::from_rational(
				perf.cumulative_losses.min(perf.cumulative_defaults),
				perf.cumulative_defaults,
			)
		};
		Some(Scenario { cpr, cdr, severity, lag: 1, price_ppb: None, yield_ppb: None })
	}

	/// Tranche `k` of pool `pool_id` valued under the pool's own performance (or `scenario`),
	/// at `yield_ppb` (its coupon if `None`).
	pub fn valuation(
		pool_id: PoolId,
		k: u8,
		scenario: Option<Scenario>,
		yield_ppb: Option<i64>,
	) -> Result<TrancheValuation, ProjectionError> {
		let tranches = Pools::<T>::get(pool_id).map_or(0, |p| p.spec.tranches.len());
		if usize::from(k) >= tranches {
			return Err(if tranches == 0 {
				ProjectionError::NotClosed
			} else {
				ProjectionError::UnknownTranche
			});
		}
		let mut s = match scenario {
			Some(s) => s,
			None => Self::own_scenario(pool_id).ok_or(ProjectionError::NotClosed)?,
		};
		if yield_ppb.is_some() {
			s.yield_ppb = yield_ppb;
		}
		let p = Self::project(pool_id, s)?;
		p.tranches.get(usize::from(k)).copied().ok_or(ProjectionError::UnknownTranche)
	}
}
