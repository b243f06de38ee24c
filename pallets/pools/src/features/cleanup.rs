//! The end of a pool: the clean-up call. Once the remaining balance (performing and
//! defaulted) is at most the spec's clean-up share of the original balance, the sponsor buys
//! every remaining loan at its principal plus the interest accrued at the pool's weighted rate
//! since the period's start — O(1), from the pool's running sums, never over its loans. The
//! final payment date runs at once with the reserve released, and the pool ends. The loans
//! pass to the sponsor at once for every pallet that asks (`LoanEncumbrance::keyless_owner`),
//! their records are rewritten and their pool entries removed by the bounded sweep, and each
//! holder's units are burned at its last claim (O(1) per holder).

use super::collections::roll_key;
use crate::{pallet::*, types::*};
use abs_finance::{
	math::{mul_div, Rounding},
	DayCount,
};
use abs_primitives::{Balance, PoolId};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// The price of pool `pool_id`'s remaining loans on `today`: (principal, interest).
	pub fn clean_up_price(
		perf: &Performance,
		today: abs_primitives::DayNumber,
	) -> (Balance, Balance) {
		let principal = perf.balance.saturating_add(perf.defaulted_balance);
		let days = DayCount::Thirty360.days(perf.period.start, today).unwrap_or(0);
		// Σ balance × rate (ppb) × days ÷ 360 ÷ 10⁹, half up.
		let interest = mul_div(
			perf.rate_weighted,
			days,
			360u128.saturating_mul(1_000_000_000),
			Rounding::HalfUp,
		)
		.unwrap_or(0);
		(principal, interest)
	}

	/// The face the notes (every tranche but the residual) still have.
	pub(crate) fn unpaid_notes(pool_id: PoolId, pool: &PoolOf<T>) -> Balance {
		let last = pool.spec.tranches.len().saturating_sub(1);
		(0..last)
			.filter_map(|k| u8::try_from(k).ok())
			.filter_map(|k| Tranches::<T>::get((pool_id, k)))
			.fold(0u128, |a, t| a.saturating_add(t.outstanding()))
	}

	/// A pool whose loans are all repaid or resolved ends on the payment date that finds its
	/// balance (performing and defaulted) at zero and no loan left in either: that date
	/// releases the reserve.
	pub(crate) fn ends_naturally(perf: &Performance, closing_balance: Balance) -> bool {
		perf.ended_on.is_none()
			&& closing_balance == 0
			&& perf.defaulted_balance == 0
			&& perf.defaulted_count == 0
			&& perf.count_by_bucket.iter().all(|c| *c == 0)
	}

	/// Mark pool `pool_id` ended on `day` after its final payment date.
	pub(crate) fn end_pool(pool_id: PoolId, day: abs_primitives::DayNumber) {
		let Some(mut pool) = Pools::<T>::get(pool_id) else { return };
		let unpaid = Self::unpaid_notes(pool_id, &pool);
		pool.status = PoolStatus::Ended;
		Pools::<T>::insert(pool_id, &pool);
		// The agencies' open alerts on it are cleared: nothing more will be measured.
		let _ = <T::Monitor as abs_traits::PoolMonitor>::on_pool_ended(pool_id);
		Self::deposit_event(Event::PoolEnded { pool_id, day, unpaid });
	}

	pub(crate) fn do_clean_up_call(who: T::AccountId, pool_id: PoolId) -> DispatchResult {
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(pool.status == PoolStatus::Closed, Error::<T>::NotClosed);
		ensure!(who == pool.sponsor, Error::<T>::NotPoolSponsor);
		ensure!(!Sweeping::<T>::contains_key(pool_id), Error::<T>::OwnershipNotRecorded);
		let mut perf = Performances::<T>::get(pool_id).ok_or(Error::<T>::NotClosed)?;
		let today = Self::today();
		let (principal, _) = Self::clean_up_price(&perf, today);
		ensure!(
			principal <= pool.spec.clean_up.mul_floor(perf.original_balance),
			Error::<T>::AboveCleanUp
		);
		// Any payment date due first.
		if today >= perf.period.end {
			Self::roll(pool_id, &mut perf, today);
		}
		// The roll may have ended the pool (nothing left): nothing to call.
		ensure!(perf.ended_on.is_none(), Error::<T>::NotClosed);
		let (principal, interest) = Self::clean_up_price(&perf, today);
		let price = principal.checked_add(interest).ok_or(Error::<T>::Overflow)?;
		Self::escrow_from(&who, pool_id, price)?;

		// The sale: the loans leave the pool's balance and every table.
		perf.cash = perf.cash.saturating_add(price);
		perf.cumulative_repurchases = perf.cumulative_repurchases.saturating_add(principal);
		perf.cumulative_interest = perf.cumulative_interest.saturating_add(interest);
		perf.period.repurchases = perf.period.repurchases.saturating_add(principal);
		perf.period.interest = perf.period.interest.saturating_add(interest);
		perf.balance = 0;
		perf.count_by_bucket = [0; 5];
		perf.balance_by_bucket = [0; 5];
		perf.defaulted_count = 0;
		perf.defaulted_balance = 0;
		perf.rate_weighted = 0;
		perf.term_weighted = 0;
		perf.age_weighted = 0;
		perf.installments = 0;
		perf.strats = Strats::default();
		// At most one entry per maturity month (≤ 480 × 2 for 40-year terms).
		let _ = MaturityStrats::<T>::clear_prefix(pool_id, MAX_MATURITY_MONTHS, None);

		// The final payment date: the period under way ends today.
		RollDue::<T>::remove(roll_key(perf.period.end, pool_id));
		perf.period.end = today.max(perf.period.start);
		perf.ended_on = Some(today);
		perf.called = true;
		let report = Self::report(&perf);
		let index = perf.period.index;
		Self::payment_date(pool_id, &mut perf, &report);
		PeriodReports::<T>::insert(pool_id, index, report);
		Self::start_period(&mut perf, index.saturating_add(1), today);
		Performances::<T>::insert(pool_id, &perf);

		let unpaid = Self::unpaid_notes(pool_id, &pool);
		pool.status = PoolStatus::Ended;
		Pools::<T>::insert(pool_id, &pool);
		// The loans' records pass to the sponsor, a bounded batch a block.
		Sweeping::<T>::insert(pool_id, ());
		SweepCursor::<T>::remove(pool_id);
		Self::deposit_event(Event::CleanUpCalled { pool_id, sponsor: who, principal, interest });
		Self::deposit_event(Event::PoolEnded { pool_id, day: today, unpaid });
		Ok(())
	}
}

/// Most maturity months a pool's table holds (40-year terms from cut-off, and slack).
pub const MAX_MATURITY_MONTHS: u32 = 1_000;
