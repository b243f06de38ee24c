//! Pools on the real runtime: a bank's loan (real loans and servicing pallets) is contributed
//! to a sponsor's pool, its position read from its servicing book; pledged, it keeps its owner
//! and servicer; withdrawn, it is free again.
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
	Collateral, CollateralKind, CreditAssessment, DtiBand, Role, ScoreBand, Underwriting,
	STABLECOIN_ASSET_ID as USDA,
};
use abs_runtime::{Assets, Loans, Pools, Runtime, RuntimeCall, RuntimeOrigin, Servicing};
use common::{block_at, dev_ext, T0};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use pallet_pools::{Eligibility, PoolSpec, TrancheSpec};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{Perbill, Perquintill};

const PRINCIPAL: u128 = 12_000_000_000;
const RATE: u64 = 90_000_000_000_000_000; // 9 %

#[test]
fn a_contributed_loan_is_pledged_until_withdrawn() {
	dev_ext().execute_with(|| {
		block_at(1, T0);
		let today = <abs_runtime::Clock as abs_traits::Today>::today();
		let [bank, _borrower, servicer, sponsor, trustee, _investor] = parties();
		originate(today);
		assert_ok!(Pools::create_pool(
			RuntimeOrigin::signed(sponsor.clone()),
			spec(today, &trustee, &servicer, 10_000_000_000)
		));
		// The servicing book says 24 installments left, none late, the whole principal out.
		assert_ok!(Pools::contribute(
			RuntimeOrigin::signed(bank.clone()),
			0,
			BoundedVec::truncate_from(vec![0])
		));
		let entry = pallet_pools::PoolLoans::<Runtime>::get(0, 0).unwrap();
		assert_eq!((entry.seller, entry.principal), (bank.clone(), PRINCIPAL));
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(bank.clone()), 0, sponsor.clone()),
			pallet_loans::Error::<Runtime>::LoanEncumbered
		);
		assert_noop!(
			Loans::appoint_servicer(RuntimeOrigin::signed(bank.clone()), 0, bank.clone()),
			pallet_loans::Error::<Runtime>::LoanEncumbered
		);
		assert_ok!(Pools::withdraw(RuntimeOrigin::signed(bank.clone()), 0, 0));
		assert_ok!(Loans::transfer_ownership(RuntimeOrigin::signed(bank), 0, sponsor));
		// Each pool has its own keyless account.
		assert_ne!(Pools::account_of(0), Pools::account_of(1));
		Pools::do_try_state().unwrap();
	});
}

/// The pool's spec of these tests: senior 10,000 at 4.5 %, residual 2,000, price 100 %, a
/// deposit of `deposit`, offering from today to day +30, cut-off today.
fn spec(
	today: u32,
	trustee: &abs_runtime::AccountId,
	servicer: &abs_runtime::AccountId,
	deposit: u128,
) -> PoolSpec<abs_runtime::AccountId> {
	PoolSpec {
		asset: USDA,
		trustee: trustee.clone(),
		servicer: servicer.clone(),
		cut_off: today,
		offering_opens: today,
		offering_closes: today + 30,
		payment_day: 25,
		clean_up: Perbill::from_percent(10),
		eligibility: Eligibility {
			min_remaining_installments: 12,
			max_remaining_installments: 360,
			min_rate: RATE / 2,
			max_rate: RATE * 2,
			max_principal: 50_000_000_000,
			collateral_kinds: BoundedVec::truncate_from(vec![CollateralKind::Vehicle]),
			min_score_band: Some(ScoreBand::From660To719),
			max_dti_band: Some(DtiBand::From36To43),
			max_originator_share: Perbill::one(),
		},
		trustee_fee_bps: 5,
		price: Perquintill::one(),
		sponsor_deposit: deposit,
		tranches: BoundedVec::truncate_from(vec![
			TrancheSpec {
				face: 10_000_000_000,
				coupon: Some(RATE / 2),
				final_maturity: today + 900,
			},
			TrancheSpec { face: 2_000_000_000, coupon: None, final_maturity: today + 900 },
		]),
	}
}

