//! Collections and performance: servicing and recovery tell the pool of every change on its
//! loans ([`abs_traits::LoanObserver`]). Before closing a loan that stops being current leaves
//! the pool and the seller's collections after cut-off are counted against its price; after
//! closing the pool's performance, its stratification tables and its collection period move
//! by the change alone. A change on a closed pool's loan reads and writes three items: the
//! loan's entry, the pool's performance and the loan's maturity-month cell. Nothing iterates
//! a pool's loans.

use crate::{pallet::*, types::*};
use abs_finance::{
	calendar::CalendarDate,
	metrics::{self, rate_weight, term_weight},
};
use abs_primitives::{Balance, DayNumber, LoanId, LoanStatus, PeriodMetrics, PoolId, PoolMetrics};
use abs_traits::LoanChange;
use abs_traits::PoolMonitor;
use sp_runtime::FixedU128;

/// Most periods one roll closes (a chain stalled for longer catches up over later blocks).
pub const MAX_ROLLS_AT_ONCE: u32 = 12;

/// A bucket index in range.
fn bucket(b: u8) -> usize {
	usize::from(b.min(4))
}

fn apply(total: &mut Balance, amount: Balance, add: bool) {
	*total = if add { total.saturating_add(amount) } else { total.saturating_sub(amount) };
}

fn apply_w(total: &mut u128, amount: u128, add: bool) {
	*total = if add { total.saturating_add(amount) } else { total.saturating_sub(amount) };
}

fn cell(cells: &mut [Cell], i: usize, balance: Balance, add: bool) {
	if let Some(c) = cells.get_mut(i) {
		c.apply(balance, add);
	}
}

/// The calendar month (year × 12 + month − 1) of `day`.
pub fn month_of(day: DayNumber) -> u32 {
	let d = CalendarDate::from_day_number(day);
	u32::from(d.year).saturating_mul(12).saturating_add(u32::from(d.month.saturating_sub(1)))
}

/// The first day after `day` that falls on the `payment_day` of a month.
pub fn next_payment_date(day: DayNumber, payment_day: u8) -> DayNumber {
	let d = CalendarDate::from_day_number(day);
	let this_month = CalendarDate::new(d.year, d.month, payment_day);
	let candidate = match this_month.and_then(|c| c.to_day_number()) {
		Some(n) if n > day => Some(n),
		_ => this_month.and_then(|c| c.add_months(1)).and_then(|c| c.to_day_number()),
	};
	candidate.unwrap_or_else(|| day.saturating_add(30))
}

/// The key of a pool's next roll: its day then the pool, big-endian, so that the map's
/// (identity-hashed) keys iterate in day order.
pub fn roll_key(day: DayNumber, pool_id: PoolId) -> [u8; 8] {
	let mut k = [0u8; 8];
	let (d, p) = k.split_at_mut(4);
	d.copy_from_slice(&day.to_be_bytes());
	p.copy_from_slice(&pool_id.to_be_bytes());
	k
}

impl<T: Config> Pallet<T> {
	/// Add (or take away) loan `e`'s part of the pool's totals and tables: its balance in
	/// its bucket, the WAC/WAM/WALA sums, the expected installment and its strat cells.
	/// Defaulted loans have no part (they are counted apart).
	pub(crate) fn part(p: &mut Performance, e: &PoolLoan<T::AccountId>, add: bool) {
		let b = e.principal;
		apply(&mut p.balance, b, add);
		if let (Some(n), Some(v)) = (
			p.count_by_bucket.get_mut(bucket(e.bucket)),
			p.balance_by_bucket.get_mut(bucket(e.bucket)),
		) {
			*n = if add { n.saturating_add(1) } else { n.saturating_sub(1) };
			apply(v, b, add);
		}
		apply_w(&mut p.rate_weighted, rate_weight(e.rate, b), add);
		apply_w(&mut p.term_weighted, term_weight(e.remaining, b), add);
		apply_w(&mut p.age_weighted, term_weight(e.periods.saturating_sub(e.remaining), b), add);
		apply(&mut p.installments, e.installment, add);
		let s = &mut p.strats;
		cell(&mut s.rate, rate_band(e.rate), b, add);
		cell(&mut s.score, usize::from(e.strat.score), b, add);
		cell(&mut s.dti, usize::from(e.strat.dti), b, add);
		cell(&mut s.collateral, usize::from(e.strat.collateral), b, add);
		cell(&mut s.originator, usize::from(e.strat.originator), b, add);
	}

