//! Benchmarks (v2), worst case first: bids that refund and extend, settlements paying every
//! claim and every party.
// `#[benchmarks]` expands to code with floating-point statistics.
#![allow(clippy::float_arithmetic)]

use super::*;
use crate::Pallet as Recovery;
use abs_primitives::Role;
use abs_traits::LoanInspect;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use sp_runtime::traits::UniqueSaturatedInto;

fn agent<T: Config>() -> T::AccountId {
	let a: T::AccountId = account("agent", 0, 0);
	T::BenchmarkHelper::grant(&a, Role::CollateralAgent);
	a
}

fn investor<T: Config>(i: u32) -> T::AccountId {
	let a: T::AccountId = account("investor", i, 0);
	T::BenchmarkHelper::grant(&a, Role::Investor);
	T::BenchmarkHelper::fund(&a, 10u128.pow(15));
	a
}

/// A defaulted loan with its order acknowledged and the auction open; returns (loan,
/// servicer, agent).
fn open_auction<T: Config>() -> (abs_primitives::LoanId, T::AccountId, T::AccountId) {
	let (loan_id, servicer) = T::BenchmarkHelper::defaulted_loan();
	let agent = agent::<T>();
	Recovery::<T>::order_enforcement(
		RawOrigin::Signed(servicer.clone()).into(),
		loan_id,
		agent.clone(),
		EnforcementAction::Immobilize,
	)
	.unwrap();
	Recovery::<T>::acknowledge(RawOrigin::Signed(agent.clone()).into(), loan_id).unwrap();
	(loan_id, servicer, agent)
}

/// An ordered recovery waiting for an appraisal, its stored one stale and worth `stored`;
/// returns (loan, agent, an appraisal record of the loan).
fn awaiting_appraisal<T: Config>(
	stored: abs_primitives::Balance,
) -> (abs_primitives::LoanId, T::AccountId, abs_primitives::RecordId) {
	let (loan_id, servicer) = T::BenchmarkHelper::defaulted_loan();
	let agent = agent::<T>();
	Recovery::<T>::order_enforcement(
		RawOrigin::Signed(servicer).into(),
		loan_id,
		agent.clone(),
		EnforcementAction::Immobilize,
	)
	.unwrap();
	Recoveries::<T>::mutate(loan_id, |r| {
		if let Some(r) = r {
			r.stage = Stage::AwaitingAppraisal;
			r.appraisal.day = 0;
			r.appraisal.value = stored;
		}
	});
	let record = T::BenchmarkHelper::appraisal_record(&agent, loan_id);
	(loan_id, agent, record)
}

