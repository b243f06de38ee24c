//! Properties over random terms and random payment sequences: no unit created or lost, no
//! negative balance, and payoff after any sequence closes the loan exactly.
// A test crate: the workspace's no-panic, checked-arithmetic policy is for runtime code.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use abs_finance::{Amortization, CalendarDate, DayCount, LateFee, LineKind, Loan, Terms};
use proptest::prelude::*;

fn terms_strategy() -> impl Strategy<Value = Terms> {
	(
		1u128..=1_000_000_000_000_000_000,
		prop_oneof![0u64..=300_000_000_000_000_000, 0u64..=1_000_000_000_000_000_000],
		1u32..=480,
		prop_oneof![
			Just(Amortization::LevelAnnuity),
			Just(Amortization::InterestOnly),
			Just(Amortization::Bullet)
		],
		prop_oneof![Just(DayCount::Thirty360), Just(DayCount::Actual365)],
		(2027u16..2030, 1u8..=12, 1u8..=31),
	)
		.prop_map(|(principal, annual_rate, periods, amortization, day_count, (y, m, d))| Terms {
			principal,
			annual_rate,
			periods,
			amortization,
			day_count,
			first_due: CalendarDate::new(y, m, d.min(abs_finance::calendar::days_in_month(y, m)))
				.unwrap(),
		})
}

/// A payment step: days to wait, how much of the payoff to pay (per 10,000), whether to charge
/// the oldest unsettled installment's late fee first.
fn steps() -> impl Strategy<Value = Vec<(u32, u32, bool)>> {
	prop::collection::vec((0u32..75, 1u32..=10_000, any::<bool>()), 1..25)
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

	#[test]
	fn conservation_and_payoff(terms in terms_strategy(), steps in steps(), fee_ppq in 0u64..200_000_000_000_000_000) {
		let loan = Loan::new(terms);
		prop_assume!(loan.is_ok(), "terms refused");
		let mut loan = loan.unwrap();
		let scheduled: u128 = loan.installments.iter().map(|i| i.principal).sum();
		prop_assert_eq!(scheduled, terms.principal);
		let mut day = loan.start;
		let mut paid_total = 0u128;
		let (mut interest, mut principal, mut fees, mut fees_charged) = (0u128, 0u128, 0u128, 0u128);
		for (wait, share, late) in steps {
			day += wait;
			if late {
				if let Some(k) = loan.installments.iter().position(|i| !i.is_settled() && i.due < day) {
					fees_charged += loan.charge_late_fee(k, LateFee::Percent(fee_ppq)).unwrap();
				}
			}
			let payoff = loan.payoff(day).unwrap();
			if payoff == 0 { break; }
			let amount = (payoff * u128::from(share) / 10_000).max(1);
			let before = loan.outstanding_principal();
			let a = loan.allocate(day, amount).unwrap();
			// No unit created or lost.
			prop_assert_eq!(a.total(), amount);
			prop_assert_eq!(a.lines.iter().map(|l| l.amount).sum::<u128>(), amount);
			let principal_lines: u128 = a.lines.iter().filter(|l| matches!(l.kind, LineKind::Principal | LineKind::Prepayment)).map(|l| l.amount).sum();
			prop_assert_eq!(before - loan.outstanding_principal(), principal_lines);
			paid_total += amount;
			interest += a.interest; principal += a.principal + a.prepayment; fees += a.late_fees;
			// Balances never negative: paid never exceeds owed, principal still sums to P.
			for i in &loan.installments {
				prop_assert!(i.paid_interest <= i.interest && i.paid_principal <= i.principal && i.paid_late_fee <= i.late_fee);
			}
			prop_assert_eq!(loan.installments.iter().map(|i| i.principal).sum::<u128>(), terms.principal);
			if a.closed { break; }
		}
		if !loan.is_closed() {
			day += 3;
			let payoff = loan.payoff(day).unwrap();
			prop_assert!(loan.allocate(day, payoff + 1).is_err());
			let a = loan.allocate(day, payoff).unwrap();
			prop_assert!(a.closed);
			paid_total += payoff;
			interest += a.interest; principal += a.principal + a.prepayment; fees += a.late_fees;
		}
		prop_assert!(loan.is_closed());
		prop_assert_eq!(loan.outstanding_principal(), 0);
		prop_assert_eq!(loan.payoff(day + 30).unwrap(), 0);
		prop_assert_eq!(principal, terms.principal);
		prop_assert_eq!(fees, fees_charged);
		prop_assert_eq!(paid_total, interest + principal + fees);
	}
}

