//! Payment dates: the deal's waterfall (data, validated at structuring) run on the collection
//! period's end by `abs_finance::waterfall::run`, in O(steps + tranches); the tranches'
//! distribution indices (interest and principal per unit, ×10¹⁸), so that any number of holders
//! claim what they are owed in O(1); the coverage and performance triggers that switch the
//! deal to its sequential waterfall; events of default that accelerate it; the trustee's report.
//!
//! The pool's account holds, for the deal, exactly: the collections of the period under way,
//! what the two sources carried from the last payment date, the reserve, and what was
//! credited to holders and not yet claimed (`do_try_state` checks it).

use crate::{pallet::*, types::*};
use abs_finance::waterfall::{self, Source, Step, WaterfallError};
use abs_primitives::{Balance, DayNumber, DealNotice, NoticeKind, NoticeSubject, PoolId};
use abs_traits::Notify;
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation},
	},
};
use sp_runtime::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};

const PPB: u128 = 1_000_000_000;

pub use super::dates::INDEX_ONE;
use super::dates::{self, DateFigures};

fn source(s: CashSource) -> Source {
	match s {
		CashSource::Interest => Source::Interest,
		CashSource::Principal => Source::Principal,
	}
}

/// A stored waterfall as the finance engine's steps.
pub fn steps_of(w: &Waterfall) -> Vec<Step> {
	w.iter()
		.map(|s| match s {
			PayStep::Fee { source: x, bps, fixed } => {
				Step::Fee { source: source(*x), bps: *bps, fixed: *fixed }
			}
			PayStep::Interest { source: x, tranches, reserve } => Step::Interest {
				source: source(*x),
				tranches: tranches.to_vec(),
				reserve: *reserve,
			},
			PayStep::OcTest { source: x, class, min_ppb } => {
				Step::OcTest { source: source(*x), class: *class, min_ppb: *min_ppb }
			}
			PayStep::FundReserve { source: x } => Step::FundReserve { source: source(*x) },
			PayStep::CureWriteDowns { source: x } => Step::CureWriteDowns { source: source(*x) },
			PayStep::Principal { source: x, tranches, pro_rata } => Step::Principal {
				source: source(*x),
				tranches: tranches.to_vec(),
				pro_rata: *pro_rata,
			},
			PayStep::Residual { source: x } => Step::Residual { source: source(*x) },
		})
		.collect()
}

fn list(ks: core::ops::Range<u8>) -> TrancheList {
	BoundedVec::truncate_from(ks.collect())
}

impl<T: Config> Pallet<T> {
	/// The deal a pool runs when its sponsor set none: the trustee's fee, interest in order of
	/// seniority (the senior's shortfall drawn on the reserve), the deficiency cured from
	/// excess spread, the reserve funded, the rest of the deficiency cured from principal
	/// proceeds (recoveries), principal sequentially (the residual tranche's face last), the
	/// rest to the residual. The sequential waterfall is the same; the accelerated one, after
	/// the fee and the cure from principal proceeds, pays every unit of both sources to the
	/// tranches in order of seniority, interest then principal.
	pub fn default_deal(spec: &PoolSpecOf<T>) -> DealSpec {
		let n = u8::try_from(spec.tranches.len()).unwrap_or(0);
		let notes = n.saturating_sub(1);
		let fee =
			PayStep::Fee { source: CashSource::Interest, bps: spec.trustee_fee_bps, fixed: 0 };
		let mut normal: Vec<PayStep> = alloc::vec![fee.clone()];
		for k in 0..notes {
			normal.push(PayStep::Interest {
				source: CashSource::Interest,
				tranches: list(k..k.saturating_add(1)),
				reserve: k == 0,
			});
		}
		normal.push(PayStep::CureWriteDowns { source: CashSource::Interest });
		normal.push(PayStep::FundReserve { source: CashSource::Interest });
		// Recoveries (principal proceeds) cure what the losses wrote down before they repay.
		normal.push(PayStep::CureWriteDowns { source: CashSource::Principal });
		normal.push(PayStep::Principal {
			source: CashSource::Principal,
			tranches: list(0..n),
			pro_rata: false,
		});
		normal.push(PayStep::Residual { source: CashSource::Principal });
		normal.push(PayStep::Residual { source: CashSource::Interest });
		let mut accelerated: Vec<PayStep> =
			alloc::vec![fee, PayStep::CureWriteDowns { source: CashSource::Principal }];
		for src in [CashSource::Interest, CashSource::Principal] {
			for k in 0..notes {
				let one = list(k..k.saturating_add(1));
				accelerated.push(PayStep::Interest {
					source: src,
					tranches: one.clone(),
					reserve: k == 0 && src == CashSource::Interest,
				});
				accelerated.push(PayStep::Principal {
					source: src,
					tranches: one,
					pro_rata: false,
				});
			}
		}
		accelerated.push(PayStep::Principal {
			source: CashSource::Principal,
			tranches: list(notes..n),
			pro_rata: false,
		});
		accelerated.push(PayStep::Residual { source: CashSource::Principal });
		accelerated.push(PayStep::Residual { source: CashSource::Interest });
		let normal = BoundedVec::truncate_from(normal);
		DealSpec {
			sequential: normal.clone(),
			normal,
			accelerated: BoundedVec::truncate_from(accelerated),
			reserve: ReserveSpec::default(),
			triggers: Default::default(),
			compound_shortfalls: false,
		}
	}

