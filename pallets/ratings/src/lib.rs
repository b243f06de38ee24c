//! # Ratings pallet
//!
//! Tranche ratings with their history. A pool's sponsor names its rating agencies
//! ([`Pallet::appoint_agency`], licensed `RatingAgency`s, ≤ `MaxAgencies`); an agency that has
//! rated one of the pool's tranches can no longer be removed ([`Pallet::remove_agency`]
//! refuses it: no rating shopping). An appointed agency publishes per tranche
//! ([`Pallet::rate`]) a grade on the 22-notch scale (or NR, WR), an outlook, a watch flag, an
//! optional probability-of-default band, the hash of its report and the day it takes effect.
//!
//! - The current rating per agency and tranche is one item; every action is also appended to
//!   the tranche's history (`History`, numbered from 0, served in pages).
//! - Each action is a notice to the pool's and the tranche's subjects.
//! - Effective days only move forward per agency and tranche (`EffectiveBeforeLast`).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

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
	/// A pool with at least one tranche, and its sponsor.
	fn pool() -> (abs_primitives::PoolId, AccountId);
	/// Register `who` and license it as a `RatingAgency`.
	fn license(who: &AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use abs_primitives::{
		tranche_id, DayNumber, NoticeKind, NoticeSubject, Outlook, PoolId, RatingGrade,
		RatingNotice, Role, Scope,
	};
	use abs_traits::{Notify, PoolSponsor, RoleCheck, Today, TrancheInspect};
	use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use scale_info::TypeInfo;
	use sp_runtime::Perbill;

	/// A probability-of-default band: from `low` to `high` (inclusive).
	#[derive(
		Clone,
		Copy,
		PartialEq,
		Eq,
		Debug,
		Encode,
		Decode,
		DecodeWithMemTracking,
		MaxEncodedLen,
		TypeInfo,
	)]
	pub struct PdBand {
		pub low: Perbill,
		pub high: Perbill,
	}

	/// An agency's rating of a tranche.
	#[derive(
		Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
	)]
	pub struct Rating<AccountId> {
		pub agency: AccountId,
		pub grade: RatingGrade,
		pub outlook: Outlook,
		/// On watch (a change of grade is being considered).
		pub watch: bool,
		pub pd_band: Option<PdBand>,
		/// The hash of the rating report (the report itself is the agency's).
		pub report: sp_core::H256,
		/// The day the rating takes effect and the day it was published.
		pub effective: DayNumber,
		pub published: DayNumber,
	}

	pub type RatingOf<T> = Rating<<T as frame_system::Config>::AccountId>;
	pub type AgenciesOf<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxAgencies>;

	/// What an agency publishes.
	#[derive(
		Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo,
	)]
	pub struct RatingInput {
		pub grade: RatingGrade,
		pub outlook: Outlook,
		pub watch: bool,
		pub pd_band: Option<PdBand>,
		pub report: sp_core::H256,
		pub effective: DayNumber,
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Licences (`RatingAgency`) and freezes.
		type Roles: RoleCheck<Self::AccountId>;
		/// The chain's day.
		type Today: Today;
		/// Pools' sponsors.
		type Pools: PoolSponsor<Self::AccountId>;
		/// Pools' tranches.
		type Tranches: TrancheInspect;
		/// The chain's notice stream.
		type Notify: Notify;
		/// Most agencies a pool names.
		#[pallet::constant]
		type MaxAgencies: Get<u32>;
		/// Most days ahead a rating may take effect.
		#[pallet::constant]
		type MaxEffectiveAheadDays: Get<u32>;
		type WeightInfo: WeightInfo;
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;
	}

	/// The agencies each pool named.
	#[pallet::storage]
	pub type Agencies<T: Config> = StorageMap<_, Twox64Concat, PoolId, AgenciesOf<T>, ValueQuery>;

	/// The agencies that have rated a pool's tranches (they cannot be removed).
	#[pallet::storage]
	pub type HasRated<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PoolId, Blake2_128Concat, T::AccountId, ()>;

	/// The current rating of each tranche by each agency.
	#[pallet::storage]
	pub type Current<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		(PoolId, u8),
		Blake2_128Concat,
		T::AccountId,
		RatingOf<T>,
	>;

	/// Every rating action on a tranche, numbered from 0.
	#[pallet::storage]
	pub type History<T: Config> =
		StorageDoubleMap<_, Twox64Concat, (PoolId, u8), Twox64Concat, u32, RatingOf<T>>;

	/// How many actions each tranche's history holds.
	#[pallet::storage]
	pub type HistoryLen<T: Config> = StorageMap<_, Twox64Concat, (PoolId, u8), u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The sponsor named `agency` for pool `pool_id`.
		AgencyAppointed { pool_id: PoolId, agency: T::AccountId },
		/// The sponsor removed `agency` (which had not rated) from pool `pool_id`.
		AgencyRemoved { pool_id: PoolId, agency: T::AccountId },
		/// `agency` rated tranche `tranche` of pool `pool_id` (history entry `seq`).
		Rated {
			pool_id: PoolId,
			tranche: u8,
			agency: T::AccountId,
			grade: RatingGrade,
			outlook: Outlook,
			watch: bool,
			effective: DayNumber,
			seq: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such pool.
		UnknownPool,
		/// The pool has no such tranche.
		UnknownTranche,
		/// Only the pool's sponsor names and removes its agencies.
		NotPoolSponsor,
		/// The account holds no active `RatingAgency` licence, or is frozen.
		NotLicensedAgency,
		/// The agency is already named for the pool.
		AlreadyAppointed,
		/// The pool names `MaxAgencies` agencies already.
		TooManyAgencies,
		/// The agency is not named for the pool.
		NotAppointed,
		/// The agency has rated the pool's tranches: it stays.
		AgencyHasRated,
		/// A notch outside 1–22.
		InvalidGrade,
		/// A PD band whose low end is above its high end.
		InvalidPdBand,
		/// The rating takes effect before the agency's last one on the tranche.
		EffectiveBeforeLast,
		/// The rating takes effect more than `MaxEffectiveAheadDays` from today.
		EffectiveTooFar,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Name `agency` (a licensed `RatingAgency`) for pool `pool_id` (its sponsor).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::appoint_agency())]
		pub fn appoint_agency(
			origin: OriginFor<T>,
			pool_id: PoolId,
			agency: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let sponsor = T::Pools::sponsor(pool_id).ok_or(Error::<T>::UnknownPool)?;
			ensure!(who == sponsor, Error::<T>::NotPoolSponsor);
			ensure!(
				T::Roles::may_act_as(&agency, Role::RatingAgency, Scope::Global),
				Error::<T>::NotLicensedAgency
			);
			let mut agencies = Agencies::<T>::get(pool_id);
			ensure!(!agencies.contains(&agency), Error::<T>::AlreadyAppointed);
			agencies.try_push(agency.clone()).map_err(|_| Error::<T>::TooManyAgencies)?;
			Agencies::<T>::insert(pool_id, agencies);
			Self::deposit_event(Event::AgencyAppointed { pool_id, agency });
			Ok(())
		}

		/// Remove `agency` from pool `pool_id` (its sponsor), unless it has rated.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_agency())]
		pub fn remove_agency(
			origin: OriginFor<T>,
			pool_id: PoolId,
			agency: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let sponsor = T::Pools::sponsor(pool_id).ok_or(Error::<T>::UnknownPool)?;
			ensure!(who == sponsor, Error::<T>::NotPoolSponsor);
			let mut agencies = Agencies::<T>::get(pool_id);
			ensure!(agencies.contains(&agency), Error::<T>::NotAppointed);
			ensure!(!HasRated::<T>::contains_key(pool_id, &agency), Error::<T>::AgencyHasRated);
			agencies.retain(|a| *a != agency);
			Agencies::<T>::insert(pool_id, agencies);
			Self::deposit_event(Event::AgencyRemoved { pool_id, agency });
			Ok(())
		}

		/// Publish the signer's rating of tranche `tranche` of pool `pool_id`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::rate())]
		pub fn rate(
			origin: OriginFor<T>,
			pool_id: PoolId,
			tranche: u8,
			rating: RatingInput,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				T::Roles::may_act_as(&who, Role::RatingAgency, Scope::Global),
				Error::<T>::NotLicensedAgency
			);
			ensure!(T::Pools::sponsor(pool_id).is_some(), Error::<T>::UnknownPool);
			ensure!(Agencies::<T>::get(pool_id).contains(&who), Error::<T>::NotAppointed);
			ensure!(T::Tranches::tranche_exists(pool_id, tranche), Error::<T>::UnknownTranche);
			ensure!(rating.grade.is_valid(), Error::<T>::InvalidGrade);
			if let Some(b) = rating.pd_band {
				ensure!(b.low <= b.high, Error::<T>::InvalidPdBand);
			}
			let today = T::Today::today();
			ensure!(
				rating.effective <= today.saturating_add(T::MaxEffectiveAheadDays::get()),
				Error::<T>::EffectiveTooFar
			);
			if let Some(last) = Current::<T>::get((pool_id, tranche), &who) {
				ensure!(rating.effective >= last.effective, Error::<T>::EffectiveBeforeLast);
			}
			Self::do_rate(who, pool_id, tranche, rating, today);
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		fn do_rate(
			agency: T::AccountId,
			pool_id: PoolId,
			tranche: u8,
			r: RatingInput,
			today: DayNumber,
		) {
			let rating = Rating {
				agency: agency.clone(),
				grade: r.grade,
				outlook: r.outlook,
				watch: r.watch,
				pd_band: r.pd_band,
				report: r.report,
				effective: r.effective,
				published: today,
			};
			let key = (pool_id, tranche);
			let seq = HistoryLen::<T>::get(key);
			History::<T>::insert(key, seq, rating.clone());
			HistoryLen::<T>::insert(key, seq.saturating_add(1));
			Current::<T>::insert(key, &agency, rating);
			HasRated::<T>::insert(pool_id, &agency, ());
			let notice = NoticeKind::Rating(RatingNotice {
				tranche,
				grade: r.grade,
				outlook: r.outlook,
				watch: r.watch,
			});
			T::Notify::notify(NoticeSubject::Pool(pool_id), today, notice);
			T::Notify::notify(NoticeSubject::Tranche(tranche_id(pool_id, tranche)), today, notice);
			Self::deposit_event(Event::Rated {
				pool_id,
				tranche,
				agency,
				grade: r.grade,
				outlook: r.outlook,
				watch: r.watch,
				effective: r.effective,
				seq,
			});
		}

		/// The agencies pool `pool_id` names.
		pub fn agencies(pool_id: PoolId) -> alloc::vec::Vec<T::AccountId> {
			Agencies::<T>::get(pool_id).into_inner()
		}

		/// Tranche `tranche` of pool `pool_id`'s current ratings, one per agency.
		pub fn ratings(pool_id: PoolId, tranche: u8) -> alloc::vec::Vec<RatingOf<T>> {
			Current::<T>::iter_prefix_values((pool_id, tranche)).collect()
		}

		/// Up to `limit` (≤ 100) history entries of a tranche from `from`, oldest first.
		pub fn history(
			pool_id: PoolId,
			tranche: u8,
			from: u32,
			limit: u32,
		) -> alloc::vec::Vec<(u32, RatingOf<T>)> {
			let key = (pool_id, tranche);
			let end = HistoryLen::<T>::get(key).min(from.saturating_add(limit.min(100)));
			(from..end).filter_map(|i| History::<T>::get(key, i).map(|r| (i, r))).collect()
		}

		/// The invariants: each history's length matches its entries; every current rating's
		/// agency has rated the pool.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			for (key, len) in HistoryLen::<T>::iter() {
				let n = History::<T>::iter_prefix(key).count();
				ensure!(n == len as usize, "history length");
			}
			for ((pool, _), agency, _) in Current::<T>::iter() {
				ensure!(
					HasRated::<T>::contains_key(pool, &agency),
					"current rating of an agency that has not rated"
				);
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
}