/// Cases of the distribution and waterfall properties: 500 in CI, `ABS_FUZZ_CASES` when set
/// (`scripts/fuzz.sh` runs 100,000 in release).
fn fuzz_cases() -> u32 {
	std::env::var("ABS_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
}

proptest! {
	#![proptest_config(ProptestConfig { cases: fuzz_cases(), .. ProptestConfig::default() })]

	/// A waterfall pays out exactly the cash: Σ paid + remainder = cash; no claim or cap is
	/// exceeded.
	#[test]
	fn a_waterfall_creates_and_loses_no_unit(
		cash in 0u128..10u128.pow(15),
		steps in proptest::collection::vec(
			(proptest::collection::vec(0u128..10u128.pow(13), 0..5), proptest::option::of(0u128..10u128.pow(14))),
			0..6,
		),
	) {
		use abs_finance::distribution::{pay_in_order, Step};
		let steps: Vec<Step> = steps.into_iter().map(|(claims, cap)| Step { claims, cap }).collect();
		let paid = pay_in_order(cash, &steps);
		let total: u128 = paid.steps.iter().flatten().sum();
		prop_assert_eq!(total + paid.remainder, cash);
		for (s, p) in steps.iter().zip(&paid.steps) {
			prop_assert!(s.claims.iter().zip(p).all(|(c, x)| x <= c));
			prop_assert!(p.iter().sum::<u128>() <= s.cap.unwrap_or(u128::MAX));
		}
	}

	/// A sale's proceeds add up to the price; the loss is what of the debt the servicer and
	/// the owner did not get.
	#[test]
	fn proceeds_add_up_to_the_price(
		price in 0u128..10u128.pow(15),
		claims in proptest::collection::vec(0u128..10u128.pow(14), 0..5),
		cap_ppb in 0u32..=1_000_000_000,
		servicer_fees in 0u128..10u128.pow(13),
		debt in 0u128..10u128.pow(15),
	) {
		let p = abs_finance::distribution::recovery_proceeds(price, &claims, cap_ppb, servicer_fees, debt).unwrap();
		let costs: u128 = p.costs.iter().sum();
		prop_assert_eq!(costs + p.servicer_paid + p.owner_paid + p.borrower_paid, price);
		prop_assert_eq!(p.loss, debt.saturating_sub(p.servicer_paid + p.owner_paid));
		prop_assert!(costs <= price * u128::from(cap_ppb) / 1_000_000_000);
	}

	/// A payment's split adds up to the payment.
	#[test]
	fn a_split_adds_up_to_the_payment(
		amount in 0u128..10u128.pow(15),
		fee in 0u128..10u128.pow(13),
		late in 0u128..10u128.pow(13),
		arrears in 0u128..10u128.pow(14),
	) {
		match abs_finance::distribution::split_payment(amount, fee, late, arrears) {
			Ok(s) => {
				prop_assert_eq!(s.to_owner + s.to_servicer, amount);
				prop_assert!(s.arrears_paid <= arrears);
			}
			Err(_) => prop_assert!(fee + late > amount),
		}
	}

	/// A payment date's waterfall, any valid one: every unit of the proceeds and the reserve
	/// ends in exactly one place (fees, interest, principal, residual, the reserve, left in
	/// the sources); each tranche's face is conserved (outstanding + written down + principal
	/// paid); no tranche is paid more interest than due.
	#[test]
	fn a_deal_waterfall_creates_and_loses_no_unit(
		tranches in proptest::collection::vec(
			(0u128..10u128.pow(13), 0u64..300_000_000_000_000_000, 0u128..10u128.pow(10), 0u128..10u128.pow(11)),
			2..=8,
		),
		kinds in proptest::collection::vec((0u8..7, 0u8..8, 0u8..8, any::<bool>(), any::<bool>()), 0..24),
		cash in (0u128..10u128.pow(12), 0u128..10u128.pow(13), 0u128..10u128.pow(11), 0u128..10u128.pow(11)),
		balances in (0u128..10u128.pow(14), 0u128..10u128.pow(14), 0u128..10u128.pow(13)),
		days in 0u32..400,
		compound in any::<bool>(),
	) {
		use abs_finance::waterfall::{run, Input, Source, Step, TrancheState};
		let n = u8::try_from(tranches.len()).unwrap();
		let src = |b: bool| if b { Source::Interest } else { Source::Principal };
		let mut steps: Vec<Step> = kinds.iter().map(|&(kind, a, b, x, y)| {
			let (a, b) = (a % n, b % n);
			let group = if a <= b { (a..=b).collect() } else { vec![a] };
			match kind {
				0 => Step::Fee { source: src(x), bps: u32::from(a) * 10, fixed: u128::from(b) * 1_000 },
				1 => Step::Interest { source: src(x), tranches: group, reserve: y },
				2 => Step::OcTest { source: src(x), class: a.min(n - 2), min_ppb: 1_000_000_000 + u64::from(b) * 50_000_000 },
				3 => Step::FundReserve { source: src(x) },
				4 => Step::CureWriteDowns { source: src(x) },
				5 => Step::Principal { source: src(x), tranches: group, pro_rata: y },
				_ => Step::Residual { source: src(x) },
			}
		}).collect();
		for k in 0..n - 1 {
			steps.push(Step::Interest { source: Source::Interest, tranches: vec![k], reserve: false });
		}
		steps.push(Step::Residual { source: Source::Principal });
		let input = Input {
			interest: cash.0,
			principal: cash.1,
			opening_balance: balances.0,
			closing_balance: balances.1,
			days,
			reserve: cash.2,
			reserve_target: cash.3,
			losses: balances.2,
			fee_shortfalls: vec![1_000, 0, 7],
			compound_shortfalls: compound,
			tranches: tranches.iter().enumerate().map(|(k, &(o, c, s, w))| TrancheState {
				outstanding: o,
				coupon: if k + 1 == tranches.len() { 0 } else { c },
				shortfall: s,
				written_down: w,
			}).collect(),
		};
		prop_assert!(abs_finance::waterfall::validate(&steps, n).is_ok());
		let o = run(&steps, &input).unwrap();
		let out: u128 = o.fees_paid.iter().sum::<u128>()
			+ o.interest_paid.iter().sum::<u128>()
			+ o.principal_paid.iter().sum::<u128>()
			+ o.residual_paid + o.reserve + o.interest_left + o.principal_left;
		prop_assert_eq!(out, input.interest + input.principal + input.reserve);
		for (k, (before, after)) in input.tranches.iter().zip(&o.tranches).enumerate() {
			prop_assert_eq!(
				after.outstanding + after.written_down + o.principal_paid[k],
				before.outstanding + before.written_down
			);
			prop_assert!(o.interest_paid[k] <= o.interest_due[k]);
			prop_assert_eq!(after.shortfall, o.interest_due[k] - o.interest_paid[k]);
		}
	}
}
