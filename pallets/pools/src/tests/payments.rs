//! Payment dates: the waterfall run on the period's end, holders' claims through the
//! distribution indices (also across a transfer), the reserve, triggers that switch the deal
//! to sequential and back, events of default, losses written down junior first and cured from
//! excess spread. Every expected figure is worked out in the comments from the deal's terms
//! (30/360, half up), not by the pallet's or the finance engine's arithmetic.

use super::{closing::receipt, *};
use crate::{
	Accruals, CashSource, DealSpec, DealStates, DealStatus, Deals, PayStep, PaymentReports,
	Performances, ReserveSpec, TrancheSpec, Tranches, Trigger, TriggerKind,
};
use abs_primitives::{DealNotice, DefaultReason, LoanStatus, NoticeKind, NoticeSubject};
use abs_traits::{LoanChange, LoanObserver};
use frame_support::traits::{
	fungibles::{Inspect, Mutate},
	Hooks,
};
use sp_runtime::{Perbill, Perquintill};

pub(super) const U: u128 = 1_000_000; // one USDA
/// 2027-02-01: the pool closes on it.
pub(super) const CLOSING: u32 = TODAY + 31;
/// 2027-02-25 (24 days of 30/360 after closing), 2027-03-25, 2027-04-25, 2027-05-25.
pub(super) const PAY1: u32 = TODAY + 55;
pub(super) const PAY2: u32 = PAY1 + 28;
pub(super) const PAY3: u32 = PAY2 + 31;
pub(super) const PAY4: u32 = PAY3 + 30;

/// Faces that divide 10¹⁸ (so that the per-unit index is exact): senior 80,000 at 4 %,
/// mezzanine 12,500 at 7 %, residual 5,000; 5 bps trustee fee; a 50 % price.
fn deal_spec() -> PoolSpec<u64> {
	let mut s = spec();
	s.price = Perquintill::from_percent(50);
	s.tranches = BoundedVec::truncate_from(vec![
		TrancheSpec {
			face: 80_000 * U,
			coupon: Some(SIX_PERCENT * 2 / 3),
			final_maturity: TODAY + 2_000,
		},
		TrancheSpec {
			face: 12_500 * U,
			coupon: Some(SIX_PERCENT * 7 / 6),
			final_maturity: TODAY + 2_100,
		},
		TrancheSpec { face: 5_000 * U, coupon: None, final_maturity: TODAY + 2_100 },
	]);
	s
}

fn step_i(k: u8, reserve: bool) -> PayStep {
	PayStep::Interest {
		source: CashSource::Interest,
		tranches: BoundedVec::truncate_from(vec![k]),
		reserve,
	}
}

/// The pool's default deal with a 2,500 reserve floor (no share) and `triggers`.
pub(super) fn deal(triggers: Vec<Trigger>, senior_reserve: bool) -> DealSpec {
	let mut d = Pools::default_deal(&deal_spec());
	d.reserve = ReserveSpec { share: Perbill::zero(), floor: 2_500 * U };
	d.triggers = BoundedVec::truncate_from(triggers);
	if !senior_reserve {
		d.normal[1] = step_i(0, false);
		d.sequential[1] = step_i(0, false);
	}
	d
}

/// Loans 0 and 1 (95,000 each) sold at 50 %: the investor and the second investor take 40,000
/// of the senior each, the investor the mezzanine, the sponsor the residual. Proceeds 97,500,
/// the sellers paid 95,000: 2,500 stays as the reserve. Closed on [`CLOSING`], every allocation
/// claimed.
pub(super) fn closed_with(d: DealSpec) -> PoolId {
	let id = NextPoolId::<Test>::get();
	assert_ok!(Pools::create_pool(RuntimeOrigin::signed(SPONSOR), deal_spec()));
	add_loan(0, BANK, SERVICER);
	add_loan(1, BANK2, SERVICER);
	assert_ok!(contribute(BANK, id, &[0]));
	assert_ok!(contribute(BANK2, id, &[1]));
	assert_ok!(Pools::set_deal(RuntimeOrigin::signed(SPONSOR), id, d));
	abs_test_utils::set_today(TODAY + 1);
	assert_ok!(Pools::open_offering(RuntimeOrigin::signed(SPONSOR), id));
	for (who, k, amount) in [
		(INVESTOR, 0, 40_000u128),
		(INVESTOR2, 0, 40_000),
		(INVESTOR, 1, 12_500),
		(SPONSOR, 2, 5_000),
	] {
		assert_ok!(Pools::subscribe(RuntimeOrigin::signed(who), id, k, amount.saturating_mul(U)));
	}
	abs_test_utils::set_today(CLOSING);
	assert_ok!(Pools::close(RuntimeOrigin::signed(TRUSTEE), id));
	for (who, k) in [(INVESTOR, 0), (INVESTOR2, 0), (INVESTOR, 1), (SPONSOR, 2)] {
		assert_ok!(Pools::claim_allocation(RuntimeOrigin::signed(TRUSTEE), id, k, who));
	}
	assert_eq!(DealStates::<Test>::get(id).unwrap().reserve, 2_500 * U);
	id
}