/// A recovery waiting for an appraisal, with a lower one pending the owner's approval;
/// returns (loan, owner).
fn pending_appraisal<T: Config>() -> (abs_primitives::LoanId, T::AccountId) {
	let (loan_id, agent, record) = awaiting_appraisal::<T>(u128::MAX);
	let today = <T::Today as abs_traits::Today>::today();
	Recovery::<T>::refresh_appraisal(
		RawOrigin::Signed(agent).into(),
		loan_id,
		1_000_000_000,
		today,
		record,
	)
	.unwrap();
	let owner = T::Loans::loan(loan_id).unwrap().owner;
	(loan_id, owner)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn approve_appraisal() {
		let (loan_id, owner) = pending_appraisal::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), loan_id);

		assert!(Auctions::<T>::contains_key(loan_id));
	}

	#[benchmark]
	fn reject_appraisal() {
		let (loan_id, owner) = pending_appraisal::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), loan_id);

		assert!(Recoveries::<T>::get(loan_id).unwrap().pending_appraisal.is_none());
	}

	#[benchmark]
	fn order_enforcement() {
		let (loan_id, servicer) = T::BenchmarkHelper::defaulted_loan();
		let agent = agent::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(servicer), loan_id, agent, EnforcementAction::Immobilize);

		assert_eq!(Recoveries::<T>::get(loan_id).unwrap().stage, Stage::Ordered);
	}

	#[benchmark]
	fn acknowledge() {
		let (loan_id, servicer) = T::BenchmarkHelper::defaulted_loan();
		let agent = agent::<T>();
		Recovery::<T>::order_enforcement(
			RawOrigin::Signed(servicer).into(),
			loan_id,
			agent.clone(),
			EnforcementAction::Immobilize,
		)
		.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(agent), loan_id);

		assert!(Auctions::<T>::contains_key(loan_id));
	}

	#[benchmark]
	fn refresh_appraisal() {
		// Waiting for an appraisal (the stored one is stale and lower): the refresh opens the
		// auction.
		let (loan_id, agent, record) = awaiting_appraisal::<T>(1);
		let today = <T::Today as abs_traits::Today>::today();

		#[extrinsic_call]
		_(RawOrigin::Signed(agent), loan_id, 1_000_000_000u128, today, record);

		assert!(Auctions::<T>::contains_key(loan_id));
	}

	#[benchmark]
	fn bid() {
		let (loan_id, _, _) = open_auction::<T>();
		let first = investor::<T>(1);
		let a = Auctions::<T>::get(loan_id).unwrap();
		Recovery::<T>::bid(
			RawOrigin::Signed(first).into(),
			loan_id,
			a.reserve.max(T::MinBid::get()),
		)
		.unwrap();
		// In the last blocks: the bid refunds the first and extends the end.
		let a = Auctions::<T>::get(loan_id).unwrap();
		frame_system::Pallet::<T>::set_block_number(a.end.into());
		let second = investor::<T>(2);
		let amount = Recovery::<T>::min_next_bid(&a);

		#[extrinsic_call]
		_(RawOrigin::Signed(second.clone()), loan_id, amount);

		assert_eq!(Auctions::<T>::get(loan_id).unwrap().best, Some((second, amount)));
	}

	#[benchmark]
	fn claim_cost() {
		let (loan_id, servicer, _) = open_auction::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(servicer), loan_id, 1_000_000u128, Default::default());

		assert_eq!(Recoveries::<T>::get(loan_id).unwrap().claims.len(), 1);
	}

	#[benchmark]
	fn set_params() -> Result<(), BenchmarkError> {
		use frame_support::traits::EnsureOrigin;
		let origin =
			T::ParamsOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let p = AuctionParams::default();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, p);

		assert_eq!(Params::<T>::get(), p);
		Ok(())
	}

	#[benchmark]
	fn settle() {
		let (loan_id, servicer, agent) = open_auction::<T>();
		// Every claim slot used, alternating claimants.
		for i in 0..T::MaxClaims::get() {
			let who = if i % 2 == 0 { agent.clone() } else { servicer.clone() };
			Recovery::<T>::claim_cost(
				RawOrigin::Signed(who).into(),
				loan_id,
				1_000_000,
				Default::default(),
			)
			.unwrap();
		}
		let winner = investor::<T>(1);
		let a = Auctions::<T>::get(loan_id).unwrap();
		// Far above the debt: every party is paid.
		Recovery::<T>::bid(RawOrigin::Signed(winner).into(), loan_id, a.reserve.saturating_mul(10))
			.unwrap();

		#[block]
		{
			Recovery::<T>::settle(loan_id).unwrap();
		}

		assert_eq!(Recoveries::<T>::get(loan_id).unwrap().stage, Stage::Sold);
	}

	#[benchmark]
	fn settle_step() {
		let block: u32 = frame_system::Pallet::<T>::block_number().unique_saturated_into();

		#[block]
		{
			let _ = AuctionEnds::<T>::iter_key_prefix(block).take(1).count();
			let _ = AuctionEnds::<T>::iter_key_prefix(block).next();
		}
	}

	#[benchmark]
	fn cancel() {
		let (loan_id, _, _) = open_auction::<T>();
		let bidder = investor::<T>(1);
		let a = Auctions::<T>::get(loan_id).unwrap();
		Recovery::<T>::bid(
			RawOrigin::Signed(bidder).into(),
			loan_id,
			a.reserve.max(T::MinBid::get()),
		)
		.unwrap();

		#[block]
		{
			Recovery::<T>::do_cancel(loan_id).unwrap();
		}

		assert_eq!(Recoveries::<T>::get(loan_id).unwrap().stage, Stage::Cancelled);
	}

	impl_benchmark_test_suite!(Recovery, crate::mock::new_test_ext(), crate::mock::Test);
}
