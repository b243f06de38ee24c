//! Benchmarks (v2) of `pallet-stablecoin`, worst case: a participant's existing account.

use super::*;
use abs_primitives::Hash;
use abs_traits::StablecoinAccounts;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungibles::{Inspect, Mutate},
	EnsureOrigin, Get,
};

/// A participant with a stablecoin account (the mock counts every non-escrow account as one).
fn holder<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("holder", 0, 0);
	let _ = T::Assets::mint_into(T::StablecoinId::get(), &who, 1_000_000);
	who
}

#[benchmarks]
mod benches {
	use super::*;

	#[benchmark]
	fn mint() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("holder", 1, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), 1_000, Hash::zero());
		assert!(T::Assets::balance(T::StablecoinId::get(), &who) > 0);
		Ok(())
	}

	#[benchmark]
	fn burn() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("holder", 1, 0);
		T::Assets::mint_into(T::StablecoinId::get(), &who, 10_000)?;
		AuthorisedIssuance::<T>::mutate(|i| *i = i.saturating_add(10_000));
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who, 1_000, Hash::zero());
		Ok(())
	}

	#[benchmark]
	fn freeze_account() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = holder::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), Hash::zero());
		assert_eq!(T::Accounts::is_frozen(&who), Some(true));
		Ok(())
	}

	#[benchmark]
	fn thaw_account() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = holder::<T>();
		T::Accounts::freeze(&who)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), Hash::zero());
		assert_eq!(T::Accounts::is_frozen(&who), Some(false));
		Ok(())
	}

	#[benchmark]
	fn set_fee_rate() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Some(2_000_000));
		assert_eq!(FeeRate::<T>::get(), Some(2_000_000));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
