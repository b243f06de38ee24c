//! Closing (the true sale): the offering's allocation, the sellers paid, the tranches issued;
//! the sponsor's retention; allocations claimed; the ownership entries written in the
//! background.

use crate::{pallet::*, types::*, WeightInfo};
use abs_primitives::{AssetId, Balance, LoanId, PoolId, Role, Scope};
use abs_traits::{LoanLifecycle, RoleCheck};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Create, Inspect, Mutate},
		tokens::{Fortitude, Preservation},
		Get,
	},
};
use sp_runtime::{traits::Zero, Perbill};

/// The share of the pool's credit risk the sponsor keeps (vertical slice or first loss).
pub const RETENTION: Perbill = Perbill::from_percent(5);

impl<T: Config> Pallet<T> {
	/// Move `amount` of the stablecoin from `who` into pool `pool_id`'s account.
	pub(crate) fn escrow_from(
		who: &T::AccountId,
		pool_id: PoolId,
		amount: Balance,
	) -> DispatchResult {
		let asset = T::StablecoinId::get();
		ensure!(
			T::Assets::reducible_balance(asset, who, Preservation::Expendable, Fortitude::Polite)
				>= amount,
			Error::<T>::InsufficientBalance
		);
		T::Assets::transfer(
			asset,
			who,
			&Self::account_of(pool_id),
			amount,
			Preservation::Expendable,
		)?;
		Ok(())
	}