	/// Move loan `old`'s maturity cell to `new` (either may be absent): one item when the
	/// month stays.
	pub(crate) fn move_maturity(
		pool_id: PoolId,
		old: Option<&PoolLoan<T::AccountId>>,
		new: Option<&PoolLoan<T::AccountId>>,
	) {
		let change = |month: u32, out: Option<Balance>, put: Option<Balance>| {
			MaturityStrats::<T>::mutate_exists(pool_id, month, |c| {
				let mut cell = c.unwrap_or_default();
				if let Some(b) = out {
					cell.apply(b, false);
				}
				if let Some(b) = put {
					cell.apply(b, true);
				}
				*c = (cell.count > 0).then_some(cell);
			})
		};
		match (old, new) {
			(Some(o), Some(n)) if o.strat.maturity_month == n.strat.maturity_month => {
				change(o.strat.maturity_month, Some(o.principal), Some(n.principal))
			}
			(o, n) => {
				if let Some(o) = o {
					change(o.strat.maturity_month, Some(o.principal), None);
				}
				if let Some(n) = n {
					change(n.strat.maturity_month, None, Some(n.principal));
				}
			}
		}
	}

	/// Returns the weight used: one read for a loan in no pool.
	pub(crate) fn observe(loan_id: LoanId, c: &LoanChange) -> sp_runtime::Weight {
		use frame_support::traits::Get;
		let Some(mut entry) = LoanPools::<T>::get(loan_id) else {
			return T::DbWeight::get().reads(1);
		};
		let mut used = <T::WeightInfo as crate::WeightInfo>::observe();
		let pool_id = entry.pool;
		let Some(mut perf) = Performances::<T>::get(pool_id) else { return used };
		if perf.ended_on.is_some() {
			// Called: the loan is the sponsor's.
			return used;
		}
		if perf.closed_on.is_some() {
			if c.day >= perf.period.end {
				let n = Self::roll(pool_id, &mut perf, c.day);
				used = used.saturating_add(Self::roll_weight(1, n));
				if perf.ended_on.is_some() {
					// The roll ran the final date: the change is after the pool's end.
					Performances::<T>::insert(pool_id, perf);
					return used;
				}
			}
			let before = (!entry.defaulted && !entry.done).then(|| entry.clone());
			Self::perform(&mut perf, &mut entry, c);
			let after = (!entry.defaulted && !entry.done).then_some(&entry);
			Self::move_maturity(pool_id, before.as_ref(), after);
			if before.is_some() && after.is_none() {
				// Defaulted or finished: an approved repurchase lapses.
				RepurchaseApprovals::<T>::remove(loan_id);
			}
			// The agencies' monitors read the metrics in the change's own extrinsic or hook.
			used =
				used.saturating_add(T::Monitor::on_change(pool_id, &Self::monitored(&perf, None)));
			Performances::<T>::insert(pool_id, perf);
			LoanPools::<T>::insert(loan_id, entry);
			return used;
		}
		let Some(mut pool) = Pools::<T>::get(pool_id) else { return used };
		if !pool.status.is_open() {
			return used;
		}
		let reason = match c.status_after {
			_ if c.restructured => Some(DropReason::Restructured),
			LoanStatus::PaidOff => Some(DropReason::PaidOff),
			LoanStatus::Defaulted | LoanStatus::InRecovery => Some(DropReason::Defaulted),
			LoanStatus::Active if c.bucket_after == 0 => None,
			_ => Some(DropReason::Delinquent),
		};
		if let Some(reason) = reason {
			Self::remove_entry(&mut pool, &mut perf, loan_id, &entry);
			Pools::<T>::insert(pool_id, pool);
			Performances::<T>::insert(pool_id, perf);
			Self::deposit_event(Event::LoanDropped { pool_id, loan_id, reason });
			return used;
		}
		let principal = c.principal.saturating_add(c.prepayment);
		let Some(seller) = pool.sellers.iter_mut().find(|s| s.seller == entry.seller) else {
			return used;
		};
		let old = entry.clone();
		Self::part(&mut perf, &entry, false);
		let paid = principal.min(entry.principal);
		entry.principal = entry.principal.saturating_sub(paid);
		entry.remaining = c.remaining_installments;
		entry.installment = c.installment;
		if c.day <= pool.spec.cut_off {
			// Before cut-off the seller's own: the principal sold is what is left.
			seller.principal = seller.principal.saturating_sub(paid);
			pool.principal = pool.principal.saturating_sub(paid);
		} else {
			// After cut-off the pool's: the price (on the principal at cut-off, entry
			// principal + collected principal) is reduced by it, the interest remitted.
			entry.collected_principal = entry.collected_principal.saturating_add(paid);
			entry.collected_interest = entry.collected_interest.saturating_add(c.interest);
			seller.collected_principal = seller.collected_principal.saturating_add(paid);
			seller.collected_interest = seller.collected_interest.saturating_add(c.interest);
		}
		Self::part(&mut perf, &entry, true);
		Self::move_maturity(pool_id, Some(&old), Some(&entry));
		Pools::<T>::insert(pool_id, pool);
		Performances::<T>::insert(pool_id, perf);
		LoanPools::<T>::insert(loan_id, entry);
		used
	}

