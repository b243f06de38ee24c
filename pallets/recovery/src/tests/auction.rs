//! Bids: reserve, minimum increment, escrow, refunds, extension with a cap, who may bid.

use super::*;

#[test]
fn bids_are_escrowed_and_an_outbid_bid_is_refunded_at_once() {
	build_and_execute(|| {
		open();
		assert_noop!(bid(INV1, 700 * USDA - 1), Error::<Test>::BidTooLow);
		assert_ok!(bid(INV1, 700 * USDA));
		assert_eq!(usd(INV1), FUNDS - 700 * USDA);
		assert_eq!(usd(Recovery::escrow_account()), 700 * USDA);
		// Next minimum: 700 + ⌈1 % of 700⌉ = 707.
		assert_eq!(Recovery::min_next_bid(&auction(0)), 707 * USDA);
		assert_noop!(bid(INV2, 707 * USDA - 1), Error::<Test>::BidTooLow);
		assert_ok!(bid(INV2, 707 * USDA));
		System::assert_has_event(
			Event::BidRefunded { loan_id: 0, bidder: INV1, amount: 700 * USDA }.into(),
		);
		assert_eq!(usd(INV1), FUNDS, "refunded in the same extrinsic");
		assert_eq!(usd(Recovery::escrow_account()), 707 * USDA);
		// Raising one's own bid (the minimum is 707 + ⌈1 % of 707⌉ = 714.07) escrows the difference.
		assert_ok!(bid(INV2, 715 * USDA));
		System::assert_last_event(
			Event::BidPlaced { loan_id: 0, bidder: INV2, amount: 715 * USDA, escrowed: 8 * USDA }
				.into(),
		);
		assert_eq!(usd(INV2), FUNDS - 715 * USDA);
		assert_eq!(EscrowTotal::<Test>::get(), 715 * USDA);
		assert_eq!(auction(0).bids, 3);
	});
}

#[test]
fn who_may_bid() {
	build_and_execute(|| {
		open();
		assert_noop!(bid(BORROWER, 700 * USDA), Error::<Test>::BorrowerMayNotBid);
		assert_noop!(bid(NOBODY, 700 * USDA), Error::<Test>::NotInvestor);
		freeze(INV1);
		assert_noop!(bid(INV1, 700 * USDA), Error::<Test>::ParticipantFrozen);
		grant(NOBODY, Role::Investor);
		assert_noop!(bid(NOBODY, 700 * USDA), Error::<Test>::InsufficientBalance);
		assert_noop!(
			Recovery::bid(RuntimeOrigin::signed(INV2), 3, 700 * USDA),
			Error::<Test>::NoAuction
		);
	});
}

#[test]
fn a_late_bid_extends_the_end_up_to_the_cap() {
	build_and_execute(|| {
		open();
		// Ends at 11 (extension 3, cap 17). A bid at block 8 is not in the last 3 blocks.
		run_to_block(8);
		assert_ok!(bid(INV1, 700 * USDA));
		assert_eq!(auction(0).end, 11);
		// At block 9 it is: the end moves to 9 + 3 = 12.
		run_to_block(9);
		assert_ok!(bid(INV2, 707 * USDA));
		System::assert_last_event(Event::AuctionExtended { loan_id: 0, end: 12 }.into());
		assert!(
			AuctionEnds::<Test>::contains_key(12, 0) && !AuctionEnds::<Test>::contains_key(11, 0)
		);
		run_to_block(12);
		assert_ok!(bid(INV1, 715 * USDA));
		assert_eq!(auction(0).end, 15);
		run_to_block(15);
		assert_ok!(bid(INV2, 723 * USDA));
		// 15 + 3 = 18 is past the cap: 17.
		assert_eq!(auction(0).end, 17);
		run_to_block(17);
		assert_ok!(bid(INV1, 731 * USDA));
		assert_eq!(auction(0).end, 17);
		// Settled in block 18's hook; a bid there is too late.
		run_to_block(18);
		assert_noop!(bid(INV2, 800 * USDA), Error::<Test>::NoAuction);
		assert_eq!(recovery(0).outcome.unwrap().price, 731 * USDA);
	});
}

#[test]
fn a_bid_after_the_end_is_refused() {
	build_and_execute(|| {
		open();
		// Block 12 without running its hook: the auction has ended but is not settled yet.
		System::set_block_number(12);
		assert_noop!(bid(INV1, 700 * USDA), Error::<Test>::AuctionEnded);
	});
}
