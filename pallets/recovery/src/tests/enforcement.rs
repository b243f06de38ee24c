//! Enforcement orders, acknowledgement (or its timeout), appraisals.

use super::*;

#[test]
fn the_servicer_orders_enforcement_and_the_loan_goes_in_recovery() {
	build_and_execute(|| {
		assert_ok!(Recovery::order_enforcement(
			RuntimeOrigin::signed(SERVICER),
			0,
			AGENT,
			EnforcementAction::ReturnTo { place_hash: H256::repeat_byte(3) }
		));
		System::assert_last_event(
			Event::EnforcementOrdered {
				loan_id: 0,
				agent: AGENT,
				action: EnforcementAction::ReturnTo { place_hash: H256::repeat_byte(3) },
				debt: DEBT,
				ack_deadline: TODAY + 5,
			}
			.into(),
		);
		assert_eq!(status(0), LoanStatus::InRecovery);
		let r = recovery(0);
		assert_eq!((r.stage, r.debt, r.servicer_fees), (Stage::Ordered, DEBT, SERVICER_FEES));
		assert_eq!((r.appraisal.value, r.appraisal.day), (APPRAISED, TODAY - 10));
		assert!(AckDeadlines::<Test>::contains_key(TODAY + 5, 0));
		assert_eq!(notices(), vec![(0, RecoveryNotice::EnforcementOrdered)]);
	});
}

#[test]
fn order_refusals() {
	build_and_execute(|| {
		let o = |who: u64, id: u64, agent: u64| {
			Recovery::order_enforcement(
				RuntimeOrigin::signed(who),
				id,
				agent,
				EnforcementAction::Immobilize,
			)
		};
		assert_noop!(o(SERVICER, 7, AGENT), Error::<Test>::UnknownLoan);
		assert_noop!(o(OWNER, 0, AGENT), Error::<Test>::NotServicer);
		assert_noop!(o(SERVICER, 0, NOBODY), Error::<Test>::NotCollateralAgent);
		freeze(AGENT);
		assert_noop!(o(SERVICER, 0, AGENT), Error::<Test>::NotCollateralAgent);
		abs_test_utils::with(|w| w.frozen.clear());
		revoke(SERVICER, Role::Servicer);
		assert_noop!(o(SERVICER, 0, AGENT), Error::<Test>::NotServicer);
		grant(SERVICER, Role::Servicer);
		abs_test_utils::update_loan(0, |l| l.status = LoanStatus::Delinquent(40));
		assert_noop!(o(SERVICER, 0, AGENT), Error::<Test>::NotDefaulted);
		abs_test_utils::update_loan(0, |l| l.status = LoanStatus::Defaulted);
		assert_ok!(o(SERVICER, 0, AGENT));
		assert_noop!(o(SERVICER, 0, AGENT), Error::<Test>::AlreadyOrdered);
	});
}

#[test]
fn the_acknowledgement_opens_the_auction() {
	build_and_execute(|| {
		assert_ok!(order(0));
		notices();
		assert_noop!(
			Recovery::acknowledge(RuntimeOrigin::signed(SERVICER), 0),
			Error::<Test>::NotOrderAgent
		);
		assert_noop!(ack(5), Error::<Test>::NoRecovery);
		assert_ok!(ack(0));
		// Reserve: 70 % of 1,000 USDA.
		System::assert_last_event(
			Event::AuctionOpened {
				loan_id: 0,
				round: 1,
				reserve: 700 * USDA,
				start: 1,
				end: 11,
				hard_end: 17,
			}
			.into(),
		);
		assert_eq!(recovery(0).stage, Stage::Auction);
		assert_eq!(recovery(0).acknowledged_on, Some(TODAY));
		assert!(AckDeadlines::<Test>::iter().next().is_none());
		assert_eq!(
			notices(),
			vec![
				(0, RecoveryNotice::OrderAcknowledged),
				(0, RecoveryNotice::AuctionOpened { round: 1, reserve: 700 * USDA, ends_at: 11 })
			]
		);
		assert_noop!(ack(0), Error::<Test>::WrongStage);
	});
}

#[test]
fn without_acknowledgement_the_auction_opens_at_the_deadline() {
	build_and_execute(|| {
		assert_ok!(order(0));
		abs_test_utils::set_today(TODAY + 4);
		run_to_block(2);
		assert_eq!(recovery(0).stage, Stage::Ordered);
		abs_test_utils::set_today(TODAY + 5);
		run_to_block(3);
		System::assert_has_event(Event::AcknowledgementTimedOut { loan_id: 0 }.into());
		assert_eq!(recovery(0).stage, Stage::Auction);
		assert_eq!(recovery(0).acknowledged_on, None);
		assert_eq!(auction(0).end, 13);
	});
}

