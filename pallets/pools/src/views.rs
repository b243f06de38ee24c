//! What the runtime API serves: pools, their loans (paged), performance, tranches, holdings
//! and subscriptions. Every read is bounded by its page size.

use crate::{pallet::*, types::*};
use abs_primitives::{Balance, LoanId, PoolId};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::traits::fungibles::Inspect;
use scale_info::TypeInfo;

/// Most pools, loans or subscriptions one page returns.
pub const MAX_PAGE: u32 = 1_000;

/// A pool with its id and keyless account.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct PoolView<AccountId> {
	pub id: PoolId,
	pub account: AccountId,
	pub pool: Pool<AccountId>,
}

/// A closed pool's performance with the ratios derived from it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct MetricsView {
	pub performance: Performance,
	/// Weighted average coupon in parts per 10⁹ (Σ balance × rate ÷ balance, rounded down).
	pub wac_ppb: u128,
	/// Weighted average remaining term in installments, ×1,000 (rounded down).
	pub wam_milli: u128,
	/// Pool factor: balance ÷ original balance, in parts per 10⁹ (rounded down).
	pub factor_ppb: u128,
	/// Balances 30+, 60+ and 90+ days past due.
	pub delinquent_30: Balance,
	pub delinquent_60: Balance,
	pub delinquent_90: Balance,
	/// Weighted average loan age in installments, ×1,000 (rounded down).
	pub wala_milli: u128,
	/// The collection period under way, reported as of now (its SMM, MDR, CPR, CDR so far).
	pub current: PeriodReport,
}

/// A pool's stratification tables.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct StratsView {
	pub strats: Strats,
	/// (year × 12 + month − 1, cell) of each maturity month with loans, in order.
	pub maturity: Vec<(u32, Cell)>,
}

fn ratio(n: u128, d: u128, scale: u128) -> u128 {
	if d == 0 {
		return 0;
	}
	sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
		n,
		scale,
		d,
		sp_runtime::Rounding::Down,
	)
	.unwrap_or(0)
}

impl<T: Config> Pallet<T> {
	/// Pool `id`'s deal (the default one until the sponsor sets one) and, once closed, its
	/// state.
	pub fn deal_view(id: PoolId) -> Option<(DealSpec, Option<DealState>)> {
		let pool = Pools::<T>::get(id)?;
		let deal = Deals::<T>::get(id).unwrap_or_else(|| Self::default_deal(&pool.spec));
		Some((deal, DealStates::<T>::get(id)))
	}

	/// Pool `id` as clients see it.
	pub fn pool_view(id: PoolId) -> Option<PoolView<T::AccountId>> {
		Pools::<T>::get(id).map(|pool| PoolView { id, account: Self::account_of(id), pool })
	}

	/// Up to `limit` pools from id `from` on.
	pub fn pool_views(from: PoolId, limit: u32) -> Vec<PoolView<T::AccountId>> {
		let end = NextPoolId::<T>::get();
		(from..end).take(limit.min(MAX_PAGE) as usize).filter_map(Self::pool_view).collect()
	}

	/// Up to `limit` loans of pool `id`, in storage order, after loan `after`.
	pub fn pool_loans(
		id: PoolId,
		after: Option<LoanId>,
		limit: u32,
	) -> Vec<(LoanId, PoolLoan<T::AccountId>)> {
		let n = limit.min(MAX_PAGE) as usize;
		let ids: Vec<LoanId> = match after {
			Some(last) => {
				PoolLoans::<T>::iter_key_prefix_from(id, PoolLoans::<T>::hashed_key_for(id, last))
					.take(n)
					.collect()
			}
			None => PoolLoans::<T>::iter_key_prefix(id).take(n).collect(),
		};
		ids.into_iter().filter_map(|l| LoanPools::<T>::get(l).map(|e| (l, e))).collect()
	}

	/// Pool `id`'s stratification tables, the maturity months in month order (at most
	/// [`MAX_PAGE`] months).
	pub fn strats(id: PoolId) -> Option<StratsView> {
		let p = Performances::<T>::get(id)?;
		let mut maturity: Vec<(u32, Cell)> =
			MaturityStrats::<T>::iter_prefix(id).take(MAX_PAGE as usize).collect();
		maturity.sort_by_key(|(m, _)| *m);
		Some(StratsView { strats: p.strats, maturity })
	}

	/// Rolled period `index` of pool `id`.
	pub fn period_report(id: PoolId, index: u32) -> Option<PeriodReport> {
		PeriodReports::<T>::get(id, index)
	}

	/// Pool `id`'s performance and ratios (closed pools).
	pub fn metrics(id: PoolId) -> Option<MetricsView> {
		let p = Performances::<T>::get(id)?;
		let b = p.balance_by_bucket;
		let d30 = b[2].saturating_add(b[3]).saturating_add(b[4]);
		Some(MetricsView {
			wac_ppb: abs_finance::metrics::wac_ppb(p.rate_weighted, p.balance).unwrap_or(0),
			wam_milli: abs_finance::metrics::wa_term_milli(p.term_weighted, p.balance).unwrap_or(0),
			factor_ppb: ratio(p.balance, p.original_balance, 1_000_000_000),
			delinquent_30: d30,
			delinquent_60: b[3].saturating_add(b[4]),
			delinquent_90: b[4],
			wala_milli: abs_finance::metrics::wa_term_milli(p.age_weighted, p.balance).unwrap_or(0),
			current: Self::report(&p),
			performance: p,
		})
	}

	/// Tranche `k` of pool `id` (closed pools).
	pub fn tranche_view(id: PoolId, k: u8) -> Option<Tranche> {
		Tranches::<T>::get((id, k))
	}

	/// What `who` holds: (pool, tranche, units), at most [`MAX_PAGE`] entries.
	pub fn holdings_of(who: &T::AccountId) -> Vec<(PoolId, u8, Balance)> {
		Holdings::<T>::iter_key_prefix(who)
			.take(MAX_PAGE as usize)
			.filter_map(|(pool, k)| {
				let t = Tranches::<T>::get((pool, k))?;
				Some((pool, k, T::TrancheTokens::balance(t.asset, who)))
			})
			.collect()
	}

	/// Pool `id`'s open subscriptions: (tranche, subscriber, amount), at most [`MAX_PAGE`].
	pub fn subscriptions_of(id: PoolId) -> Vec<(u8, T::AccountId, Balance)> {
		let mut out = Vec::new();
		for k in 0..MAX_TRANCHES {
			let Ok(k) = u8::try_from(k) else { continue };
			let left = (MAX_PAGE as usize).saturating_sub(out.len());
			out.extend(
				Subscriptions::<T>::iter_prefix((id, k)).take(left).map(|(who, a)| (k, who, a)),
			);
		}
		out
	}
}
