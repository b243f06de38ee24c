//! The offering at par: subscriptions escrowed in the pool's account, added to, cancelled and
//! refunded; who may subscribe.

use super::*;
use frame_support::traits::fungibles::Inspect;

/// A pool in Offering with one loan in it.
fn offering() -> PoolId {
	let id = create();
	add_loan(0, BANK, SERVICER);
	assert_ok!(contribute(BANK, id, &[0]));
	abs_test_utils::set_today(TODAY + 1);
	assert_ok!(Pools::open_offering(RuntimeOrigin::signed(SPONSOR), id));
	id
}

fn usd(who: u64) -> u128 {
	<Assets as Inspect<u64>>::balance(USD, &who)
}

fn subscribe(who: u64, pool: PoolId, tranche: u8, amount: u128) -> sp_runtime::DispatchResult {
	Pools::subscribe(RuntimeOrigin::signed(who), pool, tranche, amount)
}

#[test]
fn subscriptions_are_escrowed_and_add_up() {
	build_and_execute(|| {
		let id = offering();
		let escrow = Pools::account_of(id);
		assert_ok!(subscribe(INVESTOR, id, 0, 50_000_000_000));
		System::assert_last_event(
			Event::Subscribed {
				pool_id: id,
				tranche: 0,
				who: INVESTOR,
				amount: 50_000_000_000,
				total: 50_000_000_000,
			}
			.into(),
		);
		assert_ok!(subscribe(INVESTOR, id, 0, 10_000_000_000));
		assert_ok!(subscribe(INVESTOR2, id, 0, 40_000_000_000));
		assert_ok!(subscribe(INVESTOR2, id, 2, 1_000_000_000));
		assert_eq!(Subscriptions::<Test>::get((id, 0), INVESTOR), 60_000_000_000);
		assert_eq!(
			Subscribed::<Test>::get((id, 0)),
			100_000_000_000,
			"oversubscribed: 100,000 for 80,000"
		);
		assert_eq!(Subscribed::<Test>::get((id, 2)), 1_000_000_000);
		assert_eq!(usd(escrow), 101_000_000_000);
		assert_eq!(usd(INVESTOR), FUNDS - 60_000_000_000);
		// The sponsor subscribes for its retention without the Investor role.
		assert_ok!(subscribe(SPONSOR, id, 2, 5_000_000_000));
		assert_eq!(usd(escrow), 106_000_000_000);
	});
}

#[test]
fn bad_subscriptions_are_refused_and_change_nothing() {
	build_and_execute(|| {
		let id = create();
		add_loan(0, BANK, SERVICER);
		assert_ok!(contribute(BANK, id, &[0]));
		abs_test_utils::set_today(TODAY + 1);
		assert_noop!(subscribe(INVESTOR, id, 0, 1), Error::<Test>::OfferingNotOpen);
		assert_ok!(Pools::open_offering(RuntimeOrigin::signed(SPONSOR), id));
		assert_noop!(subscribe(INVESTOR, id, 3, 1), Error::<Test>::UnknownTranche);
		assert_noop!(subscribe(INVESTOR, 9, 0, 1), Error::<Test>::UnknownPool);
		assert_noop!(subscribe(INVESTOR, id, 0, 0), Error::<Test>::ZeroAmount);
		assert_noop!(subscribe(BANK, id, 0, 1), Error::<Test>::NotInvestor);
		assert_noop!(subscribe(INVESTOR, id, 0, FUNDS + 1), Error::<Test>::InsufficientBalance);
		freeze(INVESTOR);
		assert_noop!(subscribe(INVESTOR, id, 0, 1), Error::<Test>::ParticipantFrozen);
		abs_test_utils::revoke(INVESTOR2, Role::Investor);
		assert_noop!(subscribe(INVESTOR2, id, 0, 1), Error::<Test>::NotInvestor);
		abs_test_utils::unregister(SPONSOR);
		assert_noop!(subscribe(SPONSOR, id, 0, 1), Error::<Test>::NotRegistered);
		abs_test_utils::set_today(TODAY + 31);
		grant(INVESTOR2, Role::Investor);
		assert_noop!(subscribe(INVESTOR2, id, 0, 1), Error::<Test>::OfferingClosed);
	});
}

#[test]
fn a_cancelled_subscription_is_refunded_whole() {
	build_and_execute(|| {
		let id = offering();
		assert_ok!(subscribe(INVESTOR, id, 1, 7_000_000_000));
		assert_ok!(subscribe(INVESTOR, id, 1, 3_000_000_000));
		assert_noop!(
			Pools::cancel_subscription(RuntimeOrigin::signed(INVESTOR2), id, 1),
			Error::<Test>::NoSubscription
		);
		assert_ok!(Pools::cancel_subscription(RuntimeOrigin::signed(INVESTOR), id, 1));
		System::assert_last_event(
			Event::SubscriptionCancelled {
				pool_id: id,
				tranche: 1,
				who: INVESTOR,
				refunded: 10_000_000_000,
			}
			.into(),
		);
		assert_eq!(usd(INVESTOR), FUNDS);
		assert_eq!(usd(Pools::account_of(id)), 0);
		assert_eq!(Subscribed::<Test>::get((id, 1)), 0);
	});
}

#[test]
fn a_cancelled_pool_refunds_every_subscriber_on_request() {
	build_and_execute(|| {
		let id = offering();
		assert_ok!(subscribe(INVESTOR, id, 0, 20_000_000_000));
		assert_ok!(subscribe(INVESTOR2, id, 2, 1_000_000_000));
		assert_ok!(Pools::cancel(RuntimeOrigin::signed(SPONSOR), id));
		assert_noop!(subscribe(INVESTOR, id, 0, 1), Error::<Test>::OfferingNotOpen);
		for (who, tranche) in [(INVESTOR, 0), (INVESTOR2, 2)] {
			assert_ok!(Pools::cancel_subscription(RuntimeOrigin::signed(who), id, tranche));
			assert_eq!(usd(who), FUNDS);
		}
		assert_eq!(usd(Pools::account_of(id)), 0);
	});
}