	/// A closed pool's performance after change `c` on one of its loans (`entry`).
	fn perform(p: &mut Performance, entry: &mut PoolLoan<T::AccountId>, c: &LoanChange) {
		let cash_in = c
			.interest
			.saturating_add(c.principal)
			.saturating_add(c.prepayment)
			.saturating_add(c.recovery);
		p.cash = p.cash.saturating_add(cash_in);
		if entry.defaulted || entry.done {
			// Whatever a defaulted (or resolved) loan still brings is a recovery: it is not
			// in the balance the period's SMM is measured on.
			p.cumulative_recoveries = p.cumulative_recoveries.saturating_add(cash_in);
			p.period.recoveries = p.period.recoveries.saturating_add(cash_in);
		} else {
			p.cumulative_interest = p.cumulative_interest.saturating_add(c.interest);
			p.cumulative_principal = p.cumulative_principal.saturating_add(c.principal);
			p.cumulative_prepayments = p.cumulative_prepayments.saturating_add(c.prepayment);
			p.cumulative_recoveries = p.cumulative_recoveries.saturating_add(c.recovery);
			let q = &mut p.period;
			q.interest = q.interest.saturating_add(c.interest);
			q.scheduled_principal = q.scheduled_principal.saturating_add(c.principal);
			q.prepayments = q.prepayments.saturating_add(c.prepayment);
			q.recoveries = q.recoveries.saturating_add(c.recovery);
		}
		if entry.done {
			return;
		}
		let mut in_performance = true;
		if entry.defaulted {
			match c.status_after {
				// Resolved by recovery (sold or written off) or paid off from default.
				LoanStatus::Recovered | LoanStatus::WrittenOff | LoanStatus::PaidOff => {
					let loss = c.loss.min(entry.principal);
					p.cumulative_losses = p.cumulative_losses.saturating_add(loss);
					p.period.losses = p.period.losses.saturating_add(loss);
					p.defaulted_count = p.defaulted_count.saturating_sub(1);
					p.defaulted_balance = p.defaulted_balance.saturating_sub(entry.principal);
					if c.status_after == LoanStatus::PaidOff {
						p.paid_off = p.paid_off.saturating_add(1);
					} else {
						p.resolved = p.resolved.saturating_add(1);
					}
					entry.principal = 0;
					entry.bucket = 0;
					entry.installment = 0;
					entry.defaulted = false;
					entry.done = true;
					return;
				}
				// Restructured out of default: back in the balance and the tables.
				LoanStatus::Active | LoanStatus::Delinquent(_) => {
					p.defaulted_count = p.defaulted_count.saturating_sub(1);
					p.defaulted_balance = p.defaulted_balance.saturating_sub(entry.principal);
					entry.defaulted = false;
					in_performance = false;
				}
				_ => return,
			}
		}
		// Out with the loan's old part …
		if in_performance {
			Self::part(p, entry, false);
		}
		// … and in with the new.
		let new = c.principal_after;
		if c.restructured {
			// The age carries over a restructuring: original = elapsed + the new schedule.
			entry.periods = entry
				.periods
				.saturating_sub(entry.remaining)
				.saturating_add(c.remaining_installments);
		}
		entry.principal = new;
		entry.bucket = c.bucket_after;
		entry.remaining = c.remaining_installments;
		entry.installment = c.installment;
		if c.maturity > 0 {
			entry.strat.maturity_month = month_of(c.maturity);
		}
		if c.rate > 0 {
			entry.rate = c.rate;
		}
		match c.status_after {
			LoanStatus::PaidOff => {
				entry.principal = 0;
				entry.installment = 0;
				entry.done = true;
				p.paid_off = p.paid_off.saturating_add(1);
			}
			LoanStatus::Defaulted | LoanStatus::InRecovery => {
				entry.defaulted = true;
				p.defaulted_count = p.defaulted_count.saturating_add(1);
				p.defaulted_balance = p.defaulted_balance.saturating_add(new);
				p.cumulative_defaults = p.cumulative_defaults.saturating_add(new);
				p.period.defaults = p.period.defaults.saturating_add(new);
			}
			_ => Self::part(p, entry, true),
		}
	}

