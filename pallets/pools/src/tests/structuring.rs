//! Creating a pool: every field of the spec validated; opening the offering; cancelling.

use super::*;
use abs_primitives::CollateralKind;
use sp_runtime::{Perbill, Perquintill};

#[test]
fn a_sponsor_creates_a_pool_with_a_keyless_account() {
	build_and_execute(|| {
		let id = create();
		let pool = crate::Pools::<Test>::get(id).unwrap();
		assert_eq!(pool.status, PoolStatus::Structuring);
		assert_eq!(
			(pool.sponsor, pool.loans, pool.principal, pool.created_on),
			(SPONSOR, 0, 0, TODAY)
		);
		assert_eq!(pool.spec, spec());
		assert!(BySponsor::<Test>::contains_key(SPONSOR, id));
		// (Distinct per pool with 32-byte accounts: the runtime test checks it.)
		let account = Pools::account_of(id);
		System::assert_last_event(
			Event::PoolCreated { pool_id: id, sponsor: SPONSOR, account }.into(),
		);
		assert_eq!(create(), id + 1);
	});
}

/// Each bad field of a spec is refused with its own error and changes nothing.
#[test]
fn every_bad_field_of_a_spec_has_its_error() {
	build_and_execute(|| {
		let refuse = |f: &dyn Fn(&mut PoolSpec<u64>), e: Error<Test>| {
			let mut s = spec();
			f(&mut s);
			assert_noop!(Pools::create_pool(RuntimeOrigin::signed(SPONSOR), s), e);
		};
		refuse(&|s| s.asset = 2, Error::WrongAsset);
		refuse(&|s| s.trustee = NOBODY, Error::TrusteeNotLicensed);
		refuse(&|s| s.servicer = NOBODY, Error::ServicerNotLicensed);
		refuse(&|s| s.payment_day = 0, Error::InvalidPaymentDay);
		refuse(&|s| s.payment_day = 29, Error::InvalidPaymentDay);
		refuse(&|s| s.cut_off = s.offering_closes + 1, Error::InvalidCalendar);
		refuse(&|s| s.offering_opens = s.offering_closes + 1, Error::InvalidCalendar);
		refuse(
			&|s| {
				s.offering_opens = TODAY - 5;
				s.offering_closes = TODAY - 1;
				s.cut_off = TODAY - 5;
			},
			Error::InvalidCalendar,
		);
		refuse(&|s| s.offering_closes = TODAY + 91, Error::InvalidCalendar);
		refuse(
			&|s| {
				s.tranches.truncate(1);
				s.tranches[0].coupon = None;
			},
			Error::InvalidTrancheCount,
		);
		refuse(&|s| s.tranches = Default::default(), Error::InvalidTrancheCount);
		refuse(&|s| s.tranches[1].coupon = None, Error::InvalidCoupons);
		refuse(&|s| s.tranches[2].coupon = Some(1), Error::InvalidCoupons);
		refuse(&|s| s.tranches[1].face = 0, Error::InvalidFace);
		refuse(
			&|s| {
				s.tranches[0].face = u128::MAX;
			},
			Error::InvalidFace,
		);
		refuse(&|s| s.tranches[0].final_maturity = s.offering_closes, Error::InvalidMaturity);
		refuse(
			&|s| s.tranches[1].final_maturity = s.tranches[0].final_maturity - 1,
			Error::InvalidMaturity,
		);
		refuse(&|s| s.eligibility.min_remaining_installments = 400, Error::InvalidCriteria);
		refuse(&|s| s.eligibility.max_remaining_installments = 0, Error::InvalidCriteria);
		refuse(&|s| s.eligibility.min_rate = s.eligibility.max_rate + 1, Error::InvalidCriteria);
		refuse(&|s| s.eligibility.max_principal = 0, Error::InvalidCriteria);
		refuse(
			&|s| {
				s.eligibility.collateral_kinds =
					BoundedVec::truncate_from(vec![CollateralKind::Vehicle; 2])
			},
			Error::InvalidCriteria,
		);
		refuse(&|s| s.clean_up = Perbill::from_percent(51), Error::InvalidCleanUp);
		refuse(&|s| s.price = Perquintill::zero(), Error::InvalidPrice);
		refuse(&|s| s.trustee_fee_bps = 10_001, Error::InvalidFee);
		// The limits themselves are accepted.
		let mut s = spec();
		s.payment_day = 28;
		s.offering_closes = TODAY + 90;
		s.clean_up = Perbill::from_percent(50);
		s.trustee_fee_bps = 10_000;
		// Eight tranches: seven notes and the residual.
		let (note, residual) = (s.tranches[0], s.tranches[2]);
		s.tranches = BoundedVec::truncate_from(
			core::iter::repeat_n(note, 7).chain([residual]).collect::<Vec<_>>(),
		);
		assert_ok!(Pools::create_pool(RuntimeOrigin::signed(SPONSOR), s));
	});
}