#[test]
fn a_stale_appraisal_must_be_refreshed_before_the_auction() {
	build_and_execute(|| {
		// Appraised 200 days ago (MaxAppraisalAge 180).
		defaulted(0, APPRAISED, TODAY - 200);
		assert_ok!(order(0));
		assert_ok!(ack(0));
		assert_eq!(recovery(0).stage, Stage::AwaitingAppraisal);
		assert!(Auctions::<Test>::get(0).is_none());
		add_record(9, 0, abs_primitives::RecordKind::Appraisal);
		let refresh = |who: u64, value: u128, day: u32| {
			Recovery::refresh_appraisal(RuntimeOrigin::signed(who), 0, value, day, 9)
		};
		assert_noop!(refresh(AGENT, 500 * USDA, TODAY - 181), Error::<Test>::AppraisalStale);
		assert_noop!(refresh(AGENT, 500 * USDA, TODAY + 1), Error::<Test>::AppraisalStale);
		assert_noop!(refresh(AGENT, 0, TODAY), Error::<Test>::ZeroValue);
		assert_noop!(refresh(INV1, 500 * USDA, TODAY), Error::<Test>::NotClaimant);
		assert_ok!(refresh(AGENT, 1_100 * USDA, TODAY - 2));
		// The auction opens on the new appraisal: 70 % of 1,100 USDA.
		assert_eq!(auction(0).reserve, 770 * USDA);
		assert_eq!(recovery(0).appraisal.record, Some(9));
		assert_noop!(refresh(SERVICER, 1_200 * USDA, TODAY), Error::<Test>::WrongStage);
	});
}

#[test]
fn governance_sets_the_auction_timing() {
	build_and_execute(|| {
		let p = AuctionParams {
			duration_blocks: 20,
			extension_blocks: 5,
			max_extension_blocks: 10,
			ack_timeout_days: 2,
		};
		assert_noop!(
			Recovery::set_params(RuntimeOrigin::signed(OWNER), p),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Recovery::set_params(RuntimeOrigin::root(), AuctionParams { duration_blocks: 0, ..p }),
			Error::<Test>::InvalidParams
		);
		assert_noop!(
			Recovery::set_params(RuntimeOrigin::root(), AuctionParams { ack_timeout_days: 0, ..p }),
			Error::<Test>::InvalidParams
		);
		assert_ok!(Recovery::set_params(RuntimeOrigin::root(), p));
		System::assert_last_event(Event::ParamsSet { params: p }.into());
		open();
		assert_eq!((auction(0).end, auction(0).hard_end, auction(0).extension), (21, 31, 5));
		// An open auction keeps its timing.
		assert_ok!(Recovery::set_params(RuntimeOrigin::root(), PARAMS));
		assert_eq!(auction(0).extension, 5);
	});
}

#[test]
fn the_oracles_fresh_median_sets_the_reserve_over_the_appraisal() {
	build_and_execute(|| {
		// Appraised at 1,000 USDA ten days ago; the oracle's feeders say 900.
		set_oracle(
			0,
			abs_primitives::OracleAnswer::Fresh {
				value: 900 * USDA,
				feeders: 2,
				dispersion_ppb: 10_000_000,
			},
		);
		assert_ok!(order(0));
		assert_ok!(ack(0));
		System::assert_has_event(
			Event::AppraisedByOracle { loan_id: 0, value: 900 * USDA, day: TODAY }.into(),
		);
		// 70 % of 900.
		assert_eq!(auction(0).reserve, 630 * USDA);
		let r = recovery(0);
		assert_eq!(
			(r.appraisal.value, r.appraisal.day, r.appraisal.record),
			(900 * USDA, TODAY, None)
		);
	});
}

#[test]
fn without_a_fresh_oracle_value_the_auction_waits_and_opens_when_one_arrives() {
	use abs_traits::OnOracleValue;
	build_and_execute(|| {
		// A recent appraisal does not stand in for an oracle that has feeders but no answer.
		set_oracle(
			0,
			abs_primitives::OracleAnswer::Stale { fresh: 1, quorum: 2, newest: TODAY - 40 },
		);
		assert_ok!(order(0));
		assert_ok!(ack(0));
		assert_eq!(recovery(0).stage, Stage::AwaitingAppraisal);
		assert!(Auctions::<Test>::get(0).is_none());
		// A fresh value for another loan, or for a tranche, changes nothing.
		assert_ok!(<Recovery as OnOracleValue>::on_fresh(
			abs_primitives::OracleKey::Collateral(5),
			1
		));
		assert_ok!(<Recovery as OnOracleValue>::on_fresh(
			abs_primitives::OracleKey::Tranche { pool: 0, tranche: 0 },
			1
		));
		assert_eq!(recovery(0).stage, Stage::AwaitingAppraisal);
		// The feeders' quorum is reached: the auction opens at 70 % of the median.
		assert_ok!(<Recovery as OnOracleValue>::on_fresh(
			abs_primitives::OracleKey::Collateral(0),
			800 * USDA
		));
		assert_eq!(recovery(0).stage, Stage::Auction);
		assert_eq!(auction(0).reserve, 560 * USDA);
		// Once open, later values do not move its reserve.
		assert_ok!(<Recovery as OnOracleValue>::on_fresh(
			abs_primitives::OracleKey::Collateral(0),
			2_000 * USDA
		));
		assert_eq!(auction(0).reserve, 560 * USDA);
	});
}
