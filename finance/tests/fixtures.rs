//! Replays the reference model's fixtures (`finance/reference/model.py`, exact fractions) and
//! checks every schedule, allocation line, payoff, dpd, late fee, servicing fee and restructure
//! to the unit.
// A test crate: the workspace's no-panic, checked-arithmetic policy is for runtime code.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use abs_finance::{
	loan::InstallmentState, servicing, Amortization, CalendarDate, DayCount, Error, LateFee, Loan,
	Schedule, Terms,
};

/// The servicing-fee rate the model measures every payment and check at (`SERVICING_BPS`).
const SERVICING_BPS: u32 = 25;
use serde_json::Value;

fn fixtures() -> Value {
	serde_json::from_str(include_str!("fixtures.json")).expect("fixtures.json parses")
}

fn u128_of(v: &Value) -> u128 {
	// Every amount in the fixtures is below 2^64 (principals are at most 10^18).
	v.as_u64().map(u128::from).unwrap_or_else(|| panic!("not a u64 amount in fixture: {v}"))
}

fn terms_of(t: &Value) -> Terms {
	let date = t["first_due"].as_str().unwrap();
	let (y, m, d) = (&date[0..4], &date[5..7], &date[8..10]);
	Terms {
		principal: u128_of(&t["principal"]),
		annual_rate: t["annual_rate"].as_u64().unwrap(),
		periods: u32::try_from(t["periods"].as_u64().unwrap()).unwrap(),
		amortization: match t["amortization"].as_str().unwrap() {
			"LevelAnnuity" => Amortization::LevelAnnuity,
			"InterestOnly" => Amortization::InterestOnly,
			"Bullet" => Amortization::Bullet,
			other => panic!("amortization {other}"),
		},
		day_count: match t["day_count"].as_str().unwrap() {
			"Thirty360" => DayCount::Thirty360,
			"Actual365" => DayCount::Actual365,
			other => panic!("day count {other}"),
		},
		first_due: CalendarDate::new(y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap())
			.unwrap(),
	}
}

fn error_name(e: Error) -> String {
	let s = format!("{e:?}");
	s.split([' ', '{']).next().unwrap().to_string()
}

fn book_of(loan: &Loan) -> Vec<[u128; 7]> {
	loan.installments
		.iter()
		.map(|i: &InstallmentState| {
			[
				u128::from(i.due),
				i.interest,
				i.principal,
				i.paid_interest,
				i.paid_principal,
				i.late_fee,
				i.paid_late_fee,
			]
		})
		.collect()
}

fn expected_book(v: &Value) -> Vec<[u128; 7]> {
	v.as_array()
		.unwrap()
		.iter()
		.map(|row| {
			let r: Vec<u128> = row.as_array().unwrap().iter().map(u128_of).collect();
			[r[0], r[1], r[2], r[3], r[4], r[5], r[6]]
		})
		.collect()
}

#[test]
fn schedules_match_the_reference_model() {
	let f = fixtures();
	let cases = f["schedules"].as_array().unwrap();
	assert!(cases.len() >= 20);
	for case in cases {
		let name = case["name"].as_str().unwrap();
		let terms = terms_of(&case["terms"]);
		match Schedule::new(&terms) {
			Ok(s) => {
				assert!(case.get("error").is_none(), "{name}: expected refusal {}", case["error"]);
				assert_eq!(s.payment, u128_of(&case["payment"]), "{name}: payment");
				assert_eq!(u64::from(s.start), case["start"].as_u64().unwrap(), "{name}: start");
				let want = case["installments"].as_array().unwrap();
				assert_eq!(s.installments.len(), want.len(), "{name}: installments");
				for (k, (got, w)) in s.installments.iter().zip(want).enumerate() {
					let w: Vec<u128> = w.as_array().unwrap().iter().map(u128_of).collect();
					assert_eq!(
						[u128::from(got.due), got.interest, got.principal],
						[w[0], w[1], w[2]],
						"{name}: installment {k}"
					);
				}
				let principal: u128 = s.installments.iter().map(|i| i.principal).sum();
				assert_eq!(principal, terms.principal, "{name}: principal parts sum to P");
			}
			Err(e) => assert_eq!(Some(error_name(e).as_str()), case["error"].as_str(), "{name}"),
		}
	}
}

#[test]
fn textbook_case_is_599_55() {
	let f = fixtures();
	let case = &f["schedules"][0];
	assert_eq!(
		case["name"].as_str().unwrap(),
		"textbook 100,000.00 at 6% over 360 months, in cents"
	);
	assert_eq!(case["payment"].as_u64(), Some(59_955));
	let s = Schedule::new(&terms_of(&case["terms"])).unwrap();
	assert_eq!(s.payment, 59_955);
}

