//! Closing: the pro-rata allocation, the sellers' prices less their collections since
//! cut-off, the sponsor's retention and deposit, the claims, tranche transfers, the ownership
//! entries written in the background, and loans leaving before closing. Every expected figure
//! is worked out by hand in the comments (not by the pallet's arithmetic).

use super::*;
use crate::{Performances, Sweeping, Tranches};
use abs_traits::{LoanChange, LoanEncumbrance, LoanObserver};
use frame_support::traits::{fungibles::Inspect, Hooks};
use sp_runtime::Perquintill;

const U: u128 = 1_000_000; // one USDA

pub(super) fn usd(who: u64) -> u128 {
	<Assets as Inspect<u64>>::balance(USD, &who)
}

fn units(pool: PoolId, k: u8, who: u64) -> u128 {
	<TrancheAssets as Inspect<u64>>::balance(Pools::tranche_asset(pool, k).unwrap(), &who)
}

/// A change told by servicing: a payment of `principal` and `interest` on `day`.
pub(super) fn receipt(day: u32, principal: u128, interest: u128, before: u128) -> LoanChange {
	// As servicing reports it: a payment that leaves no principal pays the loan off.
	let after = before.saturating_sub(principal);
	let status_after = if after == 0 && before > 0 {
		abs_primitives::LoanStatus::PaidOff
	} else {
		abs_primitives::LoanStatus::Active
	};
	LoanChange {
		day,
		interest,
		principal,
		prepayment: 0,
		recovery: 0,
		loss: 0,
		principal_before: before,
		principal_after: after,
		bucket_before: 0,
		bucket_after: 0,
		status_before: abs_primitives::LoanStatus::Active,
		status_after,
		restructured: false,
		remaining_installments: 54,
		rate: SIX_PERCENT,
		installment: INSTALLMENT,
		maturity: MATURITY,
	}
}

/// A pool at a 50 % price with loans 0 (the bank) and 1 (the second bank), 95,000 each, and
/// the offering open; `deposit` from the sponsor.
pub(super) fn offered(price: Perquintill, deposit: u128) -> PoolId {
	let id = NextPoolId::<Test>::get();
	let mut s = spec();
	s.price = price;
	s.sponsor_deposit = deposit;
	assert_ok!(Pools::create_pool(RuntimeOrigin::signed(SPONSOR), s));
	add_loan(0, BANK, SERVICER);
	add_loan(1, BANK2, SERVICER);
	assert_ok!(contribute(BANK, id, &[0]));
	assert_ok!(contribute(BANK2, id, &[1]));
	abs_test_utils::set_today(TODAY + 1);
	assert_ok!(Pools::open_offering(RuntimeOrigin::signed(SPONSOR), id));
	id
}

fn subscribe(who: u64, pool: PoolId, k: u8, amount: u128) {
	assert_ok!(Pools::subscribe(RuntimeOrigin::signed(who), pool, k, amount));
}

fn claim(pool: PoolId, k: u8, who: u64) -> sp_runtime::DispatchResult {
	Pools::claim_allocation(RuntimeOrigin::signed(TRUSTEE), pool, k, who)
}

/// Senior 80,000 oversubscribed 90,000 (the investor 50,000, the second investor 30,000, the
/// sponsor 10,000); mezzanine 15,000 undersubscribed (the second investor 10,000); residual
/// 5,000 (the sponsor). Proceeds 80,000 + 10,000 + 5,000 = 95,000.
pub(super) fn book_the_offering(id: PoolId) {
	subscribe(INVESTOR, id, 0, 50_000 * U);
	subscribe(INVESTOR2, id, 0, 30_000 * U);
	subscribe(SPONSOR, id, 0, 10_000 * U);
	subscribe(INVESTOR2, id, 1, 10_000 * U);
	subscribe(SPONSOR, id, 2, 5_000 * U);
}

