mod auction;
mod enforcement;
mod settlement;

use crate::{mock::*, *};
use abs_primitives::{LoanStatus, RecoveryNotice, Role};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;

fn order(id: u64) -> frame_support::dispatch::DispatchResult {
	Recovery::order_enforcement(
		RuntimeOrigin::signed(SERVICER),
		id,
		AGENT,
		EnforcementAction::Immobilize,
	)
}

fn ack(id: u64) -> frame_support::dispatch::DispatchResult {
	Recovery::acknowledge(RuntimeOrigin::signed(AGENT), id)
}

fn bid(who: u64, amount: u128) -> frame_support::dispatch::DispatchResult {
	Recovery::bid(RuntimeOrigin::signed(who), 0, amount)
}

fn auction(id: u64) -> Auction<u64> {
	Auctions::<Test>::get(id).unwrap()
}

fn recovery(id: u64) -> RecoveryCase<u64, frame_support::traits::ConstU32<3>> {
	Recoveries::<Test>::get(id).unwrap()
}

/// Order and acknowledge loan 0 at block 1: the auction runs blocks 1..=11 (cap 17) with a
/// reserve of 700 USDA (70 % of 1,000).
fn open() {
	assert_ok!(order(0));
	assert_ok!(ack(0));
}

const USDA: u128 = 1_000_000;
mod review;