#[test]
fn scenarios_match_the_reference_model() {
	let f = fixtures();
	let scenarios = f["scenarios"].as_array().unwrap();
	assert!(scenarios.len() >= 40);
	let mut events_checked = 0;
	for sc in scenarios {
		let name = sc["name"].as_str().unwrap();
		let mut loan = Loan::new(terms_of(&sc["terms"])).unwrap();
		let fee = if let Some(v) = sc["late_fee"].get("fixed") {
			LateFee::Fixed(u128_of(v))
		} else {
			LateFee::Percent(sc["late_fee"]["percent"].as_u64().unwrap())
		};
		for (n, ev) in sc["events"].as_array().unwrap().iter().enumerate() {
			let at = format!("{name}, event {n} {ev}");
			let day = ev.get("day").and_then(Value::as_u64).map(|d| u32::try_from(d).unwrap());
			match ev["op"].as_str().unwrap() {
				"pay" => {
					let amount = u128_of(&ev["amount"]);
					let before = loan.clone();
					match loan.allocate(day.unwrap(), amount) {
						Ok(a) => {
							assert!(ev.get("error").is_none(), "{at}: expected refusal");
							let want: Vec<(u32, String, u128)> = ev["lines"]
								.as_array()
								.unwrap()
								.iter()
								.map(|l| {
									(
										u32::try_from(l[0].as_u64().unwrap()).unwrap(),
										l[1].as_str().unwrap().to_string(),
										u128_of(&l[2]),
									)
								})
								.collect();
							let got: Vec<(u32, String, u128)> = a
								.lines
								.iter()
								.map(|l| (l.installment, format!("{:?}", l.kind), l.amount))
								.collect();
							assert_eq!(got, want, "{at}: lines");
							assert_eq!(a.closed, ev["closed"].as_bool().unwrap(), "{at}: closed");
							assert_eq!(a.total(), amount, "{at}: lines sum to the payment");
							assert_eq!(a.closed, loan.is_closed(), "{at}");
							assert_eq!(
								servicing::fee_taken(&before, &loan, &a, SERVICING_BPS).unwrap(),
								u128_of(&ev["fee_taken"]),
								"{at}: servicing fee carried"
							);
						}
						Err(e) => {
							assert_eq!(Some(error_name(e).as_str()), ev["error"].as_str(), "{at}");
							if let Error::BeyondPayoff { payoff } = e {
								assert_eq!(payoff, u128_of(&ev["payoff"]), "{at}: payoff");
							}
							assert_eq!(loan, before, "{at}: a refusal changes nothing");
						}
					}
				}
				"late_fee" => {
					let idx = usize::try_from(ev["index"].as_u64().unwrap()).unwrap();
					assert_eq!(
						loan.charge_late_fee(idx, fee).unwrap(),
						u128_of(&ev["charged"]),
						"{at}"
					);
				}
				"check" => {
					let d = day.unwrap();
					assert_eq!(loan.payoff(d).unwrap(), u128_of(&ev["payoff"]), "{at}: payoff");
					assert_eq!(
						u64::from(loan.days_past_due(d)),
						ev["dpd"].as_u64().unwrap(),
						"{at}: dpd"
					);
					assert_eq!(
						loan.current_index(d).map(|c| c as u64),
						ev["current"].as_u64(),
						"{at}: current"
					);
					assert_eq!(
						servicing::share_unpaid(&loan, d, SERVICING_BPS).unwrap(),
						u128_of(&ev["servicer_share"]),
						"{at}: servicer's share of the arrears"
					);
				}
				"servicing_fee" => {
					let idx = usize::try_from(ev["index"].as_u64().unwrap()).unwrap();
					let bps = u32::try_from(ev["bps"].as_u64().unwrap()).unwrap();
					assert_eq!(loan.servicing_fee(idx, bps).unwrap(), u128_of(&ev["fee"]), "{at}");
				}
				"restructure" => {
					let new_terms = terms_of(&ev["terms"]);
					loan = loan.restructure(day.unwrap(), new_terms).unwrap();
					assert_eq!(
						loan.terms.principal,
						u128_of(&ev["principal"]),
						"{at}: capitalized principal"
					);
					assert_eq!(loan.payment, u128_of(&ev["payment"]), "{at}: new payment");
				}
				other => panic!("{at}: unknown op {other}"),
			}
			if let Some(book) = ev.get("book") {
				assert_eq!(book_of(&loan), expected_book(book), "{at}: book");
			}
			events_checked += 1;
		}
	}
	assert!(events_checked > 300, "only {events_checked} events");
}

