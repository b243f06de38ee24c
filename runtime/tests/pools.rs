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
		let entry = pallet_pools::LoanPools::<Runtime>::get(0).unwrap();
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
	originate_loan(0, PRINCIPAL, RATE, 24, today + 31);
}

/// The bank's loan `id` of `principal` at `rate` over `periods` months to the borrower,
/// serviced by the servicer, first due on `first_due`.
fn originate_loan(id: u64, principal: u128, rate: u64, periods: u32, first_due: u32) {
	let (bank, borrower, servicer) =
		(Bob.to_account_id(), Charlie.to_account_id(), Dave.to_account_id());
	let terms = pallet_loans::LoanTerms {
		principal,
		asset: USDA,
		annual_rate: rate,
		periods,
		amortization: Amortization::LevelAnnuity,
		day_count: DayCount::Thirty360,
		first_due: CalendarDate::from_day_number(first_due),
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
			appraised_value: principal + principal / 4,
			appraisal_day: <abs_runtime::Clock as abs_traits::Today>::today(),
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
	let hash = pallet_loans::Loans::<Runtime>::get(id).unwrap().terms_hash;
	assert_ok!(Loans::accept(RuntimeOrigin::signed(borrower), id, hash));
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

/// The scale of the issue: 10,000 loans contributed in batches of 100, closed, and one
/// servicing day on which 1,000 of them pay (100 with a prepayment). The pool's performance,
/// tables and rolled period equal a computation over the loans' own servicing books and
/// payment records — not the pool's counters.
#[test]
fn ten_thousand_loans_pooled_and_a_thousand_payments_match_the_loans() {
	use frame_support::traits::fungibles::Mutate;
	const N: u64 = 10_000;
	const U: u128 = 1_000_000;
	dev_ext().execute_with(|| {
		block_at(1, T0);
		let today = <abs_runtime::Clock as abs_traits::Today>::today();
		let [bank, borrower, servicer, sponsor, trustee, investor] = parties();
		let principal = |i: u64| (1_000 + u128::from((i * 37) % 4_000)) * U;
		let rate = |i: u64| 50_000_000_000_000_000 + (i % 9) * 10_000_000_000_000_000;
		let periods = |i: u64| 12 * (1 + (i % 5) as u32);
		let total: u128 = (0..N).map(principal).sum();
		assert_ok!(Assets::mint_into(USDA, &bank, total));
		for i in 0..N {
			originate_loan(i, principal(i), rate(i), periods(i), today + 40);
		}
		let mut s = spec(today, &trustee, &servicer, 0);
		s.payment_day = CalendarDate::from_day_number(today + 41).day;
		s.eligibility.max_principal = 5_000 * U;
		let senior = total * 4 / 5;
		s.tranches = BoundedVec::truncate_from(vec![
			TrancheSpec { face: senior, coupon: Some(RATE / 2), final_maturity: today + 2_000 },
			TrancheSpec { face: total - senior, coupon: None, final_maturity: today + 2_000 },
		]);
		assert_ok!(Pools::create_pool(RuntimeOrigin::signed(sponsor.clone()), s));
		for batch in 0..N / 100 {
			let ids: Vec<u64> = (batch * 100..(batch + 1) * 100).collect();
			assert_ok!(Pools::contribute(
				RuntimeOrigin::signed(bank.clone()),
				0,
				BoundedVec::truncate_from(ids)
			));
		}
		assert_eq!(pallet_pools::Pools::<Runtime>::get(0).unwrap().loans, 10_000);
		assert_ok!(Pools::open_offering(RuntimeOrigin::signed(sponsor.clone()), 0));
		assert_ok!(Assets::mint_into(USDA, &investor, senior));
		assert_ok!(Assets::mint_into(USDA, &sponsor, total - senior));
		assert_ok!(Pools::subscribe(RuntimeOrigin::signed(investor.clone()), 0, 0, senior));
		assert_ok!(Pools::subscribe(RuntimeOrigin::signed(sponsor.clone()), 0, 1, total - senior));
		block_at(2, T0 + 31_000);
		assert_ok!(Pools::close(RuntimeOrigin::signed(trustee.clone()), 0));

		// What the books schedule first, before anyone pays (the period's expected collections).
		let expected_first: u128 = (0..N)
			.map(|i| {
				let book = pallet_servicing::Books::<Runtime>::get(i).unwrap().to_engine();
				book.installments[0].interest + book.installments[0].principal
			})
			.sum();

		// Day +40, the first due day: every tenth loan pays its installment, every hundredth
		// 500 more (a prepayment).
		block_at(3, T0 + 40_000);
		for i in (0..N).step_by(10) {
			let payment = pallet_servicing::Books::<Runtime>::get(i).unwrap().payment;
			let extra = if i % 100 == 0 { 500 * U } else { 0 };
			assert_ok!(Servicing::pay(RuntimeOrigin::signed(borrower.clone()), i, payment + extra));
		}

		// The independent computation: each loan's book and payment records.
		let (mut balance, mut rate_w, mut term_w, mut expected_next) = (0u128, 0u128, 0u128, 0u128);
		let (mut sched, mut prepay, mut interest) = (0u128, 0u128, 0u128);
		let mut by_rate = [(0u32, 0u128); 8];
		let bands = [4u64, 6, 8, 10, 12, 15, 20].map(|p| p * 10_000_000_000_000_000);
		for i in 0..N {
			let book = pallet_servicing::Books::<Runtime>::get(i).unwrap().to_engine();
			let out = book.outstanding_principal();
			let left = book.installments.iter().filter(|x| !x.is_settled()).count() as u128;
			let next = book.installments.iter().find(|x| !x.is_settled()).unwrap();
			expected_next += next.interest + next.principal;
			balance += out;
			rate_w += u128::from(rate(i) / 1_000_000_000) * out;
			term_w += left * out;
			let band = bands.iter().filter(|b| rate(i) >= **b).count();
			by_rate[band].0 += 1;
			by_rate[band].1 += out;
			if let Some(r) = pallet_servicing::Payments::<Runtime>::get(i, 0) {
				sched += r.principal;
				prepay += r.prepayment;
				interest += r.interest - r.servicing_fee;
			}
		}
		assert_eq!(prepay, 100 * 500 * U);
		assert_eq!(balance, total - sched - prepay);

		// The live performance.
		let m = Pools::metrics(0).unwrap();
		let p = &m.performance;
		assert_eq!((p.original_balance, p.balance), (total, balance));
		assert_eq!(p.count_by_bucket[0], 10_000);
		assert_eq!(
			(p.cumulative_principal, p.cumulative_prepayments, p.cumulative_interest),
			(sched, prepay, interest)
		);
		assert_eq!(m.wac_ppb, rate_w / balance);
		assert_eq!(m.wam_milli, term_w * 1_000 / balance);
		assert_eq!(p.installments, expected_next);
		let strats = Pools::strats(0).unwrap();
		for (k, (n, b)) in by_rate.iter().enumerate() {
			assert_eq!((strats.strats.rate[k].count, strats.strats.rate[k].balance), (*n, *b));
		}
		assert_eq!(strats.strats.originator[0].balance, balance);
		assert_eq!(strats.maturity.iter().map(|(_, c)| c.count).sum::<u32>(), 10_000);

		// Day +41, the payment date: the hook rolls the period before the day's servicing.
		block_at(4, T0 + 41_000);
		let r = pallet_pools::PeriodReports::<Runtime>::get(0, 0).unwrap();
		assert_eq!(r.period.opening_balance, total);
		assert_eq!(r.period.expected, expected_first);
		assert_eq!(
			(r.period.scheduled_principal, r.period.prepayments, r.period.interest),
			(sched, prepay, interest)
		);
		assert_eq!(r.closing_balance, balance);
		// SMM = prepayments ÷ (opening − scheduled principal), 18 decimals, rounded down.
		let smm = prepay * 1_000_000_000_000_000_000 / (total - sched);
		assert_eq!(r.smm.into_inner(), smm);
		assert_eq!(r.mdr.into_inner(), 0);
		assert_eq!(r.factor.into_inner(), balance * 1_000_000_000_000_000_000 / total);
		Pools::do_try_state().unwrap();
	});
}

/// The weight the runtime charges for the largest batches and the pool's share of a payment
/// (printed for the closing note; `contribute(100)` must fit in a quarter of a block).
#[test]
fn a_full_contribution_batch_fits_in_a_quarter_block() {
	use frame_support::dispatch::GetDispatchInfo;
	let max = abs_runtime::configs::RuntimeBlockWeights::get().max_block;
	let call = RuntimeCall::Pools(pallet_pools::Call::contribute {
		pool_id: 0,
		loans: BoundedVec::truncate_from((0..100).collect::<Vec<u64>>()),
	});
	let w = call.get_dispatch_info().call_weight;
	let share = w.ref_time() as f64 / max.ref_time() as f64;
	println!("contribute(100): {} ps = {:.1} % of a block", w.ref_time(), share * 100.0);
	assert!(
		w.ref_time() * 4 <= max.ref_time(),
		"contribute(100) is {:.1} % of a block",
		share * 100.0
	);
	let observe = <Pools as abs_traits::LoanObserver>::weight();
	println!("the pool's share of a payment: {} ps", observe.ref_time());
}