	/// Check `deal` for a pool of `tranches` tranches: each waterfall by the finance engine's
	/// rules, each trigger's class and limit.
	pub(crate) fn validate_deal(deal: &DealSpec, tranches: u8) -> DispatchResult {
		for w in [&deal.normal, &deal.sequential, &deal.accelerated] {
			waterfall::validate(&steps_of(w), tranches).map_err(|e| match e {
				WaterfallError::StepCount => Error::<T>::WaterfallStepCount,
				WaterfallError::UnknownTranche => Error::<T>::WaterfallUnknownTranche,
				WaterfallError::TrancheWithoutInterest(_) => Error::<T>::TrancheWithoutInterest,
				WaterfallError::ResidualNotLast => Error::<T>::ResidualNotLast,
				WaterfallError::InvalidTest => Error::<T>::InvalidTest,
			})?;
		}
		let notes = tranches.saturating_sub(1);
		for t in deal.triggers.iter() {
			match &t.kind {
				TriggerKind::Overcollateralization { class, min_ppb } => {
					ensure!(*class < notes, Error::<T>::InvalidTrigger);
					ensure!(u128::from(*min_ppb) >= PPB, Error::<T>::InvalidTrigger);
				}
				TriggerKind::InterestCoverage { class, min_ppb } => {
					ensure!(*class < notes, Error::<T>::InvalidTrigger);
					ensure!(*min_ppb > 0, Error::<T>::InvalidTrigger);
				}
				TriggerKind::CumulativeLoss { curve } => {
					ensure!(!curve.is_empty(), Error::<T>::InvalidTrigger);
					ensure!(curve.first().is_some_and(|p| p.0 == 0), Error::<T>::InvalidTrigger);
					ensure!(
						curve.iter().zip(curve.iter().skip(1)).all(|(a, b)| a.0 < b.0),
						Error::<T>::InvalidTrigger
					);
				}
				TriggerKind::Delinquency60 { max } => {
					ensure!(!max.is_zero(), Error::<T>::InvalidTrigger);
				}
			}
		}
		Ok(())
	}

	pub(crate) fn do_set_deal(
		who: T::AccountId,
		pool_id: PoolId,
		deal: DealSpec,
	) -> DispatchResult {
		let pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(who == pool.sponsor, Error::<T>::NotPoolSponsor);
		// Fixed before investors subscribe: the offering sells this deal.
		ensure!(pool.status == PoolStatus::Structuring, Error::<T>::NotStructuring);
		let n = u8::try_from(pool.spec.tranches.len()).map_err(|_| Error::<T>::UnknownTranche)?;
		Self::validate_deal(&deal, n)?;
		Deals::<T>::insert(pool_id, deal);
		Self::deposit_event(Event::DealSet { pool_id });
		Ok(())
	}