/// The bank, borrower, servicer, sponsor, trustee and investor, licensed.
fn parties() -> [abs_runtime::AccountId; 6] {
	let accounts = [Bob, Charlie, Dave, Eve, Ferdie, Alice].map(|k| k.to_account_id());
	let roles = [
		Role::Originator,
		Role::Borrower,
		Role::Servicer,
		Role::Sponsor,
		Role::Trustee,
		Role::Investor,
	];
	for (who, role) in accounts.iter().zip(roles) {
		common::license(who, role);
	}
	accounts
}

/// The bank's 12,000 loan 0 to the borrower, serviced by the servicer, first due day +31.
fn originate(today: u32) {
	let (bank, borrower, servicer) =
		(Bob.to_account_id(), Charlie.to_account_id(), Dave.to_account_id());
	let terms = pallet_loans::LoanTerms {
		principal: PRINCIPAL,
		asset: USDA,
		annual_rate: RATE,
		periods: 24,
		amortization: Amortization::LevelAnnuity,
		day_count: DayCount::Thirty360,
		first_due: CalendarDate::from_day_number(today + 31),
		grace_days: 3,
		late_fee: LateFee::Fixed(7_000_000),
		default_threshold_days: 90,
		servicing_fee_bps: 50,
	};
	assert_ok!(Loans::propose(
		RuntimeOrigin::signed(bank),
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
			credit: CreditAssessment::Score(ScoreBand::From720To779),
			dti: DtiBand::From20To30,
			income_verified: true,
		},
		Default::default(),
		Some(servicer),
		10,
	));
	let hash = pallet_loans::Loans::<Runtime>::get(0).unwrap().terms_hash;
	assert_ok!(Loans::accept(RuntimeOrigin::signed(borrower), 0, hash));
}

