//! Recovery and restructuring across pallets on the real runtime: a loan defaults through the
//! servicing hook, the servicer orders enforcement, the agent acknowledges, an investor bids;
//! the borrower then pays the whole debt through servicing, which cancels the auction and
//! refunds the bid in the same extrinsic. A delinquent loan is restructured (status and
//! history in the loans pallet).
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
	Collateral, CollateralKind, CreditAssessment, LoanStatus, Role, Scope, Underwriting,
	STABLECOIN_ASSET_ID as USDA,
};
use abs_runtime::{Assets, Loans, Recovery, Roles, Runtime, RuntimeOrigin, Servicing};
use common::{block_at, dev_ext, T0};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Dave, Eve, Ferdie};

const U: u128 = 1_000_000;

/// Roles for the bank (Bob), borrower (Charlie), servicer (Dave), agent (Eve), investor
/// (Ferdie); a loan of 1,000 USDA, 12 % interest-only over 3 months, first due in 31 days,
/// grace 2 days, late fee 5 USDA, default at 5 dpd, collateral appraised 1,000 USDA.
fn loan() -> (u32, u64) {
	block_at(1, T0);
	let today = <abs_runtime::Clock as abs_traits::Today>::today();
	let root = RuntimeOrigin::root;
	for (k, role) in [
		(Bob, Role::Originator),
		(Charlie, Role::Borrower),
		(Dave, Role::Servicer),
		(Eve, Role::CollateralAgent),
		(Ferdie, Role::Investor),
	] {
		common::register(&k.to_account_id());
		assert_ok!(Roles::grant_role(
			root(),
			k.to_account_id(),
			role,
			Scope::Global,
			None,
			H256::zero()
		));
	}
	let terms = pallet_loans::LoanTerms {
		principal: 1_000 * U,
		asset: USDA,
		annual_rate: 120_000_000_000_000_000,
		periods: 3,
		amortization: Amortization::InterestOnly,
		day_count: DayCount::Thirty360,
		first_due: CalendarDate::from_day_number(today + 31),
		grace_days: 2,
		late_fee: LateFee::Fixed(5 * U),
		default_threshold_days: 5,
		servicing_fee_bps: 120,
	};
	assert_ok!(Loans::propose(
		RuntimeOrigin::signed(Bob.to_account_id()),
		Charlie.to_account_id(),
		H256::repeat_byte(1),
		terms,
		Collateral {
			kind: CollateralKind::Equipment,
			identifier_hash: H256::zero(),
			appraised_value: 1_000 * U,
			appraisal_day: today,
		},
		Underwriting {
			credit: CreditAssessment::Grade(9),
			dti: abs_primitives::DtiBand::From20To30,
			income_verified: true,
		},
		Default::default(),
		Some(Dave.to_account_id()),
		10,
	));
	let hash = pallet_loans::Loans::<Runtime>::get(0).unwrap().terms_hash;
	assert_ok!(Loans::accept(RuntimeOrigin::signed(Charlie.to_account_id()), 0, hash));
	(today, 0)
}

/// Blocks at one-second days: block `n` at day `today + k`, then two more within that day so
/// the hooks (≤ 32 days per block) catch up to it.
fn at_day(n: &mut u32, k: u64) {
	for ms in 0..3 {
		*n += 1;
		block_at(*n, T0 + k * 1_000 + ms);
	}
}

/// The servicer (Dave) orders enforcement of defaulted loan `id` from the agent (Eve), who
/// acknowledges; the investor (Ferdie) bids the reserve. Returns (reserve, Ferdie's balance
/// before the bid).
fn enforce_and_bid(id: u64) -> (u128, u128) {
	assert_ok!(Recovery::order_enforcement(
		RuntimeOrigin::signed(Dave.to_account_id()),
		id,
		Eve.to_account_id(),
		pallet_recovery::EnforcementAction::Immobilize
	));
	assert_ok!(Recovery::acknowledge(RuntimeOrigin::signed(Eve.to_account_id()), id));
	let reserve = pallet_recovery::Auctions::<Runtime>::get(id).unwrap().reserve;
	let investor0 = Assets::balance(USDA, Ferdie.to_account_id());
	assert_ok!(Recovery::bid(RuntimeOrigin::signed(Ferdie.to_account_id()), id, reserve));
	(reserve, investor0)
}