	/// The reserve's target with the pool balance at `balance`.
	pub fn reserve_target(r: &ReserveSpec, balance: Balance) -> Balance {
		dates::reserve_target(r, balance)
	}

	/// `units` more accrued from index `from` to `to`: whole units to `owed`, the fraction
	/// (×10¹⁸) carried.
	fn accrue(units: Balance, from: u128, to: u128, owed: &mut Balance, frac: &mut u128) {
		let delta = to.saturating_sub(from);
		// units × delta may exceed u128: split it as (q·10¹⁸ + r) × delta.
		let whole = multiply_by_rational_with_rounding(units, delta, INDEX_ONE, Rounding::Down)
			.unwrap_or(0);
		let rest = units
			.checked_mul(delta)
			.map(|p| p % INDEX_ONE)
			.unwrap_or_else(|| mul_mod(units, delta, INDEX_ONE));
		let f = frac.saturating_add(rest);
		*owed = owed.saturating_add(whole).saturating_add(f / INDEX_ONE);
		*frac = f % INDEX_ONE;
	}

	/// `who`'s accrual on tranche `k` brought up to the tranche's indices with its `units`.
	pub fn settled(t: &Tranche, mut a: Accrual, units: Balance) -> Accrual {
		Self::accrue(
			units,
			a.interest_index,
			t.interest_index,
			&mut a.interest,
			&mut a.interest_frac,
		);
		Self::accrue(
			units,
			a.principal_index,
			t.principal_index,
			&mut a.principal,
			&mut a.principal_frac,
		);
		a.interest_index = t.interest_index;
		a.principal_index = t.principal_index;
		a
	}

	/// Settle `who` on tranche `k` before its balance changes (stored).
	pub(crate) fn settle(pool_id: PoolId, k: u8, t: &Tranche, who: &T::AccountId) {
		let units = T::TrancheTokens::balance(t.asset, who);
		let a = Accruals::<T>::get((pool_id, k), who).unwrap_or_default();
		if units == 0 && a == Accrual::default() {
			// A new holder: it accrues from where the tranche is now.
			let fresh = Accrual {
				interest_index: t.interest_index,
				principal_index: t.principal_index,
				..Default::default()
			};
			Accruals::<T>::insert((pool_id, k), who, fresh);
			return;
		}
		Accruals::<T>::insert((pool_id, k), who, Self::settled(t, a, units));
	}

	/// `units` minted to `who` hold every distribution since closing (an allocation claimed
	/// late was the subscriber's from the closing day): settled, then credited from index 0.
	pub(crate) fn settle_minted(
		pool_id: PoolId,
		k: u8,
		t: &Tranche,
		who: &T::AccountId,
		units: Balance,
	) {
		let held = T::TrancheTokens::balance(t.asset, who);
		let mut a = Accruals::<T>::get((pool_id, k), who).unwrap_or(Accrual {
			interest_index: t.interest_index,
			principal_index: t.principal_index,
			..Default::default()
		});
		a = Self::settled(t, a, held);
		Self::accrue(units, 0, t.interest_index, &mut a.interest, &mut a.interest_frac);
		Self::accrue(units, 0, t.principal_index, &mut a.principal, &mut a.principal_frac);
		Accruals::<T>::insert((pool_id, k), who, a);
	}

	/// What `who` may claim on tranche `k` of pool `pool_id` now: (interest, principal).
	pub fn claimable(who: &T::AccountId, pool_id: PoolId, k: u8) -> Option<(Balance, Balance)> {
		let t = Tranches::<T>::get((pool_id, k))?;
		let units = T::TrancheTokens::balance(t.asset, who);
		let a = Accruals::<T>::get((pool_id, k), who)?;
		let a = Self::settled(&t, a, units);
		Some((a.interest, a.principal))
	}