#[test]
fn a_closed_pool_owns_its_loans_collects_their_payments_and_its_trustee_acts_for_it() {
	dev_ext().execute_with(|| {
		block_at(1, T0);
		let today = <abs_runtime::Clock as abs_traits::Today>::today();
		let [bank, borrower, servicer, sponsor, trustee, investor] = parties();
		originate(today);
		let usda = |who: &abs_runtime::AccountId| Assets::balance(USDA, who);
		assert_ok!(Pools::create_pool(
			RuntimeOrigin::signed(sponsor.clone()),
			spec(today, &trustee, &servicer, 1_000_000_000)
		));
		let pool = Pools::account_of(0);
		assert_ok!(Pools::contribute(
			RuntimeOrigin::signed(bank.clone()),
			0,
			BoundedVec::truncate_from(vec![0])
		));
		assert_ok!(Pools::open_offering(RuntimeOrigin::signed(sponsor.clone()), 0));
		assert_ok!(Pools::subscribe(RuntimeOrigin::signed(investor.clone()), 0, 0, 10_000_000_000));
		// The sponsor's first loss: the whole residual (2,000 ≥ 5 % of 12,000).
		assert_ok!(Pools::subscribe(RuntimeOrigin::signed(sponsor.clone()), 0, 1, 2_000_000_000));

		// Day +31 (1-second days on dev): the window is over; the trustee closes.
		block_at(2, T0 + 31_000);
		let bank0 = usda(&bank);
		assert_ok!(Pools::close(RuntimeOrigin::signed(trustee.clone()), 0));
		// The bank is paid the 12,000 outstanding at cut-off; the pool keeps the 1,000 deposit.
		assert_eq!(usda(&bank) - bank0, PRINCIPAL);
		assert_eq!(usda(&pool), 1_000_000_000 + 12_000_000_000 - PRINCIPAL);
		assert_eq!(<Loans as abs_traits::LoanInspect<_>>::loan(0).unwrap().owner, pool);
		assert_ok!(Pools::claim_allocation(
			RuntimeOrigin::signed(investor.clone()),
			0,
			0,
			investor.clone()
		));
		let senior = pallet_pools::Tranches::<Runtime>::get((0, 0)).unwrap();
		assert_eq!(abs_runtime::TrancheAssets::balance(senior.asset, &investor), 10_000_000_000);

		// Tranche tokens never move by the assets pallet's own calls.
		let direct = RuntimeCall::TrancheAssets(pallet_assets::Call::transfer {
			id: senior.asset.into(),
			target: sponsor.clone().into(),
			amount: 1,
		});
		let refused = sp_runtime::traits::Dispatchable::dispatch(
			direct,
			RuntimeOrigin::signed(investor.clone()),
		);
		assert_eq!(
			refused.map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
		// Nor to a non-investor through ours.
		assert_noop!(
			Pools::transfer_tranche(RuntimeOrigin::signed(investor.clone()), 0, 0, bank.clone(), 1),
			pallet_pools::Error::<Runtime>::ReceiverNotEligible
		);

		// The next block writes the ownership entry in the loan's history.
		block_at(3, T0 + 31_500);
		assert_eq!(pallet_loans::Loans::<Runtime>::get(0).unwrap().owner, pool);
		let history = pallet_loans::Pallet::<Runtime>::history(0, 0, 20);
		assert_eq!(history.last().unwrap().action, pallet_loans::LoanAction::OwnershipTransferred);
		assert_eq!(history.last().unwrap().actor, Some(trustee.clone()));
		// The bank can no longer transfer it.
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(bank.clone()), 0, sponsor.clone()),
			pallet_loans::Error::<Runtime>::NotOwner
		);

		// The borrower pays the first installment: the owner's part goes to the pool, and the
		// pool's collections move by what servicing recorded.
		let pool0 = usda(&pool);
		let payment = pallet_servicing::Books::<Runtime>::get(0).unwrap().payment;
		assert_ok!(Servicing::pay(RuntimeOrigin::signed(borrower.clone()), 0, payment));
		let record = pallet_servicing::Payments::<Runtime>::get(0, 0).unwrap();
		assert_eq!(usda(&pool) - pool0, record.to_owner);
		let perf = pallet_pools::Performances::<Runtime>::get(0).unwrap();
		assert_eq!(perf.cumulative_interest, record.interest - record.servicing_fee);
		assert_eq!(perf.cumulative_principal, record.principal);
		assert_eq!(perf.balance, PRINCIPAL - record.principal);
		assert_eq!(perf.cash, 1_000_000_000 + record.to_owner);

		// The trustee approves a restructuring for the pool (the bank no longer may).
		let terms = pallet_servicing::RestructureTerms {
			annual_rate: RATE / 2,
			periods: 30,
			amortization: Amortization::LevelAnnuity,
			day_count: DayCount::Thirty360,
			first_due: CalendarDate::from_day_number(today + 90),
		};
		assert_ok!(Servicing::propose_restructuring(RuntimeOrigin::signed(servicer), 0, terms));
		assert_noop!(
			Servicing::approve_restructuring(RuntimeOrigin::signed(bank), 0),
			pallet_servicing::Error::<Runtime>::NotOwnerOrBorrower
		);
		assert_ok!(Servicing::approve_restructuring(RuntimeOrigin::signed(trustee), 0));
		assert_ok!(Servicing::approve_restructuring(RuntimeOrigin::signed(borrower), 0));
		let perf = pallet_pools::Performances::<Runtime>::get(0).unwrap();
		assert_eq!(perf.balance, PRINCIPAL - record.principal, "restructured, still current");
		assert_eq!(perf.count_by_bucket[0], 1);
		Pools::do_try_state().unwrap();
		Servicing::do_try_state().unwrap();
		Loans::do_try_state().unwrap();
	});
}
