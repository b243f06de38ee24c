//! Settlement: the proceeds waterfall with numbers worked out here, relisting, write-off,
//! cancellation on payoff, the hook's bound.

use super::*;

fn claim(who: u64, amount: u128) -> frame_support::dispatch::DispatchResult {
	Recovery::claim_cost(RuntimeOrigin::signed(who), 0, amount, H256::repeat_byte(1))
}

#[test]
fn a_sale_above_the_debt_pays_costs_fees_owner_and_the_borrower_the_surplus() {
	build_and_execute(|| {
		open();
		assert_ok!(claim(AGENT, 30 * USDA));
		assert_ok!(claim(SERVICER, 90 * USDA));
		assert_ok!(bid(INV1, 1_200 * USDA));
		let borrower0 = usd(BORROWER);
		run_to_block(12);
		// Price 1,200: costs capped at 10 % = 120 (30 + 90, both in full); the servicer's fees
		// 20; the owner the rest of the debt, 900 − 20 = 880; the borrower the surplus
		// 1,200 − 120 − 20 − 880 = 180; nothing lost.
		System::assert_has_event(
			Event::AuctionSettled {
				loan_id: 0,
				winner: INV1,
				price: 1_200 * USDA,
				costs_paid: 120 * USDA,
				servicer_paid: 20 * USDA,
				owner_paid: 880 * USDA,
				borrower_paid: 180 * USDA,
				loss: 0,
			}
			.into(),
		);
		assert_eq!(usd(AGENT), 30 * USDA);
		assert_eq!(usd(SERVICER), 90 * USDA + 20 * USDA);
		assert_eq!(usd(OWNER), 880 * USDA);
		assert_eq!(usd(BORROWER) - borrower0, 180 * USDA);
		assert_eq!(usd(Recovery::escrow_account()), 0);
		let r = recovery(0);
		assert_eq!((r.stage, r.outcome.clone().unwrap().title_to), (Stage::Sold, INV1));
		assert_eq!(status(0), LoanStatus::Recovered);
		assert_eq!(WORLD.with(|w| w.borrow().closed.clone()), vec![0]);
		assert_eq!(
			notices().last(),
			Some(&(0, RecoveryNotice::AuctionSettled { price: 1_200 * USDA, loss: 0 }))
		);
		assert_noop!(claim(AGENT, 1), Error::<Test>::WrongStage);
	});
}

#[test]
fn a_sale_below_the_debt_caps_the_costs_and_records_the_loss() {
	build_and_execute(|| {
		open();
		assert_ok!(claim(AGENT, 30 * USDA));
		assert_ok!(claim(SERVICER, 90 * USDA));
		assert_ok!(bid(INV1, 700 * USDA));
		assert_ok!(bid(INV2, 707 * USDA));
		run_to_block(12);
		// Price 707: cap 70.7 → the agent 30, the servicer's claim 40.7 of 90; left 636.3;
		// the servicer's fees 20; the owner 616.3 (of its 880); loss 900 − 20 − 616.3 = 263.7;
		// nothing left for the borrower.
		let o = recovery(0).outcome.unwrap();
		assert_eq!(
			(o.price, o.costs_paid, o.servicer_paid, o.owner_paid, o.borrower_paid, o.loss),
			(707_000_000, 70_700_000, 20_000_000, 616_300_000, 0, 263_700_000)
		);
		assert_eq!(o.title_to, INV2);
		assert_eq!(usd(AGENT), 30_000_000);
		assert_eq!(usd(SERVICER), 40_700_000 + 20_000_000);
		assert_eq!(usd(OWNER), 616_300_000);
		assert_eq!(usd(INV1), FUNDS);
		assert_eq!(usd(INV2), FUNDS - 707_000_000);
	});
}

#[test]
fn no_bid_relists_at_80_percent_then_writes_off() {
	build_and_execute(|| {
		open();
		run_to_block(12);
		// Relisted: ⌈80 % of 700⌉ = 560 USDA, blocks 12..=22.
		System::assert_has_event(
			Event::Relisted { loan_id: 0, reserve: 560 * USDA, end: 22 }.into(),
		);
		assert_eq!((auction(0).round, auction(0).reserve), (2, 560 * USDA));
		assert_noop!(bid(INV1, 560 * USDA - 1), Error::<Test>::BidTooLow);
		run_to_block(23);
		System::assert_has_event(Event::WrittenOff { loan_id: 0, owner: OWNER, loss: DEBT }.into());
		let r = recovery(0);
		assert_eq!(r.stage, Stage::WrittenOff);
		assert_eq!((r.outcome.clone().unwrap().loss, r.outcome.unwrap().title_to), (DEBT, OWNER));
		assert_eq!(status(0), LoanStatus::WrittenOff);
		assert!(Auctions::<Test>::get(0).is_none());
		assert_eq!(
			notices().into_iter().map(|(_, n)| n).collect::<Vec<_>>(),
			vec![
				RecoveryNotice::EnforcementOrdered,
				RecoveryNotice::OrderAcknowledged,
				RecoveryNotice::AuctionOpened { round: 1, reserve: 700 * USDA, ends_at: 11 },
				RecoveryNotice::AuctionOpened { round: 2, reserve: 560 * USDA, ends_at: 22 },
				RecoveryNotice::WrittenOff { loss: DEBT },
			]
		);
	});
}

