//! # Oracle pallet
//!
//! A valuation oracle that says when it does not know. Keys come in classes
//! ([`OracleClass`]): a loan's collateral (class: its collateral kind) and a tranche's fair
//! price. Governance sets each class's feeder set, quorum and maximum age
//! ([`Pallet::set_feeders`]); a feeder is a licensed, unfrozen `OracleFeeder` in the class's set
//! and feeds a key at most once a block ([`Pallet::feed`], an `Operational` call).
//!
//! The answer is computed **when it is read** ([`Pallet::answer`]), never stored: `Fresh` with
//! the median of the values fed within the maximum age (an even count takes the lower middle
//! value), how many and their dispersion; `NoQuorum` or `Stale` otherwise. An old value is
//! never returned as if it were current (orml-oracle's known flaw).
//!
//! - A feed more than `MaxDispersion` away from the median of the other fresh values is
//!   refused (`TooDispersed`): one feeder cannot move the answer far on its own.
//! - Removing a feeder from a set drops its values at once (they stop counting) and they are
//!   purged from each key at its next feed; its deviation log is deleted.
//! - Each feed records the feeder's deviation from the median it produced (a bounded ring per
//!   class and feeder), so governance can see a feeder that is persistently off.
//!
//! Per key the feeds are one bounded vector (≤ `MaxFeeders`): a read is one storage read.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub mod types;
pub mod views;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Register `who` and license it as an `OracleFeeder`.
	fn license(who: &AccountId);
	/// A loan (its collateral of any kind).
	fn collateral_loan() -> abs_primitives::LoanId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use abs_primitives::{Balance, OracleAnswer, OracleClass, OracleKey, Role, Scope};
	use abs_traits::{LoanInspect, RoleCheck, Today, TrancheInspect};
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Licences (`OracleFeeder`) and freezes.
		type Roles: RoleCheck<Self::AccountId>;
		/// The chain's day (a value's age is in days).
		type Today: Today;
		/// Loans (a collateral key's class is its loan's collateral kind).
		type Loans: LoanInspect<Self::AccountId>;
		/// Tranches (a price key must name one).
		type Tranches: TrancheInspect;
		/// Told when a feed leaves a key fresh (recovery opens an auction waiting for it).
		type OnFresh: abs_traits::OnOracleValue;
		/// Who sets feeder sets (governance).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Most feeders in a class's set (and so values per key).
		#[pallet::constant]
		type MaxFeeders: Get<u32>;
		/// A feed further than this from the median of the other fresh values is refused.
		#[pallet::constant]
		type MaxDispersion: Get<Perbill>;
		/// Deviations kept per class and feeder (the newest).
		#[pallet::constant]
		type MaxDeviations: Get<u32>;
		type WeightInfo: WeightInfo;
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;
	}

	/// Each class's feeder set, quorum and maximum age.
	#[pallet::storage]
	pub type Classes<T: Config> = StorageMap<_, Twox64Concat, OracleClass, ClassConfigOf<T>>;

	/// Each key's values, one per feeder (≤ `MaxFeeders`).
	#[pallet::storage]
	pub type Feeds<T: Config> = StorageMap<_, Blake2_128Concat, OracleKey, FeedsOf<T>, ValueQuery>;

	/// Each feeder's deviations from the median, per class (the newest `MaxDeviations`).
	#[pallet::storage]
	pub type Deviations<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		OracleClass,
		Blake2_128Concat,
		T::AccountId,
		DeviationLogOf<T>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance set `class`'s feeders, quorum and maximum age; `removed` feeders' values
		/// no longer count.
		FeedersSet {
			class: OracleClass,
			feeders: FeederSet<T>,
			quorum: u32,
			max_age_days: u32,
			removed: u32,
		},
		/// `feeder` fed `value` for `key`; the key's median is now `median` (the feeder
		/// `deviation_ppb` from it).
		Fed {
			key: OracleKey,
			feeder: T::AccountId,
			value: Balance,
			median: Balance,
			deviation_ppb: i64,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The feeder set is empty.
		NoFeeders,
		/// An account appears twice in the feeder set.
		DuplicateFeeder,
		/// The quorum is 0.
		ZeroQuorum,
		/// The quorum is larger than the feeder set.
		QuorumAboveFeeders,
		/// The maximum age is 0 days.
		ZeroMaxAge,
		/// The signer holds no active `OracleFeeder` licence, or is frozen.
		NotLicensed,
		/// The key's class has no feeder set.
		ClassNotConfigured,
		/// The signer is not in the key's class's feeder set.
		NotInFeederSet,
		/// The collateral key names no loan.
		UnknownLoan,
		/// The price key names no tranche.
		UnknownTranche,
		/// A value of 0.
		ZeroValue,
		/// The feeder already fed this key in this block.
		AlreadyFed,
		/// The value is further than `MaxDispersion` from the median of the other fresh values.
		TooDispersed,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Set `class`'s feeder set, quorum (≥ 1, ≤ the set) and maximum age in days (≥ 1).
		/// Feeders left out stop counting at once.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_feeders(u32::try_from(feeders.len()).unwrap_or(u32::MAX)))]
		pub fn set_feeders(
			origin: OriginFor<T>,
			class: OracleClass,
			feeders: FeederSet<T>,
			quorum: u32,
			max_age_days: u32,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!feeders.is_empty(), Error::<T>::NoFeeders);
			for (i, f) in feeders.iter().enumerate() {
				ensure!(
					!feeders.iter().skip(i.saturating_add(1)).any(|g| g == f),
					Error::<T>::DuplicateFeeder
				);
			}
			ensure!(quorum > 0, Error::<T>::ZeroQuorum);
			ensure!(quorum as usize <= feeders.len(), Error::<T>::QuorumAboveFeeders);
			ensure!(max_age_days > 0, Error::<T>::ZeroMaxAge);
			Self::do_set_feeders(class, feeders, quorum, max_age_days);
			Ok(())
		}

		/// Feed `value` for `key` (a collateral's value in the stablecoin's units, or a
		/// tranche's price per unit of outstanding in parts per 10⁹).
		#[pallet::call_index(1)]
		#[pallet::weight((
			T::WeightInfo::feed().saturating_add(<T::OnFresh as abs_traits::OnOracleValue>::weight()),
			DispatchClass::Operational
		))]
		pub fn feed(origin: OriginFor<T>, key: OracleKey, value: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				T::Roles::may_act_as(&who, Role::OracleFeeder, Scope::Global),
				Error::<T>::NotLicensed
			);
			let class = Self::class_of(&key)?;
			let config = Classes::<T>::get(class).ok_or(Error::<T>::ClassNotConfigured)?;
			ensure!(config.feeders.contains(&who), Error::<T>::NotInFeederSet);
			ensure!(value > 0, Error::<T>::ZeroValue);
			Self::do_feed(who, key, class, &config, value)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The class of `key`, or why the key is unknown.
		pub fn class_of(key: &OracleKey) -> Result<OracleClass, Error<T>> {
			match key {
				OracleKey::Collateral(loan) => T::Loans::loan(*loan)
					.map(|l| OracleClass::Collateral(l.collateral.kind))
					.ok_or(Error::<T>::UnknownLoan),
				OracleKey::Tranche { pool, tranche } => {
					if T::Tranches::tranche_exists(*pool, *tranche) {
						Ok(OracleClass::TranchePrice)
					} else {
						Err(Error::<T>::UnknownTranche)
					}
				}
			}
		}

		fn do_set_feeders(
			class: OracleClass,
			feeders: FeederSet<T>,
			quorum: u32,
			max_age_days: u32,
		) {
			let before = Classes::<T>::get(class).map(|c| c.feeders).unwrap_or_default();
			let mut removed = 0u32;
			for f in before.iter().filter(|f| !feeders.contains(f)) {
				Deviations::<T>::remove(class, f);
				removed = removed.saturating_add(1);
			}
			Classes::<T>::insert(
				class,
				ClassConfig { feeders: feeders.clone(), quorum, max_age_days },
			);
			Self::deposit_event(Event::FeedersSet {
				class,
				feeders,
				quorum,
				max_age_days,
				removed,
			});
		}

		fn do_feed(
			who: T::AccountId,
			key: OracleKey,
			class: OracleClass,
			config: &ClassConfigOf<T>,
			value: Balance,
		) -> DispatchResult {
			let now = frame_system::Pallet::<T>::block_number();
			let today = T::Today::today();
			let mut feeds = Feeds::<T>::get(key);
			// Values of feeders no longer in the set are dropped here.
			feeds.retain(|f| config.feeders.contains(&f.feeder));
			if let Some(mine) = feeds.iter().find(|f| f.feeder == who) {
				ensure!(mine.block != now, Error::<T>::AlreadyFed);
			}
			let fresh = |f: &FeedOf<T>| f.day.saturating_add(config.max_age_days) > today;
			let others: alloc::vec::Vec<Balance> =
				feeds.iter().filter(|f| f.feeder != who && fresh(f)).map(|f| f.value).collect();
			if let Some(m) = abs_finance::oracle::median(&others) {
				let d = abs_finance::oracle::deviation_ppb(value, m).unsigned_abs();
				ensure!(
					d <= u64::from(T::MaxDispersion::get().deconstruct()),
					Error::<T>::TooDispersed
				);
			}
			let entry = Feed { feeder: who.clone(), value, day: today, block: now };
			match feeds.iter_mut().find(|f| f.feeder == who) {
				Some(f) => *f = entry,
				// The set is at most MaxFeeders and only its members remain: room is certain.
				None => feeds.try_push(entry).map_err(|_| Error::<T>::NotInFeederSet)?,
			}
			let values: alloc::vec::Vec<Balance> =
				feeds.iter().filter(|f| fresh(f)).map(|f| f.value).collect();
			let median = abs_finance::oracle::median(&values).unwrap_or(value);
			let deviation_ppb = abs_finance::oracle::deviation_ppb(value, median);
			Deviations::<T>::mutate(class, &who, |log| log.push(today, key, deviation_ppb));
			let answer = Self::answer_with(config, &feeds, today);
			Feeds::<T>::insert(key, feeds);
			Self::deposit_event(Event::Fed { key, feeder: who, value, median, deviation_ppb });
			if let OracleAnswer::Fresh { value, .. } = answer {
				<T::OnFresh as abs_traits::OnOracleValue>::on_fresh(key, value)?;
			}
			Ok(())
		}

		/// The answer for `key` now (computed, never stored).
		pub fn answer(key: OracleKey) -> OracleAnswer {
			let Ok(class) = Self::class_of(&key) else { return OracleAnswer::Unconfigured };
			let Some(config) = Classes::<T>::get(class) else { return OracleAnswer::Unconfigured };
			Self::answer_with(&config, &Feeds::<T>::get(key), T::Today::today())
		}

		/// The answer from `feeds` under `config` on `today`.
		pub fn answer_with(
			config: &ClassConfigOf<T>,
			feeds: &FeedsOf<T>,
			today: u32,
		) -> OracleAnswer {
			let current: alloc::vec::Vec<&FeedOf<T>> =
				feeds.iter().filter(|f| config.feeders.contains(&f.feeder)).collect();
			let values: alloc::vec::Vec<Balance> = current
				.iter()
				.filter(|f| f.day.saturating_add(config.max_age_days) > today)
				.map(|f| f.value)
				.collect();
			let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
			if n(values.len()) >= config.quorum {
				let value = abs_finance::oracle::median(&values).unwrap_or(0);
				return OracleAnswer::Fresh {
					value,
					feeders: n(values.len()),
					dispersion_ppb: abs_finance::oracle::dispersion_ppb(&values, value),
				};
			}
			if n(current.len()) >= config.quorum {
				let newest = current.iter().map(|f| f.day).max().unwrap_or(0);
				return OracleAnswer::Stale {
					fresh: n(values.len()),
					quorum: config.quorum,
					newest,
				};
			}
			OracleAnswer::NoQuorum { feeders: n(current.len()), quorum: config.quorum }
		}

		/// The invariants: each class's quorum within its set; each key's values from distinct
		/// feeders.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			for (_, c) in Classes::<T>::iter() {
				ensure!(
					c.quorum >= 1 && c.quorum as usize <= c.feeders.len(),
					"quorum out of its set"
				);
			}
			for (_, feeds) in Feeds::<T>::iter() {
				for (i, f) in feeds.iter().enumerate() {
					ensure!(
						!feeds.iter().skip(i.saturating_add(1)).any(|g| g.feeder == f.feeder),
						"a feeder twice on a key"
					);
				}
			}
			Ok(())
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> abs_traits::ValuationOracle for Pallet<T> {
		fn collateral_value(loan: abs_primitives::LoanId) -> OracleAnswer {
			Self::answer(OracleKey::Collateral(loan))
		}
		fn tranche_price(pool: abs_primitives::PoolId, tranche: u8) -> OracleAnswer {
			Self::answer(OracleKey::Tranche { pool, tranche })
		}
		fn read_weight() -> Weight {
			// The loan or tranche (the key's class), the class, the key's feeds.
			T::DbWeight::get().reads(3)
		}
	}
}
