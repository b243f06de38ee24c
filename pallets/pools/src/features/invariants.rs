//! Invariants (`try_state`, and after every unit test).

use crate::pallet::*;
use frame_support::ensure;

impl<T: Config> Pallet<T> {
	/// Each pool's counters equal its entries; the pledge index and the entries agree; the
	/// subscriptions add up and are escrowed.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (pool_id, pool) in Pools::<T>::iter() {
			let mut count = 0u32;
			let mut at_cut_off = 0u128;
			let (mut performing, mut defaulted, mut installments) = (0u128, 0u128, 0u128);
			let mut maturity: alloc::collections::BTreeMap<u32, crate::Cell> = Default::default();
			for (loan_id, ()) in PoolLoans::<T>::iter_prefix(pool_id) {
				let entry = LoanPools::<T>::get(loan_id);
				ensure!(
					entry.as_ref().is_some_and(|e| e.pool == pool_id),
					"pools: a pool's loan has its entry"
				);
				let Some(entry) = entry else { continue };
				count = count.saturating_add(1);
				at_cut_off = at_cut_off
					.saturating_add(entry.principal.saturating_add(entry.collected_principal));
				if entry.defaulted {
					defaulted = defaulted.saturating_add(entry.principal);
				} else {
					performing = performing.saturating_add(entry.principal);
					installments = installments.saturating_add(entry.installment);
					if !entry.done {
						maturity
							.entry(entry.strat.maturity_month)
							.or_default()
							.apply(entry.principal, true);
					}
				}
			}
			ensure!(count == pool.loans, "pools: loan count");
			let perf = crate::Performances::<T>::get(pool_id).unwrap_or_default();
			if pool.status.is_open() {
				ensure!(at_cut_off == pool.principal, "pools: principal at cut-off");
				let by_seller =
					pool.sellers.iter().fold(0u128, |a, s| a.saturating_add(s.principal));
				ensure!(by_seller == pool.principal, "pools: principal by seller");
			}
			// An ended pool's loans are the sponsor's (their entries leave with the sweep).
			if !matches!(pool.status, crate::PoolStatus::Cancelled | crate::PoolStatus::Ended) {
				ensure!(performing == perf.balance, "pools: balance = its loans' principal");
				ensure!(
					defaulted == perf.defaulted_balance,
					"pools: defaulted balance = its defaulted loans' principal"
				);
				ensure!(installments == perf.installments, "pools: expected installments");
				let stored: alloc::collections::BTreeMap<u32, crate::Cell> =
					crate::MaturityStrats::<T>::iter_prefix(pool_id).collect();
				let nonzero: alloc::collections::BTreeMap<u32, crate::Cell> =
					maturity.into_iter().filter(|(_, c)| c.count > 0).collect();
				ensure!(stored == nonzero, "pools: maturity table = its loans");
			}
			// Every table sums to the totals.
			let n = Self::performing_count(&perf);
			let s = &perf.strats;
			for table in
				[&s.rate[..], &s.score[..], &s.dti[..], &s.collateral[..], &s.originator[..]]
			{
				let (c, b) = table.iter().fold((0u32, 0u128), |(c, b), x| {
					(c.saturating_add(x.count), b.saturating_add(x.balance))
				});
				ensure!(c == n && b == perf.balance, "pools: a strat table adds up");
			}
			ensure!(BySponsor::<T>::contains_key(&pool.sponsor, pool_id), "pools: sponsor index");
		}
		for (key, total) in Subscribed::<T>::iter() {
			let sum =
				Subscriptions::<T>::iter_prefix(key).fold(0u128, |a, (_, x)| a.saturating_add(x));
			// After closing, claimed subscriptions are gone.
			let claimed = crate::Tranches::<T>::get(key).map_or(0, |t| t.claimed);
			ensure!(
				sum == total.saturating_sub(claimed),
				"pools: subscriptions add up to the tranche's total"
			);
		}
		for ((pool_id, _), t) in crate::Tranches::<T>::iter() {
			ensure!(t.minted <= t.face && t.sold <= t.face, "pools: tranche supply");
			let supply = <T::TrancheTokens as frame_support::traits::fungibles::Inspect<
				T::AccountId,
			>>::total_issuance(t.asset);
			ensure!(
				t.redeemed <= t.minted && supply == t.minted.saturating_sub(t.redeemed),
				"pools: minted − redeemed = the token's supply"
			);
			ensure!(
				t.outstanding().saturating_add(t.principal_paid).saturating_add(t.written_down)
					== t.face.saturating_add(t.written_up),
				"pools: face outstanding"
			);
			ensure!(crate::Pools::<T>::contains_key(pool_id), "pools: tranche of no pool");
		}
		for (pool_id, perf) in crate::Performances::<T>::iter() {
			// The account holds the deal's cash and the refunds still owed to subscribers.
			let mut owed = 0u128;
			for k in 0..crate::MAX_TRANCHES {
				let Ok(k) = u8::try_from(k) else { continue };
				if let Some(t) = crate::Tranches::<T>::get((pool_id, k)) {
					let open = t.subscribed.saturating_sub(t.claimed);
					let unsold = t.face.saturating_sub(t.sold);
					let to_mint = t.sold.saturating_sub(t.minted.saturating_sub(unsold));
					owed = owed.saturating_add(open.saturating_sub(to_mint));
				}
			}
			let held =
				<T::Assets as frame_support::traits::fungibles::Inspect<T::AccountId>>::balance(
					<T::StablecoinId as frame_support::traits::Get<_>>::get(),
					&Self::account_of(pool_id),
				);
			ensure!(held >= perf.cash.saturating_add(owed), "pools: cash and refunds held");
			let by_bucket = perf.balance_by_bucket.iter().fold(0u128, |a, b| a.saturating_add(*b));
			ensure!(by_bucket == perf.balance, "pools: balances by bucket add up");
			// Once the ownership entries are written, every loan's owner is the pool.
			if perf.closed_on.is_some() && !crate::Sweeping::<T>::contains_key(pool_id) {
				for (loan_id, ()) in PoolLoans::<T>::iter_prefix(pool_id) {
					let owner = <T::Loans as abs_traits::LoanInspect<T::AccountId>>::loan(loan_id)
						.map(|l| l.owner);
					ensure!(
						owner == Some(Self::account_of(pool_id)),
						"pools: owner of a pool loan"
					);
				}
			}
		}
		// Every unit of a closed deal is in one place: the period's collections, the sources'
		// carry, the reserve, or credited to holders and not claimed; what was credited and
		// claimed adds up over the tranches; no holder is owed more than its tranche holds.
		for (pool_id, state) in crate::DealStates::<T>::iter() {
			let perf = crate::Performances::<T>::get(pool_id).unwrap_or_default();
			ensure!(
				perf.cash == Self::deal_cash(&perf, &state),
				"pools: deal cash = collections + carry + reserve + unclaimed"
			);
			ensure!(Self::held(pool_id) >= perf.cash, "pools: the deal's cash is held");
			let (mut distributed, mut claimed) = (0u128, 0u128);
			for k in 0..crate::MAX_TRANCHES {
				let Ok(k) = u8::try_from(k) else { continue };
				let Some(t) = crate::Tranches::<T>::get((pool_id, k)) else { continue };
				distributed = distributed.saturating_add(t.distributed);
				claimed = claimed.saturating_add(t.claimed_cash);
				ensure!(t.claimed_cash <= t.distributed, "pools: claimed ≤ credited");
				let (mut owed, mut holders) = (0u128, 0u128);
				for (who, a) in crate::Accruals::<T>::iter_prefix((pool_id, k)) {
					let units = <T::TrancheTokens as frame_support::traits::fungibles::Inspect<
						T::AccountId,
					>>::balance(t.asset, &who);
					let a = Self::settled(&t, a, units);
					owed = owed.saturating_add(a.interest).saturating_add(a.principal);
					holders = holders.saturating_add(1);
				}
				let unclaimed = t.distributed.saturating_sub(t.claimed_cash);
				ensure!(owed <= unclaimed, "pools: holders are owed at most what is unclaimed");
				// Units not yet minted (allocations unclaimed) hold the rest; once every unit is
				// minted, what rounding keeps back is below one unit per holder and source.
				if t.minted == t.face {
					ensure!(
						unclaimed.saturating_sub(owed)
							<= holders.saturating_add(1).saturating_mul(2),
						"pools: rounding keeps back under a unit per holder"
					);
				}
			}
			ensure!(distributed == state.distributed, "pools: credited adds up over tranches");
			ensure!(claimed == state.claimed, "pools: claimed adds up over tranches");
		}
		// Every holder of a tranche token has its accrual.
		for (who, key, ()) in Holdings::<T>::iter() {
			let Some(t) = crate::Tranches::<T>::get(key) else { continue };
			let units = <T::TrancheTokens as frame_support::traits::fungibles::Inspect<
				T::AccountId,
			>>::balance(t.asset, &who);
			ensure!(
				units == 0 || crate::Accruals::<T>::contains_key(key, &who),
				"pools: a holder has its accrual"
			);
		}
		// Before closing, the pool's account holds at least every open subscription.
		for (pool_id, pool) in Pools::<T>::iter() {
			if matches!(pool.status, crate::PoolStatus::Offering | crate::PoolStatus::Cancelled) {
				let open = (0..pool.spec.tranches.len())
					.filter_map(|k| u8::try_from(k).ok())
					.fold(0u128, |a, k| a.saturating_add(Subscribed::<T>::get((pool_id, k))));
				let held =
					<T::Assets as frame_support::traits::fungibles::Inspect<T::AccountId>>::balance(
						<T::StablecoinId as frame_support::traits::Get<_>>::get(),
						&Self::account_of(pool_id),
					);
				ensure!(held >= open, "pools: subscription escrow");
			}
		}
		for (loan_id, entry) in LoanPools::<T>::iter() {
			ensure!(PoolLoans::<T>::contains_key(entry.pool, loan_id), "pools: dangling pledge");
		}
		// Every closed pool's next roll is queued, once (none once it ended).
		for (pool_id, perf) in crate::Performances::<T>::iter() {
			if perf.closed_on.is_some() && perf.ended_on.is_none() {
				ensure!(
					crate::RollDue::<T>::contains_key(crate::features::collections::roll_key(
						perf.period.end,
						pool_id
					)),
					"pools: next roll queued"
				);
			}
		}
		ensure!(
			crate::RollDue::<T>::iter_keys().count()
				== crate::Performances::<T>::iter_values()
					.filter(|p| p.closed_on.is_some() && p.ended_on.is_none())
					.count(),
			"pools: one queued roll per closed pool"
		);
		Ok(())
	}
}
