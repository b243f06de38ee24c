//! Unit tests: only governance administers the stablecoin; the asset's own admin calls are
//! closed to every signed key; typed errors change nothing; issuance stays accounted for.

use crate::{mock::*, AuthorisedIssuance, Error, Event, FeeRate};
use abs_primitives::STABLECOIN_ASSET_ID as USDA;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn bal(who: u64) -> u128 {
	Assets::balance(USDA, who)
}

#[test]
fn governance_mints_to_a_participant() {
	build_and_execute(|| {
		let before = AuthorisedIssuance::<Test>::get();
		assert_eq!(before, 3 * ENDOWED);
		assert_ok!(Stablecoin::mint(RuntimeOrigin::root(), BOB, 250, h(1)));
		assert_eq!(bal(BOB), ENDOWED + 250);
		assert_eq!(AuthorisedIssuance::<Test>::get(), before + 250);
		System::assert_last_event(Event::Minted { to: BOB, amount: 250, reason: h(1) }.into());
	});
}

#[test]
fn mint_and_burn_refuse_bad_input() {
	build_and_execute(|| {
		assert_noop!(
			Stablecoin::mint(RuntimeOrigin::signed(ALICE), ALICE, 1, h(1)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Stablecoin::mint(RuntimeOrigin::root(), ALICE, 0, h(1)),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Stablecoin::mint(RuntimeOrigin::root(), ESCROW, 1, h(1)),
			Error::<Test>::NotParticipant
		);
		assert_noop!(
			Stablecoin::mint(RuntimeOrigin::root(), ALICE, u128::MAX, h(1)),
			Error::<Test>::Overflow
		);
		// Never from an escrow: a pallet's escrow is no participant.
		assert_noop!(
			Stablecoin::burn(RuntimeOrigin::root(), ESCROW, 1, h(2)),
			Error::<Test>::NotParticipant
		);
		assert_noop!(
			Stablecoin::burn(RuntimeOrigin::root(), ALICE, ENDOWED + 1, h(2)),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Stablecoin::burn(RuntimeOrigin::signed(ALICE), ALICE, 1, h(2)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn governance_burns_a_redemption() {
	build_and_execute(|| {
		assert_ok!(Stablecoin::burn(RuntimeOrigin::root(), ALICE, 400, h(3)));
		assert_eq!(bal(ALICE), ENDOWED - 400);
		assert_eq!(AuthorisedIssuance::<Test>::get(), 3 * ENDOWED - 400);
		System::assert_last_event(Event::Burned { from: ALICE, amount: 400, reason: h(3) }.into());
		// The whole balance may go (the account then leaves the asset).
		assert_ok!(Stablecoin::burn(RuntimeOrigin::root(), ALICE, ENDOWED - 400, h(3)));
		assert_eq!(bal(ALICE), 0);
	});
}

#[test]
fn freeze_and_thaw_through_the_keyless_freezer() {
	build_and_execute(|| {
		assert_ok!(Stablecoin::freeze_account(RuntimeOrigin::root(), BOB, h(4)));
		System::assert_last_event(Event::AccountFrozen { who: BOB, reason: h(4) }.into());
		// Bob can no longer send; he can still receive.
		assert!(Assets::transfer(RuntimeOrigin::signed(BOB), USDA, ALICE, 1).is_err());
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDA, BOB, 1));
		assert_noop!(
			Stablecoin::freeze_account(RuntimeOrigin::root(), BOB, h(4)),
			Error::<Test>::AlreadyFrozen
		);
		assert_noop!(
			Stablecoin::freeze_account(RuntimeOrigin::root(), 77, h(4)),
			Error::<Test>::NoStablecoinAccount
		);
		assert_noop!(
			Stablecoin::thaw_account(RuntimeOrigin::signed(BOB), BOB, h(5)),
			DispatchError::BadOrigin
		);
		assert_ok!(Stablecoin::thaw_account(RuntimeOrigin::root(), BOB, h(5)));
		System::assert_last_event(Event::AccountThawed { who: BOB, reason: h(5) }.into());
		assert_noop!(
			Stablecoin::thaw_account(RuntimeOrigin::root(), BOB, h(5)),
			Error::<Test>::NotFrozen
		);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BOB), USDA, ALICE, 1));
	});
}

#[test]
fn no_signed_key_administers_the_asset() {
	build_and_execute(|| {
		// Whoever signs, pallet-assets' issuer/admin/freezer/owner calls fail: those roles
		// belong to a keyless account, and ForceOrigin is never satisfied.
		for who in [ALICE, BOB] {
			let o = || RuntimeOrigin::signed(who);
			assert!(Assets::mint(o(), USDA, who, 1).is_err());
			assert!(Assets::burn(o(), USDA, BOB, 1).is_err());
			assert!(Assets::force_transfer(o(), USDA, ESCROW, who, 1).is_err());
			assert!(Assets::freeze(o(), USDA, BOB).is_err());
			assert!(Assets::freeze_asset(o(), USDA).is_err());
			assert!(Assets::start_destroy(o(), USDA).is_err());
			assert!(Assets::transfer_ownership(o(), USDA, who).is_err());
		}
		assert!(Assets::start_destroy(RuntimeOrigin::root(), USDA).is_err());
		assert!(Assets::force_asset_status(
			RuntimeOrigin::root(),
			USDA,
			ALICE,
			ALICE,
			ALICE,
			ALICE,
			1,
			true,
			false
		)
		.is_err());
		assert_eq!(bal(ESCROW), ENDOWED);
	});
}

#[test]
fn fee_rate_converts_and_rounds_up() {
	build_and_execute(|| {
		// 1 USDA (10⁶) per native unit (10¹²): 0.034 ABS → 34,000; one planck more → 34,001.
		assert_eq!(Stablecoin::fee_in_stablecoin(34_000_000_000), Some(34_000));
		assert_eq!(Stablecoin::fee_in_stablecoin(34_000_000_001), Some(34_001));
		assert_noop!(
			Stablecoin::set_fee_rate(RuntimeOrigin::root(), Some(0)),
			Error::<Test>::ZeroFeeRate
		);
		assert_noop!(
			Stablecoin::set_fee_rate(RuntimeOrigin::signed(ALICE), Some(5)),
			DispatchError::BadOrigin
		);
		assert_ok!(Stablecoin::set_fee_rate(RuntimeOrigin::root(), Some(250_000)));
		System::assert_last_event(Event::FeeRateSet { rate: Some(250_000) }.into());
		assert_eq!(Stablecoin::fee_in_stablecoin(1_500_000_000_000), Some(375_000));
		assert_ok!(Stablecoin::set_fee_rate(RuntimeOrigin::root(), None));
		assert_eq!(FeeRate::<Test>::get(), None);
		assert_eq!(Stablecoin::fee_in_stablecoin(1), None);
	});
}
