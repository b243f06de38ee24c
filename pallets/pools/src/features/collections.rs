//! Collections and performance: servicing and recovery tell the pool of every change on its
//! loans ([`abs_traits::LoanObserver`]); before closing a loan that stops being current leaves
//! the pool and the seller's collections after cut-off are counted for its price; after
//! closing the pool's performance moves by the change alone. O(1) per change: the loan's pool,
//! its entry and the performance (or, before closing, the pool).

use crate::{pallet::*, types::*};
use abs_primitives::{Balance, LoanId, LoanStatus, PoolId};
use abs_traits::LoanChange;

/// A bucket index in range.
fn bucket(b: u8) -> usize {
	usize::from(b.min(4))
}

/// The rate in parts per 10⁹ (WAC's precision) times the balance.
fn rate_weight(rate: u64, balance: Balance) -> u128 {
	u128::from(rate / 1_000_000_000).saturating_mul(balance)
}

impl<T: Config> Pallet<T> {
	pub(crate) fn open_performance(pool_id: PoolId, mut perf: Performance) {
		// Every loan is current at closing (the others left): one pass over the seller
		// positions is not enough for WAC/WAM, so they start from the pool-level sums kept at
		// contribution.
		let (count, rate_w, term_w) = PoolSums::<T>::take(pool_id);
		perf.count_by_bucket[0] = count;
		perf.balance_by_bucket[0] = perf.balance;
		perf.rate_weighted = rate_w;
		perf.term_weighted = term_w;
		Performances::<T>::insert(pool_id, perf);
	}

	/// Add (or take away) a pledged loan's part of the pool-level sums.
	pub(crate) fn add_sums(pool_id: PoolId, entry: &PoolLoan<T::AccountId>, add: bool) {
		PoolSums::<T>::mutate(pool_id, |(count, rate_w, term_w)| {
			let r = rate_weight(entry.rate, entry.principal);
			let t = u128::from(entry.remaining).saturating_mul(entry.principal);
			if add {
				*count = count.saturating_add(1);
				*rate_w = rate_w.saturating_add(r);
				*term_w = term_w.saturating_add(t);
			} else {
				*count = count.saturating_sub(1);
				*rate_w = rate_w.saturating_sub(r);
				*term_w = term_w.saturating_sub(t);
			}
		});
	}

	pub(crate) fn observe(loan_id: LoanId, c: &LoanChange) {
		let Some(pool_id) = LoanPools::<T>::get(loan_id) else { return };
		let Some(mut entry) = PoolLoans::<T>::get(pool_id, loan_id) else { return };
		if let Some(mut perf) = Performances::<T>::get(pool_id) {
			Self::perform(&mut perf, &mut entry, c);
			Performances::<T>::insert(pool_id, perf);
			PoolLoans::<T>::insert(pool_id, loan_id, entry);
			return;
		}
		let Some(mut pool) = Pools::<T>::get(pool_id) else { return };
		if !pool.status.is_open() {
			return;
		}
		let reason = match c.status_after {
			_ if c.restructured => Some(DropReason::Restructured),
			LoanStatus::PaidOff => Some(DropReason::PaidOff),
			LoanStatus::Defaulted | LoanStatus::InRecovery => Some(DropReason::Defaulted),
			LoanStatus::Active if c.bucket_after == 0 => None,
			_ => Some(DropReason::Delinquent),
		};
		if let Some(reason) = reason {
			Self::remove_entry(&mut pool, pool_id, loan_id, &entry);
			Pools::<T>::insert(pool_id, pool);
			Self::deposit_event(Event::LoanDropped { pool_id, loan_id, reason });
			return;
		}
		let principal = c.principal.saturating_add(c.prepayment);
		if principal == 0 && c.interest == 0 {
			return;
		}
		let Some(seller) = pool.sellers.iter_mut().find(|s| s.seller == entry.seller) else {
			return;
		};
		if c.day <= pool.spec.cut_off {
			// Before cut-off the seller's own: the principal sold is what is left.
			Self::add_sums(pool_id, &entry, false);
			let paid = principal.min(entry.principal);
			entry.principal = entry.principal.saturating_sub(paid);
			entry.remaining = c.remaining_installments;
			seller.principal = seller.principal.saturating_sub(paid);
			pool.principal = pool.principal.saturating_sub(paid);
			Self::add_sums(pool_id, &entry, true);
		} else {
			entry.collected_principal = entry.collected_principal.saturating_add(principal);
			entry.collected_interest = entry.collected_interest.saturating_add(c.interest);
			seller.collected_principal = seller.collected_principal.saturating_add(principal);
			seller.collected_interest = seller.collected_interest.saturating_add(c.interest);
		}
		Pools::<T>::insert(pool_id, pool);
		PoolLoans::<T>::insert(pool_id, loan_id, entry);
	}

