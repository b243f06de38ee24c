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
/// A loan of the pooled tests: principal, annual rate, months, first due (days from today).
type LoanSpec = (u128, u64, u32, u32);

/// Loans `0..n` (`loan(i)`) originated by the bank and pooled in pool 0, whose tranches are
/// `notes` (each a share of the balance in ‰ and a coupon) then the residual (the rest); the
/// investor subscribes every note, the sponsor the residual; closed on day +31 (block 2).
/// Returns the pool's balance and the notes' faces.
fn closed_pool(
	who: &[abs_runtime::AccountId; 6],
	n: u64,
	loan: impl Fn(u64) -> LoanSpec,
	notes: &[(u128, u64)],
) -> (u128, Vec<u128>) {
	use frame_support::traits::fungibles::Mutate;
	const U: u128 = 1_000_000;
	let [bank, _, servicer, sponsor, trustee, investor] = who;
	let today = <abs_runtime::Clock as abs_traits::Today>::today();
	let total: u128 = (0..n).map(|i| loan(i).0).sum();
	assert_ok!(Assets::mint_into(USDA, bank, total));
	for i in 0..n {
		let (principal, rate, periods, due_in) = loan(i);
		originate_loan(i, principal, rate, periods, today + due_in);
	}
	let mut s = spec(today, trustee, servicer, 0);
	s.payment_day = CalendarDate::from_day_number(today + 41).day;
	s.eligibility.max_principal = 5_000 * U;
	let faces: Vec<u128> = notes.iter().map(|(permille, _)| total * permille / 1_000).collect();
	let residual = total - faces.iter().sum::<u128>();
	let mut tranches: Vec<TrancheSpec> = faces
		.iter()
		.zip(notes)
		.map(|(face, (_, coupon))| TrancheSpec {
			face: *face,
			coupon: Some(*coupon),
			final_maturity: today + 2_000,
		})
		.collect();
	tranches.push(TrancheSpec { face: residual, coupon: None, final_maturity: today + 2_000 });
	s.tranches = BoundedVec::truncate_from(tranches);
	assert_ok!(Pools::create_pool(RuntimeOrigin::signed(sponsor.clone()), s));
	let ids: Vec<u64> = (0..n).collect();
	for batch in ids.chunks(100) {
		assert_ok!(Pools::contribute(
			RuntimeOrigin::signed(bank.clone()),
			0,
			BoundedVec::truncate_from(batch.to_vec())
		));
	}
	assert_eq!(pallet_pools::Pools::<Runtime>::get(0).unwrap().loans, n as u32);
	assert_ok!(Pools::open_offering(RuntimeOrigin::signed(sponsor.clone()), 0));
	assert_ok!(Assets::mint_into(USDA, investor, faces.iter().sum()));
	assert_ok!(Assets::mint_into(USDA, sponsor, residual));
	for (k, face) in faces.iter().enumerate() {
		assert_ok!(Pools::subscribe(RuntimeOrigin::signed(investor.clone()), 0, k as u8, *face));
	}
	let last = faces.len() as u8;
	assert_ok!(Pools::subscribe(RuntimeOrigin::signed(sponsor.clone()), 0, last, residual));
	block_at(2, T0 + 31_000);
	assert_ok!(Pools::close(RuntimeOrigin::signed(trustee.clone()), 0));
	(total, faces)
}

