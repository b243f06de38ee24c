//! Benchmarks (v2) of every call at its worst case — `propose` with a 480-period schedule to
//! validate, a named servicer and r records — and of the expiry hook's steps.

use super::*;
use crate::pallet::{Loans, NextLoanId, ProposalExpiries};
use abs_finance::{Amortization, CalendarDate, DayCount, LateFee};
use abs_primitives::{
	Collateral, CollateralKind, CreditAssessment, Hash, LoanStatus, Role, Subject, Underwriting,
};
use abs_traits::Today;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;

const PRINCIPAL: u128 = 1_000_000_000_000;
const COMMITMENT: Hash = Hash::repeat_byte(0xc0);

fn terms<T: Config>() -> LoanTerms {
	let due = CalendarDate::from_day_number(T::Today::today().saturating_add(40));
	LoanTerms {
		principal: PRINCIPAL,
		asset: T::StablecoinId::get(),
		annual_rate: 71_250_000_000_000_000,
		periods: 480,
		amortization: Amortization::LevelAnnuity,
		day_count: DayCount::Actual365,
		first_due: due,
		grace_days: 10,
		late_fee: LateFee::Percent(50_000_000_000_000_000),
		default_threshold_days: 90,
		servicing_fee_bps: 25,
	}
}

struct Parties<A> {
	bank: A,
	borrower: A,
	servicer: A,
}

fn parties<T: Config>() -> Parties<T::AccountId> {
	let bank: T::AccountId = account("bank", 0, 0);
	let borrower: T::AccountId = account("borrower", 0, 0);
	let servicer: T::AccountId = account("servicer", 0, 0);
	T::BenchmarkHelper::grant(&bank, Role::Originator);
	T::BenchmarkHelper::grant(&borrower, Role::Borrower);
	T::BenchmarkHelper::grant(&servicer, Role::Servicer);
	T::BenchmarkHelper::fund(&bank, PRINCIPAL.saturating_mul(10));
	Parties { bank, borrower, servicer }
}

fn proposal<T: Config>(
	p: &Parties<T::AccountId>,
	valid_days: u32,
) -> Result<abs_primitives::LoanId, BenchmarkError> {
	let id = NextLoanId::<T>::get();
	Pallet::<T>::propose(
		RawOrigin::Signed(p.bank.clone()).into(),
		p.borrower.clone(),
		COMMITMENT,
		terms::<T>(),
		collateral::<T>(),
		underwriting(),
		BoundedVec::default(),
		Some(p.servicer.clone()),
		valid_days,
	)?;
	Ok(id)
}

fn collateral<T: Config>() -> Collateral {
	Collateral {
		kind: CollateralKind::Vehicle,
		identifier_hash: Hash::zero(),
		appraised_value: PRINCIPAL,
		appraisal_day: T::Today::today(),
	}
}

fn underwriting() -> Underwriting {
	Underwriting {
		credit: CreditAssessment::Grade(4),
		dti: abs_primitives::DtiBand::From30To36,
		income_verified: true,
	}
}

fn active<T: Config>(p: &Parties<T::AccountId>) -> Result<abs_primitives::LoanId, BenchmarkError> {
	let id = proposal::<T>(p, 7)?;
	let hash = Loans::<T>::get(id).map(|l| l.terms_hash).ok_or(BenchmarkError::Weightless)?;
	Pallet::<T>::accept(RawOrigin::Signed(p.borrower.clone()).into(), id, hash)?;
	Ok(id)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn propose(r: Linear<0, { T::MaxRecords::get() }>) -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let records: alloc::vec::Vec<_> = (0..r)
			.map(|_| T::BenchmarkHelper::record(&p.bank, Subject::Commitment(COMMITMENT)))
			.collect();
		let records: BoundedVec<_, T::MaxRecords> =
			records.try_into().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(
			RawOrigin::Signed(p.bank.clone()),
			p.borrower.clone(),
			COMMITMENT,
			terms::<T>(),
			collateral::<T>(),
			underwriting(),
			records,
			Some(p.servicer.clone()),
			7,
		);
		assert_eq!(Loans::<T>::get(0).map(|l| l.status), Some(LoanStatus::Proposed));
		Ok(())
	}

	#[benchmark]
	fn accept() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let id = proposal::<T>(&p, 7)?;
		let hash = Loans::<T>::get(id).map(|l| l.terms_hash).ok_or(BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(p.borrower.clone()), id, hash);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let id = proposal::<T>(&p, 7)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(p.bank.clone()), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Withdrawn));
		Ok(())
	}

	#[benchmark]
	fn transfer_ownership() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let id = active::<T>(&p)?;
		let to: T::AccountId = account("pool", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.bank.clone()), id, to.clone());
		assert_eq!(Loans::<T>::get(id).map(|l| l.owner), Some(to));
		Ok(())
	}

	#[benchmark]
	fn appoint_servicer() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let id = active::<T>(&p)?;
		let to: T::AccountId = account("servicer", 1, 0);
		T::BenchmarkHelper::grant(&to, Role::Servicer);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.bank.clone()), id, to.clone());
		assert_eq!(Loans::<T>::get(id).map(|l| l.servicer), Some(to));
		Ok(())
	}

	#[benchmark]
	fn expire_step() {
		let day = T::Today::today().saturating_add(1);
		crate::pallet::ExpiryCursor::<T>::put(day);
		#[block]
		{
			Pallet::<T>::process_expiries(day);
		}
		assert_eq!(crate::pallet::ExpiryCursor::<T>::get(), Some(day.saturating_add(1)));
	}

	#[benchmark]
	fn expire_proposal() -> Result<(), BenchmarkError> {
		let p = parties::<T>();
		let id = proposal::<T>(&p, 1)?;
		let day = T::Today::today().saturating_add(1);
		crate::pallet::ExpiryCursor::<T>::put(day);
		#[block]
		{
			Pallet::<T>::process_expiries(day);
		}
		assert!(!ProposalExpiries::<T>::contains_key(day, id));
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Expired));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