	/// Loans (not defaulted) in a performance.
	pub(crate) fn performing_count(p: &Performance) -> u32 {
		p.count_by_bucket.iter().fold(0u32, |a, n| a.saturating_add(*n))
	}

	/// Start period `index` on `start` from the pool's figures now.
	pub(crate) fn start_period(p: &mut Performance, index: u32, start: DayNumber) {
		p.period = Period {
			index,
			start,
			end: next_payment_date(start, p.payment_day),
			opening_balance: p.balance,
			opening_count: Self::performing_count(p),
			expected: p.installments,
			..Default::default()
		};
	}

	/// The report of the period under way, as of now.
	pub fn report(p: &Performance) -> PeriodReport {
		let q = &p.period;
		let fx = |x: Result<u128, abs_finance::Error>| FixedU128::from_inner(x.unwrap_or(0));
		let unscheduled = q.prepayments.saturating_add(q.repurchases);
		let smm = metrics::smm(unscheduled, q.opening_balance, q.scheduled_principal).unwrap_or(0);
		let mdr = metrics::mdr(q.defaults, q.opening_balance).unwrap_or(0);
		let b = p.balance_by_bucket;
		PeriodReport {
			period: q.clone(),
			closing_balance: p.balance,
			closing_count: Self::performing_count(p),
			smm: FixedU128::from_inner(smm),
			mdr: FixedU128::from_inner(mdr),
			cpr: fx(metrics::annualize(smm)),
			cdr: fx(metrics::annualize(mdr)),
			wac_ppb: metrics::wac_ppb(p.rate_weighted, p.balance).unwrap_or(0),
			wam_milli: metrics::wa_term_milli(p.term_weighted, p.balance).unwrap_or(0),
			wala_milli: metrics::wa_term_milli(p.age_weighted, p.balance).unwrap_or(0),
			factor: fx(metrics::ratio(p.balance, p.original_balance)),
			delinquent_30: b[2].saturating_add(b[3]).saturating_add(b[4]),
			delinquent_60: b[3].saturating_add(b[4]),
			delinquent_90: b[4],
		}
	}

	/// What rolling `periods` periods of `pools` pools costs, the monitors' evaluation at each
	/// period's close included.
	pub fn roll_weight(pools: u32, periods: u32) -> sp_runtime::Weight {
		// A roll may end the pool: one more evaluation (its alerts cleared).
		let evaluations = if periods == 0 { 0 } else { periods.saturating_add(1) };
		<T::WeightInfo as crate::WeightInfo>::roll(pools, periods)
			.saturating_add(T::Monitor::weight().saturating_mul(u64::from(evaluations)))
	}