/// A payment told by servicing, its cash moved into the pool's account.
pub(super) fn pay(
	id: PoolId,
	loan: LoanId,
	day: u32,
	principal: u128,
	interest: u128,
	before: u128,
) {
	assert_ok!(<Assets as Mutate<u64>>::mint_into(
		USD,
		&Pools::account_of(id),
		principal.saturating_add(interest)
	));
	<Pools as LoanObserver>::on_change(loan, &receipt(day, principal, interest, before));
}

pub(super) fn hook_on(day: u32) {
	abs_test_utils::set_today(day);
	Pools::on_poll(1, &mut frame_support::weights::WeightMeter::new());
}

pub(super) fn usd(who: u64) -> u128 {
	<Assets as Inspect<u64>>::balance(USD, &who)
}

fn claim(who: u64, id: PoolId, k: u8) -> u128 {
	let before = usd(who);
	assert_ok!(Pools::claim_distribution(RuntimeOrigin::signed(who), id, k));
	usd(who).saturating_sub(before)
}

#[test]
fn a_payment_date_pays_the_fee_interest_and_principal_and_each_holder_claims_its_share() {
	build_and_execute(|| {
		let id = closed_with(deal(vec![], true));
		let trustee = usd(TRUSTEE);
		// Period 0 (24 days): loan 0 pays 1,000 of principal and 475 of interest.
		pay(id, 0, CLOSING + 3, 1_000 * U, 475 * U, 95_000 * U);
		hook_on(PAY1);
		let r = PaymentReports::<Test>::get(id, 0).unwrap();
		// Fee: 190,000 × 5 bps × 24 ÷ 360 = 6.333333(3) → 6,333,333.
		// Senior: 80,000 × 4 % × 24 ÷ 360 = 213.333333(3) → 213,333,333.
		// Mezzanine: 12,500 × 7 % × 24 ÷ 360 = 58.333333(3) → 58,333,333.
		// Residual: 475,000,000 − 6,333,333 − 213,333,333 − 58,333,333 = 197,000,001.
		assert_eq!(r.fees_paid, 6_333_333);
		assert_eq!(usd(TRUSTEE) - trustee, 6_333_333);
		let t = &r.tranches;
		assert_eq!((t[0].interest_due, t[0].interest_paid), (213_333_333, 213_333_333));
		assert_eq!((t[1].interest_due, t[1].interest_paid), (58_333_333, 58_333_333));
		assert_eq!(r.residual_paid, 197_000_001);
		// Principal sequentially: the senior 1,000 → 79,000 (factor 0.9875).
		assert_eq!((t[0].principal_paid, t[0].closing), (1_000 * U, 79_000 * U));
		assert_eq!(t[0].factor_ppb, 987_500_000);
		assert_eq!(
			(r.reserve, r.reserve_target, r.status_after),
			(2_500 * U, 2_500 * U, DealStatus::Normal)
		);
		assert_eq!(Tranches::<Test>::get((id, 0)).unwrap().outstanding(), 79_000 * U);
		System::assert_has_event(
			Event::PaymentDateRun {
				pool_id: id,
				index: 0,
				day: PAY1,
				interest: 475 * U,
				principal: 1_000 * U,
				fees: 6_333_333,
				distributed: 475 * U - 6_333_333 + 1_000 * U,
			}
			.into(),
		);
		// Each senior holder has half: (213,333,333 + 1,000,000,000) ÷ 2 = 606,666,666.5 →
		// 606,666,666; the investor's mezzanine all of 58,333,333; the sponsor's residual all.
		assert_eq!(Pools::claimable(&INVESTOR, id, 0), Some((106_666_666, 500_000_000)));
		assert_eq!(claim(INVESTOR, id, 0), 606_666_666);
		assert_eq!(claim(INVESTOR, id, 1), 58_333_333);
		assert_eq!(claim(SPONSOR, id, 2), 197_000_001);
		assert_noop!(
			Pools::claim_distribution(RuntimeOrigin::signed(INVESTOR), id, 1),
			Error::<Test>::NothingToClaim
		);

		// Between the dates the investor sells 10,000 senior units to the second investor.
		assert_ok!(Pools::transfer_tranche(
			RuntimeOrigin::signed(INVESTOR),
			id,
			0,
			INVESTOR2,
			10_000 * U
		));
		// Period 1 (30 days): loan 0 pays 1,000 and 470.
		pay(id, 0, PAY1 + 5, 1_000 * U, 470 * U, 94_000 * U);
		hook_on(PAY2);
		let r = PaymentReports::<Test>::get(id, 1).unwrap();
		// Fee: 189,000 × 5 bps × 30 ÷ 360 = 7.875. Senior: 79,000 × 4 % ÷ 12 = 263.333333(3).
		// Mezzanine: 12,500 × 7 % ÷ 12 = 72.916666(6) → 72,916,667.
		assert_eq!(r.fees_paid, 7_875_000);
		assert_eq!(
			(r.tranches[0].interest_paid, r.tranches[1].interest_paid),
			(263_333_333, 72_916_667)
		);
		assert_eq!(r.residual_paid, 470 * U - 7_875_000 - 263_333_333 - 72_916_667);
		// The senior paid 1,213,333,333 then 1,263,333,333. The investor held 40,000 then
		// 30,000 of 80,000: ⌊(4 × 1,213,333,333 + 3 × 1,263,333,333) ÷ 8⌋ = 1,080,416,666, of
		// which it claimed 606,666,666. The second investor held 40,000 then 50,000:
		// ⌊(4 × 1,213,333,333 + 5 × 1,263,333,333) ÷ 8⌋ = 1,396,249,999.
		assert_eq!(claim(INVESTOR, id, 0), 1_080_416_666 - 606_666_666);
		assert_eq!(claim(INVESTOR2, id, 0), 1_396_249_999);
		// 1,213,333,333 + 1,263,333,333 − 1,080,416,666 − 1,396,249,999 = 1: the unit the
		// floors kept back stays credited and unclaimed.
		let t = Tranches::<Test>::get((id, 0)).unwrap();
		assert_eq!(t.distributed - t.claimed_cash, 1);
		// The accruals of both holders are kept; the pool account holds the deal's cash.
		assert!(Accruals::<Test>::contains_key((id, 0), INVESTOR2));
	});
}

