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
//!
//! **Monitors** ([`monitors`]): an appointed agency registers rules on a pool
//! ([`Pallet::register_rule`], ≤ `MaxRulesPerPool`), each naming tranches. `pallet-pools` tells
//! this pallet (as [`abs_traits::PoolMonitor`]) of every change of a closed pool's metrics, in
//! the same extrinsic or hook, and of every period's close; the rules reading live metrics are
//! evaluated on each change, those reading a closed period's ratios at the close, O(rules of
//! the pool). A rule that starts to hold raises an alert (stored, a notice to the pool and to
//! the agency) and puts its tranches on watch; one that stops holding clears it.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

pub mod monitors;
pub mod weights;

pub use monitors::{
	Alert, AlertOf, Comparison, Condition, Node, Rule, RuleOf, RuleSpec, Threshold,
};

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod monitor_tests;
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
	use abs_traits::{Notify, NotifyAccounts, PoolSponsor, RoleCheck, Today, TrancheInspect};
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
		/// The chain's notice stream (alerts are addressed to their agency as well).
		type Notify: NotifyAccounts<Self::AccountId>;
		/// Most agencies a pool names.
		#[pallet::constant]
		type MaxAgencies: Get<u32>;
		/// Most days ahead a rating may take effect.
		#[pallet::constant]
		type MaxEffectiveAheadDays: Get<u32>;
		/// Most monitor rules on one pool (all agencies together).
		#[pallet::constant]
		type MaxRulesPerPool: Get<u32>;
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

	/// The monitor rules on each pool.
	#[pallet::storage]
	pub type Monitors<T: Config> =
		StorageMap<_, Twox64Concat, PoolId, BoundedVec<RuleOf<T>, T::MaxRulesPerPool>, ValueQuery>;

	/// The next rule's number on each pool.
	#[pallet::storage]
	pub type NextRuleId<T: Config> = StorageMap<_, Twox64Concat, PoolId, u32, ValueQuery>;

	/// Every alert raised on a pool, numbered from 0.
	#[pallet::storage]
	pub type Alerts<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PoolId, Twox64Concat, u32, AlertOf<T>>;

	/// How many alerts each pool has had.
	#[pallet::storage]
	pub type AlertCount<T: Config> = StorageMap<_, Twox64Concat, PoolId, u32, ValueQuery>;

	/// Each agency's alerts, numbered from 0: (pool, the pool's alert number).
	#[pallet::storage]
	pub type AgencyAlerts<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, u32, (PoolId, u32)>;

	/// How many alerts each agency has had.
	#[pallet::storage]
	pub type AgencyAlertCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The open alerts naming each of a pool's tranches (0–7; a tranche with any is on
	/// watch): one item a pool, read and written once per alert raised or cleared.
	#[pallet::storage]
	pub type Watched<T: Config> = StorageMap<_, Twox64Concat, PoolId, [u32; 8]>;

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
		/// `agency` registered rule `rule` on pool `pool_id`.
		RuleRegistered { pool_id: PoolId, rule: u32, agency: T::AccountId, per_period: bool },
		/// Rule `rule` of pool `pool_id` was removed (by its agency, or with the agency).
		RuleRemoved { pool_id: PoolId, rule: u32 },
		/// Rule `rule` holds: alert `alert` of pool `pool_id`; its tranches are on watch.
		AlertRaised {
			pool_id: PoolId,
			alert: u32,
			rule: u32,
			agency: T::AccountId,
			severity: abs_primitives::Severity,
		},
		/// Alert `alert` of pool `pool_id` cleared: rule `rule` no longer holds (or was
		/// removed).
		AlertCleared { pool_id: PoolId, alert: u32, rule: u32 },
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
		/// The pool holds `MaxRulesPerPool` rules already.
		TooManyRules,
		/// A rule names no tranche, or one twice.
		InvalidRuleTranches,
		/// A rule's expression is not a well-formed postfix expression of comparisons,
		/// `And` and `Or` with one result.
		MalformedRule,
		/// A curve with no point, or with period indices not increasing.
		InvalidCurve,
		/// No such rule on the pool.
		UnknownRule,
		/// Only the agency that registered a rule removes it.
		NotRuleOwner,
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
		#[pallet::weight(T::WeightInfo::remove_agency()
			.saturating_add(T::WeightInfo::evaluate(T::MaxRulesPerPool::get())))]
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
			// Its rules go with it (their open alerts cleared).
			let mut rules = Monitors::<T>::get(pool_id);
			for r in rules.iter().filter(|r| r.agency == agency) {
				if let Some(seq) = r.alert {
					Self::clear(pool_id, r, seq);
				}
				Self::deposit_event(Event::RuleRemoved { pool_id, rule: r.id });
			}
			rules.retain(|r| r.agency != agency);
			Monitors::<T>::insert(pool_id, rules);
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
			Self::ensure_agency_of(&who, pool_id)?;
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

		/// Register a monitor rule on pool `pool_id` (an agency the pool names). It is
		/// evaluated from the next change of the pool's metrics (or period close) on.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::register_rule())]
		pub fn register_rule(
			origin: OriginFor<T>,
			pool_id: PoolId,
			rule: RuleSpec,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_agency_of(&who, pool_id)?;
			ensure!(!rule.tranches.is_empty(), Error::<T>::InvalidRuleTranches);
			for (i, t) in rule.tranches.iter().enumerate() {
				ensure!(*t < 8, Error::<T>::UnknownTranche);
				ensure!(
					!rule.tranches.iter().skip(i.saturating_add(1)).any(|u| u == t),
					Error::<T>::InvalidRuleTranches
				);
				ensure!(T::Tranches::tranche_exists(pool_id, *t), Error::<T>::UnknownTranche);
			}
			let per_period = rule.validate().map_err(|e| match e {
				monitors::ExprError::Malformed => Error::<T>::MalformedRule,
				monitors::ExprError::InvalidCurve => Error::<T>::InvalidCurve,
			})?;
			let mut rules = Monitors::<T>::get(pool_id);
			let id = NextRuleId::<T>::get(pool_id);
			rules
				.try_push(Rule { id, agency: who.clone(), spec: rule, per_period, alert: None })
				.map_err(|_| Error::<T>::TooManyRules)?;
			Monitors::<T>::insert(pool_id, rules);
			NextRuleId::<T>::insert(pool_id, id.saturating_add(1));
			Self::deposit_event(Event::RuleRegistered {
				pool_id,
				rule: id,
				agency: who,
				per_period,
			});
			Ok(())
		}

		/// Remove rule `rule` of pool `pool_id` (its agency); its open alert is cleared.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove_rule())]
		pub fn remove_rule(origin: OriginFor<T>, pool_id: PoolId, rule: u32) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut rules = Monitors::<T>::get(pool_id);
			let r = rules.iter().find(|r| r.id == rule).ok_or(Error::<T>::UnknownRule)?;
			ensure!(r.agency == who, Error::<T>::NotRuleOwner);
			if let Some(seq) = r.alert {
				Self::clear(pool_id, r, seq);
			}
			rules.retain(|r| r.id != rule);
			Monitors::<T>::insert(pool_id, rules);
			Self::deposit_event(Event::RuleRemoved { pool_id, rule });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// `who` is a licensed, unfrozen agency that pool `pool_id` names.
		fn ensure_agency_of(who: &T::AccountId, pool_id: PoolId) -> DispatchResult {
			ensure!(
				T::Roles::may_act_as(who, Role::RatingAgency, Scope::Global),
				Error::<T>::NotLicensedAgency
			);
			ensure!(T::Pools::sponsor(pool_id).is_some(), Error::<T>::UnknownPool);
			ensure!(Agencies::<T>::get(pool_id).contains(who), Error::<T>::NotAppointed);
			Ok(())
		}

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

		/// Pool `pool_id`'s monitor rules.
		pub fn monitors(pool_id: PoolId) -> alloc::vec::Vec<RuleOf<T>> {
			Monitors::<T>::get(pool_id).into_inner()
		}

		/// Up to `limit` (≤ 100) of pool `pool_id`'s alerts from number `from`, oldest first.
		pub fn pool_alerts(
			pool_id: PoolId,
			from: u32,
			limit: u32,
		) -> alloc::vec::Vec<(PoolId, u32, AlertOf<T>)> {
			let end = AlertCount::<T>::get(pool_id).min(from.saturating_add(limit.min(100)));
			(from..end)
				.filter_map(|i| Alerts::<T>::get(pool_id, i).map(|a| (pool_id, i, a)))
				.collect()
		}

		/// Up to `limit` (≤ 100) of `agency`'s alerts (all pools) from its number `from`.
		pub fn agency_alerts(
			agency: &T::AccountId,
			from: u32,
			limit: u32,
		) -> alloc::vec::Vec<(PoolId, u32, AlertOf<T>)> {
			let end = AgencyAlertCount::<T>::get(agency).min(from.saturating_add(limit.min(100)));
			(from..end)
				.filter_map(|i| AgencyAlerts::<T>::get(agency, i))
				.filter_map(|(p, s)| Alerts::<T>::get(p, s).map(|a| (p, s, a)))
				.collect()
		}

		/// How many open alerts name tranche `tranche` of pool `pool_id`.
		pub fn watch_count(pool_id: PoolId, tranche: u8) -> u32 {
			Watched::<T>::get(pool_id)
				.and_then(|w| w.get(usize::from(tranche)).copied())
				.unwrap_or(0)
		}

		/// Whether tranche `tranche` of pool `pool_id` is on watch by a monitor (an open
		/// alert names it).
		pub fn on_watch(pool_id: PoolId, tranche: u8) -> bool {
			Self::watch_count(pool_id, tranche) > 0
		}

		/// The invariants: each history's length matches its entries; every current rating's
		/// agency has rated the pool; each rule's open alert is its own and open, every open
		/// alert belongs to a rule, and each tranche's watch count is its open alerts.
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
			let mut watched = alloc::collections::BTreeMap::<(PoolId, u8), u32>::new();
			for (pool, rules) in Monitors::<T>::iter() {
				ensure!(
					rules.iter().all(|r| r.id < NextRuleId::<T>::get(pool)),
					"a rule numbered beyond the next"
				);
				for r in rules.iter() {
					let Some(seq) = r.alert else { continue };
					let a = Alerts::<T>::get(pool, seq).ok_or("a rule's alert is missing")?;
					ensure!(
						a.rule == r.id && a.cleared.is_none(),
						"a rule's alert is not its open one"
					);
					for t in a.tranches.iter() {
						let n = watched.entry((pool, *t)).or_default();
						*n = n.saturating_add(1);
					}
				}
			}
			let open = Alerts::<T>::iter().filter(|(_, _, a)| a.cleared.is_none()).count();
			let mut counted = 0usize;
			for (pool, w) in Watched::<T>::iter() {
				ensure!(w.iter().any(|n| *n > 0), "an empty watch item");
				for (t, n) in w.iter().enumerate() {
					let t = u8::try_from(t).map_err(|_| "tranche index")?;
					ensure!(
						watched.get(&(pool, t)).copied().unwrap_or(0) == *n,
						"a tranche's watch count"
					);
					counted = counted.saturating_add(usize::from(*n > 0));
				}
			}
			ensure!(counted == watched.len(), "tranches on watch");
			let with_rule: usize = Monitors::<T>::iter_values()
				.map(|rs| rs.iter().filter(|r| r.alert.is_some()).count())
				.sum();
			ensure!(open == with_rule, "an open alert without its rule");
			for (pool, n) in AlertCount::<T>::iter() {
				ensure!(Alerts::<T>::iter_prefix(pool).count() == n as usize, "alert count");
			}
			Ok(())
		}
	}

	impl<T: Config> abs_traits::PoolMonitor for Pallet<T> {
		fn on_change(pool: PoolId, metrics: &abs_primitives::PoolMetrics) -> Weight {
			T::WeightInfo::evaluate(Self::evaluate(pool, metrics, false))
		}
		fn on_period_close(pool: PoolId, metrics: &abs_primitives::PoolMetrics) -> Weight {
			// The closed period's rules on its ratios; then the live rules on the next
			// period's index (a curve's threshold may step with it). Each rule is in one pass.
			let closed = Self::evaluate(pool, metrics, true);
			let next = abs_primitives::PoolMetrics {
				period_index: metrics.period_index.saturating_add(1),
				period: None,
				..*metrics
			};
			let live = Self::evaluate(pool, &next, false);
			T::WeightInfo::evaluate(closed.saturating_add(live))
		}
		fn on_pool_ended(pool: PoolId) -> Weight {
			let mut rules = Monitors::<T>::get(pool);
			let mut flips = 0u32;
			for rule in rules.iter_mut() {
				if let Some(seq) = rule.alert.take() {
					Self::clear(pool, rule, seq);
					flips = flips.saturating_add(1);
				}
			}
			if flips > 0 {
				Monitors::<T>::insert(pool, rules);
			}
			T::WeightInfo::evaluate(flips)
		}
		fn weight() -> Weight {
			T::WeightInfo::evaluate(T::MaxRulesPerPool::get())
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