#[test]
fn a_payoff_through_servicing_cancels_the_auction_and_refunds_the_bid() {
	dev_ext().execute_with(|| {
		let (_, id) = loan();
		let mut n = 1;
		// Due on day 31; the late fee on day 34; default at 5 dpd on day 36.
		at_day(&mut n, 37);
		assert_eq!(pallet_loans::Loans::<Runtime>::get(id).unwrap().status, LoanStatus::Defaulted);
		// Debt: 1,000 + 10 of interest + 5 late fee.
		let debt = 1_015 * U;
		assert_eq!(Servicing::payoff_on(id, 37), Some(debt));
		let (reserve, investor0) = enforce_and_bid(id);
		assert_eq!(pallet_loans::Loans::<Runtime>::get(id).unwrap().status, LoanStatus::InRecovery);
		// The servicer's part of the debt: the late fee and the month's fee (1,000 × 1.2 % / 12).
		assert_eq!(pallet_recovery::Recoveries::<Runtime>::get(id).unwrap().servicer_fees, 6 * U);
		assert_eq!(reserve, 700 * U);
		assert_eq!(Assets::balance(USDA, Recovery::escrow_account()), reserve);
		// No restructuring once in recovery.
		assert_noop!(
			Servicing::propose_restructuring(
				RuntimeOrigin::signed(Dave.to_account_id()),
				id,
				pallet_servicing::RestructureTerms {
					annual_rate: 0,
					periods: 12,
					amortization: Amortization::LevelAnnuity,
					day_count: DayCount::Thirty360,
					first_due: CalendarDate::from_day_number(20_000 + 400),
				}
			),
			pallet_servicing::Error::<Runtime>::InRecovery
		);
		// The borrower pays the whole debt.
		let bank0 = Assets::balance(USDA, Bob.to_account_id());
		assert_ok!(Servicing::pay(RuntimeOrigin::signed(Charlie.to_account_id()), id, debt));
		assert_eq!(pallet_loans::Loans::<Runtime>::get(id).unwrap().status, LoanStatus::PaidOff);
		assert_eq!(Assets::balance(USDA, Ferdie.to_account_id()), investor0, "bid refunded");
		assert_eq!(Assets::balance(USDA, Recovery::escrow_account()), 0);
		assert_eq!(
			pallet_recovery::Recoveries::<Runtime>::get(id).unwrap().stage,
			pallet_recovery::Stage::Cancelled
		);
		assert!(pallet_recovery::Auctions::<Runtime>::get(id).is_none());
		// The owner gets the debt less the servicer's 6 USDA.
		assert_eq!(Assets::balance(USDA, Bob.to_account_id()) - bank0, debt - 6 * U);
		Servicing::do_try_state().unwrap();
		Recovery::do_try_state().unwrap();
		Loans::do_try_state().unwrap();
	});
}