	/// The pool's metrics as the monitors read them (parts per 10⁹): now, or at the close of
	/// the period `closed` reports (with its ratios).
	pub fn monitored(p: &Performance, closed: Option<&PeriodReport>) -> PoolMetrics {
		let ppb = |x: Result<u128, abs_finance::Error>| {
			u64::try_from(x.unwrap_or(0) / 1_000_000_000).unwrap_or(u64::MAX)
		};
		let of_balance =
			|n: Balance| if p.balance == 0 { 0 } else { ppb(metrics::ratio(n, p.balance)) };
		let of_original = |n: Balance| {
			if p.original_balance == 0 {
				0
			} else {
				ppb(metrics::ratio(n, p.original_balance))
			}
		};
		let b = p.balance_by_bucket;
		let d90 = b[4];
		let d60 = b[3].saturating_add(d90);
		let d30 = b[2].saturating_add(d60);
		PoolMetrics {
			period_index: closed.map_or(p.period.index, |r| r.period.index),
			delinquent_30: of_balance(d30),
			delinquent_60: of_balance(d60),
			delinquent_90: of_balance(d90),
			cumulative_defaults: of_original(p.cumulative_defaults),
			cumulative_losses: of_original(p.cumulative_losses),
			pool_factor: of_original(p.balance),
			period: closed.map(|r| PeriodMetrics {
				// Nothing expected: nothing was missed.
				collection_ratio: if r.period.expected == 0 {
					1_000_000_000
				} else {
					ppb(metrics::ratio(r.period.collected(), r.period.expected))
				},
				cpr: u64::try_from(r.cpr.into_inner() / 1_000_000_000).unwrap_or(u64::MAX),
				cdr: u64::try_from(r.cdr.into_inner() / 1_000_000_000).unwrap_or(u64::MAX),
			}),
		}
	}

	/// Roll every period of pool `pool_id` that ended by `today` (at most
	/// [`MAX_ROLLS_AT_ONCE`]): its report is kept and the next starts from the figures now.
	/// Returns how many rolled.
	pub(crate) fn roll(pool_id: PoolId, p: &mut Performance, today: DayNumber) -> u32 {
		let old_end = p.period.end;
		let mut n = 0u32;
		while p.period.end <= today && n < MAX_ROLLS_AT_ONCE {
			let report = Self::report(p);
			let index = p.period.index;
			let last = Self::ends_naturally(p, report.closing_balance);
			if last {
				p.ended_on = Some(p.period.end);
			}
			Self::deposit_event(Event::PeriodRolled {
				pool_id,
				index,
				expected: report.period.expected,
				collected: report.period.collected(),
				smm: report.smm,
				mdr: report.mdr,
			});
			Self::payment_date(pool_id, p, &report);
			let _ = T::Monitor::on_period_close(pool_id, &Self::monitored(p, Some(&report)));
			PeriodReports::<T>::insert(pool_id, index, report);
			let start = p.period.end;
			Self::start_period(p, index.saturating_add(1), start);
			n = n.saturating_add(1);
			if last {
				Self::end_pool(pool_id, start);
				break;
			}
		}
		if n > 0 {
			RollDue::<T>::remove(roll_key(old_end, pool_id));
			if p.ended_on.is_none() {
				RollDue::<T>::insert(roll_key(p.period.end, pool_id), ());
			}
		}
		n
	}

	/// Roll the periods due today, at most `max` pools a block. Returns (pools rolled,
	/// periods rolled).
	pub fn roll_due(max: u32) -> (u32, u32) {
		let today = Self::today();
		let (mut pools, mut periods) = (0u32, 0u32);
		while pools < max {
			let Some(key) = RollDue::<T>::iter_keys().next() else { break };
			let mut day = [0u8; 4];
			let mut id = [0u8; 4];
			let (d, i) = key.split_at(4);
			day.copy_from_slice(d);
			id.copy_from_slice(i);
			if DayNumber::from_be_bytes(day) > today {
				break;
			}
			let pool_id = PoolId::from_be_bytes(id);
			pools = pools.saturating_add(1);
			let Some(mut perf) = Performances::<T>::get(pool_id) else {
				RollDue::<T>::remove(key);
				continue;
			};
			let rolled = Self::roll(pool_id, &mut perf, today);
			if rolled == 0 {
				// A stale key (cannot happen: keys follow the period's end).
				RollDue::<T>::remove(key);
			}
			periods = periods.saturating_add(rolled);
			Performances::<T>::insert(pool_id, perf);
		}
		(pools, periods)
	}
}