	pub(crate) fn do_claim_distribution(
		who: T::AccountId,
		pool_id: PoolId,
		k: u8,
	) -> DispatchResult {
		let mut t = Tranches::<T>::get((pool_id, k)).ok_or(Error::<T>::UnknownTranche)?;
		let a = Accruals::<T>::get((pool_id, k), &who).ok_or(Error::<T>::NothingToClaim)?;
		let units = T::TrancheTokens::balance(t.asset, &who);
		let mut a = Self::settled(&t, a, units);
		let total = a.interest.checked_add(a.principal).ok_or(Error::<T>::Overflow)?;
		// Once the pool ended, the last claim also redeems the units (burned).
		let ended = Pools::<T>::get(pool_id).is_some_and(|p| p.status == PoolStatus::Ended);
		let redeem = if ended { units } else { 0 };
		ensure!(total > 0 || redeem > 0, Error::<T>::NothingToClaim);
		let mut state = DealStates::<T>::get(pool_id).ok_or(Error::<T>::NotClosed)?;
		let mut perf = Performances::<T>::get(pool_id).ok_or(Error::<T>::NotClosed)?;
		t.claimed_cash = t.claimed_cash.checked_add(total).ok_or(Error::<T>::Overflow)?;
		ensure!(t.claimed_cash <= t.distributed, Error::<T>::Overflow);
		state.claimed = state.claimed.checked_add(total).ok_or(Error::<T>::Overflow)?;
		perf.cash = perf.cash.checked_sub(total).ok_or(Error::<T>::Overflow)?;
		Self::pay_from(pool_id, &who, total)?;
		if redeem > 0 {
			T::TrancheTokens::burn_from(
				t.asset,
				&who,
				redeem,
				Preservation::Expendable,
				Precision::Exact,
				Fortitude::Force,
			)?;
			t.redeemed = t.redeemed.checked_add(redeem).ok_or(Error::<T>::Overflow)?;
			Holdings::<T>::remove(&who, (pool_id, k));
		}
		let (interest, principal) = (a.interest, a.principal);
		a.interest = 0;
		a.principal = 0;
		if units == redeem && a.interest_frac == 0 && a.principal_frac == 0 {
			Accruals::<T>::remove((pool_id, k), &who);
		} else {
			Accruals::<T>::insert((pool_id, k), &who, a);
		}
		Tranches::<T>::insert((pool_id, k), t);
		DealStates::<T>::insert(pool_id, state);
		Performances::<T>::insert(pool_id, perf);
		if redeem > 0 {
			Self::deposit_event(Event::TrancheRedeemed {
				pool_id,
				tranche: k,
				who: who.clone(),
				units: redeem,
			});
		}
		Self::deposit_event(Event::DistributionClaimed {
			pool_id,
			tranche: k,
			who,
			interest,
			principal,
		});
		Ok(())
	}

	pub(crate) fn do_run_payment_date(who: T::AccountId, pool_id: PoolId) -> DispatchResult {
		let pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(who == pool.sponsor || who == pool.spec.trustee, Error::<T>::NotSponsorOrTrustee);
		let mut perf = Performances::<T>::get(pool_id).ok_or(Error::<T>::NotClosed)?;
		ensure!(pool.status == PoolStatus::Closed, Error::<T>::NotClosed);
		ensure!(perf.closed_on.is_some(), Error::<T>::NotClosed);
		let today = Self::today();
		ensure!(today >= perf.period.end, Error::<T>::NoPaymentDue);
		Self::roll(pool_id, &mut perf, today);
		Performances::<T>::insert(pool_id, perf);
		Ok(())
	}

	/// The figures of the payment date that ends the period `report` describes.
	pub(crate) fn figures(perf: &Performance, report: &PeriodReport) -> DateFigures {
		let q = &report.period;
		DateFigures {
			index: q.index,
			start: q.start,
			end: q.end,
			interest: q.interest,
			principal: q.principal_collected(),
			opening_balance: q.opening_balance,
			closing_balance: report.closing_balance,
			defaults: q.defaults,
			delinquent_60: report.delinquent_60,
			net_loss: perf.cumulative_defaults.saturating_sub(perf.cumulative_recoveries),
			original_balance: perf.original_balance,
			last: perf.ended_on.is_some(),
		}
	}