#[test]
fn closing_pays_the_sellers_and_issues_the_tranches_pro_rata() {
	build_and_execute(|| {
		let id = offered(Perquintill::from_percent(50), 0);
		book_the_offering(id);
		// After cut-off (day +30) the bank collects 1,000 principal and 400 interest on
		// loan 0: its price is 95,000 × 50 % − 1,000 − 400 = 46,100.
		abs_test_utils::set_today(TODAY + 31);
		<Pools as LoanObserver>::on_change(0, &receipt(TODAY + 31, 1_000 * U, 400 * U, 95_000 * U));
		let (bank, bank2) = (usd(BANK), usd(BANK2));
		assert_ok!(Pools::close(RuntimeOrigin::signed(TRUSTEE), id));
		assert_eq!(usd(BANK) - bank, 46_100 * U);
		assert_eq!(usd(BANK2) - bank2, 47_500 * U);
		// Cash kept: 95,000 − 46,100 − 47,500 = 1,400.
		System::assert_last_event(
			Event::PoolClosed {
				pool_id: id,
				proceeds: 95_000 * U,
				paid_to_sellers: 93_600 * U,
				from_deposit: 0,
				cash: 1_400 * U,
			}
			.into(),
		);
		// The pool's balance is its loans' principal now: 190,000 at cut-off less the 1,000
		// the bank collected since.
		let perf = Performances::<Test>::get(id).unwrap();
		assert_eq!((perf.balance, perf.count_by_bucket[0]), (189_000 * U, 2));
		assert_eq!(perf.original_balance, 189_000 * U);
		assert_eq!(crate::Pools::<Test>::get(id).unwrap().status, PoolStatus::Closed);
		// The loans are the pool's at once, its trustee acting for it.
		let owner = <Pools as LoanEncumbrance<u64>>::keyless_owner(0).unwrap();
		assert_eq!((owner.owner, owner.agent), (Pools::account_of(id), TRUSTEE));
		assert!(!<Pools as LoanEncumbrance<u64>>::is_encumbered(0));
		// Unsold mezzanine (15,000 − 10,000) is the sponsor's at closing.
		assert_eq!(units(id, 1, SPONSOR), 5_000 * U);
		// Vertical retention holds (senior ≥ 4,000, mezzanine ≥ 750, residual ≥ 250).
		let senior = Tranches::<Test>::get((id, 0)).unwrap();
		assert_eq!(
			(senior.sold, senior.subscribed, senior.retained),
			(80_000 * U, 90_000 * U, 4_000 * U)
		);

		// Claims: 8/9 of each senior subscription, rounded down; the last takes the rest.
		let (i1, i2, sp) = (usd(INVESTOR), usd(INVESTOR2), usd(SPONSOR));
		assert_ok!(claim(id, 0, INVESTOR));
		// 50,000,000,000 × 8 / 9 = 44,444,444,444.4…
		assert_eq!(units(id, 0, INVESTOR), 44_444_444_444);
		assert_eq!(usd(INVESTOR) - i1, 5_555_555_556);
		assert_ok!(claim(id, 0, INVESTOR2));
		// 30,000,000,000 × 8 / 9 = 26,666,666,666.6…
		assert_eq!(units(id, 0, INVESTOR2), 26_666_666_666);
		assert_eq!(usd(INVESTOR2) - i2, 3_333_333_334);
		assert_ok!(claim(id, 0, SPONSOR));
		// 80,000,000,000 − 44,444,444,444 − 26,666,666,666 = 8,888,888,890.
		assert_eq!(units(id, 0, SPONSOR), 8_888_888_890);
		assert_eq!(usd(SPONSOR) - sp, 1_111_111_110);
		assert_eq!(<TrancheAssets as Inspect<u64>>::total_issuance(senior.asset), 80_000 * U);
		assert_ok!(claim(id, 1, INVESTOR2));
		assert_eq!(units(id, 1, INVESTOR2), 10_000 * U);
		assert_ok!(claim(id, 2, SPONSOR));
		assert_eq!(units(id, 2, SPONSOR), 5_000 * U);
		assert_noop!(claim(id, 2, SPONSOR), Error::<Test>::NoSubscription);
		// Everything claimed: the pool's account holds exactly its cash.
		assert_eq!(usd(Pools::account_of(id)), 1_400 * U);
		assert!(crate::Holdings::<Test>::contains_key(INVESTOR, (id, 0)));

		// The ownership entries: two per block here.
		assert!(Sweeping::<Test>::contains_key(id));
		Pools::on_initialize(2);
		Pools::on_initialize(3);
		assert!(!Sweeping::<Test>::contains_key(id));
		System::assert_last_event(Event::OwnershipRecorded { pool_id: id }.into());
		for loan in [0, 1] {
			assert_eq!(abs_test_utils::with(|w| w.loans[&loan].owner), Pools::account_of(id));
		}
	});
}