#[test]
fn the_reserve_pays_the_seniors_shortfall_and_the_junior_interest_is_carried() {
	build_and_execute(|| {
		let id = closed_with(deal(vec![], true));
		// Nothing collected in period 0: the fee goes unpaid (carried), the reserve pays the
		// senior's 213,333,333, the mezzanine's 58,333,333 is carried.
		hook_on(PAY1);
		let r = PaymentReports::<Test>::get(id, 0).unwrap();
		assert_eq!((r.fees_paid, r.reserve_drawn), (0, 213_333_333));
		assert_eq!(r.tranches[1].shortfall, 58_333_333);
		assert!(!r.event_of_default);
		// Period 1 (30 days): 1,000 of interest. The fee and its carry, the senior on 80,000
		// (80,000 × 4 % ÷ 12 = 266.666666(6) → 266,666,667), the mezzanine 72,916,667 and its
		// 58,333,333 carried; the reserve topped up to its 2,500 floor; the rest to the residual.
		pay(id, 0, PAY1 + 5, 0, 1_000 * U, 95_000 * U);
		hook_on(PAY2);
		let r = PaymentReports::<Test>::get(id, 1).unwrap();
		// Fee: 190,000 × 5 bps ÷ 12 = 7.916666(6) → 7,916,667, plus 6,333,333 carried.
		assert_eq!(r.fees_paid, 7_916_667 + 6_333_333);
		assert_eq!(r.tranches[0].interest_paid, 266_666_667);
		assert_eq!(r.tranches[1].interest_paid, 72_916_667 + 58_333_333);
		assert_eq!(r.tranches[1].shortfall, 0);
		assert_eq!(r.reserve_funded, 213_333_333);
		assert_eq!(r.reserve, 2_500 * U);
		let left = 1_000 * U - 14_250_000 - 266_666_667 - 131_250_000 - 213_333_333;
		assert_eq!(r.residual_paid, left);
	});
}