	/// Run the payment date that ends the period `report` describes (`perf` is the pool's
	/// performance at that end, its cash included). O(steps + tranches).
	pub(crate) fn payment_date(pool_id: PoolId, perf: &mut Performance, report: &PeriodReport) {
		let Some(pool) = Pools::<T>::get(pool_id) else { return };
		let Some(mut state) = DealStates::<T>::get(pool_id) else { return };
		let deal = Deals::<T>::get(pool_id).unwrap_or_else(|| Self::default_deal(&pool.spec));
		let n = pool.spec.tranches.len();
		let mut tranches: Vec<Tranche> = Vec::with_capacity(n);
		for k in 0..n {
			let Ok(k8) = u8::try_from(k) else { return };
			let Some(t) = Tranches::<T>::get((pool_id, k8)) else { return };
			tranches.push(t);
		}
		let f = Self::figures(perf, report);
		let day = f.end;
		let prepared = dates::prepare(&deal, &state, &tranches, &f);
		// Nothing is written until every figure is known: a failure (an amount out of range,
		// which bounded amounts never reach) keeps the period's collections in the sources
		// for the next date.
		let defer = |mut state: DealState| {
			state.interest_cash = state.interest_cash.saturating_add(f.interest);
			state.principal_cash = state.principal_cash.saturating_add(f.principal);
			DealStates::<T>::insert(pool_id, state);
			Self::deposit_event(Event::PaymentDateFailed { pool_id, index: f.index });
		};
		let Ok(o) = dates::run(&prepared) else {
			defer(state);
			return;
		};
		let Some((lines, credited)) = dates::apply(&mut tranches, &o) else {
			defer(state);
			return;
		};
		state.distributed = state.distributed.saturating_add(credited);

		// The fees leave the pool's account for the trustee; if the transfer fails, each fee
		// stays owed (carried) and its cash stays in its source.
		let fees = o.fees_paid.iter().fold(0u128, |a, f| a.saturating_add(*f));
		let (mut interest_left, mut principal_left) = (o.interest_left, o.principal_left);
		let mut fee_shortfalls = o.fee_shortfalls.clone();
		let mut fees_paid = fees;
		if fees > 0 && Self::pay_from(pool_id, &pool.spec.trustee, fees).is_err() {
			let sources = prepared.steps.iter().filter_map(|st| match st {
				Step::Fee { source, .. } => Some(*source),
				_ => None,
			});
			for ((paid, owed), src) in
				o.fees_paid.iter().zip(fee_shortfalls.iter_mut()).zip(sources)
			{
				*owed = owed.saturating_add(*paid);
				match src {
					Source::Interest => interest_left = interest_left.saturating_add(*paid),
					Source::Principal => principal_left = principal_left.saturating_add(*paid),
				}
			}
			fees_paid = 0;
		} else {
			state.fees_paid = state.fees_paid.saturating_add(fees);
			perf.cash = perf.cash.saturating_sub(fees);
		}

		// Triggers and events of default, on the figures after the payments.
		let tests =
			dates::tests(&deal, &pool.spec.tranches, &state, &tranches, &lines, &o, &f, fees_paid);
		for c in &tests.changes {
			Self::deposit_event(Event::TriggerChanged {
				pool_id,
				trigger: c.trigger,
				breached: c.breached,
				value_ppb: c.value_ppb,
				limit_ppb: c.limit_ppb,
			});
			let (trigger, value_ppb, limit_ppb) = (c.trigger, c.value_ppb, c.limit_ppb);
			let notice = if c.breached {
				DealNotice::TriggerBreached { trigger, value_ppb, limit_ppb }
			} else {
				DealNotice::TriggerCured { trigger, value_ppb, limit_ppb }
			};
			T::Notify::notify(NoticeSubject::Pool(pool_id), day, NoticeKind::Deal(notice));
		}
		let status = state.status;
		let status_after = tests.status_after;
		if let Some(reason) = tests.event_of_default {
			Self::deposit_event(Event::EventOfDefault { pool_id, reason });
			T::Notify::notify(
				NoticeSubject::Pool(pool_id),
				day,
				NoticeKind::Deal(DealNotice::EventOfDefault(reason)),
			);
		}
		if status_after != status {
			Self::deposit_event(Event::DealStatusChanged {
				pool_id,
				from: status,
				to: status_after,
			});
			T::Notify::notify(
				NoticeSubject::Pool(pool_id),
				day,
				NoticeKind::Deal(DealNotice::StatusChanged { from: status, to: status_after }),
			);
		}

		let (deficiency, oc_failed) = dates::deficiency_and_oc(&o);
		let pay_report = PaymentReport {
			day,
			index: f.index,
			status,
			status_after,
			interest_collected: f.interest,
			principal_collected: f.principal,
			interest_carried: state.interest_cash,
			principal_carried: state.principal_cash,
			reserve_released: prepared.released,
			opening_balance: f.opening_balance,
			closing_balance: f.closing_balance,
			losses: f.defaults,
			steps: BoundedVec::truncate_from(o.steps.clone()),
			fees_paid,
			residual_paid: o.residual_paid,
			reserve_drawn: o.reserve_drawn,
			reserve_funded: o.reserve_funded,
			reserve_target: prepared.target,
			reserve: o.reserve,
			deficiency,
			oc_failed,
			tranches: BoundedVec::truncate_from(lines),
			triggers: BoundedVec::truncate_from(tests.readings.clone()),
			event_of_default: tests.event_of_default.is_some(),
			interest_left,
			principal_left,
		};
		let distributed = pay_report
			.tranches
			.iter()
			.fold(0u128, |a, l| a.saturating_add(l.interest_paid).saturating_add(l.principal_paid));
		dates::advance(&mut state, &o, &tests, interest_left, principal_left, fee_shortfalls);
		for (k, t) in tranches.into_iter().enumerate() {
			if let Ok(k8) = u8::try_from(k) {
				Tranches::<T>::insert((pool_id, k8), t);
			}
		}
		DealStates::<T>::insert(pool_id, state);
		PaymentReports::<T>::insert(pool_id, f.index, pay_report);
		Self::deposit_event(Event::PaymentDateRun {
			pool_id,
			index: f.index,
			day,
			interest: f.interest,
			principal: f.principal,
			fees: fees_paid,
			distributed: distributed.saturating_add(o.residual_paid),
		});
	}