#[test]
fn tranche_tokens_move_only_between_eligible_investors_and_the_retention_stays() {
	build_and_execute(|| {
		let id = offered(Perquintill::from_percent(50), 0);
		book_the_offering(id);
		abs_test_utils::set_today(TODAY + 31);
		assert_ok!(Pools::close(RuntimeOrigin::signed(SPONSOR), id));
		assert_ok!(claim(id, 0, INVESTOR));
		let t = |who: u64, to: u64, k: u8, n: u128| {
			Pools::transfer_tranche(RuntimeOrigin::signed(who), id, k, to, n)
		};
		assert_ok!(t(INVESTOR, INVESTOR2, 0, 1_000 * U));
		assert_eq!(units(id, 0, INVESTOR2), 1_000 * U);
		System::assert_last_event(
			Event::TrancheTransferred {
				pool_id: id,
				tranche: 0,
				from: INVESTOR,
				to: INVESTOR2,
				units: 1_000 * U,
			}
			.into(),
		);
		assert_noop!(t(INVESTOR, BANK, 0, 1), Error::<Test>::ReceiverNotEligible);
		assert_noop!(t(INVESTOR, INVESTOR, 0, 1), Error::<Test>::SelfTransfer);
		assert_noop!(t(INVESTOR, INVESTOR2, 0, 0), Error::<Test>::ZeroAmount);
		assert_noop!(t(INVESTOR, INVESTOR2, 0, 50_000 * U), Error::<Test>::InsufficientUnits);
		assert_noop!(t(INVESTOR, INVESTOR2, 7, 1), Error::<Test>::UnknownTranche);
		assert_noop!(t(BANK, INVESTOR2, 0, 1), Error::<Test>::NotInvestor);
		freeze(INVESTOR2);
		assert_noop!(t(INVESTOR, INVESTOR2, 0, 1), Error::<Test>::ReceiverNotEligible);
		abs_test_utils::unfreeze(INVESTOR2);
		// The sponsor holds 5,000 unsold mezzanine and keeps 750 (5 %).
		assert_noop!(t(SPONSOR, INVESTOR, 1, 4_251 * U), Error::<Test>::RetentionLocked);
		assert_ok!(t(SPONSOR, INVESTOR, 1, 4_250 * U));
		assert_eq!(units(id, 1, SPONSOR), 750 * U);
	});
}

#[test]
fn the_deposit_pays_what_the_proceeds_do_not_or_closing_fails() {
	build_and_execute(|| {
		// At 60 % the sellers are owed 57,000 each = 114,000; proceeds 95,000.
		let id = offered(Perquintill::from_percent(60), 10_000 * U);
		assert_eq!(usd(Pools::account_of(id)), 10_000 * U, "the deposit is escrowed");
		book_the_offering(id);
		abs_test_utils::set_today(TODAY + 31);
		// 95,000 + 10,000 < 114,000.
		assert_noop!(
			Pools::close(RuntimeOrigin::signed(SPONSOR), id),
			Error::<Test>::PoolUnderfunded
		);
		// Another pool with a 25,000 deposit: 19,000 of it pays, 6,000 is the pool's cash.
		abs_test_utils::set_today(TODAY);
		let mut s = spec();
		s.price = Perquintill::from_percent(60);
		s.sponsor_deposit = 25_000 * U;
		let id2 = NextPoolId::<Test>::get();
		assert_ok!(Pools::create_pool(RuntimeOrigin::signed(SPONSOR), s));
		add_loan(2, BANK, SERVICER);
		add_loan(3, BANK2, SERVICER);
		assert_ok!(contribute(BANK, id2, &[2]));
		assert_ok!(contribute(BANK2, id2, &[3]));
		abs_test_utils::set_today(TODAY + 1);
		assert_ok!(Pools::open_offering(RuntimeOrigin::signed(SPONSOR), id2));
		book_the_offering(id2);
		abs_test_utils::set_today(TODAY + 31);
		assert_ok!(Pools::close(RuntimeOrigin::signed(TRUSTEE), id2));
		System::assert_last_event(
			Event::PoolClosed {
				pool_id: id2,
				proceeds: 95_000 * U,
				paid_to_sellers: 114_000 * U,
				from_deposit: 19_000 * U,
				cash: 6_000 * U,
			}
			.into(),
		);
		// The failed pool is cancelled: its deposit goes back.
		let sponsor = usd(SPONSOR);
		assert_ok!(Pools::cancel(RuntimeOrigin::signed(SPONSOR), id));
		assert_eq!(usd(SPONSOR) - sponsor, 10_000 * U);
	});
}

