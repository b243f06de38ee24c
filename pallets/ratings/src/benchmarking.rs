//! Benchmarks of `pallet-ratings`, worst cases first.

use super::*;
use crate::Pallet as Ratings;
use abs_primitives::{Outlook, RatingGrade};
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
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

	impl_benchmark_test_suite!(Ratings, crate::mock::new_test_ext(), crate::mock::Test);
}