#[test]
fn the_senior_interest_unpaid_is_an_event_of_default_that_accelerates_the_deal() {
	build_and_execute(|| {
		let id = closed_with(deal(vec![], false));
		abs_test_utils::take_notices();
		hook_on(PAY1);
		let r = PaymentReports::<Test>::get(id, 0).unwrap();
		assert!(r.event_of_default);
		assert_eq!(r.status_after, DealStatus::Accelerated);
		let reason = DefaultReason::SeniorInterestUnpaid { tranche: 0, shortfall: 213_333_333 };
		System::assert_has_event(Event::EventOfDefault { pool_id: id, reason }.into());
		System::assert_has_event(
			Event::DealStatusChanged {
				pool_id: id,
				from: DealStatus::Normal,
				to: DealStatus::Accelerated,
			}
			.into(),
		);
		let notices = abs_test_utils::take_notices();
		assert!(notices.iter().any(|n| n.0 == NoticeSubject::Pool(id)
			&& n.2 == NoticeKind::Deal(DealNotice::EventOfDefault(reason))));
		// From now on the accelerated waterfall runs, and never returns to normal.
		pay(id, 0, PAY1 + 5, 0, 1_000 * U, 95_000 * U);
		hook_on(PAY2);
		let r = PaymentReports::<Test>::get(id, 1).unwrap();
		assert_eq!((r.status, r.status_after), (DealStatus::Accelerated, DealStatus::Accelerated));
		assert!(!r.event_of_default);
		assert_eq!(DealStates::<Test>::get(id).unwrap().status, DealStatus::Accelerated);
	});
}

#[test]
fn a_delinquency_breach_switches_to_sequential_with_a_notice_and_a_cure_switches_back() {
	build_and_execute(|| {
		let trig = Trigger {
			kind: TriggerKind::Delinquency60 { max: Perbill::from_percent(10) },
			curable: true,
		};
		let id = closed_with(deal(vec![trig], true));
		pay(id, 0, CLOSING + 3, 0, 475 * U, 95_000 * U);
		// Loan 1 is 60+ days past due at the first payment date: 95,000 of 190,000 = 50 %.
		let late = LoanChange {
			bucket_after: 3,
			status_after: LoanStatus::Delinquent(3),
			..receipt(CLOSING + 10, 0, 0, 95_000 * U)
		};
		<Pools as LoanObserver>::on_change(1, &late);
		abs_test_utils::take_notices();
		hook_on(PAY1);
		let r = PaymentReports::<Test>::get(id, 0).unwrap();
		assert_eq!((r.triggers[0].value_ppb, r.triggers[0].breached), (500_000_000, true));
		assert_eq!(r.status_after, DealStatus::Sequential);
		System::assert_has_event(
			Event::TriggerChanged {
				pool_id: id,
				trigger: 0,
				breached: true,
				value_ppb: 500_000_000,
				limit_ppb: 100_000_000,
			}
			.into(),
		);
		let notices = abs_test_utils::take_notices();
		assert!(notices.iter().any(|n| n.2
			== NoticeKind::Deal(DealNotice::TriggerBreached {
				trigger: 0,
				value_ppb: 500_000_000,
				limit_ppb: 100_000_000
			})));
		// Cured in period 1: the average of the last dates is 50 %, 25 %, 16.7 %, then 0.
		let cured = LoanChange {
			bucket_before: 3,
			status_before: LoanStatus::Delinquent(3),
			..receipt(PAY1 + 2, 0, 0, 95_000 * U)
		};
		<Pools as LoanObserver>::on_change(1, &cured);
		hook_on(PAY2);
		assert_eq!(PaymentReports::<Test>::get(id, 1).unwrap().triggers[0].value_ppb, 250_000_000);
		hook_on(PAY3);
		assert_eq!(PaymentReports::<Test>::get(id, 2).unwrap().triggers[0].value_ppb, 166_666_666);
		assert_eq!(DealStates::<Test>::get(id).unwrap().status, DealStatus::Sequential);
		hook_on(PAY4);
		let r = PaymentReports::<Test>::get(id, 3).unwrap();
		assert_eq!((r.triggers[0].value_ppb, r.triggers[0].breached), (0, false));
		assert_eq!((r.status, r.status_after), (DealStatus::Sequential, DealStatus::Normal));
	});
}