#[test]
fn a_delinquent_loan_is_restructured() {
	dev_ext().execute_with(|| {
		let (today, id) = loan();
		let mut n = 1;
		at_day(&mut n, 35);
		assert_eq!(
			pallet_loans::Loans::<Runtime>::get(id).unwrap().status,
			LoanStatus::Delinquent(1)
		);
		let day = <abs_runtime::Clock as abs_traits::Today>::today();
		assert_ok!(Servicing::propose_restructuring(
			RuntimeOrigin::signed(Dave.to_account_id()),
			id,
			pallet_servicing::RestructureTerms {
				annual_rate: 0,
				periods: 10,
				amortization: Amortization::LevelAnnuity,
				day_count: DayCount::Thirty360,
				first_due: CalendarDate::from_day_number(today + 60),
			}
		));
		assert_ok!(Servicing::approve_restructuring(
			RuntimeOrigin::signed(Bob.to_account_id()),
			id
		));
		assert_ok!(Servicing::approve_restructuring(
			RuntimeOrigin::signed(Charlie.to_account_id()),
			id
		));
		// 1,000 + 10 interest + 5 late fee capitalized; at 0 %: ten installments of 101.5.
		let book = pallet_servicing::Books::<Runtime>::get(id).unwrap();
		assert!(book.installments.iter().all(|i| i.interest == 0 && i.principal == 101_500_000));
		assert_eq!(pallet_loans::Loans::<Runtime>::get(id).unwrap().status, LoanStatus::Active);
		assert_eq!(Servicing::due_on(id, day).unwrap().days_past_due, 0);
		let history = pallet_loans::Pallet::<Runtime>::history(id, 0, 20);
		assert_eq!(
			history.last().unwrap().action,
			pallet_loans::LoanAction::StatusChanged(LoanStatus::Active)
		);
		assert!(pallet_servicing::BookVersions::<Runtime>::get(id, 0).is_some());
		Servicing::do_try_state().unwrap();
	});
}

/// Review findings (issue 13, items 2 and 3) across loans, servicing and recovery: in recovery
/// the owner replaces the servicer; the new one records a payoff received off chain; the loan
/// stays InRecovery and the bid escrowed until the owner confirms; then it is PaidOff and the
/// bid refunded in the owner's extrinsic.
#[test]
fn a_new_servicer_in_recovery_and_an_offchain_payoff_confirmed_by_the_owner() {
	dev_ext().execute_with(|| {
		let (_, id) = loan();
		let mut n = 1;
		at_day(&mut n, 37);
		let (reserve, investor0) = enforce_and_bid(id);
		// The owner (Bob) replaces Dave with Alice while the loan is InRecovery.
		let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
		common::register(&alice);
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::root(),
			alice.clone(),
			Role::Servicer,
			Scope::Global,
			None,
			H256::zero()
		));
		assert_ok!(Loans::appoint_servicer(
			RuntimeOrigin::signed(Bob.to_account_id()),
			id,
			alice.clone()
		));
		// Dave no longer acts for the loan; Alice does.
		assert_noop!(
			Recovery::claim_cost(RuntimeOrigin::signed(Dave.to_account_id()), id, U, H256::zero()),
			pallet_recovery::Error::<Runtime>::NotClaimant
		);
		assert_ok!(Recovery::claim_cost(RuntimeOrigin::signed(alice.clone()), id, U, H256::zero()));
		// Alice records the payoff received off chain: held for the owner.
		let debt = 1_015 * U;
		assert_ok!(Servicing::record_offchain_payment(
			RuntimeOrigin::signed(alice.clone()),
			id,
			debt,
			H256::repeat_byte(7)
		));
		assert_eq!(pallet_loans::Loans::<Runtime>::get(id).unwrap().status, LoanStatus::InRecovery);
		assert_eq!(
			Assets::balance(USDA, Recovery::escrow_account()),
			reserve,
			"bid still escrowed"
		);
		assert_ok!(Servicing::confirm_offchain_payoff(
			RuntimeOrigin::signed(Bob.to_account_id()),
			id
		));
		assert_eq!(pallet_loans::Loans::<Runtime>::get(id).unwrap().status, LoanStatus::PaidOff);
		assert_eq!(Assets::balance(USDA, Ferdie.to_account_id()), investor0, "bid refunded");
		assert_eq!(
			pallet_recovery::Recoveries::<Runtime>::get(id).unwrap().stage,
			pallet_recovery::Stage::Cancelled
		);
		Servicing::do_try_state().unwrap();
		Recovery::do_try_state().unwrap();
		Loans::do_try_state().unwrap();
	});
}
