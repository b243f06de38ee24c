//! The reference model's fixture deals (`finance/reference/model.py`, `deal_fixtures`: exact
//! integers, written independently of this pallet) replayed through the functions the chain's
//! payment dates run (`features/dates.rs`), report by report, to the unit: three notes and a
//! residual with a reserve, an OC test in the waterfall, OC, IC, cumulative-loss and 60+
//! triggers; one deal breaches its 60+ trigger (sequential) and cures it, takes a loss cured
//! by excess spread and a recovery, and defaults when its collections dry up; the other is a
//! random walk of 24 dates.

// Fixture values are small integers read from JSON: the casts cannot truncate.
#![allow(clippy::cast_possible_truncation, clippy::arithmetic_side_effects)]

use crate::{
	features::dates::{self, DateFigures},
	CashSource, DealSpec, DealState, DealStatus, PayStep, ReserveSpec, Tranche, TrancheSpec,
	Trigger, TriggerKind,
};
use frame_support::BoundedVec;
use serde_json::Value;
use sp_runtime::Perbill;

const FIXTURES: &str = include_str!("../../../../finance/tests/fixtures.json");

fn n(v: &Value) -> u128 {
	u128::from(v.as_u64().unwrap_or_else(|| panic!("not an integer: {v}")))
}

fn src(v: &Value) -> CashSource {
	match v.as_str().unwrap() {
		"Interest" => CashSource::Interest,
		_ => CashSource::Principal,
	}
}

fn list(v: &Value) -> BoundedVec<u8, frame_support::traits::ConstU32<{ crate::MAX_TRANCHES }>> {
	BoundedVec::truncate_from(
		v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as u8).collect(),
	)
}

fn steps(v: &Value) -> crate::Waterfall {
	BoundedVec::truncate_from(
		v.as_array()
			.unwrap()
			.iter()
			.map(|s| {
				let source = src(&s["source"]);
				match s["kind"].as_str().unwrap() {
					"Fee" => PayStep::Fee {
						source,
						bps: s["bps"].as_u64().unwrap() as u32,
						fixed: n(&s["fixed"]),
					},
					"Interest" => PayStep::Interest {
						source,
						tranches: list(&s["tranches"]),
						reserve: s["reserve"].as_bool().unwrap(),
					},
					"OcTest" => PayStep::OcTest {
						source,
						class: s["class"].as_u64().unwrap() as u8,
						min_ppb: s["min_ppb"].as_u64().unwrap(),
					},
					"FundReserve" => PayStep::FundReserve { source },
					"CureWriteDowns" => PayStep::CureWriteDowns { source },
					"Principal" => PayStep::Principal {
						source,
						tranches: list(&s["tranches"]),
						pro_rata: s["pro_rata"].as_bool().unwrap(),
					},
					"Residual" => PayStep::Residual { source },
					k => panic!("unknown step {k}"),
				}
			})
			.collect(),
	)
}

fn trigger(v: &Value) -> Trigger {
	let ppb = |x: &Value| x.as_u64().unwrap();
	let kind = match v["kind"].as_str().unwrap() {
		"Oc" => TriggerKind::Overcollateralization {
			class: v["class"].as_u64().unwrap() as u8,
			min_ppb: ppb(&v["min_ppb"]),
		},
		"Ic" => TriggerKind::InterestCoverage {
			class: v["class"].as_u64().unwrap() as u8,
			min_ppb: ppb(&v["min_ppb"]),
		},
		"Cnl" => TriggerKind::CumulativeLoss {
			curve: BoundedVec::truncate_from(
				v["curve"]
					.as_array()
					.unwrap()
					.iter()
					.map(|p| {
						(p[0].as_u64().unwrap() as u32, Perbill::from_parts(ppb(&p[1]) as u32))
					})
					.collect(),
			),
		},
		_ => TriggerKind::Delinquency60 { max: Perbill::from_parts(ppb(&v["max_ppb"]) as u32) },
	};
	Trigger { kind, curable: v["curable"].as_bool().unwrap() }
}

fn status(v: &Value) -> DealStatus {
	match v.as_str().unwrap() {
		"Normal" => DealStatus::Normal,
		"Sequential" => DealStatus::Sequential,
		_ => DealStatus::Accelerated,
	}
}

