//! Benchmarks (v2) of every call at its worst case: `create_record` with n envelopes (owner,
//! every regulator allowed by `MaxRegulators`, other readers), grants and revocations on a
//! record with regulators to check.

use super::*;
use crate::pallet::{Envelopes, NextRecordId, Records};
use abs_primitives::Hash;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;

fn reader<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	let k = [u8::try_from(i % 251).unwrap_or(0).saturating_add(1); 32];
	T::BenchmarkHelper::participant_with_key(&who, k);
	who
}

fn sealed<T: Config>() -> SealedOf<T> {
	BoundedVec::try_from(alloc::vec![7u8; T::MaxEnvelopeLen::get() as usize]).unwrap_or_default()
}

/// An owner, `r` regulators and a record with their envelopes.
fn record<T: Config>(r: u32) -> (T::AccountId, Vec<T::AccountId>, abs_primitives::RecordId) {
	let owner = reader::<T>("owner", 0);
	let regulators: Vec<_> = (0..r)
		.map(|i| {
			let who = reader::<T>("regulator", i);
			T::BenchmarkHelper::make_regulator(&who);
			who
		})
		.collect();
	let mut env: Vec<_> = alloc::vec![(owner.clone(), sealed::<T>())];
	env.extend(regulators.iter().map(|g| (g.clone(), sealed::<T>())));
	let id = NextRecordId::<T>::get();
	Pallet::<T>::create_record(
		RawOrigin::Signed(owner.clone()).into(),
		Subject::Loan(1),
		RecordKind::Identity,
		Hash::zero(),
		Hash::zero(),
		BoundedVec::default(),
		env.try_into().unwrap_or_default(),
	)
	.ok();
	(owner, regulators, id)
}

use alloc::vec::Vec;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_record(n: Linear<2, { T::MaxReaders::get() }>) -> Result<(), BenchmarkError> {
		let owner = reader::<T>("owner", 0);
		let r = T::MaxRegulators::get().min(n - 1);
		let mut env = alloc::vec![(owner.clone(), sealed::<T>())];
		for i in 0..r {
			let g = reader::<T>("regulator", i);
			T::BenchmarkHelper::make_regulator(&g);
			env.push((g, sealed::<T>()));
		}
		for i in 0..(n - 1 - r) {
			env.push((reader::<T>("reader", i), sealed::<T>()));
		}
		let env: EnvelopesOf<T> = env.try_into().map_err(|_| BenchmarkError::Weightless)?;
		let uri: BoundedVec<u8, T::MaxUriLen> =
			alloc::vec![b'u'; T::MaxUriLen::get() as usize].try_into().unwrap_or_default();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			Subject::Loan(1),
			RecordKind::Identity,
			Hash::zero(),
			Hash::zero(),
			uri,
			env,
		);
		assert_eq!(Records::<T>::get(0).map(|r| r.readers), Some(n));
		Ok(())
	}

	#[benchmark]
	fn grant_reader() {
		let (owner, _, id) = record::<T>(T::MaxRegulators::get().min(T::MaxReaders::get() - 2));
		let new = reader::<T>("new", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, new.clone(), sealed::<T>());
		assert!(Envelopes::<T>::contains_key(id, &new));
	}

	#[benchmark]
	fn revoke_reader() {
		let (owner, _, id) = record::<T>(T::MaxRegulators::get().min(T::MaxReaders::get() - 2));
		let new = reader::<T>("new", 0);
		Pallet::<T>::grant_reader(
			RawOrigin::Signed(owner.clone()).into(),
			id,
			new.clone(),
			sealed::<T>(),
		)
		.ok();
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, new.clone());
		assert!(!Envelopes::<T>::contains_key(id, &new));
	}

	/// `n` records each given to a new reader by their owner in one batch (a grant passed
	/// on down a pool's tiers also reads the signer's envelope and key, and the runtime's
	/// delegation, which the call's weight adds).
	#[benchmark]
	fn grant_readers_batch(n: Linear<1, MAX_BATCH_GRANTS>) {
		let regs = T::MaxRegulators::get().min(T::MaxReaders::get().saturating_sub(2));
		let (owner, _, first) = record::<T>(regs);
		for _ in 1..n {
			let id = NextRecordId::<T>::get();
			let env: Vec<_> =
				Envelopes::<T>::iter_prefix(first).map(|(who, _)| (who, sealed::<T>())).collect();
			Pallet::<T>::create_record(
				RawOrigin::Signed(owner.clone()).into(),
				Subject::Loan(1),
				RecordKind::Identity,
				Hash::zero(),
				Hash::zero(),
				BoundedVec::default(),
				env.try_into().unwrap_or_default(),
			)
			.ok();
			assert!(Records::<T>::contains_key(id));
		}
		let new = reader::<T>("new", 0);
		let grants: Vec<ReaderGrantOf<T>> = (0..u64::from(n))
			.map(|i| ReaderGrant {
				record: first.saturating_add(i),
				reader: new.clone(),
				sealed: sealed::<T>(),
				loan: None,
			})
			.collect();
		let grants: BoundedVec<_, _> = grants.try_into().unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), grants);
		assert!(Envelopes::<T>::contains_key(first.saturating_add(u64::from(n) - 1), &new));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