	/// Pay `amount` of the stablecoin from pool `pool_id`'s account to `to`.
	pub(crate) fn pay_from(pool_id: PoolId, to: &T::AccountId, amount: Balance) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Assets::transfer(
			T::StablecoinId::get(),
			&Self::account_of(pool_id),
			to,
			amount,
			Preservation::Expendable,
		)?;
		Ok(())
	}

	/// The token id of tranche `k` of pool `pool_id`.
	pub fn tranche_asset(pool_id: PoolId, k: u8) -> Option<AssetId> {
		pool_id.checked_mul(MAX_TRANCHES)?.checked_add(u32::from(k))
	}

	/// Whether `who` may hold tranche tokens: a registered, unfrozen Investor.
	pub(crate) fn eligible_holder(who: &T::AccountId) -> bool {
		T::Roles::is_registered(who)
			&& !T::Roles::is_frozen(who)
			&& T::Roles::may_act_as(who, Role::Investor, Scope::Global)
	}

	pub(crate) fn do_close(who: T::AccountId, pool_id: PoolId) -> DispatchResult {
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(who == pool.sponsor || who == pool.spec.trustee, Error::<T>::NotSponsorOrTrustee);
		ensure!(pool.status == PoolStatus::Offering, Error::<T>::OfferingNotOpen);
		ensure!(Self::today() > pool.spec.offering_closes, Error::<T>::OfferingStillOpen);
		ensure!(pool.loans > 0, Error::<T>::NoLoans);
		// Eligibility again: loans that went delinquent, defaulted, paid off or were
		// restructured have already left; the concentration limit is checked on what stayed.
		let cap = pool.spec.eligibility.max_originator_share.mul_floor(pool.principal);
		ensure!(
			pool.sellers.iter().all(|s| s.principal <= cap),
			Error::<T>::OriginatorConcentration
		);

		// The offering: what each tranche sold, what the sponsor takes (unsold units and its
		// own subscription's allocation).
		let n = pool.spec.tranches.len();
		let mut tranches: Vec<Tranche> = Vec::with_capacity(n);
		let mut sponsor_units: Vec<Balance> = Vec::with_capacity(n);
		let mut proceeds: Balance = 0;
		for (k, spec) in pool.spec.tranches.iter().enumerate() {
			let k8 = u8::try_from(k).map_err(|_| Error::<T>::UnknownTranche)?;
			let subscribed = Subscribed::<T>::get((pool_id, k8));
			let sold = subscribed.min(spec.face);
			proceeds = proceeds.checked_add(sold).ok_or(Error::<T>::Overflow)?;
			let own = Subscriptions::<T>::get((pool_id, k8), &pool.sponsor);
			let own_units = Self::allocation(own, sold, subscribed)?;
			let unsold = spec.face.saturating_sub(sold);
			sponsor_units.push(unsold.checked_add(own_units).ok_or(Error::<T>::Overflow)?);
			tranches.push(Tranche {
				asset: Self::tranche_asset(pool_id, k8).ok_or(Error::<T>::PoolIdOverflow)?,
				face: spec.face,
				coupon: spec.coupon,
				subscribed,
				sold,
				minted: 0,
				retained: 0,
				claimed: 0,
				..Default::default()
			});
		}
		Self::set_retention(&mut tranches, &sponsor_units)?;

		// The sellers' prices: principal at cut-off × price, less the principal they collected
		// since; the interest they collected since is the pool's.
		let mut payouts: Vec<(T::AccountId, Balance)> = Vec::new();
		let mut remits: Vec<(T::AccountId, Balance)> = Vec::new();
		let mut to_sellers: Balance = 0;
		let mut remitted: Balance = 0;
		for s in pool.sellers.iter().filter(|s| s.principal > 0) {
			let price = pool.spec.price.mul_floor(s.principal);
			let owed = s.collected_principal.saturating_add(s.collected_interest);
			if price >= owed {
				let pay = price.saturating_sub(owed);
				to_sellers = to_sellers.checked_add(pay).ok_or(Error::<T>::Overflow)?;
				payouts.push((s.seller.clone(), pay));
			} else {
				let due = owed.saturating_sub(price);
				remitted = remitted.checked_add(due).ok_or(Error::<T>::Overflow)?;
				remits.push((s.seller.clone(), due));
			}
		}
		let available = proceeds
			.checked_add(pool.deposit)
			.and_then(|a| a.checked_add(remitted))
			.ok_or(Error::<T>::Overflow)?;
		ensure!(to_sellers <= available, Error::<T>::PoolUnderfunded);
		let from_deposit = to_sellers.saturating_sub(proceeds.saturating_add(remitted));
		let cash = available.saturating_sub(to_sellers);

		// Money moves: sellers remit, then are paid.
		for (seller, due) in &remits {
			Self::escrow_from(seller, pool_id, *due).map_err(|_| Error::<T>::SellerCannotRemit)?;
			Self::deposit_event(Event::SellerRemitted {
				pool_id,
				seller: seller.clone(),
				amount: *due,
			});
		}
		for (seller, pay) in &payouts {
			Self::pay_from(pool_id, seller, *pay)?;
			Self::deposit_event(Event::SellerPaid {
				pool_id,
				seller: seller.clone(),
				amount: *pay,
			});
		}

		// The tokens: one per tranche, owned by the pallet; the sponsor's unsold units minted
		// now, the subscribers' claimed with `claim_allocation`.
		let admin = Self::pallet_account();
		for (k, t) in tranches.iter_mut().enumerate() {
			let k8 = u8::try_from(k).map_err(|_| Error::<T>::UnknownTranche)?;
			T::TrancheTokens::create(t.asset, admin.clone(), true, 1)?;
			let unsold = t.face.saturating_sub(t.sold);
			if unsold > 0 {
				Self::mint(pool_id, k8, t, &pool.sponsor, unsold)?;
			}
			Tranches::<T>::insert((pool_id, k8), t.clone());
		}

		pool.status = PoolStatus::Closed;
		pool.deposit = 0;
		// The performance starts from the pledged loans' figures (their principal now: at
		// cut-off less what sellers collected since); the first collection period runs to
		// the first payment date after today.
		let mut perf = Performances::<T>::get(pool_id).unwrap_or_default();
		let today = Self::today();
		perf.original_balance = perf.balance;
		perf.cash = cash;
		perf.closed_on = Some(today);
		perf.payment_day = pool.spec.payment_day;
		Self::start_period(&mut perf, 0, today);
		Self::open_deal(pool_id, &pool, cash);
		RollDue::<T>::insert(crate::features::collections::roll_key(perf.period.end, pool_id), ());
		Pools::<T>::insert(pool_id, &pool);
		Performances::<T>::insert(pool_id, perf);
		Sweeping::<T>::insert(pool_id, ());
		Self::deposit_event(Event::PoolClosed {
			pool_id,
			proceeds,
			paid_to_sellers: to_sellers,
			from_deposit,
			cash,
		});
		Ok(())
	}

	/// Units of an allocation: the whole subscription when the tranche is not
	/// oversubscribed, else ⌊subscription × sold ÷ subscribed⌋.
	pub(crate) fn allocation(
		subscription: Balance,
		sold: Balance,
		subscribed: Balance,
	) -> Result<Balance, DispatchError> {
		if subscribed <= sold || subscription.is_zero() {
			return Ok(subscription.min(sold));
		}
		let units = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
			subscription,
			sold,
			subscribed,
			sp_runtime::Rounding::Down,
		)
		.ok_or(Error::<T>::Overflow)?;
		Ok(units)
	}

	/// The sponsor keeps 5 % of every tranche (vertical slice) or of the pool's face in the
	/// residual tranche (first loss); the units it must hold are locked against transfers.
	fn set_retention(tranches: &mut [Tranche], sponsor_units: &[Balance]) -> DispatchResult {
		let vertical = tranches
			.iter()
			.zip(sponsor_units)
			.all(|(t, units)| *units >= RETENTION.mul_ceil(t.face));
		if vertical {
			for t in tranches.iter_mut() {
				t.retained = RETENTION.mul_ceil(t.face);
			}
			return Ok(());
		}
		let total = tranches.iter().fold(0u128, |a, t| a.saturating_add(t.face));
		let need = RETENTION.mul_ceil(total);
		let (Some(residual), Some(units)) = (tranches.last_mut(), sponsor_units.last()) else {
			return Err(Error::<T>::RetentionNotMet.into());
		};
		ensure!(*units >= need, Error::<T>::RetentionNotMet);
		residual.retained = need;
		Ok(())
	}

	/// Mint `units` of tranche `k` to `to` (indexed in its holdings).
	pub(crate) fn mint(
		pool_id: PoolId,
		k: u8,
		t: &mut Tranche,
		to: &T::AccountId,
		units: Balance,
	) -> DispatchResult {
		Self::settle_minted(pool_id, k, t, to, units);
		T::TrancheTokens::mint_into(t.asset, to, units)?;
		t.minted = t.minted.checked_add(units).ok_or(Error::<T>::Overflow)?;
		Holdings::<T>::insert(to, (pool_id, k), ());
		Ok(())
	}

	pub(crate) fn do_claim(pool_id: PoolId, k: u8, who: T::AccountId) -> DispatchResult {
		let pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(
			matches!(pool.status, PoolStatus::Closed | PoolStatus::Ended),
			Error::<T>::NotClosed
		);
		let mut t = Tranches::<T>::get((pool_id, k)).ok_or(Error::<T>::UnknownTranche)?;
		let subscription = Subscriptions::<T>::get((pool_id, k), &who);
		ensure!(subscription > 0, Error::<T>::NoSubscription);
		ensure!(who == pool.sponsor || Self::eligible_holder(&who), Error::<T>::NotInvestor);
		let claimed = t.claimed.checked_add(subscription).ok_or(Error::<T>::Overflow)?;
		let minted_to_subscribers = t.minted.saturating_sub(t.face.saturating_sub(t.sold));
		let mut units = Self::allocation(subscription, t.sold, t.subscribed)?;
		let mut dust = 0;
		if claimed == t.subscribed {
			// The last claim takes what rounding left, up to its subscription; any rest goes
			// to the sponsor (paid out of the pool's cash), so the supply is the face.
			let left = t.sold.saturating_sub(minted_to_subscribers);
			units = left.min(subscription);
			dust = left.saturating_sub(units);
		}
		let refund = subscription.saturating_sub(units);
		Subscriptions::<T>::remove((pool_id, k), &who);
		t.claimed = claimed;
		if units > 0 {
			Self::mint(pool_id, k, &mut t, &who, units)?;
		}
		if dust > 0 {
			// The deal's cash pays the refund of the units rounding left (to the sponsor):
			// from the reserve, then the sources' carry.
			let mut state = DealStates::<T>::get(pool_id).ok_or(Error::<T>::NotClosed)?;
			let mut left = dust;
			for bucket in [&mut state.reserve, &mut state.interest_cash, &mut state.principal_cash]
			{
				let take = left.min(*bucket);
				*bucket = bucket.saturating_sub(take);
				left = left.saturating_sub(take);
			}
			ensure!(left == 0, Error::<T>::PoolUnderfunded);
			Self::mint(pool_id, k, &mut t, &pool.sponsor, dust)?;
			Performances::<T>::mutate(pool_id, |p| {
				if let Some(p) = p {
					p.cash = p.cash.saturating_sub(dust);
				}
			});
			DealStates::<T>::insert(pool_id, state);
		}
		Self::pay_from(pool_id, &who, refund)?;
		Tranches::<T>::insert((pool_id, k), t);
		Self::deposit_event(Event::AllocationClaimed { pool_id, tranche: k, who, units, refund });
		Ok(())
	}

	pub(crate) fn do_transfer_tranche(
		who: T::AccountId,
		pool_id: PoolId,
		k: u8,
		to: T::AccountId,
		units: Balance,
	) -> DispatchResult {
		let pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::UnknownPool)?;
		let t = Tranches::<T>::get((pool_id, k)).ok_or(Error::<T>::UnknownTranche)?;
		ensure!(units > 0, Error::<T>::ZeroAmount);
		ensure!(who != to, Error::<T>::SelfTransfer);
		ensure!(who == pool.sponsor || Self::eligible_holder(&who), Error::<T>::NotInvestor);
		ensure!(Self::eligible_holder(&to), Error::<T>::ReceiverNotEligible);
		ensure!(pool.status == PoolStatus::Closed, Error::<T>::NotClosed);
		let balance = T::TrancheTokens::balance(t.asset, &who);
		ensure!(balance >= units, Error::<T>::InsufficientUnits);
		if who == pool.sponsor {
			ensure!(balance.saturating_sub(units) >= t.retained, Error::<T>::RetentionLocked);
		}
		// Both sides' distributions are settled on the balances they held until now.
		Self::settle(pool_id, k, &t, &who);
		Self::settle(pool_id, k, &t, &to);
		T::TrancheTokens::transfer(t.asset, &who, &to, units, Preservation::Expendable)?;
		if balance == units {
			Holdings::<T>::remove(&who, (pool_id, k));
		}
		Holdings::<T>::insert(&to, (pool_id, k), ());
		Self::deposit_event(Event::TrancheTransferred {
			pool_id,
			tranche: k,
			from: who,
			to,
			units,
		});
		Ok(())
	}

	/// Write the ownership entries of closed pools' loans: at most `MaxSweepPerBlock` a block,
	/// one pool at a time. Returns the weight used.
	pub(crate) fn sweep() -> Weight {
		let mut weight = T::DbWeight::get().reads(1);
		let Some(pool_id) = Sweeping::<T>::iter_keys().next() else { return weight };
		let Some(pool) = Pools::<T>::get(pool_id) else {
			Sweeping::<T>::remove(pool_id);
			return weight;
		};
		let account = Self::account_of(pool_id);
		let max = T::MaxSweepPerBlock::get() as usize;
		// A called pool's loans pass to the sponsor; a pool that ended by itself keeps its
		// loans, and the ownership records still being written go on being written.
		let called = Performances::<T>::get(pool_id).is_some_and(|p| p.called);
		weight = weight.saturating_add(T::DbWeight::get().reads(1));
		if pool.status == PoolStatus::Ended && called {
			return weight.saturating_add(Self::sweep_to_sponsor(pool_id, pool, max));
		}
		let iter = match SweepCursor::<T>::get(pool_id) {
			Some(last) => PoolLoans::<T>::iter_prefix_from(
				pool_id,
				PoolLoans::<T>::hashed_key_for(pool_id, last),
			),
			None => PoolLoans::<T>::iter_prefix(pool_id),
		};
		let batch: Vec<LoanId> = iter.take(max).map(|(id, _)| id).collect();
		let hash =
			abs_primitives::Hash::from(sp_io::hashing::blake2_256(&(pool_id, &account).encode()));
		for id in &batch {
			// A failure (cannot happen: the loan exists) leaves the effective owner right.
			let _ = T::Lifecycle::assign_owner(
				*id,
				account.clone(),
				Some(pool.spec.trustee.clone()),
				hash,
			);
		}
		let done = u32::try_from(batch.len()).unwrap_or(u32::MAX);
		weight = weight.saturating_add(T::WeightInfo::sweep(done));
		if batch.len() < max {
			Sweeping::<T>::remove(pool_id);
			SweepCursor::<T>::remove(pool_id);
			Self::deposit_event(Event::OwnershipRecorded { pool_id });
		} else if let Some(last) = batch.last() {
			SweepCursor::<T>::insert(pool_id, last);
		}
		weight
	}

	/// An ended pool's loans pass to its sponsor: records rewritten and pool entries removed,
	/// at most `max`.
	fn sweep_to_sponsor(pool_id: PoolId, mut pool: PoolOf<T>, max: usize) -> Weight {
		let batch: Vec<LoanId> =
			PoolLoans::<T>::iter_prefix(pool_id).take(max).map(|(id, _)| id).collect();
		let hash = abs_primitives::Hash::from(sp_io::hashing::blake2_256(
			&(b"clean-up", pool_id, &pool.sponsor).encode(),
		));
		for id in &batch {
			PoolLoans::<T>::remove(pool_id, id);
			LoanPools::<T>::remove(id);
			RepurchaseApprovals::<T>::remove(id);
			// A failure (cannot happen: the loan exists) leaves the effective owner right.
			let _ = T::Lifecycle::assign_owner(*id, pool.sponsor.clone(), None, hash);
		}
		let done = u32::try_from(batch.len()).unwrap_or(u32::MAX);
		pool.loans = pool.loans.saturating_sub(done);
		Pools::<T>::insert(pool_id, &pool);
		if batch.len() < max {
			Sweeping::<T>::remove(pool_id);
			Self::deposit_event(Event::OwnershipRecorded { pool_id });
		}
		T::WeightInfo::sweep(done)
	}

	/// The pallet's own account: admin of every tranche token.
	pub fn pallet_account() -> T::AccountId {
		use sp_runtime::traits::AccountIdConversion;
		T::PalletId::get().into_account_truncating()
	}
}
