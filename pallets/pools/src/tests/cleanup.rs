//! The clean-up call and the end of a pool: the sponsor buys the remaining loans at the
//! clean-up factor (principal + interest accrued at the pool's rate since the period's start,
//! worked out below), the final payment date releases the reserve and pays the notes off, the
//! pool ends, its loans pass to the sponsor and each holder's units are burned at its last
//! claim.

// Test arithmetic on small known amounts: an overflow would be a failed test.
#![allow(clippy::arithmetic_side_effects)]

use super::payments::{closed_with, deal, hook_on, pay, usd, PAY1, U};
use crate::{
	mock::*, DealStates, Error, Event, LoanPools, PaymentReports, PoolLoans, PoolStatus,
	Pools as PoolsMap, Tranches,
};
use abs_traits::{LoanEncumbrance, LoanObserver};
use frame_support::{assert_noop, assert_ok, traits::fungibles::Inspect};

/// Closed, its ownership entries written; loan 0 repaid in full and loan 1 down to 10,000 in
/// the first period (190,000 of principal collected: every note paid off on the first date).
fn paid_down() -> u32 {
	let id = closed_with(deal(vec![], true));
	sweep_all();
	pay(id, 0, PAY1 - 10, 95_000 * U, 400 * U, 95_000 * U);
	pay(id, 1, PAY1 - 10, 85_000 * U, 400 * U, 95_000 * U);
	hook_on(PAY1);
	id
}

/// Run the ownership sweep to its end.
fn sweep_all() {
	while crate::Sweeping::<Test>::iter_keys().next().is_some() {
		Pools::sweep();
	}
}

#[test]
fn above_the_clean_up_factor_or_by_another_the_call_is_refused() {
	build_and_execute(|| {
		let id = closed_with(deal(vec![], true));
		assert_noop!(
			Pools::clean_up_call(RuntimeOrigin::signed(SPONSOR), id),
			Error::<Test>::OwnershipNotRecorded
		);
		sweep_all();
		// 190,000 left of 190,000: above 10 %.
		assert_noop!(
			Pools::clean_up_call(RuntimeOrigin::signed(SPONSOR), id),
			Error::<Test>::AboveCleanUp
		);
		assert_noop!(
			Pools::clean_up_call(RuntimeOrigin::signed(TRUSTEE), id),
			Error::<Test>::NotPoolSponsor
		);
		assert_noop!(
			Pools::clean_up_call(RuntimeOrigin::signed(SPONSOR), 99),
			Error::<Test>::UnknownPool
		);
		// 19,000.000001 left: still above.
		pay(id, 0, PAY1 - 10, 95_000 * U, 0, 95_000 * U);
		pay(id, 1, PAY1 - 10, 75_999_999_999, 0, 95_000 * U);
		assert_noop!(
			Pools::clean_up_call(RuntimeOrigin::signed(SPONSOR), id),
			Error::<Test>::AboveCleanUp
		);
	});
}

#[test]
fn the_sponsor_calls_the_pool_the_final_date_pays_out_and_holders_are_redeemed() {
	build_and_execute(|| {
		let id = paid_down();
		let day = PAY1 + 10;
		abs_test_utils::set_today(day);
		let sponsor_before = usd(SPONSOR);
		assert_ok!(Pools::clean_up_call(RuntimeOrigin::signed(SPONSOR), id));
		// 2027-02-25 → 2027-03-07 is 12 days of 30/360: 10,000 × 6 % × 12/360 = 20.
		let interest = 20 * U;
		assert_eq!(sponsor_before - usd(SPONSOR), 10_000 * U + interest);
		System::assert_has_event(
			Event::CleanUpCalled { pool_id: id, sponsor: SPONSOR, principal: 10_000 * U, interest }
				.into(),
		);
		System::assert_has_event(Event::PoolEnded { pool_id: id, day, unpaid: 0 }.into());
		assert_eq!(PoolsMap::<Test>::get(id).unwrap().status, PoolStatus::Ended);
		// The final date (index 1) releases the 2,500 reserve; the period's cash (10,020 and
		// the reserve) goes to the residual: every note was paid off on the first date.
		let r = PaymentReports::<Test>::get(id, 1).unwrap();
		assert_eq!((r.reserve_target, r.reserve, r.reserve_released), (0, 0, 2_500 * U));
		assert_eq!(r.principal_collected, 10_000 * U);
		assert_eq!(r.interest_collected, interest);
		assert_eq!(DealStates::<Test>::get(id).unwrap().reserve, 0);
		assert!(r.tranches.iter().take(2).all(|l| l.closing == 0));

		// The loans are the sponsor's at once, and recorded so by the sweep.
		assert_eq!(<Pools as LoanEncumbrance<u64>>::keyless_owner(1).unwrap().owner, SPONSOR);
		sweep_all();
		assert_eq!(abs_test_utils::loan_owner(1), Some(SPONSOR));
		assert!(LoanPools::<Test>::get(1).is_none());
		assert_eq!(PoolLoans::<Test>::iter_prefix(id).count(), 0);
		assert_eq!(PoolsMap::<Test>::get(id).unwrap().loans, 0);
		// A later payment on a former loan is not the pool's.
		let held = usd(Pools::account_of(id));
		<Pools as LoanObserver>::on_change(
			1,
			&super::closing::receipt(day + 1, 100 * U, 0, 10_000 * U),
		);
		assert_eq!(usd(Pools::account_of(id)), held);

		// Nothing moves or runs any more.
		assert_noop!(
			Pools::transfer_tranche(RuntimeOrigin::signed(INVESTOR), id, 0, INVESTOR2, U),
			Error::<Test>::NotClosed
		);
		assert_noop!(
			Pools::run_payment_date(RuntimeOrigin::signed(TRUSTEE), id),
			Error::<Test>::NotClosed
		);
		assert_noop!(
			Pools::clean_up_call(RuntimeOrigin::signed(SPONSOR), id),
			Error::<Test>::NotClosed
		);

		// Each holder's last claim pays what it is owed and burns its units.
		for (who, k) in [(INVESTOR, 0u8), (INVESTOR2, 0), (INVESTOR, 1), (SPONSOR, 2)] {
			let asset = Tranches::<Test>::get((id, k)).unwrap().asset;
			let units = <TrancheAssets as Inspect<u64>>::balance(asset, &who);
			assert!(units > 0);
			assert_ok!(Pools::claim_distribution(RuntimeOrigin::signed(who), id, k));
			System::assert_has_event(
				Event::TrancheRedeemed { pool_id: id, tranche: k, who, units }.into(),
			);
			assert_eq!(<TrancheAssets as Inspect<u64>>::balance(asset, &who), 0);
			assert_noop!(
				Pools::claim_distribution(RuntimeOrigin::signed(who), id, k),
				Error::<Test>::NothingToClaim
			);
		}
		for k in 0..3u8 {
			let t = Tranches::<Test>::get((id, k)).unwrap();
			assert_eq!(t.redeemed, t.minted);
			assert_eq!(<TrancheAssets as Inspect<u64>>::total_issuance(t.asset), 0);
		}
		// What stays in the pool's account is below a unit per holder and source.
		assert!(usd(Pools::account_of(id)) <= 8, "{}", usd(Pools::account_of(id)));
	});
}