#[test]
fn ten_thousand_loans_pooled_and_a_thousand_payments_match_the_loans() {
	const N: u64 = 10_000;
	const U: u128 = 1_000_000;
	dev_ext().execute_with(|| {
		block_at(1, T0);
		let who = parties();
		let [_, borrower, ..] = who.clone();
		let rate = |i: u64| 50_000_000_000_000_000 + (i % 9) * 10_000_000_000_000_000;
		let loan = |i: u64| {
			((1_000 + u128::from((i * 37) % 4_000)) * U, rate(i), 12 * (1 + (i % 5) as u32), 40)
		};
		let (total, _) = closed_pool(&who, N, loan, &[(800, RATE / 2)]);

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
		// Projected: 10,000 loans are more than run one by one; representative lines (one
		// per maturity month) run off exactly the balance.
		let p = Pools::project(0, Default::default()).unwrap();
		assert_eq!(p.loans, 10_000);
		assert_eq!(p.rep_lines, strats.maturity.len() as u32);
		let run_off: u128 = p.periods.iter().map(|r| r.scheduled_principal + r.prepayments).sum();
		assert_eq!(run_off, balance);
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

/// Representative lines against loan by loan, on the real runtime: 300 loans of 1,000–4,990
/// at 5–13 % over 12–60 months (first due 36, 52 or 70 days out), pooled and closed before any payment;
/// the same scenarios projected both ways. The lines (one per maturity month, at the pool's
/// WAC) repay exactly the pool's balance; their interest and each tranche's WAL and value are
/// printed against loan by loan for the closing note, and bounded here.
#[test]
fn rep_lines_stand_for_the_loans_within_a_measured_error() {
	use pallet_pools::Scenario;
	const N: u64 = 300;
	const U: u128 = 1_000_000;
	dev_ext().execute_with(|| {
		block_at(1, T0);
		let who = parties();
		// First due 36, 52 or 70 days out (2027-01-01, 01-17, 02-04; payment dates on the
		// 6th): in the first period, the second, the second.
		let loan = |i: u64| {
			(
				(1_000 + u128::from((i * 37) % 4_000)) * U,
				50_000_000_000_000_000 + (i % 9) * 10_000_000_000_000_000,
				12 * (1 + ((i / 3) % 5) as u32),
				[36, 52, 70][(i % 3) as usize],
			)
		};
		let (total, _) = closed_pool(&who, N, loan, &[(800, RATE / 2), (100, RATE)]);

		// Each valued at a 6 % yield (not the coupons, at which a note is at par whatever
		// its flows' timing).
		let ppb = |p: u32| Perbill::from_parts(p);
		let at6 = Scenario { yield_ppb: Some(60_000_000), ..Default::default() };
		let scenarios = [
			("0 CPR / 0 CDR", at6),
			("10 % CPR", Scenario { cpr: ppb(100_000_000), ..at6 }),
			(
				"6 % CPR, 4 % CDR, 40 % severity, lag 3",
				Scenario {
					cpr: ppb(60_000_000),
					cdr: ppb(40_000_000),
					severity: ppb(400_000_000),
					lag: 3,
					..at6
				},
			),
		];
		for (name, sc) in scenarios {
			let exact = Pools::project_with(0, sc, false).unwrap();
			let lines = Pools::project_with(0, sc, true).unwrap();
			assert_eq!((exact.loans, exact.rep_lines), (N as u32, 0));
			assert_eq!(lines.loans, N as u32);
			assert!(lines.rep_lines >= 5 && lines.rep_lines <= 60, "{}", lines.rep_lines);
			let sum = |p: &pallet_pools::Projection, f: fn(&pallet_pools::ProjectedPeriod) -> u128| {
				p.periods.iter().map(f).sum::<u128>()
			};
			let principal = |r: &pallet_pools::ProjectedPeriod| {
				r.scheduled_principal + r.prepayments + r.defaults
			};
			// Both run off exactly the pool's balance (repaid, prepaid or defaulted).
			assert_eq!(sum(&exact, principal), total, "{name}");
			assert_eq!(sum(&lines, principal), total, "{name}");
			let rel = |a: u128, b: u128| (a as f64 - b as f64) / (b as f64) * 100.0;
			let gi = |r: &pallet_pools::ProjectedPeriod| r.gross_interest;
			let interest_err = rel(sum(&lines, gi), sum(&exact, gi));
			println!(
				"[rep lines] {name}: {} lines for {N} loans; interest {:+.3} %, dates {} vs {}",
				lines.rep_lines,
				interest_err,
				lines.periods.len(),
				exact.periods.len()
			);
			assert!(interest_err.abs() < 3.0, "{name}: interest {interest_err:+.3} %");
			for (k, (a, b)) in lines.tranches.iter().zip(&exact.tranches).enumerate() {
				let wal = (a.wal_e9 as f64 - b.wal_e9 as f64) / 1e9;
				let value = a.value_ppb as f64 / 1e7 - b.value_ppb as f64 / 1e7;
				println!(
					"[rep lines]   tranche {k}: WAL {:.4} vs {:.4} y ({wal:+.4}), value {:.3} vs {:.3} % ({value:+.3})",
					a.wal_e9 as f64 / 1e9,
					b.wal_e9 as f64 / 1e9,
					a.value_ppb as f64 / 1e7,
					b.value_ppb as f64 / 1e7,
				);
				if k < 2 {
					assert!(wal.abs() < 0.1, "{name}: tranche {k} WAL {wal:+.4} y");
					assert!(value.abs() < 1.0, "{name}: tranche {k} value {value:+.3} %");
				}
			}
		}
		Pools::do_try_state().unwrap();
	});
}

/// A pool of `n` loans (1,000 each at 5–13 %) and `n` holders of its senior tranche (the
/// investor and `n − 1` others it sold one unit to), closed, on its first payment date: the
/// storage proof of the hook's payment-date work (the trie nodes it reads, bytes) and its
/// native time.
fn payment_date_cost(n: u64) -> (usize, usize, std::time::Duration) {
	const U: u128 = 1_000_000;
	let mut ext = dev_ext();
	let end = ext.execute_with(|| {
		block_at(1, T0);
		let who = parties();
		let [_, borrower, _, _, trustee, investor] = who.clone();
		let rate = |i: u64| 50_000_000_000_000_000 + (i % 9) * 10_000_000_000_000_000;
		closed_pool(&who, n, |i| (1_000 * U, rate(i), 24, 40), &[(800, RATE / 2)]);
		assert_ok!(Pools::claim_allocation(
			RuntimeOrigin::signed(trustee.clone()),
			0,
			0,
			investor.clone()
		));
		for h in 1..n {
			let holder = abs_runtime::AccountId::from(sp_io::hashing::blake2_256(&h.to_le_bytes()));
			common::license(&holder, Role::Investor);
			assert_ok!(Pools::transfer_tranche(
				RuntimeOrigin::signed(investor.clone()),
				0,
				0,
				holder,
				1
			));
		}
		// Every loan pays its first installment in the period.
		block_at(3, T0 + 40_000);
		for i in 0..n {
			let payment = pallet_servicing::Books::<Runtime>::get(i).unwrap().payment;
			assert_ok!(Servicing::pay(RuntimeOrigin::signed(borrower.clone()), i, payment));
		}
		assert_eq!(pallet_pools::Pools::<Runtime>::get(0).unwrap().loans, n as u32);
		assert_eq!(pallet_pools::Accruals::<Runtime>::iter_prefix((0, 0)).count(), n as usize);
		pallet_pools::Performances::<Runtime>::get(0).unwrap().period.end
	});
	// The payment day, set on the clock alone (no other pallet's hook runs), committed so
	// that every read of the payment date is a read of the trie.
	// The events of the set-up are cleared, as every block's start clears them (appending
	// to them would read them all).
	ext.execute_with(|| {
		pallet_clock::CurrentDay::<Runtime>::put(end);
		abs_runtime::System::reset_events();
	});
	ext.commit_all().unwrap();
	let ((rolled, took), proof) = ext.execute_and_prove(|| {
		let t = std::time::Instant::now();
		let rolled = Pools::roll_due(8);
		(rolled, t.elapsed())
	});
	assert_eq!(rolled, (1, 1), "one pool, one payment date");
	ext.execute_with(|| {
		assert!(pallet_pools::PaymentReports::<Runtime>::get(0, 0).is_some());
		Pools::do_try_state().unwrap();
	});
	let bytes = proof.iter_nodes().map(|x| x.len()).sum();
	(proof.len(), bytes, took)
}

/// A payment date reads the same storage whatever the number of loans and holders: its
/// storage proof at 10,000 loans and holders is the one at 10 (printed for the closing note).
/// Not timed: the time is printed, not asserted.
#[test]
fn a_payment_date_costs_the_same_at_ten_and_ten_thousand_loans_and_holders() {
	let (nodes10, bytes10, t10) = payment_date_cost(10);
	let (nodes10k, bytes10k, t10k) = payment_date_cost(10_000);
	println!(
		"[payment date] 10 loans/holders: {nodes10} trie nodes, {bytes10} bytes, {t10:?}; \
		 10,000: {nodes10k} nodes, {bytes10k} bytes, {t10k:?}"
	);
	// The same keys (measured: 32 trie nodes, 5,850 bytes at both sizes); a trie of 1,000 ×
	// more entries may put a key a branch deeper, nothing more (reading every loan or holder
	// would be thousands of times the proof).
	assert!(nodes10k <= nodes10 + 4, "{nodes10} → {nodes10k} nodes");
	assert!(bytes10k * 10 <= bytes10 * 11, "{bytes10} → {bytes10k} bytes");
}

/// An agency's monitors on the real runtime: "60+ delinquency above 2 %" fires inside the
/// servicing hook's block where the loans cross 60 days past due, with the agency's notice in
/// that block and the tranche on watch; "collections below 95 % of expected" fires at the
/// first payment date, not before.
#[test]
fn an_agencys_monitor_alerts_in_the_block_the_delinquency_crosses_its_threshold() {
	use abs_primitives::{NoticeKind, PoolMetric, Severity};
	use pallet_ratings::{Comparison, Condition, Node, RuleSpec, Threshold};
	const U: u128 = 1_000_000;
	dev_ext().execute_with(|| {
		block_at(1, T0);
		let who = parties();
		let sponsor = who[3].clone();
		let agency = sp_keyring::Sr25519Keyring::One.to_account_id();
		common::license(&agency, Role::RatingAgency);
		// Ten loans of 1,000 at 6 % over 12 months, first due on day +45; no borrower pays.
		closed_pool(
			&who,
			10,
			|_| (1_000 * U, 60_000_000_000_000_000, 12, 45),
			&[(800, 50_000_000)],
		);
		assert_ok!(abs_runtime::Ratings::appoint_agency(
			RuntimeOrigin::signed(sponsor.clone()),
			0,
			agency.clone()
		));
		let rule = |metric, cmp, ppb| RuleSpec {
			tranches: BoundedVec::truncate_from(vec![0]),
			expr: BoundedVec::truncate_from(vec![Node::Test(Condition {
				metric,
				cmp,
				threshold: Threshold::Fixed(ppb),
			})]),
			severity: Severity::Critical,
		};
		for r in [
			rule(PoolMetric::Delinquent60, Comparison::Above, 20_000_000),
			rule(PoolMetric::CollectionRatio, Comparison::Below, 950_000_000),
		] {
			assert_ok!(abs_runtime::Ratings::register_rule(
				RuntimeOrigin::signed(agency.clone()),
				0,
				r
			));
		}
		let first_date = pallet_pools::Performances::<Runtime>::get(0).unwrap().period.end;
		let today0 = <abs_runtime::Clock as abs_traits::Today>::today();
		let mut raised: Vec<(u32, u32)> = Vec::new(); // (day, rule)
		let mut crossed_60: Option<u32> = None;
		for (n, day) in (today0 + 1..today0 + 120).enumerate() {
			frame_system::Pallet::<Runtime>::reset_events();
			let since_t0 = u64::from(day - (today0 - 31));
			block_at(3 + n as u32, T0 + since_t0 * 1_000);
			let events: Vec<_> =
				frame_system::Pallet::<Runtime>::events().into_iter().map(|r| r.event).collect();
			for e in &events {
				match e {
					abs_runtime::RuntimeEvent::Ratings(pallet_ratings::Event::AlertRaised {
						rule,
						..
					}) => raised.push((day, *rule)),
					abs_runtime::RuntimeEvent::Notices(pallet_notices::Event::Notice {
						kind: NoticeKind::BucketChanged { to: 3, .. },
						..
					}) if crossed_60.is_none() => crossed_60 = Some(day),
					_ => {}
				}
			}
			if raised.len() == 1 && raised[0].1 == 0 {
				// The alert's notice is the agency's, in the same block.
				let ours: Vec<_> = frame_system::Pallet::<Runtime>::events()
					.into_iter()
					.enumerate()
					.filter_map(|(i, r)| match r.event {
						abs_runtime::RuntimeEvent::Notices(e) => Some((i as u32, e)),
						_ => None,
					})
					.collect();
				let mine = abs_runtime::Notices::notices_for(
					&abs_primitives::Addressee::Account(agency.clone()),
					ours.iter().map(|(i, e)| (*i, e)),
				);
				assert!(mine.iter().any(|n| matches!(n.kind, NoticeKind::Alert(a) if a.raised)));
			}
		}
		// The collections rule fired on the first payment date (nothing collected of what
		// was due), the delinquency rule on the day the loans went 60+ days past due.
		let crossed_60 = crossed_60.expect("the loans went 60+ days past due");
		assert_eq!(raised, vec![(first_date, 1), (crossed_60, 0)]);
		assert!(abs_runtime::Ratings::on_watch(0, 0));
		assert!(!abs_runtime::Ratings::on_watch(0, 1));
		let alerts = abs_runtime::Ratings::agency_alerts(&agency, 0, 10);
		assert_eq!(alerts.len(), 2);
		// It fired on the first loan to cross (the hook ages them one change at a time):
		// 1,000 of 10,000 = 10 % of the pool's balance.
		let delinquency = alerts.iter().find(|a| a.2.rule == 0).unwrap();
		assert_eq!(delinquency.2.values.to_vec(), vec![100_000_000]);
	});
}

/// A pool's worst-case roll (twelve overdue periods, each closing with sixteen monitor rules
/// raising alerts) fits in a block with room to spare: the hook never skips a pool for good.
/// (The hook checked the worst case of eight such pools at once before, which no block could
/// take: periods rolled only when a loan of the pool changed.)
#[test]
fn one_pools_worst_case_roll_fits_in_a_fraction_of_a_block() {
	let block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	let roll = Pools::roll_weight(1, pallet_pools::MAX_ROLLS_AT_ONCE);
	let monitors = <abs_runtime::Ratings as abs_traits::PoolMonitor>::weight();
	println!(
		"worst roll of one pool: {} µs, {} bytes of proof (the monitors' {} µs a period); block {} µs",
		roll.ref_time() / 1_000_000,
		roll.proof_size(),
		monitors.ref_time() / 1_000_000,
		block.ref_time() / 1_000_000
	);
	assert!(roll.ref_time() * 4 <= block.ref_time());
	assert!(roll.proof_size() * 4 <= block.proof_size());
}

/// The delinquency walker's worst case per checkpoint now includes the pool's monitors: the
/// hook takes as many as fit in an empty block rather than skip the block (it skipped every
/// block when its full budget of 100 did not fit).
#[test]
fn the_delinquency_walker_fits_as_many_checkpoints_as_an_empty_block_takes() {
	let block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	let fit = pallet_servicing::Pallet::<Runtime>::checkpoints_within(block);
	let bound = pallet_servicing::Pallet::<Runtime>::poll_weight_bound();
	println!(
		"checkpoints in an empty block at their worst case: {fit} (budget 100; the full budget's worst case {} µs, the block {} µs)",
		bound.ref_time() / 1_000_000,
		block.ref_time() / 1_000_000
	);
	assert!(fit >= 50, "only {fit} checkpoints fit");
}
