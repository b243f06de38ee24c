//! Servicing across pallets on the real runtime: a loan activated by the loans pallet starts
//! servicing; payments move the stablecoin to the owner and the servicer; the clock drives the
//! checkpoint hook, which changes the loan's status (and history) in the loans pallet; the
//! runtime API filters a block's notices per account.
// A test crate: the workspace's no-panic, checked-arithmetic policy is for runtime code.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use abs_finance::{Amortization, CalendarDate, DayCount, LateFee};
use abs_primitives::{
	Collateral, CollateralKind, CreditAssessment, LoanStatus, Role, Underwriting,
	STABLECOIN_ASSET_ID as USDA,
};
use abs_runtime::{Assets, Loans, Runtime, RuntimeOrigin, Servicing};
use common::{block_at, dev_ext, T0};
use frame_support::{assert_noop, assert_ok};
use pallet_servicing::NoticeKind;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Dave, Eve, Ferdie};

type AccountId = abs_primitives::AccountId;

/// 12,000 USDA at 12 % a year, interest-only, 3 months, 30/360: 120 USDA of interest a month,
/// of which 10 USDA servicing fee (100 bps a year on 12,000, a month).
const PRINCIPAL: u128 = 12_000_000_000;
const INTEREST: u128 = 120_000_000;
const FEE: u128 = 10_000_000;

/// What the runtime API's `notices` does: filter this block's events for `who`.
fn notices(who: &AccountId) -> Vec<NoticeKind> {
	let records = frame_system::Pallet::<Runtime>::read_events_no_consensus().collect::<Vec<_>>();
	let ours = records.iter().enumerate().filter_map(|(i, r)| match &r.event {
		abs_runtime::RuntimeEvent::Notices(e) => Some((i as u32, e)),
		_ => None,
	});
	abs_runtime::Notices::notices_for(&abs_primitives::Addressee::Account(who.clone()), ours)
		.into_iter()
		.map(|n| n.kind)
		.collect()
}

#[test]
fn a_loan_is_serviced_across_pallets() {
	dev_ext().execute_with(|| {
		block_at(1, T0);
		let today = <abs_runtime::Clock as abs_traits::Today>::today();
		let (bank, borrower, servicer, bureau) = (
			Bob.to_account_id(),
			Charlie.to_account_id(),
			Dave.to_account_id(),
			Eve.to_account_id(),
		);
		for (who, role) in [
			(&bank, Role::Originator),
			(&borrower, Role::Borrower),
			(&servicer, Role::Servicer),
			(&bureau, Role::CreditBureau),
		] {
			common::license(who, role);
		}
		let due1 = today + 31;
		let terms = pallet_loans::LoanTerms {
			principal: PRINCIPAL,
			asset: USDA,
			annual_rate: 120_000_000_000_000_000,
			periods: 3,
			amortization: Amortization::InterestOnly,
			day_count: DayCount::Thirty360,
			first_due: CalendarDate::from_day_number(due1),
			grace_days: 3,
			late_fee: LateFee::Fixed(7_000_000),
			default_threshold_days: 90,
			servicing_fee_bps: 100,
		};
		assert_ok!(Loans::propose(
			RuntimeOrigin::signed(bank.clone()),
			borrower.clone(),
			H256::repeat_byte(1),
			terms,
			Collateral {
				kind: CollateralKind::Vehicle,
				identifier_hash: H256::zero(),
				appraised_value: 15_000_000_000,
				appraisal_day: today,
			},
			Underwriting {
				credit: CreditAssessment::Score(abs_primitives::ScoreBand::From660To719),
				dti: abs_primitives::DtiBand::From20To30,
				income_verified: true
			},
			Default::default(),
			Some(servicer.clone()),
			10,
		));
		let hash = pallet_loans::Loans::<Runtime>::get(0).unwrap().terms_hash;
		assert_ok!(Loans::accept(RuntimeOrigin::signed(borrower.clone()), 0, hash));
		let s = pallet_servicing::States::<Runtime>::get(0).expect("servicing started");
		assert_eq!(s.next_checkpoint, Some(due1 + 1));
		assert_eq!(pallet_servicing::Books::<Runtime>::get(0).unwrap().installments.len(), 3);
		assert_ok!(Servicing::follow_originator(
			RuntimeOrigin::signed(bureau.clone()),
			bank.clone()
		));
		assert_noop!(
			Servicing::follow_loan(RuntimeOrigin::signed(Ferdie.to_account_id()), 0),
			pallet_servicing::Error::<Runtime>::NotCreditBureau
		);

		// Day length is 1 s on dev: block n at T0 + k s is day today + k.
		block_at(2, T0 + 31_000);
		assert_eq!(<abs_runtime::Clock as abs_traits::Today>::today(), due1);
		let (bank0, servicer0) = (Assets::balance(USDA, &bank), Assets::balance(USDA, &servicer));
		assert_ok!(Servicing::pay(RuntimeOrigin::signed(borrower.clone()), 0, INTEREST));
		assert_eq!(Assets::balance(USDA, &bank) - bank0, INTEREST - FEE);
		assert_eq!(Assets::balance(USDA, &servicer) - servicer0, FEE);

		// The second installment (a month later) is missed: the change lands in the first block
		// dated the day after it (before the fix, in the block after that one: the hook ran in
		// `on_initialize`, before the block's timestamp moved the clock).
		let due2 =
			CalendarDate::from_day_number(due1).add_months(1).unwrap().to_day_number().unwrap();
		let k = u64::from(due2 + 1 - today);
		block_at(3, T0 + (k - 1) * 1_000);
		assert_eq!(<abs_runtime::Clock as abs_traits::Today>::today(), due2);
		assert_eq!(pallet_loans::Loans::<Runtime>::get(0).unwrap().status, LoanStatus::Active);
		frame_system::Pallet::<Runtime>::reset_events();
		block_at(4, T0 + k * 1_000);
		assert_eq!(<abs_runtime::Clock as abs_traits::Today>::today(), due2 + 1);
		assert_eq!(
			pallet_loans::Loans::<Runtime>::get(0).unwrap().status,
			LoanStatus::Delinquent(1)
		);
		let expected = vec![NoticeKind::BucketChanged { from: 0, to: 1, dpd: 1 }];
		assert_eq!(notices(&borrower), expected);
		assert_eq!(notices(&bank), expected);
		assert_eq!(notices(&servicer), expected);
		assert_eq!(notices(&bureau), expected, "follows the originator");
		assert!(notices(&Ferdie.to_account_id()).is_empty());
		let history = pallet_loans::Pallet::<Runtime>::history(0, 0, 10);
		assert_eq!(
			history.last().unwrap().action,
			pallet_loans::LoanAction::StatusChanged(LoanStatus::Delinquent(1))
		);

		// The payoff closes the loan: PaidOff in the loans pallet.
		let day = <abs_runtime::Clock as abs_traits::Today>::today();
		let payoff = Servicing::payoff_on(0, day).unwrap();
		assert_ok!(Servicing::pay(RuntimeOrigin::signed(borrower.clone()), 0, payoff));
		assert_eq!(pallet_loans::Loans::<Runtime>::get(0).unwrap().status, LoanStatus::PaidOff);
		let view = pallet_servicing::States::<Runtime>::get(0).unwrap();
		assert_eq!(view.paid, INTEREST + payoff);
		assert_eq!(view.to_owner + view.to_servicer, view.paid);
		Servicing::do_try_state().unwrap();
		Loans::do_try_state().unwrap();
	});
}
