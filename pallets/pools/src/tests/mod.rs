//! Unit tests of the pools pallet.

use crate::{
	mock::*, BySponsor, Error, Event, LoanPools, NextPoolId, PoolLoans, PoolSpec, PoolStatus,
	Subscribed, Subscriptions, MAX_BATCH,
};
use abs_primitives::{LoanId, PoolId, Role};
use frame_support::{assert_noop, assert_ok, BoundedVec};

mod cleanup;
mod closing;
mod contribution;
mod fixture_deals;
mod offering;
mod payments;
mod performance;
mod permissions;
mod projection;
mod scenarios;
mod structuring;

/// Create the [`spec`] pool (id 0 for the first) as the sponsor.
fn create() -> PoolId {
	let id = NextPoolId::<Test>::get();
	assert_ok!(Pools::create_pool(RuntimeOrigin::signed(SPONSOR), spec()));
	id
}

fn batch(ids: &[LoanId]) -> BoundedVec<LoanId, frame_support::traits::ConstU32<MAX_BATCH>> {
	BoundedVec::truncate_from(ids.to_vec())
}

fn contribute(
	who: u64,
	pool: PoolId,
	ids: &[LoanId],
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Pools::contribute(RuntimeOrigin::signed(who), pool, batch(ids))
}