#[test]
fn the_offering_opens_on_its_day_with_loans_in_the_pool() {
	build_and_execute(|| {
		let id = create();
		add_loan(0, BANK, SERVICER);
		assert_noop!(
			Pools::open_offering(RuntimeOrigin::signed(SPONSOR), id),
			Error::<Test>::OfferingNotYetOpen
		);
		abs_test_utils::set_today(TODAY + 1);
		assert_noop!(
			Pools::open_offering(RuntimeOrigin::signed(SPONSOR), id),
			Error::<Test>::NoLoans
		);
		assert_ok!(contribute(BANK, id, &[0]));
		assert_noop!(
			Pools::open_offering(RuntimeOrigin::signed(BANK), id),
			Error::<Test>::NotPoolSponsor
		);
		assert_noop!(
			Pools::open_offering(RuntimeOrigin::signed(SPONSOR), 7),
			Error::<Test>::UnknownPool
		);
		assert_ok!(Pools::open_offering(RuntimeOrigin::signed(SPONSOR), id));
		System::assert_last_event(Event::OfferingOpened { pool_id: id }.into());
		assert_eq!(crate::Pools::<Test>::get(id).unwrap().status, PoolStatus::Offering);
		assert_noop!(
			Pools::open_offering(RuntimeOrigin::signed(SPONSOR), id),
			Error::<Test>::NotStructuring
		);
		// Loans still come in during the offering, not after it.
		add_loan(1, BANK, SERVICER);
		assert_ok!(contribute(BANK, id, &[1]));
		abs_test_utils::set_today(TODAY + 31);
		add_loan(2, BANK, SERVICER);
		assert_noop!(contribute(BANK, id, &[2]), Error::<Test>::OfferingClosed);
	});
}

#[test]
fn a_cancelled_pool_frees_its_loans_at_once_and_entries_are_released_one_by_one() {
	build_and_execute(|| {
		let id = create();
		for l in 0..3 {
			add_loan(l, BANK, SERVICER);
		}
		assert_ok!(contribute(BANK, id, &[0, 1, 2]));
		assert!(Pools::is_pledged(1));
		assert_noop!(Pools::cancel(RuntimeOrigin::signed(BANK), id), Error::<Test>::NotPoolSponsor);
		assert_noop!(
			Pools::release(RuntimeOrigin::signed(NOBODY), id, 1),
			Error::<Test>::NotCancelled
		);
		assert_ok!(Pools::cancel(RuntimeOrigin::signed(SPONSOR), id));
		System::assert_last_event(Event::PoolCancelled { pool_id: id }.into());
		// No loan is pledged any more, though the entries remain until released.
		assert!(!(0..3).any(Pools::is_pledged));
		assert_eq!(crate::Pools::<Test>::get(id).unwrap().loans, 3);
		assert_noop!(Pools::cancel(RuntimeOrigin::signed(SPONSOR), id), Error::<Test>::PoolNotOpen);
		assert_noop!(contribute(BANK, id, &[0]), Error::<Test>::PoolNotOpen);
		assert_noop!(
			Pools::withdraw(RuntimeOrigin::signed(BANK), id, 0),
			Error::<Test>::PoolNotOpen
		);
		// The freed loans may go to another pool before their old entries are released: the
		// contribution releases the old entry.
		let other = create();
		assert_ok!(contribute(BANK, other, &[0]));
		System::assert_has_event(Event::LoanReleased { pool_id: id, loan_id: 0 }.into());
		assert_eq!(crate::Pools::<Test>::get(id).unwrap().loans, 2);
		assert_ok!(Pools::release(RuntimeOrigin::signed(NOBODY), id, 1));
		System::assert_last_event(Event::LoanReleased { pool_id: id, loan_id: 1 }.into());
		assert_noop!(
			Pools::release(RuntimeOrigin::signed(NOBODY), id, 1),
			Error::<Test>::NotInPool
		);
		assert_eq!(crate::Pools::<Test>::get(id).unwrap().loans, 1);
		// The old pool has no entry for the loan now in another pool; that pledge stays.
		assert_noop!(
			Pools::release(RuntimeOrigin::signed(NOBODY), id, 0),
			Error::<Test>::NotInPool
		);
		assert_eq!(LoanPools::<Test>::get(0).map(|e| e.pool), Some(other));
		assert!(Pools::is_pledged(0));
	});
}