#[test]
fn a_default_writes_down_the_junior_tranches_first_and_excess_spread_cures_the_senior() {
	build_and_execute(|| {
		let id = closed_with(deal(vec![], true));
		pay(id, 0, CLOSING + 3, 1_000 * U, 475 * U, 95_000 * U);
		// Loan 1 defaults with 95,000 outstanding: the residual (5,000) and the mezzanine
		// (12,500) are written off, the senior written down by 77,500 to 2,500.
		let default = LoanChange {
			bucket_after: 4,
			status_after: LoanStatus::Defaulted,
			..receipt(CLOSING + 10, 0, 0, 95_000 * U)
		};
		<Pools as LoanObserver>::on_change(1, &default);
		hook_on(PAY1);
		let r = PaymentReports::<Test>::get(id, 0).unwrap();
		let t = &r.tranches;
		assert_eq!(r.losses, 95_000 * U);
		assert_eq!(
			(t[2].written_down, t[1].written_down, t[0].written_down),
			(5_000 * U, 12_500 * U, 77_500 * U)
		);
		// The dues are on the outstanding at the period's start: 213,333,333 and 58,333,333
		// paid; the excess spread 197,000,001 writes the senior back up, then the 1,000 of
		// principal collected cures 1,000 more (the default deal cures from principal
		// proceeds too), and both are paid to it as principal:
		// 2,500 + 1,197.000001 − 1,197.000001 = 2,500.
		assert_eq!((t[0].interest_paid, t[1].interest_paid), (213_333_333, 58_333_333));
		assert_eq!(t[0].written_up, 1_000 * U + 197_000_001);
		assert_eq!(t[0].principal_paid, 1_000 * U + 197_000_001);
		assert_eq!(t[0].closing, 2_500 * U);
		assert_eq!((t[1].closing, t[2].closing), (0, 0));
		assert_eq!(r.residual_paid, 0);
		assert_eq!(r.deficiency, 5_000 * U + 12_500 * U + 77_500 * U - 1_197_000_001);
	});
}

#[test]
fn a_deal_is_validated_whole_and_set_only_by_the_sponsor_while_structuring() {
	build_and_execute(|| {
		let id = create();
		let good = Pools::default_deal(&spec());
		let mut bad = good.clone();
		bad.normal.truncate(bad.normal.len() - 2);
		assert_noop!(
			Pools::set_deal(RuntimeOrigin::signed(SPONSOR), id, bad),
			Error::<Test>::ResidualNotLast
		);
		let mut bad = good.clone();
		bad.sequential[1] = step_i(5, false);
		assert_noop!(
			Pools::set_deal(RuntimeOrigin::signed(SPONSOR), id, bad),
			Error::<Test>::WaterfallUnknownTranche
		);
		let mut bad = good.clone();
		bad.accelerated =
			BoundedVec::truncate_from(vec![PayStep::Residual { source: CashSource::Interest }]);
		assert_noop!(
			Pools::set_deal(RuntimeOrigin::signed(SPONSOR), id, bad),
			Error::<Test>::TrancheWithoutInterest
		);
		let mut bad = good.clone();
		let oc = PayStep::OcTest { source: CashSource::Interest, class: 0, min_ppb: 900_000_000 };
		bad.normal.try_insert(1, oc).unwrap();
		assert_noop!(
			Pools::set_deal(RuntimeOrigin::signed(SPONSOR), id, bad),
			Error::<Test>::InvalidTest
		);
		for kind in [
			TriggerKind::Overcollateralization { class: 2, min_ppb: 1_100_000_000 },
			TriggerKind::Overcollateralization { class: 0, min_ppb: 999_999_999 },
			TriggerKind::InterestCoverage { class: 0, min_ppb: 0 },
			TriggerKind::CumulativeLoss {
				curve: BoundedVec::truncate_from(vec![(1, Perbill::one())]),
			},
			TriggerKind::CumulativeLoss {
				curve: BoundedVec::truncate_from(vec![(0, Perbill::one()), (0, Perbill::one())]),
			},
			TriggerKind::Delinquency60 { max: Perbill::zero() },
		] {
			let mut bad = good.clone();
			bad.triggers = BoundedVec::truncate_from(vec![Trigger { kind, curable: true }]);
			assert_noop!(
				Pools::set_deal(RuntimeOrigin::signed(SPONSOR), id, bad),
				Error::<Test>::InvalidTrigger
			);
		}
		assert_noop!(
			Pools::set_deal(RuntimeOrigin::signed(TRUSTEE), id, good.clone()),
			Error::<Test>::NotPoolSponsor
		);
		assert_ok!(Pools::set_deal(RuntimeOrigin::signed(SPONSOR), id, good.clone()));
		System::assert_last_event(Event::DealSet { pool_id: id }.into());
		assert_eq!(Deals::<Test>::get(id), Some(good));
	});
}