#[test]
fn a_pool_whose_loans_are_all_repaid_ends_on_its_next_payment_date() {
	build_and_execute(|| {
		let id = closed_with(deal(vec![], true));
		sweep_all();
		pay(id, 0, PAY1 - 10, 95_000 * U, 400 * U, 95_000 * U);
		pay(id, 1, PAY1 - 10, 95_000 * U, 400 * U, 95_000 * U);
		hook_on(PAY1);
		assert_eq!(PoolsMap::<Test>::get(id).unwrap().status, PoolStatus::Ended);
		System::assert_has_event(Event::PoolEnded { pool_id: id, day: PAY1, unpaid: 0 }.into());
		// The monitors are told: its agencies' open alerts clear.
		assert_eq!(crate::mock::ENDED.with(|v| v.borrow().clone()), vec![id]);
		// The only date released the reserve: 190,000 of principal and 800 of interest with
		// the 2,500 paid out (the notes in full, the rest to the residual).
		let r = PaymentReports::<Test>::get(id, 0).unwrap();
		assert_eq!((r.reserve_target, r.reserve_released, r.reserve), (0, 2_500 * U, 0));
		// No further date is queued; the loans stay the pool's.
		hook_on(PAY1 + 40);
		assert!(PaymentReports::<Test>::get(id, 1).is_none());
		assert_eq!(
			<Pools as LoanEncumbrance<u64>>::keyless_owner(1).unwrap().owner,
			Pools::account_of(id)
		);
		for (who, k) in [(INVESTOR, 0u8), (INVESTOR2, 0), (INVESTOR, 1), (SPONSOR, 2)] {
			assert_ok!(Pools::claim_distribution(RuntimeOrigin::signed(who), id, k));
		}
		assert!(usd(Pools::account_of(id)) <= 8);
	});
}

#[test]
fn the_final_date_leaves_no_source_behind_even_when_the_deal_sends_one_to_no_residual() {
	build_and_execute(|| {
		// The default deal without its last step (the interest residual): it ends with the
		// principal residual, so interest beyond the notes' coupons is carried from date to
		// date.
		let mut d = deal(vec![], true);
		for w in [&mut d.normal, &mut d.sequential, &mut d.accelerated] {
			w.pop();
		}
		let id = closed_with(d);
		sweep_all();
		pay(id, 0, PAY1 - 10, 95_000 * U, 400 * U, 95_000 * U);
		pay(id, 1, PAY1 - 10, 85_000 * U, 400 * U, 95_000 * U);
		hook_on(PAY1);
		let r0 = PaymentReports::<Test>::get(id, 0).unwrap();
		assert!(r0.interest_left > 0, "interest is carried on a date that is not the last");
		let carried = DealStates::<Test>::get(id).unwrap().interest_cash;
		assert_eq!(carried, r0.interest_left);
		assert!(Pools::next_payment(id).is_some());

		abs_test_utils::set_today(PAY1 + 10);
		assert_ok!(Pools::clean_up_call(RuntimeOrigin::signed(SPONSOR), id));
		// The final date pays the carry (and this period's 20 of interest, and the released
		// reserve) to the residual: nothing stays in either source.
		let r = PaymentReports::<Test>::get(id, 1).unwrap();
		assert_eq!((r.interest_left, r.principal_left), (0, 0));
		let s = DealStates::<Test>::get(id).unwrap();
		assert_eq!((s.interest_cash, s.principal_cash, s.reserve), (0, 0, 0));
		assert!(r.residual_paid >= carried + 20 * U + 2_500 * U, "{}", r.residual_paid);
		assert_eq!(Pools::next_payment(id), None);
		for (who, k) in [(INVESTOR, 0u8), (INVESTOR2, 0), (INVESTOR, 1), (SPONSOR, 2)] {
			let _ = Pools::claim_distribution(RuntimeOrigin::signed(who), id, k);
		}
		assert!(usd(Pools::account_of(id)) <= 8, "{}", usd(Pools::account_of(id)));
	});
}