#[test]
fn closing_refusals_change_nothing() {
	build_and_execute(|| {
		let id = offered(Perquintill::from_percent(50), 0);
		// Fully sold to investors only: the sponsor keeps nothing.
		subscribe(INVESTOR, id, 0, 80_000 * U);
		subscribe(INVESTOR, id, 1, 15_000 * U);
		subscribe(INVESTOR2, id, 2, 5_000 * U);
		assert_noop!(
			Pools::close(RuntimeOrigin::signed(TRUSTEE), id),
			Error::<Test>::OfferingStillOpen
		);
		abs_test_utils::set_today(TODAY + 31);
		assert_noop!(
			Pools::close(RuntimeOrigin::signed(INVESTOR), id),
			Error::<Test>::NotSponsorOrTrustee
		);
		assert_noop!(Pools::close(RuntimeOrigin::signed(TRUSTEE), 9), Error::<Test>::UnknownPool);
		assert_noop!(claim(id, 0, INVESTOR), Error::<Test>::NotClosed);
		assert_noop!(
			Pools::close(RuntimeOrigin::signed(TRUSTEE), id),
			Error::<Test>::RetentionNotMet
		);
		// A bank over the 60 % concentration limit: loan 1 (95,000 of 190,000) leaves, so the
		// bank holds 100 %.
		abs_test_utils::set_today(TODAY + 30);
		assert_ok!(Pools::withdraw(RuntimeOrigin::signed(BANK2), id, 1));
		subscribe(SPONSOR, id, 2, 5_000 * U);
		abs_test_utils::set_today(TODAY + 31);
		assert_noop!(
			Pools::close(RuntimeOrigin::signed(TRUSTEE), id),
			Error::<Test>::OriginatorConcentration
		);
	});
}

#[test]
fn loans_that_stop_being_current_leave_the_pool_before_closing() {
	build_and_execute(|| {
		let id = offered(Perquintill::from_percent(50), 0);
		let mut late = receipt(TODAY + 2, 0, 0, 95_000 * U);
		late.bucket_after = 1;
		late.status_after = abs_primitives::LoanStatus::Delinquent(3);
		<Pools as LoanObserver>::on_change(0, &late);
		System::assert_last_event(
			Event::LoanDropped { pool_id: id, loan_id: 0, reason: crate::DropReason::Delinquent }
				.into(),
		);
		let pool = crate::Pools::<Test>::get(id).unwrap();
		assert_eq!((pool.loans, pool.principal), (1, 95_000 * U));
		assert!(!<Pools as LoanEncumbrance<u64>>::is_encumbered(0));
		// A payment before cut-off lowers the principal sold.
		<Pools as LoanObserver>::on_change(1, &receipt(TODAY + 2, 2_000 * U, 300 * U, 95_000 * U));
		let pool = crate::Pools::<Test>::get(id).unwrap();
		assert_eq!(pool.principal, 93_000 * U);
		assert_eq!(LoanPools::<Test>::get(1).unwrap().principal, 93_000 * U);
		// A loan in no pool is ignored.
		<Pools as LoanObserver>::on_change(7, &late);
	});
}

#[test]
fn the_views_page_loans_and_derive_the_ratios() {
	build_and_execute(|| {
		let id = offered(Perquintill::from_percent(50), 0);
		book_the_offering(id);
		abs_test_utils::set_today(TODAY + 31);
		assert_ok!(Pools::close(RuntimeOrigin::signed(TRUSTEE), id));
		// Loan 0 pays 5,000 of scheduled principal (and 450 interest, which servicing moves to
		// the pool's account): balance 185,000 of 190,000.
		assert_ok!(<Assets as frame_support::traits::fungibles::Mutate<u64>>::mint_into(
			USD,
			&Pools::account_of(id),
			5_450 * U
		));
		<Pools as LoanObserver>::on_change(0, &receipt(TODAY + 40, 5_000 * U, 450 * U, 95_000 * U));
		let m = Pools::metrics(id).unwrap();
		assert_eq!(m.performance.balance, 185_000 * U);
		// 185,000 ÷ 190,000 = 0.973684210(5…) → 973,684,210 ppb.
		assert_eq!(m.factor_ppb, 973_684_210);
		// Both loans at 6 %: WAC 60,000,000 ppb; WAM (90,000 × 54 + 95,000 × 55) ÷ 185,000
		// = 54.513513… → 54,513 thousandths.
		assert_eq!(m.wac_ppb, 60_000_000);
		assert_eq!(m.wam_milli, 54_513);
		assert_eq!((m.delinquent_30, m.delinquent_60, m.delinquent_90), (0, 0, 0));
		// Paging: one loan, then the other after it, then nothing.
		let first = Pools::pool_loans(id, None, 1);
		let second = Pools::pool_loans(id, Some(first[0].0), 1);
		assert_eq!(first.len() + second.len(), 2);
		assert_ne!(first[0].0, second[0].0);
		assert!(Pools::pool_loans(id, Some(second[0].0), 1).is_empty());
		assert_eq!(Pools::pool_views(0, 10).len(), 1);
		assert_eq!(Pools::subscriptions_of(id).len(), 5);
		assert_eq!(Pools::holdings_of(&SPONSOR), vec![(id, 1, 5_000 * U)]);
	});
}