#[test]
fn the_reference_models_deals_match_report_by_report() {
	let all: Value = serde_json::from_str(FIXTURES).unwrap();
	let deals = all["deals"].as_array().unwrap();
	assert_eq!(deals.len(), 2);
	let mut checked = 0;
	for fx in deals {
		let name = fx["name"].as_str().unwrap();
		let d = &fx["deal"];
		let w = &d["waterfalls"];
		let deal = DealSpec {
			normal: steps(&w["Normal"]),
			sequential: steps(&w["Sequential"]),
			accelerated: steps(&w["Accelerated"]),
			reserve: ReserveSpec {
				share: Perbill::from_parts(d["reserve"]["share_ppb"].as_u64().unwrap() as u32),
				floor: n(&d["reserve"]["floor"]),
			},
			triggers: BoundedVec::truncate_from(
				d["triggers"].as_array().unwrap().iter().map(trigger).collect(),
			),
			compound_shortfalls: d["compound_shortfalls"].as_bool().unwrap(),
		};
		let specs: Vec<TrancheSpec> = d["tranches"]
			.as_array()
			.unwrap()
			.iter()
			.map(|t| TrancheSpec {
				face: n(&t["face"]),
				coupon: t["coupon"].as_u64(),
				final_maturity: t["final_maturity"].as_u64().unwrap() as u32,
			})
			.collect();
		let tranche_count = u8::try_from(specs.len()).unwrap();
		assert!(crate::Pallet::<crate::mock::Test>::validate_deal(&deal, tranche_count).is_ok());
		let mut tranches: Vec<Tranche> = specs
			.iter()
			.map(|s| Tranche { face: s.face, coupon: s.coupon, ..Default::default() })
			.collect();
		let mut state = DealState { reserve: n(&d["initial_reserve"]), ..Default::default() };
		let periods = fx["periods"].as_array().unwrap();
		let reports = fx["reports"].as_array().unwrap();
		assert_eq!(periods.len(), reports.len());
		for (p, r) in periods.iter().zip(reports) {
			let at = format!("{name}, date {}", p["index"]);
			let f = DateFigures {
				index: p["index"].as_u64().unwrap() as u32,
				start: p["start"].as_u64().unwrap() as u32,
				end: p["end"].as_u64().unwrap() as u32,
				interest: n(&p["interest"]),
				principal: n(&p["principal"]),
				opening_balance: n(&p["opening_balance"]),
				closing_balance: n(&p["closing_balance"]),
				defaults: n(&p["defaults"]),
				delinquent_60: n(&p["delinquent_60"]),
				net_loss: n(&p["net_loss"]),
				original_balance: n(&p["original_balance"]),
				last: false,
			};
			assert_eq!(state.status, status(&r["status"]), "{at}: status");
			let prepared = dates::prepare(&deal, &state, &tranches, &f);
			assert_eq!(prepared.target, n(&r["reserve_target"]), "{at}: reserve target");
			assert_eq!(prepared.released, n(&r["reserve_released"]), "{at}: reserve released");
			let o = dates::run(&prepared).unwrap();
			let want: Vec<u128> = r["steps"].as_array().unwrap().iter().map(n).collect();
			assert_eq!(o.steps, want, "{at}: steps");
			let (lines, _) = dates::apply(&mut tranches, &o).unwrap();
			for (k, (l, x)) in lines.iter().zip(r["tranches"].as_array().unwrap()).enumerate() {
				let got = [
					l.opening,
					l.interest_due,
					l.interest_paid,
					l.principal_paid,
					l.written_down,
					l.written_up,
					l.closing,
					l.shortfall,
					u128::from(l.factor_ppb),
				];
				let exp = [
					"opening",
					"interest_due",
					"interest_paid",
					"principal_paid",
					"written_down",
					"written_up",
					"closing",
					"shortfall",
					"factor_ppb",
				]
				.map(|key| n(&x[key]));
				assert_eq!(got, exp, "{at}: tranche {k}");
			}
			let fees: u128 = o.fees_paid.iter().sum();
			assert_eq!(fees, n(&r["fees_paid"]), "{at}: fees");
			assert_eq!(
				[o.residual_paid, o.reserve_drawn, o.reserve_funded, o.reserve],
				["residual_paid", "reserve_drawn", "reserve_funded", "reserve"].map(|k| n(&r[k])),
				"{at}: residual and reserve"
			);
			let t = dates::tests(&deal, &specs, &state, &tranches, &lines, &o, &f, fees);
			for (i, (got, x)) in
				t.readings.iter().zip(r["triggers"].as_array().unwrap()).enumerate()
			{
				assert_eq!(
					(got.value_ppb, got.limit_ppb, got.breached, got.skipped),
					(
						x["value_ppb"].as_u64().unwrap(),
						x["limit_ppb"].as_u64().unwrap(),
						x["breached"].as_bool().unwrap(),
						x["skipped"].as_bool().unwrap()
					),
					"{at}: trigger {i}"
				);
			}
			assert_eq!(t.status_after, status(&r["status_after"]), "{at}: status after");
			assert_eq!(
				t.event_of_default.is_some(),
				r["event_of_default"].as_bool().unwrap(),
				"{at}: event of default"
			);
			assert_eq!(
				(o.interest_left, o.principal_left),
				(n(&r["interest_left"]), n(&r["principal_left"])),
				"{at}: left in the sources"
			);
			let (il, pl, fs) = (o.interest_left, o.principal_left, o.fee_shortfalls.clone());
			dates::advance(&mut state, &o, &t, il, pl, fs);
			checked += 1;
		}
	}
	assert_eq!(checked, 18 + 24);
}