#[test]
fn after_closing_the_deal_is_fixed_and_payment_dates_run_only_when_due() {
	build_and_execute(|| {
		let id = closed_with(deal(vec![], true));
		assert_noop!(
			Pools::set_deal(RuntimeOrigin::signed(SPONSOR), id, deal(vec![], false)),
			Error::<Test>::NotStructuring
		);
		assert_noop!(
			Pools::run_payment_date(RuntimeOrigin::signed(TRUSTEE), id),
			Error::<Test>::NoPaymentDue
		);
		abs_test_utils::set_today(PAY1);
		assert_noop!(
			Pools::run_payment_date(RuntimeOrigin::signed(INVESTOR), id),
			Error::<Test>::NotSponsorOrTrustee
		);
		// The hook has not run today: the trustee runs the date.
		assert_ok!(Pools::run_payment_date(RuntimeOrigin::signed(TRUSTEE), id));
		assert!(PaymentReports::<Test>::contains_key(id, 0));
		assert_eq!(Performances::<Test>::get(id).unwrap().period.index, 1);
		assert_noop!(
			Pools::claim_distribution(RuntimeOrigin::signed(BANK), id, 0),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn interest_coverage_is_measured_from_the_second_payment_date_on_collections_net_of_fees() {
	build_and_execute(|| {
		let ic = Trigger {
			kind: TriggerKind::InterestCoverage { class: 0, min_ppb: 2_000_000_000 },
			curable: true,
		};
		let id = closed_with(deal(vec![ic], true));
		pay(id, 0, CLOSING + 3, 1_000 * U, 475 * U, 95_000 * U);
		hook_on(PAY1);
		let r = PaymentReports::<Test>::get(id, 0).unwrap();
		assert!(r.triggers[0].skipped && !r.triggers[0].breached);
		pay(id, 0, PAY1 + 5, 1_000 * U, 470 * U, 94_000 * U);
		hook_on(PAY2);
		// (470 − 7.875 of fees) ÷ 263.333333 due on the senior = 1.754905…, below 200 %.
		let r = PaymentReports::<Test>::get(id, 1).unwrap();
		assert_eq!(r.triggers[0].value_ppb, 1_754_905_065);
		assert!(r.triggers[0].breached && !r.triggers[0].skipped);
		assert_eq!(r.status_after, DealStatus::Sequential);
	});
}

#[test]
fn the_deal_cannot_change_once_the_offering_is_open() {
	build_and_execute(|| {
		let id = create();
		add_loan(0, BANK, SERVICER);
		assert_ok!(contribute(BANK, id, &[0]));
		abs_test_utils::set_today(TODAY + 1);
		assert_ok!(Pools::open_offering(RuntimeOrigin::signed(SPONSOR), id));
		assert_noop!(
			Pools::set_deal(RuntimeOrigin::signed(SPONSOR), id, Pools::default_deal(&spec())),
			Error::<Test>::NotStructuring
		);
	});
}