#[test]
fn distributions_match_the_reference_model() {
	use abs_finance::distribution::{pay_in_order, recovery_proceeds, split_payment, Step};
	let f = fixtures();
	let cases = f["distributions"].as_array().unwrap();
	assert!(cases.len() >= 200);
	let list = |v: &Value| v.as_array().unwrap().iter().map(u128_of).collect::<Vec<_>>();
	for (k, c) in cases.iter().enumerate() {
		let e = &c["expect"];
		match c["op"].as_str().unwrap() {
			"proceeds" => {
				let p = recovery_proceeds(
					u128_of(&c["price"]),
					&list(&c["claims"]),
					u32::try_from(c["cap_ppb"].as_u64().unwrap()).unwrap(),
					u128_of(&c["servicer_fees"]),
					u128_of(&c["debt"]),
				)
				.unwrap();
				assert_eq!(p.costs, list(&e["costs"]), "case {k}: costs");
				assert_eq!(
					[p.servicer_paid, p.owner_paid, p.borrower_paid, p.loss],
					[
						u128_of(&e["servicer_paid"]),
						u128_of(&e["owner_paid"]),
						u128_of(&e["borrower_paid"]),
						u128_of(&e["loss"])
					],
					"case {k}: proceeds"
				);
			}
			"split" => {
				let r = split_payment(
					u128_of(&c["amount"]),
					u128_of(&c["servicing_fee"]),
					u128_of(&c["late_fees"]),
					u128_of(&c["arrears"]),
				);
				match c.get("error") {
					Some(err) => {
						assert_eq!(Some(error_name(r.unwrap_err()).as_str()), err.as_str())
					}
					None => {
						let s = r.unwrap();
						assert_eq!(
							[s.to_owner, s.to_servicer, s.arrears_paid],
							[
								u128_of(&e["to_owner"]),
								u128_of(&e["to_servicer"]),
								u128_of(&e["arrears_paid"])
							],
							"case {k}: split"
						);
					}
				}
			}
			_ => {
				let steps: Vec<Step> = c["steps"]
					.as_array()
					.unwrap()
					.iter()
					.map(|s| Step {
						claims: list(&s["claims"]),
						cap: s["cap"].as_u64().map(u128::from),
					})
					.collect();
				let paid = pay_in_order(u128_of(&c["cash"]), &steps);
				let want: Vec<Vec<u128>> =
					e["steps"].as_array().unwrap().iter().map(list).collect();
				assert_eq!(paid.steps, want, "case {k}: steps");
				assert_eq!(paid.remainder, u128_of(&e["remainder"]), "case {k}: remainder");
			}
		}
	}
}

#[test]
fn pool_metrics_match_the_reference_model() {
	use abs_finance::metrics::{
		annualize, mdr, rate_weight, smm, term_weight, wa_term_milli, wac_ppb,
	};
	let f = fixtures();
	let cases = f["pool_metrics"].as_array().unwrap();
	assert!(cases.len() >= 60);
	for (k, c) in cases.iter().enumerate() {
		let e = &c["expect"];
		let (mut opening, mut rate_w, mut term_w, mut age_w) = (0u128, 0u128, 0u128, 0u128);
		for l in c["loans"].as_array().unwrap() {
			let b = u128_of(&l[0]);
			opening += b;
			rate_w += rate_weight(l[1].as_u64().unwrap(), b);
			term_w += term_weight(u32::try_from(l[2].as_u64().unwrap()).unwrap(), b);
			age_w += term_weight(u32::try_from(l[3].as_u64().unwrap()).unwrap(), b);
		}
		let s = smm(u128_of(&c["unscheduled"]), opening, u128_of(&c["scheduled"])).unwrap();
		let m = mdr(u128_of(&c["defaulted"]), opening).unwrap();
		let got = [
			opening,
			s,
			m,
			annualize(s).unwrap(),
			annualize(m).unwrap(),
			wac_ppb(rate_w, opening).unwrap(),
			wa_term_milli(term_w, opening).unwrap(),
			wa_term_milli(age_w, opening).unwrap(),
		];
		let want = ["opening", "smm", "mdr", "cpr", "cdr", "wac_ppb", "wam_milli", "wala_milli"]
			.map(|key| u128_of(&e[key]));
		assert_eq!(got, want, "case {k}");
	}
}

