//! Benchmarks (v2) of every call and of the expiry hook's two steps, each at its worst case:
//! the KYC-provider path for calls governance could also make (it reads the provider's
//! participant record and licence on top), expiring grants for grants and revocations.

use super::*;
use crate::pallet::{ExpiryCursor, Grants, Participants};
use abs_primitives::{Hash, Role, Scope};
use abs_traits::Today;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_system::RawOrigin;

fn governance<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

fn participant<T: Config>(name: &'static str, i: u32) -> Result<T::AccountId, BenchmarkError> {
	let who: T::AccountId = account(name, i, 0);
	Pallet::<T>::register_participant(governance::<T>()?, who.clone(), Hash::repeat_byte(1))?;
	Ok(who)
}

fn with_role<T: Config>(name: &'static str, role: Role) -> Result<T::AccountId, BenchmarkError> {
	let who = participant::<T>(name, 0)?;
	Pallet::<T>::grant_role(
		governance::<T>()?,
		who.clone(),
		role,
		Scope::Global,
		None,
		Hash::zero(),
	)?;
	Ok(who)
}

fn later<T: Config>(days: u32) -> abs_primitives::DayNumber {
	T::Today::today().saturating_add(days)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_participant() -> Result<(), BenchmarkError> {
		let kyc = with_role::<T>("kyc", Role::KycProvider)?;
		let who: T::AccountId = account("who", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(kyc), who.clone(), Hash::repeat_byte(2));
		assert!(Participants::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn grant_role() -> Result<(), BenchmarkError> {
		let kyc = with_role::<T>("kyc", Role::KycProvider)?;
		let who = participant::<T>("who", 0)?;
		let expiry = Some(later::<T>(30));
		#[extrinsic_call]
		_(RawOrigin::Signed(kyc), who.clone(), Role::Investor, Scope::Global, expiry, Hash::zero());
		assert!(Grants::<T>::contains_key(&who, (Role::Investor, Scope::Global)));
		Ok(())
	}

	#[benchmark]
	fn revoke_role() -> Result<(), BenchmarkError> {
		let kyc = with_role::<T>("kyc", Role::KycProvider)?;
		let who = participant::<T>("who", 0)?;
		let expiry = Some(later::<T>(30));
		Pallet::<T>::grant_role(
			governance::<T>()?,
			who.clone(),
			Role::Investor,
			Scope::Global,
			expiry,
			Hash::zero(),
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(kyc), who.clone(), Role::Investor, Scope::Global);
		assert!(!Grants::<T>::contains_key(&who, (Role::Investor, Scope::Global)));
		Ok(())
	}

	#[benchmark]
	fn set_encryption_key() -> Result<(), BenchmarkError> {
		let who = participant::<T>("who", 0)?;
		Pallet::<T>::set_encryption_key(RawOrigin::Signed(who.clone()).into(), [1; 32])?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), [2; 32]);
		assert_eq!(Participants::<T>::get(&who).and_then(|p| p.encryption_key), Some([2; 32]));
		Ok(())
	}

	#[benchmark]
	fn freeze() -> Result<(), BenchmarkError> {
		let regulator = with_role::<T>("regulator", Role::Regulator)?;
		let who = participant::<T>("who", 0)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), who.clone(), Hash::repeat_byte(3));
		assert!(Pallet::<T>::frozen(&who));
		Ok(())
	}

	#[benchmark]
	fn unfreeze() -> Result<(), BenchmarkError> {
		let regulator = with_role::<T>("regulator", Role::Regulator)?;
		let who = participant::<T>("who", 0)?;
		Pallet::<T>::freeze(
			RawOrigin::Signed(regulator.clone()).into(),
			who.clone(),
			Hash::zero(),
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), who.clone(), Hash::repeat_byte(3));
		assert!(!Pallet::<T>::frozen(&who));
		Ok(())
	}

	/// A regulator's halt of every call of a pallet.
	#[benchmark]
	fn halt() -> Result<(), BenchmarkError> {
		let regulator = with_role::<T>("regulator", Role::Regulator)?;
		let pallet: CallName = <T::Pauser as abs_traits::CallPauser>::benchmark_pallet()
			.to_vec()
			.try_into()
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), Hash::repeat_byte(4), pallet, None);
		Ok(())
	}

	/// Governance's resume of every call of a pallet.
	#[benchmark]
	fn resume() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let pallet: CallName = <T::Pauser as abs_traits::CallPauser>::benchmark_pallet()
			.to_vec()
			.try_into()
			.map_err(|_| BenchmarkError::Weightless)?;
		<T::Pauser as abs_traits::CallPauser>::pause(&pallet, None)
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Hash::repeat_byte(5), pallet, None);
		Ok(())
	}

	/// One day of the hook with nothing to expire.
	#[benchmark]
	fn expire_step() {
		let day = later::<T>(1);
		ExpiryCursor::<T>::put(day);
		#[block]
		{
			Pallet::<T>::process_expiries(day);
		}
		assert_eq!(ExpiryCursor::<T>::get(), Some(day.saturating_add(1)));
	}

	/// One expired grant removed (with its day's step).
	#[benchmark]
	fn expire_grant() -> Result<(), BenchmarkError> {
		let who = participant::<T>("who", 0)?;
		let day = later::<T>(1);
		Pallet::<T>::grant_role(
			governance::<T>()?,
			who.clone(),
			Role::Auditor,
			Scope::Global,
			Some(day),
			Hash::zero(),
		)?;
		ExpiryCursor::<T>::put(day);
		#[block]
		{
			Pallet::<T>::process_expiries(day);
		}
		assert!(!Grants::<T>::contains_key(&who, (Role::Auditor, Scope::Global)));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