	/// Open the deal's books at closing: its initial cash is the reserve account.
	pub(crate) fn open_deal(pool_id: PoolId, pool: &PoolOf<T>, cash: Balance) {
		if !Deals::<T>::contains_key(pool_id) {
			Deals::<T>::insert(pool_id, Self::default_deal(&pool.spec));
		}
		DealStates::<T>::insert(pool_id, DealState { reserve: cash, ..Default::default() });
	}

	/// The deal's cash the pool's account must hold: the period's collections, the sources'
	/// carry, the reserve, and what holders have not claimed.
	pub fn deal_cash(perf: &Performance, s: &DealState) -> Balance {
		perf.period
			.collected()
			.saturating_add(s.interest_cash)
			.saturating_add(s.principal_cash)
			.saturating_add(s.reserve)
			.saturating_add(s.distributed.saturating_sub(s.claimed))
	}

	/// The day of a pool's next payment date (its period's end), if closed and not ended.
	pub fn next_payment(pool_id: PoolId) -> Option<DayNumber> {
		Performances::<T>::get(pool_id)
			.filter(|p| p.closed_on.is_some() && p.ended_on.is_none())
			.map(|p| p.period.end)
	}

	/// What the pool's account holds of the stablecoin.
	pub(crate) fn held(pool_id: PoolId) -> Balance {
		T::Assets::balance(T::StablecoinId::get(), &Self::account_of(pool_id))
	}
}

/// `a × b mod m` without overflow (binary multiplication).
fn mul_mod(a: u128, b: u128, m: u128) -> u128 {
	if m == 0 {
		return 0;
	}
	let (mut a, mut b, mut r) = (a.checked_rem(m).unwrap_or(0), b, 0u128);
	while b > 0 {
		if b & 1 == 1 {
			r = add_mod(r, a, m);
		}
		a = add_mod(a, a, m);
		b >>= 1;
	}
	r
}

fn add_mod(a: u128, b: u128, m: u128) -> u128 {
	// a, b < m
	if a >= m.saturating_sub(b) {
		a.saturating_sub(m.saturating_sub(b))
	} else {
		a.saturating_add(b)
	}
}
