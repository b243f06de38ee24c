//! Benchmarks of `pallet-oracle`, worst cases first.

use super::*;
use crate::Pallet as Oracle;
use abs_primitives::{CollateralKind, OracleClass, OracleKey};
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;

const VEHICLES: OracleClass = OracleClass::Collateral(CollateralKind::Vehicle);

fn feeders<T: Config>(seed: u32, n: u32) -> FeederSet<T> {
	let v: alloc::vec::Vec<T::AccountId> = (0..n)
		.map(|i| {
			let f: T::AccountId = account("feeder", seed.saturating_add(i), 0);
			T::BenchmarkHelper::license(&f);
			f
		})
		.collect();
	BoundedVec::truncate_from(v)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A set of `n` replacing a full set of others, each with a deviation log to delete.
	#[benchmark]
	fn set_feeders(n: Linear<1, { T::MaxFeeders::get() }>) {
		let max = T::MaxFeeders::get();
		let old = feeders::<T>(1_000, max);
		for f in old.iter() {
			Deviations::<T>::mutate(VEHICLES, f, |l| l.push(0, OracleKey::Collateral(0), 1));
		}
		Classes::<T>::insert(VEHICLES, ClassConfig { feeders: old, quorum: 1, max_age_days: 30 });
		let new = feeders::<T>(0, n);
		#[extrinsic_call]
		_(RawOrigin::Root, VEHICLES, new, 1, 30);
		assert_eq!(Classes::<T>::get(VEHICLES).map(|c| c.feeders.len() as u32), Some(n));
	}

	/// The last of a full set feeding a key that every other member fed (fresh: the
	/// dispersion check and both medians over all of them), its log full.
	#[benchmark]
	fn feed() {
		let max = T::MaxFeeders::get();
		let set = feeders::<T>(0, max);
		let key = OracleKey::Collateral(T::BenchmarkHelper::collateral_loan());
		let class = Oracle::<T>::class_of(&key).unwrap_or(VEHICLES);
		let last = set.last().cloned().unwrap_or_else(|| account("feeder", 0, 0));
		Classes::<T>::insert(
			class,
			ClassConfig { feeders: set.clone(), quorum: 1, max_age_days: 30 },
		);
		for f in set.iter().filter(|f| **f != last) {
			assert!(Oracle::<T>::feed(RawOrigin::Signed(f.clone()).into(), key, 1_000_000).is_ok());
		}
		for _ in 0..T::MaxDeviations::get() {
			Deviations::<T>::mutate(class, &last, |l| l.push(0, key, 1));
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(last.clone()), key, 1_010_000);
		assert_eq!(Feeds::<T>::get(key).len() as u32, max);
	}

	impl_benchmark_test_suite!(Oracle, crate::mock::new_test_ext(), crate::mock::Test);
}
