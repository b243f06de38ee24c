//! Benchmarks (v2), worst case first: the longest books, prepayments that re-amortize the
//! whole tail, full follower sets, checkpoints that change the loan's status.
// `#[benchmarks]` expands to code with floating-point statistics.
#![allow(clippy::float_arithmetic)]

use super::*;
use crate::{features::work::Work, Pallet as Servicing};
use abs_primitives::{DayNumber, LoanId, Role};
use abs_traits::LoanInspect;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;

fn bureau<T: Config>(i: u32) -> T::AccountId {
	let b: T::AccountId = account("bureau", i, 0);
	T::BenchmarkHelper::grant(&b, Role::CreditBureau);
	b
}

/// Fill the followers of `loan_id` and of its originator up to one below the bound.
fn followers<T: Config>(loan_id: LoanId, full: bool) {
	let max = T::MaxBureaus::get();
	let n = if full { max } else { max.saturating_sub(1) };
	let originator = States::<T>::get(loan_id).map(|s| s.originator);
	for i in 0..n {
		let b = bureau::<T>(1_000 + i);
		let _ = Servicing::<T>::follow_loan(RawOrigin::Signed(b.clone()).into(), loan_id);
		if let Some(o) = originator.clone() {
			let _ = Servicing::<T>::follow_originator(RawOrigin::Signed(b).into(), o);
		}
	}
}

/// The first due day of `loan_id`, and an amount paying its first installment and half the
/// principal ahead of schedule (re-amortizing every later installment).
fn prepaying<T: Config>(loan_id: LoanId) -> (DayNumber, abs_primitives::Balance) {
	let book = Books::<T>::get(loan_id).expect("serviced").to_engine();
	let first = book.installments[0];
	(first.due, first.interest + first.principal + book.terms.principal / 2)
}