#[test]
fn waterfalls_match_the_reference_model() {
	use abs_finance::waterfall::{run, validate, Input, Source, Step, TrancheState};
	let f = fixtures();
	let cases = f["waterfalls"].as_array().unwrap();
	assert!(cases.len() >= 300);
	let list = |v: &Value| v.as_array().unwrap().iter().map(u128_of).collect::<Vec<_>>();
	let u8s = |v: &Value| {
		v.as_array().unwrap().iter().map(|x| u8::try_from(x.as_u64().unwrap()).unwrap()).collect()
	};
	let tranche = |x: &Value| TrancheState {
		outstanding: u128_of(&x["outstanding"]),
		coupon: x["coupon"].as_u64().unwrap(),
		shortfall: u128_of(&x["shortfall"]),
		written_down: u128_of(&x["written_down"]),
	};
	let mut oc_failures = 0;
	for (k, c) in cases.iter().enumerate() {
		let steps: Vec<Step> = c["steps"]
			.as_array()
			.unwrap()
			.iter()
			.map(|s| {
				let source = match s["source"].as_str().unwrap() {
					"Interest" => Source::Interest,
					_ => Source::Principal,
				};
				match s["kind"].as_str().unwrap() {
					"Fee" => Step::Fee {
						source,
						bps: u32::try_from(s["bps"].as_u64().unwrap()).unwrap(),
						fixed: u128_of(&s["fixed"]),
					},
					"Interest" => Step::Interest {
						source,
						tranches: u8s(&s["tranches"]),
						reserve: s["reserve"].as_bool().unwrap(),
					},
					"OcTest" => Step::OcTest {
						source,
						class: u8::try_from(s["class"].as_u64().unwrap()).unwrap(),
						min_ppb: s["min_ppb"].as_u64().unwrap(),
					},
					"FundReserve" => Step::FundReserve { source },
					"CureWriteDowns" => Step::CureWriteDowns { source },
					"Principal" => Step::Principal {
						source,
						tranches: u8s(&s["tranches"]),
						pro_rata: s["pro_rata"].as_bool().unwrap(),
					},
					"Residual" => Step::Residual { source },
					other => panic!("unknown step {other}"),
				}
			})
			.collect();
		let i = &c["input"];
		let input = Input {
			interest: u128_of(&i["interest"]),
			principal: u128_of(&i["principal"]),
			opening_balance: u128_of(&i["opening_balance"]),
			closing_balance: u128_of(&i["closing_balance"]),
			days: u32::try_from(i["days"].as_u64().unwrap()).unwrap(),
			reserve: u128_of(&i["reserve"]),
			reserve_target: u128_of(&i["reserve_target"]),
			losses: u128_of(&i["losses"]),
			fee_shortfalls: list(&i["fee_shortfalls"]),
			compound_shortfalls: i["compound_shortfalls"].as_bool().unwrap(),
			tranches: i["tranches"].as_array().unwrap().iter().map(tranche).collect(),
		};
		let n = u8::try_from(input.tranches.len()).unwrap();
		assert_eq!(validate(&steps, n), Ok(()), "case {k}: valid");
		let o = run(&steps, &input).unwrap();
		let e = &c["expect"];
		assert_eq!(o.steps, list(&e["steps"]), "case {k}: steps");
		assert_eq!(o.fees_paid, list(&e["fees_paid"]), "case {k}: fees");
		assert_eq!(o.fee_shortfalls, list(&e["fee_shortfalls"]), "case {k}: fee shortfalls");
		assert_eq!(o.interest_due, list(&e["interest_due"]), "case {k}: interest due");
		assert_eq!(o.interest_paid, list(&e["interest_paid"]), "case {k}: interest paid");
		assert_eq!(o.principal_paid, list(&e["principal_paid"]), "case {k}: principal paid");
		assert_eq!(
			[
				o.residual_paid,
				o.reserve_drawn,
				o.reserve_funded,
				o.reserve,
				o.interest_left,
				o.principal_left
			],
			[
				"residual_paid",
				"reserve_drawn",
				"reserve_funded",
				"reserve",
				"interest_left",
				"principal_left"
			]
			.map(|key| u128_of(&e[key])),
			"case {k}: totals"
		);
		let failed: Vec<u8> = u8s(&e["oc_failed"]);
		assert_eq!(o.oc_failed, failed, "case {k}: OC tests");
		oc_failures += failed.len();
		let want: Vec<TrancheState> =
			e["tranches"].as_array().unwrap().iter().map(tranche).collect();
		assert_eq!(o.tranches, want, "case {k}: tranches after");
	}
	assert!(oc_failures >= 20, "the fixtures exercise OC failures ({oc_failures})");
}