#[test]
fn a_payoff_before_settlement_cancels_and_refunds() {
	build_and_execute(|| {
		open();
		assert_ok!(bid(INV1, 750 * USDA));
		assert_ok!(<Recovery as abs_traits::OnDefaultCured>::on_paid_off(0));
		System::assert_last_event(
			Event::RecoveryCancelled { loan_id: 0, refunded: Some((INV1, 750 * USDA)) }.into(),
		);
		assert_eq!(usd(INV1), FUNDS);
		assert_eq!(EscrowTotal::<Test>::get(), 0);
		assert_eq!(recovery(0).stage, Stage::Cancelled);
		assert!(AuctionEnds::<Test>::iter().next().is_none());
		// Nothing to settle later; a loan without recovery is a no-op.
		run_to_block(12);
		assert_eq!(recovery(0).stage, Stage::Cancelled);
		assert_ok!(<Recovery as abs_traits::OnDefaultCured>::on_paid_off(4));
	});
}

#[test]
fn claim_refusals() {
	build_and_execute(|| {
		assert_ok!(order(0));
		assert_noop!(claim(INV1, 1), Error::<Test>::NotClaimant);
		assert_noop!(claim(AGENT, 0), Error::<Test>::ZeroAmount);
		for _ in 0..3 {
			assert_ok!(claim(AGENT, 1));
		}
		assert_noop!(claim(AGENT, 1), Error::<Test>::TooManyClaims);
		assert_noop!(
			Recovery::claim_cost(RuntimeOrigin::signed(AGENT), 9, 1, H256::zero()),
			Error::<Test>::NoRecovery
		);
	});
}

#[test]
fn the_hook_settles_at_most_two_auctions_per_block() {
	build_and_execute(|| {
		for id in 0..3 {
			defaulted(id, APPRAISED, TODAY - 10);
			assert_ok!(order(id));
			assert_ok!(ack(id));
			assert_ok!(Recovery::bid(RuntimeOrigin::signed(INV1), id, 700 * USDA));
		}
		run_to_block(12);
		let settled =
			|n: usize| (0..3).filter(|id| recovery(*id).stage == Stage::Sold).count() == n;
		assert!(settled(2), "MaxSettlementsPerBlock = 2");
		assert_eq!(SettlementCursor::<Test>::get(), Some(11));
		run_to_block(13);
		assert!(settled(3));
		assert_eq!(SettlementCursor::<Test>::get(), Some(13));
		assert_eq!(usd(OWNER), 3 * (700 * USDA - 20 * USDA));
	});
}

#[test]
fn a_refused_refund_is_held_for_the_bidder() {
	build_and_execute(|| {
		open();
		assert_ok!(bid(INV1, 700 * USDA));
		// The stablecoin's admin blocks INV1's account: the refund cannot reach it.
		assert_ok!(Assets::block(RuntimeOrigin::signed(OWNER), USD, INV1));
		assert_ok!(bid(INV2, 707 * USDA));
		System::assert_has_event(Event::Credited { who: INV1, amount: 700 * USDA }.into());
		assert_eq!(Credits::<Test>::get(INV1), 700 * USDA);
		assert_eq!(usd(Recovery::escrow_account()), 1_407 * USDA);
		assert_ok!(Assets::thaw(RuntimeOrigin::signed(OWNER), USD, INV1));
		assert_ok!(Recovery::withdraw_credit(RuntimeOrigin::signed(INV1)));
		System::assert_last_event(Event::CreditWithdrawn { who: INV1, amount: 700 * USDA }.into());
		assert_eq!(usd(INV1), FUNDS);
		assert_noop!(
			Recovery::withdraw_credit(RuntimeOrigin::signed(INV1)),
			Error::<Test>::NoCredit
		);
	});
}

#[test]
fn a_settlement_another_pallet_refuses_is_retried() {
	build_and_execute(|| {
		open();
		assert_ok!(bid(INV1, 800 * USDA));
		// The loan vanishes from the loans pallet's view (an invariant of another pallet
		// broke): settlement fails, is rolled back and retried 10 blocks later.
		let l = abs_test_utils::with(|w| w.loans.remove(&0).unwrap());
		run_to_block(12);
		System::assert_has_event(
			Event::SettlementDeferred {
				loan_id: 0,
				retry_at: 22,
				error: Error::<Test>::UnknownLoan.into(),
			}
			.into(),
		);
		assert_eq!(recovery(0).stage, Stage::Auction);
		assert_noop!(bid(INV2, 900 * USDA), Error::<Test>::AuctionEnded);
		abs_test_utils::add_loan(0, l);
		run_to_block(23);
		assert_eq!(recovery(0).stage, Stage::Sold);
		assert_eq!(usd(OWNER), 780 * USDA);
	});
}