/// Loan `n` installments long, defaulted today, with its servicer's off-chain payoff of the
/// whole debt pending; returns (loan, owner).
fn pending_payoff<T: Config>(n: u32) -> (LoanId, T::AccountId) {
	let loan_id = T::BenchmarkHelper::active_loan(n);
	followers::<T>(loan_id, true);
	let loan = T::Loans::loan(loan_id).unwrap();
	let first_due = loan.terms.schedule.first_due.to_day_number().unwrap();
	let day = first_due + loan.terms.default_threshold_days;
	T::BenchmarkHelper::set_today(day);
	let debt = Servicing::<T>::payoff_on(loan_id, day).unwrap();
	Servicing::<T>::record_offchain_payment(
		RawOrigin::Signed(loan.servicer).into(),
		loan_id,
		debt,
		Default::default(),
	)
	.unwrap();
	assert!(PendingPayoffs::<T>::contains_key(loan_id));
	(loan_id, loan.owner)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn confirm_offchain_payoff(n: Linear<2, 480>) {
		let (loan_id, owner) = pending_payoff::<T>(n);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), loan_id);

		assert_eq!(States::<T>::get(loan_id).unwrap().phase, Phase::Closed);
	}

	#[benchmark]
	fn reject_offchain_payoff() {
		let (loan_id, owner) = pending_payoff::<T>(12);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), loan_id);

		assert!(!PendingPayoffs::<T>::contains_key(loan_id));
	}

	#[benchmark]
	fn pay(n: Linear<2, 480>) {
		let loan_id = T::BenchmarkHelper::active_loan(n);
		followers::<T>(loan_id, true);
		let (day, amount) = prepaying::<T>(loan_id);
		T::BenchmarkHelper::set_today(day);
		let payer: T::AccountId = whitelisted_caller();
		T::BenchmarkHelper::fund(&payer, amount * 2);

		#[extrinsic_call]
		_(RawOrigin::Signed(payer), loan_id, amount);

		assert_eq!(States::<T>::get(loan_id).unwrap().paid, amount);
	}

	#[benchmark]
	fn record_offchain_payment(n: Linear<2, 480>) {
		let loan_id = T::BenchmarkHelper::active_loan(n);
		followers::<T>(loan_id, true);
		let (day, amount) = prepaying::<T>(loan_id);
		T::BenchmarkHelper::set_today(day);
		let servicer = T::Loans::loan(loan_id).unwrap().servicer;

		#[extrinsic_call]
		_(RawOrigin::Signed(servicer), loan_id, amount, Default::default());

		assert_eq!(States::<T>::get(loan_id).unwrap().payments, 1);
	}

	#[benchmark]
	fn follow_loan() {
		let loan_id = T::BenchmarkHelper::active_loan(12);
		followers::<T>(loan_id, false);
		let b = bureau::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(b.clone()), loan_id);

		assert!(LoanBureaus::<T>::get(loan_id).contains(&b));
	}

	#[benchmark]
	fn unfollow_loan() {
		let loan_id = T::BenchmarkHelper::active_loan(12);
		followers::<T>(loan_id, true);
		let b = bureau::<T>(1_000 + T::MaxBureaus::get() - 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(b.clone()), loan_id);

		assert!(!LoanBureaus::<T>::get(loan_id).contains(&b));
	}

	#[benchmark]
	fn follow_originator() {
		let loan_id = T::BenchmarkHelper::active_loan(12);
		followers::<T>(loan_id, false);
		let originator = States::<T>::get(loan_id).unwrap().originator;
		let b = bureau::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(b.clone()), originator.clone());

		assert!(OriginatorBureaus::<T>::get(&originator).contains(&b));
	}

	#[benchmark]
	fn unfollow_originator() {
		let loan_id = T::BenchmarkHelper::active_loan(12);
		followers::<T>(loan_id, true);
		let originator = States::<T>::get(loan_id).unwrap().originator;
		let b = bureau::<T>(1_000 + T::MaxBureaus::get() - 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(b.clone()), originator.clone());

		assert!(!OriginatorBureaus::<T>::get(&originator).contains(&b));
	}

	#[benchmark]
	fn start(n: Linear<2, 480>) {
		let loan_id = T::BenchmarkHelper::active_loan(n);
		// Undo servicing's start to measure it again.
		let s = States::<T>::take(loan_id).unwrap();
		Books::<T>::remove(loan_id);
		if let Some(d) = s.next_checkpoint {
			Checkpoints::<T>::remove(d, loan_id);
		}

		#[block]
		{
			Servicing::<T>::do_start(loan_id).unwrap();
		}

		assert_eq!(Books::<T>::get(loan_id).unwrap().installments.len() as u32, n);
	}

	#[benchmark]
	fn checkpoint_day() {
		let day = 20_000;

		#[block]
		{
			let _ = Checkpoints::<T>::iter_key_prefix(day).take(1).count();
			let _ = Checkpoints::<T>::iter_key_prefix(day).next();
		}
	}

	#[benchmark]
	fn checkpoint(n: Linear<2, 480>) {
		let loan_id = T::BenchmarkHelper::active_loan(n);
		followers::<T>(loan_id, true);
		let day = States::<T>::get(loan_id).unwrap().next_checkpoint.unwrap();
		T::BenchmarkHelper::set_today(day);

		#[block]
		{
			Servicing::<T>::process_checkpoint(day, loan_id);
		}

		// The missed installment moved the loan to bucket 1 (a status change).
		assert_eq!(States::<T>::get(loan_id).unwrap().bucket, 1);
		let _ = Work::<T>::load(loan_id).unwrap();
	}

	#[benchmark]
	fn propose_restructuring(n: Linear<2, 480>) {
		let loan_id = T::BenchmarkHelper::active_loan(12);
		let servicer = T::Loans::loan(loan_id).unwrap().servicer;
		let today = States::<T>::get(loan_id).unwrap().next_checkpoint.unwrap();
		let terms = RestructureTerms {
			annual_rate: 50_000_000_000_000_000,
			periods: n,
			amortization: abs_finance::Amortization::LevelAnnuity,
			day_count: abs_finance::DayCount::Actual365,
			first_due: abs_finance::CalendarDate::from_day_number(today + 40),
		};

		#[extrinsic_call]
		_(RawOrigin::Signed(servicer), loan_id, terms);

		assert!(PendingRestructurings::<T>::contains_key(loan_id));
	}

	#[benchmark]
	fn approve_restructuring(n: Linear<2, 480>) {
		// The worst case: the second approval applies it, replacing a 480-installment book.
		let loan_id = T::BenchmarkHelper::active_loan(480);
		let loan = T::Loans::loan(loan_id).unwrap();
		let today = States::<T>::get(loan_id).unwrap().next_checkpoint.unwrap();
		let terms = RestructureTerms {
			annual_rate: 50_000_000_000_000_000,
			periods: n,
			amortization: abs_finance::Amortization::LevelAnnuity,
			day_count: abs_finance::DayCount::Actual365,
			first_due: abs_finance::CalendarDate::from_day_number(today + 40),
		};
		Servicing::<T>::propose_restructuring(
			RawOrigin::Signed(loan.servicer).into(),
			loan_id,
			terms,
		)
		.unwrap();
		Servicing::<T>::approve_restructuring(RawOrigin::Signed(loan.owner).into(), loan_id)
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(loan.borrower), loan_id);

		assert_eq!(States::<T>::get(loan_id).unwrap().version, 1);
	}

	impl_benchmark_test_suite!(Servicing, crate::mock::new_test_ext(), crate::mock::Test);
}