	/// A closed pool's performance after change `c` on one of its loans (`entry`).
	fn perform(p: &mut Performance, entry: &mut PoolLoan<T::AccountId>, c: &LoanChange) {
		let cash_in = c
			.interest
			.saturating_add(c.principal)
			.saturating_add(c.prepayment)
			.saturating_add(c.recovery);
		p.cash = p.cash.saturating_add(cash_in);
		p.cumulative_interest = p.cumulative_interest.saturating_add(c.interest);
		p.cumulative_principal = p.cumulative_principal.saturating_add(c.principal);
		p.cumulative_prepayments = p.cumulative_prepayments.saturating_add(c.prepayment);
		p.cumulative_recoveries = p.cumulative_recoveries.saturating_add(c.recovery);
		if entry.defaulted {
			// Resolved by recovery (sold or written off) or paid off from default.
			if matches!(
				c.status_after,
				LoanStatus::Recovered | LoanStatus::WrittenOff | LoanStatus::PaidOff
			) {
				let loss = c.loss.min(entry.principal);
				p.cumulative_losses = p.cumulative_losses.saturating_add(loss);
				p.defaulted_count = p.defaulted_count.saturating_sub(1);
				p.defaulted_balance = p.defaulted_balance.saturating_sub(entry.principal);
				if c.status_after == LoanStatus::PaidOff {
					p.paid_off = p.paid_off.saturating_add(1);
				} else {
					p.resolved = p.resolved.saturating_add(1);
				}
				entry.principal = 0;
				entry.defaulted = false;
				entry.bucket = 0;
			}
			return;
		}
		// Out with the loan's old part …
		let b = bucket(entry.bucket);
		let old = entry.principal;
		p.balance = p.balance.saturating_sub(old);
		if let (Some(n), Some(v)) = (p.count_by_bucket.get_mut(b), p.balance_by_bucket.get_mut(b)) {
			*n = n.saturating_sub(1);
			*v = v.saturating_sub(old);
		}
		p.rate_weighted = p.rate_weighted.saturating_sub(rate_weight(entry.rate, old));
		p.term_weighted =
			p.term_weighted.saturating_sub(u128::from(entry.remaining).saturating_mul(old));
		// … and in with the new.
		let new = c.principal_after;
		entry.principal = new;
		entry.bucket = c.bucket_after;
		entry.remaining = c.remaining_installments;
		if c.rate > 0 {
			entry.rate = c.rate;
		}
		match c.status_after {
			LoanStatus::PaidOff => {
				entry.principal = 0;
				p.paid_off = p.paid_off.saturating_add(1);
			}
			LoanStatus::Defaulted | LoanStatus::InRecovery => {
				entry.defaulted = true;
				p.defaulted_count = p.defaulted_count.saturating_add(1);
				p.defaulted_balance = p.defaulted_balance.saturating_add(new);
				p.cumulative_defaults = p.cumulative_defaults.saturating_add(new);
			}
			_ => {
				let b = bucket(entry.bucket);
				p.balance = p.balance.saturating_add(new);
				if let (Some(n), Some(v)) =
					(p.count_by_bucket.get_mut(b), p.balance_by_bucket.get_mut(b))
				{
					*n = n.saturating_add(1);
					*v = v.saturating_add(new);
				}
				p.rate_weighted = p.rate_weighted.saturating_add(rate_weight(entry.rate, new));
				p.term_weighted =
					p.term_weighted.saturating_add(u128::from(entry.remaining).saturating_mul(new));
			}
		}
	}
}
