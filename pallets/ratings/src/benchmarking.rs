//! Benchmarks of `pallet-ratings`, worst cases first.

use super::*;
use crate::Pallet as Ratings;
use abs_primitives::{Outlook, RatingGrade};
use abs_traits::TrancheInspect;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use sp_runtime::Perbill;

/// `n` licensed agencies named for `pool`.
fn named<T: Config>(pool: abs_primitives::PoolId, n: u32) -> alloc::vec::Vec<T::AccountId> {
	(0..n)
		.map(|i| {
			let a: T::AccountId = account("agency", i, 0);
			T::BenchmarkHelper::license(&a);
			Agencies::<T>::mutate(pool, |v| {
				let _ = v.try_push(a.clone());
			});
			a
		})
		.collect()
}

/// The costliest rule: 7 nodes (4 comparisons on 24-point curves, 3 combinators) on the
/// pool's existing tranches among 0–7; it holds on [`breached`].
fn costly_rule<T: Config>(pool: abs_primitives::PoolId) -> RuleSpec {
	use abs_primitives::{PoolMetric, Severity};
	let curve = Threshold::Curve(BoundedVec::truncate_from(
		(0..monitors::MAX_CURVE_POINTS).map(|i| (i.saturating_mul(2), 1_000_000)).collect(),
	));
	let c =
		|metric| Node::Test(Condition { metric, cmp: Comparison::Above, threshold: curve.clone() });
	let tranches: alloc::vec::Vec<u8> =
		(0..8u8).filter(|t| T::Tranches::tranche_exists(pool, *t)).collect();
	RuleSpec {
		tranches: BoundedVec::truncate_from(tranches),
		expr: BoundedVec::truncate_from(alloc::vec![
			c(PoolMetric::Delinquent30),
			c(PoolMetric::Delinquent60),
			Node::And,
			c(PoolMetric::Delinquent90),
			Node::And,
			c(PoolMetric::CumulativeDefaults),
			Node::Or,
		]),
		severity: Severity::Critical,
	}
}

/// Metrics every [`costly_rule`] holds on, late in the curve.
fn breached() -> abs_primitives::PoolMetrics {
	abs_primitives::PoolMetrics {
		period_index: 60,
		delinquent_30: 500_000_000,
		delinquent_60: 400_000_000,
		delinquent_90: 300_000_000,
		cumulative_defaults: 200_000_000,
		..Default::default()
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The last free slot of a pool's agencies.
	#[benchmark]
	fn appoint_agency() {
		let (pool, sponsor) = T::BenchmarkHelper::pool();
		named::<T>(pool, T::MaxAgencies::get().saturating_sub(1));
		let agency: T::AccountId = account("agency", 1_000, 0);
		T::BenchmarkHelper::license(&agency);
		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), pool, agency.clone());
		assert!(Agencies::<T>::get(pool).contains(&agency));
	}

	/// The last of a full list removed.
	#[benchmark]
	fn remove_agency() {
		let (pool, sponsor) = T::BenchmarkHelper::pool();
		let all = named::<T>(pool, T::MaxAgencies::get());
		let last = all.last().cloned().unwrap_or_else(|| account("agency", 0, 0));
		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), pool, last.clone());
		assert!(!Agencies::<T>::get(pool).contains(&last));
	}

	/// A re-rating (a current rating to compare with) by the last of a full list.
	#[benchmark]
	fn rate() {
		let (pool, _) = T::BenchmarkHelper::pool();
		let all = named::<T>(pool, T::MaxAgencies::get());
		let agency = all.last().cloned().unwrap_or_else(|| account("agency", 0, 0));
		let today = <T::Today as abs_traits::Today>::today();
		let r = RatingInput {
			grade: RatingGrade::Notch(3),
			outlook: Outlook::Negative,
			watch: true,
			pd_band: Some(PdBand { low: Perbill::from_parts(1), high: Perbill::from_parts(2) }),
			report: Default::default(),
			effective: today,
		};
		assert!(Ratings::<T>::rate(RawOrigin::Signed(agency.clone()).into(), pool, 0, r).is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(agency), pool, 0, RatingInput { grade: RatingGrade::Notch(4), ..r });
		assert_eq!(HistoryLen::<T>::get((pool, 0)), 2);
	}

	/// The costliest rule into the last free slot.
	#[benchmark]
	fn register_rule() {
		let (pool, _) = T::BenchmarkHelper::pool();
		let agency = named::<T>(pool, 1).pop().unwrap_or_else(|| account("agency", 0, 0));
		let rule = costly_rule::<T>(pool);
		for _ in 1..T::MaxRulesPerPool::get() {
			assert!(Ratings::<T>::register_rule(
				RawOrigin::Signed(agency.clone()).into(),
				pool,
				rule.clone()
			)
			.is_ok());
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(agency), pool, rule);
		assert_eq!(Monitors::<T>::get(pool).len() as u32, T::MaxRulesPerPool::get());
	}

	/// The last rule of a full pool removed with its open alert.
	#[benchmark]
	fn remove_rule() {
		let (pool, _) = T::BenchmarkHelper::pool();
		let agency = named::<T>(pool, 1).pop().unwrap_or_else(|| account("agency", 0, 0));
		let rule = costly_rule::<T>(pool);
		for _ in 0..T::MaxRulesPerPool::get() {
			assert!(Ratings::<T>::register_rule(
				RawOrigin::Signed(agency.clone()).into(),
				pool,
				rule.clone()
			)
			.is_ok());
		}
		let _ = Ratings::<T>::evaluate(pool, &breached(), false);
		let last = T::MaxRulesPerPool::get().saturating_sub(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(agency), pool, last);
		assert_eq!(Monitors::<T>::get(pool).len() as u32, last);
	}

	/// `r` of the costliest rules evaluated, each raising an alert and putting its tranches
	/// on watch.
	#[benchmark]
	fn evaluate(r: Linear<1, { T::MaxRulesPerPool::get() }>) {
		let (pool, _) = T::BenchmarkHelper::pool();
		let agency = named::<T>(pool, 1).pop().unwrap_or_else(|| account("agency", 0, 0));
		let rule = costly_rule::<T>(pool);
		for _ in 0..r {
			assert!(Ratings::<T>::register_rule(
				RawOrigin::Signed(agency.clone()).into(),
				pool,
				rule.clone()
			)
			.is_ok());
		}
		let m = breached();
		#[block]
		{
			let _ = Ratings::<T>::evaluate(pool, &m, false);
		}
		assert_eq!(AlertCount::<T>::get(pool), r);
	}

	impl_benchmark_test_suite!(Ratings, crate::mock::new_test_ext(), crate::mock::Test);
}
