//! `abs_pool`, `abs_pools`, `abs_poolLoans`, `abs_poolMetrics`, `abs_poolStrats`,
//! `abs_tranche`, `abs_holdings`, `abs_subscriptions`, `abs_deal`, `abs_poolReport`,
//! `abs_claimable`, `abs_project` and `abs_valuation`: securitization pools as clients read
//! them. Ratios (SMM, MDR, CPR, CDR, factor) are 18-decimal fixed point as strings
//! (`"1000000000000000000"` = 100 %).
//! Amounts are decimal strings (they exceed 2⁵³), accounts SS58, days as day numbers with a
//! `YYYY-MM-DD` companion, rates in parts per 10¹⁸ as strings.

use super::common::{account_of, date, invalid, limit_of};
use std::sync::Arc;

use abs_primitives::{LoanId, PoolId};
use abs_runtime::{opaque::Block, AccountId};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_pools_runtime_api::{
	Cell, DealSpec, DealState, MetricsView, PayStep, PaymentReport, PeriodReport, PoolLoan,
	PoolView, PoolsApi as PoolsRuntimeApi, Projection, ProjectionError, Scenario, StratsView,
	Tranche, TrancheValuation, TriggerKind,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use sp_runtime::traits::Block as BlockT;
use sp_runtime::Perbill;

/// Most pools, loans or subscriptions a page holds.
const MAX_PAGE: u32 = 1_000;

#[rpc(client, server)]
pub trait PoolsApi<BlockHash> {
	/// Pool `id` (parties, calendar, criteria, tranches as structured, sellers, status), or
	/// `null`.
	#[method(name = "abs_pool")]
	fn pool(&self, id: PoolId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// Up to `limit` (default 50, ≤ 1,000) pools from id `from` (default 0).
	#[method(name = "abs_pools")]
	fn pools(
		&self,
		from: Option<PoolId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Value>>;

	/// Up to `limit` of pool `id`'s loans after loan `after` (storage order: pass the last
	/// `loanId` of a page to get the next).
	#[method(name = "abs_poolLoans")]
	fn pool_loans(
		&self,
		id: PoolId,
		after: Option<LoanId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Value>>;

	/// A closed pool's performance: balances by bucket, 30+/60+/90+ delinquencies, defaults,
	/// losses, recoveries, prepayments, cash, WAC, WAM, pool factor; `null` before closing.
	#[method(name = "abs_poolMetrics")]
	fn metrics(
		&self,
		id: PoolId,
		period: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Value>>;

	/// A pool's stratification tables (balance and count by rate band, score band, DTI band,
	/// collateral kind, originator and maturity month).
	#[method(name = "abs_poolStrats")]
	fn strats(&self, id: PoolId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// A closed pool's tranche `tranche` (token, face, allocation, retention, outstanding).
	#[method(name = "abs_tranche")]
	fn tranche(&self, id: PoolId, tranche: u8, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// An account's tranche holdings.
	#[method(name = "abs_holdings")]
	fn holdings(&self, account: String, at: Option<BlockHash>) -> RpcResult<Vec<Value>>;

	/// A pool's open subscriptions (before closing, and unclaimed after).
	#[method(name = "abs_subscriptions")]
	fn subscriptions(&self, id: PoolId, at: Option<BlockHash>) -> RpcResult<Vec<Value>>;

	/// A pool's deal: the waterfall of each status (`normal`, `sequential`, `accelerated`),
	/// the reserve's target, the triggers; once closed, its `state` (status, reserve, carried
	/// cash, fees paid, credited and claimed, breached triggers).
	#[method(name = "abs_deal")]
	fn deal(&self, id: PoolId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// The trustee's report of payment date `period` (0 from closing): collections by
	/// source, each step's amount, fees, reserve, deficiency, triggers, each tranche's
	/// interest due and paid, principal, write-downs, balance, factor and shortfall.
	#[method(name = "abs_poolReport")]
	fn pool_report(
		&self,
		id: PoolId,
		period: u32,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Value>>;

	/// A closed pool's cash flows projected under `scenario` (`{cprPpb, cdrPpb, severityPpb,
	/// lag, pricePpb, yieldPpb}`, annual rates and severity in parts per 10⁹, the recovery lag
	/// in periods, all optional): per payment date the loans' collections, the waterfall's
	/// sources, fees, reserve, status and each tranche's interest, principal, write-downs and
	/// balance; per tranche the totals, WAL, yield at the price (par by default) and value at
	/// the yield (its coupon by default). Loan by loan, for pools of ≤ 500 loans.
	#[method(name = "abs_project")]
	fn project(
		&self,
		pool: PoolId,
		scenario: Option<ScenarioJson>,
		at: Option<BlockHash>,
	) -> RpcResult<Value>;

	/// Tranche `tranche` valued under the pool's own performance (its last period's CPR and
	/// CDR, its loss severity so far) or `scenario`, at `yieldPpb` (its coupon by default).
	#[method(name = "abs_valuation")]
	fn valuation(
		&self,
		pool: PoolId,
		tranche: u8,
		yield_ppb: Option<i64>,
		scenario: Option<ScenarioJson>,
		at: Option<BlockHash>,
	) -> RpcResult<Value>;

	/// What `account` may claim on a pool's tranche now: `{interest, principal, total}`.
	#[method(name = "abs_claimable")]
	fn claimable(
		&self,
		account: String,
		pool: PoolId,
		tranche: u8,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Value>>;
}

fn s(x: u128) -> String {
	x.to_string()
}

/// A projection's scenario as clients send it.
#[derive(Serialize, Deserialize, Default, Clone, Copy, Debug)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScenarioJson {
	#[serde(default)]
	pub cpr_ppb: u32,
	#[serde(default)]
	pub cdr_ppb: u32,
	#[serde(default)]
	pub severity_ppb: u32,
	#[serde(default)]
	pub lag: u32,
	pub price_ppb: Option<u64>,
	pub yield_ppb: Option<i64>,
}

fn scenario_of(j: ScenarioJson) -> RpcResult<Scenario> {
	let rate = |name: &str, v: u32| {
		if v > 1_000_000_000 {
			return Err(invalid(format!("{name} must be 0..=1000000000 (ppb), got {v}")));
		}
		Ok(Perbill::from_parts(v))
	};
	if j.lag > 120 {
		return Err(invalid(format!("lag must be 0..=120 periods, got {}", j.lag)));
	}
	if j.price_ppb == Some(0) {
		return Err(invalid("pricePpb must be positive".into()));
	}
	if let Some(y) = j.yield_ppb {
		if !(-500_000_000..=10_000_000_000).contains(&y) {
			return Err(invalid(format!("yieldPpb must be -500000000..=10000000000, got {y}")));
		}
	}
	Ok(Scenario {
		cpr: rate("cprPpb", j.cpr_ppb)?,
		cdr: rate("cdrPpb", j.cdr_ppb)?,
		severity: rate("severityPpb", j.severity_ppb)?,
		lag: j.lag,
		price_ppb: j.price_ppb,
		yield_ppb: j.yield_ppb,
	})
}

fn projection_error(e: ProjectionError) -> jsonrpsee::types::ErrorObjectOwned {
	let msg = match e {
		ProjectionError::NotClosed => "the pool does not exist or is not closed",
		ProjectionError::UnknownTranche => "the pool has no such tranche",
		ProjectionError::InvalidScenario => "a rate, severity, price or yield is out of range",
		ProjectionError::Arithmetic => "an amount is out of range",
	};
	invalid(format!("{e:?}: {msg}"))
}

fn valuation_json(v: &TrancheValuation) -> Value {
	json!({
		"outstanding": s(v.outstanding),
		"interest": s(v.interest),
		"principal": s(v.principal),
		"loss": s(v.loss),
		"walE9": s(v.wal_e9),
		"yieldPpb": v.yield_ppb,
		"pricePpb": v.price_ppb,
		"discountYieldPpb": v.discount_yield_ppb,
		"value": s(v.value),
		"valuePpb": v.value_ppb,
	})
}

fn projection_json(p: Projection) -> Value {
	json!({
		"today": p.today,
		"date": date(p.today),
		"loans": p.loans,
		"repLines": p.rep_lines,
		"remainingInstallments": s(p.remaining_installments),
		"collectedInterest": s(p.collected_interest),
		"collectedPrincipal": s(p.collected_principal),
		"periods": p.periods.iter().map(|r| json!({
			"index": r.index,
			"end": r.end,
			"date": date(r.end),
			"grossInterest": s(r.gross_interest),
			"servicingFees": s(r.servicing_fees),
			"scheduledPrincipal": s(r.scheduled_principal),
			"prepayments": s(r.prepayments),
			"defaults": s(r.defaults),
			"recoveries": s(r.recoveries),
			"openingBalance": s(r.opening_balance),
			"closingBalance": s(r.closing_balance),
			"interestProceeds": s(r.interest_proceeds),
			"principalProceeds": s(r.principal_proceeds),
			"fees": s(r.fees),
			"reserve": s(r.reserve),
			"status": format!("{:?}", r.status),
			"statusAfter": format!("{:?}", r.status_after),
			"breached": (0..32).filter(|i| r.breached & (1u32 << i) != 0).collect::<Vec<u32>>(),
			"tranches": r.tranches.iter().map(|l| json!({
				"interest": s(l.interest),
				"principal": s(l.principal),
				"writtenDown": s(l.written_down),
				"writtenUp": s(l.written_up),
				"shortfall": s(l.shortfall),
				"balance": s(l.balance),
			})).collect::<Vec<_>>(),
		})).collect::<Vec<_>>(),
		"tranches": p.tranches.iter().enumerate().map(|(k, v)| {
			let mut j = valuation_json(v);
			if let Some(o) = j.as_object_mut() {
				o.insert("index".into(), json!(k));
			}
			j
		}).collect::<Vec<_>>(),
	})
}

fn deal_json(d: DealSpec, state: Option<DealState>) -> Value {
	let steps = |x: &[PayStep]| {
		x.iter()
			.map(|st| match st {
				PayStep::Fee { source, bps, fixed } => json!({
					"kind": "Fee", "source": format!("{source:?}"), "bps": bps, "fixed": s(*fixed)
				}),
				PayStep::Interest { source, tranches, reserve } => json!({
					"kind": "Interest", "source": format!("{source:?}"), "tranches": tranches.to_vec(),
					"reserve": reserve
				}),
				PayStep::OcTest { source, class, min_ppb } => json!({
					"kind": "OcTest", "source": format!("{source:?}"), "class": class, "minPpb": min_ppb
				}),
				PayStep::FundReserve { source } => {
					json!({ "kind": "FundReserve", "source": format!("{source:?}") })
				}
				PayStep::CureWriteDowns { source } => {
					json!({ "kind": "CureWriteDowns", "source": format!("{source:?}") })
				}
				PayStep::Principal { source, tranches, pro_rata } => json!({
					"kind": "Principal", "source": format!("{source:?}"), "tranches": tranches.to_vec(),
					"proRata": pro_rata
				}),
				PayStep::Residual { source } => {
					json!({ "kind": "Residual", "source": format!("{source:?}") })
				}
			})
			.collect::<Vec<_>>()
	};
	let triggers = d
		.triggers
		.iter()
		.map(|t| {
			let kind = match &t.kind {
				TriggerKind::Overcollateralization { class, min_ppb } => {
					json!({ "type": "Overcollateralization", "class": class, "minPpb": min_ppb })
				}
				TriggerKind::InterestCoverage { class, min_ppb } => {
					json!({ "type": "InterestCoverage", "class": class, "minPpb": min_ppb })
				}
				TriggerKind::CumulativeLoss { curve } => json!({
					"type": "CumulativeLoss",
					"curve": curve.iter().map(|(p, l)| json!({ "from": p, "maxPpb": l.deconstruct() })).collect::<Vec<_>>(),
				}),
				TriggerKind::Delinquency60 { max } => {
					json!({ "type": "Delinquency60", "maxPpb": max.deconstruct() })
				}
			};
			json!({ "kind": kind, "curable": t.curable })
		})
		.collect::<Vec<_>>();
	json!({
		"normal": steps(&d.normal),
		"sequential": steps(&d.sequential),
		"accelerated": steps(&d.accelerated),
		"reserve": { "sharePpb": d.reserve.share.deconstruct(), "floor": s(d.reserve.floor) },
		"triggers": triggers,
		"compoundShortfalls": d.compound_shortfalls,
		"state": state.map(|x| json!({
			"status": format!("{:?}", x.status),
			"paymentDates": x.payment_dates,
			"reserve": s(x.reserve),
			"interestCash": s(x.interest_cash),
			"principalCash": s(x.principal_cash),
			"feeShortfalls": x.fee_shortfalls.iter().map(|f| s(*f)).collect::<Vec<_>>(),
			"feesPaid": s(x.fees_paid),
			"distributed": s(x.distributed),
			"claimed": s(x.claimed),
			"breached": (0..32).filter(|i| x.breached & (1u32 << i) != 0).collect::<Vec<u32>>(),
		})),
	})
}

fn payment_json(r: PaymentReport) -> Value {
	json!({
		"day": r.day,
		"date": date(r.day),
		"index": r.index,
		"status": format!("{:?}", r.status),
		"statusAfter": format!("{:?}", r.status_after),
		"interestCollected": s(r.interest_collected),
		"principalCollected": s(r.principal_collected),
		"interestCarried": s(r.interest_carried),
		"principalCarried": s(r.principal_carried),
		"reserveReleased": s(r.reserve_released),
		"openingBalance": s(r.opening_balance),
		"closingBalance": s(r.closing_balance),
		"losses": s(r.losses),
		"steps": r.steps.iter().map(|x| s(*x)).collect::<Vec<_>>(),
		"feesPaid": s(r.fees_paid),
		"residualPaid": s(r.residual_paid),
		"reserveDrawn": s(r.reserve_drawn),
		"reserveFunded": s(r.reserve_funded),
		"reserveTarget": s(r.reserve_target),
		"reserve": s(r.reserve),
		"deficiency": s(r.deficiency),
		"ocFailed": (0..32).filter(|i| r.oc_failed & (1u32 << i) != 0).collect::<Vec<u32>>(),
		"tranches": r.tranches.iter().enumerate().map(|(k, t)| json!({
			"index": k,
			"opening": s(t.opening),
			"interestDue": s(t.interest_due),
			"interestPaid": s(t.interest_paid),
			"principalPaid": s(t.principal_paid),
			"writtenDown": s(t.written_down),
			"writtenUp": s(t.written_up),
			"closing": s(t.closing),
			"shortfall": s(t.shortfall),
			"factorPpb": t.factor_ppb,
		})).collect::<Vec<_>>(),
		"triggers": r.triggers.iter().enumerate().map(|(i, t)| json!({
			"index": i,
			"valuePpb": t.value_ppb,
			"limitPpb": t.limit_ppb,
			"breached": t.breached,
			"skipped": t.skipped,
		})).collect::<Vec<_>>(),
		"eventOfDefault": r.event_of_default,
		"interestLeft": s(r.interest_left),
		"principalLeft": s(r.principal_left),
	})
}

fn pool_json(v: PoolView<AccountId>) -> Value {
	let p = v.pool;
	let s = p.spec;
	let e = s.eligibility;
	json!({
		"id": v.id,
		"account": v.account.to_ss58check(),
		"sponsor": p.sponsor.to_ss58check(),
		"status": format!("{:?}", p.status),
		"createdOn": p.created_on,
		"loans": p.loans,
		"principal": p.principal.to_string(),
		"deposit": p.deposit.to_string(),
		"sellers": p.sellers.iter().map(|x| json!({
			"seller": x.seller.to_ss58check(),
			"principal": x.principal.to_string(),
			"collectedPrincipal": x.collected_principal.to_string(),
			"collectedInterest": x.collected_interest.to_string(),
		})).collect::<Vec<_>>(),
		"spec": {
			"asset": s.asset,
			"trustee": s.trustee.to_ss58check(),
			"servicer": s.servicer.to_ss58check(),
			"cutOff": s.cut_off,
			"cutOffDate": date(s.cut_off),
			"offeringOpens": s.offering_opens,
			"offeringCloses": s.offering_closes,
			"paymentDay": s.payment_day,
			"cleanUpPpb": s.clean_up.deconstruct(),
			"trusteeFeeBps": s.trustee_fee_bps,
			"pricePpq": s.price.deconstruct().to_string(),
			"sponsorDeposit": s.sponsor_deposit.to_string(),
			"eligibility": {
				"minRemainingInstallments": e.min_remaining_installments,
				"maxRemainingInstallments": e.max_remaining_installments,
				"minRate": e.min_rate.to_string(),
				"maxRate": e.max_rate.to_string(),
				"maxPrincipal": e.max_principal.to_string(),
				"collateralKinds": e.collateral_kinds.iter().map(|k| format!("{k:?}")).collect::<Vec<_>>(),
				"minScoreBand": e.min_score_band.map(|b| format!("{b:?}")),
				"maxDtiBand": e.max_dti_band.map(|b| format!("{b:?}")),
				"maxOriginatorSharePpb": e.max_originator_share.deconstruct(),
			},
			"tranches": s.tranches.iter().enumerate().map(|(k, t)| json!({
				"index": k,
				"face": t.face.to_string(),
				"coupon": t.coupon.map(|c| c.to_string()),
				"finalMaturity": t.final_maturity,
			})).collect::<Vec<_>>(),
		},
	})
}

fn loan_json(id: LoanId, l: PoolLoan<AccountId>) -> Value {
	json!({
		"loanId": id,
		"seller": l.seller.to_ss58check(),
		"principal": l.principal.to_string(),
		"contributedOn": l.contributed_on,
		"collectedPrincipal": l.collected_principal.to_string(),
		"collectedInterest": l.collected_interest.to_string(),
		"bucket": l.bucket,
		"defaulted": l.defaulted,
		"rate": l.rate.to_string(),
		"remainingInstallments": l.remaining,
		"periods": l.periods,
		"installment": l.installment.to_string(),
		"done": l.done,
		"maturityMonth": month_label(l.strat.maturity_month),
		"originator": l.strat.originator,
	})
}

fn strings<const N: usize>(xs: [u128; N]) -> Vec<String> {
	xs.iter().map(|x| x.to_string()).collect()
}

fn metrics_json(m: MetricsView) -> Value {
	let p = m.performance;
	json!({
		"originalBalance": p.original_balance.to_string(),
		"balance": p.balance.to_string(),
		"factorPpb": m.factor_ppb.to_string(),
		"countByBucket": p.count_by_bucket,
		"balanceByBucket": strings(p.balance_by_bucket),
		"delinquent30": m.delinquent_30.to_string(),
		"delinquent60": m.delinquent_60.to_string(),
		"delinquent90": m.delinquent_90.to_string(),
		"defaultedCount": p.defaulted_count,
		"defaultedBalance": p.defaulted_balance.to_string(),
		"paidOff": p.paid_off,
		"resolved": p.resolved,
		"cumulativeDefaults": p.cumulative_defaults.to_string(),
		"cumulativeLosses": p.cumulative_losses.to_string(),
		"cumulativeRecoveries": p.cumulative_recoveries.to_string(),
		"cumulativePrepayments": p.cumulative_prepayments.to_string(),
		"cumulativePrincipal": p.cumulative_principal.to_string(),
		"cumulativeInterest": p.cumulative_interest.to_string(),
		"cash": p.cash.to_string(),
		"cumulativeRepurchases": p.cumulative_repurchases.to_string(),
		"wacPpb": m.wac_ppb.to_string(),
		"wamMilli": m.wam_milli.to_string(),
		"walaMilli": m.wala_milli.to_string(),
		"expectedInstallments": p.installments.to_string(),
		"closedOn": p.closed_on,
		"endedOn": p.ended_on,
		"currentPeriod": report_json(m.current),
	})
}

fn report_json(r: PeriodReport) -> Value {
	let q = &r.period;
	json!({
		"index": q.index,
		"start": q.start,
		"startDate": date(q.start),
		"end": q.end,
		"endDate": date(q.end),
		"openingBalance": q.opening_balance.to_string(),
		"openingCount": q.opening_count,
		"expected": q.expected.to_string(),
		"collected": q.collected().to_string(),
		"interest": q.interest.to_string(),
		"scheduledPrincipal": q.scheduled_principal.to_string(),
		"prepayments": q.prepayments.to_string(),
		"repurchases": q.repurchases.to_string(),
		"recoveries": q.recoveries.to_string(),
		"defaults": q.defaults.to_string(),
		"losses": q.losses.to_string(),
		"closingBalance": r.closing_balance.to_string(),
		"closingCount": r.closing_count,
		"smm": r.smm.into_inner().to_string(),
		"mdr": r.mdr.into_inner().to_string(),
		"cpr": r.cpr.into_inner().to_string(),
		"cdr": r.cdr.into_inner().to_string(),
		"factor": r.factor.into_inner().to_string(),
		"wacPpb": r.wac_ppb.to_string(),
		"wamMilli": r.wam_milli.to_string(),
		"walaMilli": r.wala_milli.to_string(),
		"delinquent30": r.delinquent_30.to_string(),
		"delinquent60": r.delinquent_60.to_string(),
		"delinquent90": r.delinquent_90.to_string(),
	})
}

/// `YYYY-MM` of a month number (year × 12 + month − 1).
fn month_label(m: u32) -> String {
	format!(
		"{:04}-{:02}",
		m.checked_div(12).unwrap_or(0),
		m.checked_rem(12).unwrap_or(0).saturating_add(1)
	)
}

fn cells(cs: &[Cell]) -> Vec<Value> {
	cs.iter().map(|c| json!({ "count": c.count, "balance": c.balance.to_string() })).collect()
}

fn strats_json(v: StratsView) -> Value {
	let s = v.strats;
	json!({
		"rateBands": ["<4%", "4-6%", "6-8%", "8-10%", "10-12%", "12-15%", "15-20%", ">=20%"],
		"rate": cells(&s.rate),
		"scoreBands": ["<580", "580-619", "620-659", "660-719", "720-779", ">=780", "corporate"],
		"score": cells(&s.score),
		"dtiBands": ["<20%", "20-30%", "30-36%", "36-43%", "43-50%", ">=50%"],
		"dti": cells(&s.dti),
		"collateralKinds": ["None", "Vehicle", "RealEstate", "Equipment", "Receivables", "Securities", "Other"],
		"collateral": cells(&s.collateral),
		"originator": cells(&s.originator),
		"maturity": v.maturity.iter().map(|(m, c)| json!({
			"month": month_label(*m),
			"count": c.count,
			"balance": c.balance.to_string(),
		})).collect::<Vec<_>>(),
	})
}

fn tranche_json(t: Tranche) -> Value {
	json!({
		"asset": t.asset,
		"face": t.face.to_string(),
		"coupon": t.coupon.map(|c| c.to_string()),
		"subscribed": t.subscribed.to_string(),
		"sold": t.sold.to_string(),
		"minted": t.minted.to_string(),
		"claimed": t.claimed.to_string(),
		"retained": t.retained.to_string(),
		"principalPaid": t.principal_paid.to_string(),
		"writtenDown": t.written_down.to_string(),
		"writtenUp": t.written_up.to_string(),
		"outstanding": t.outstanding().to_string(),
		"interestPaid": t.interest_paid.to_string(),
		"shortfall": t.shortfall.to_string(),
		"interestIndex": t.interest_index.to_string(),
		"principalIndex": t.principal_index.to_string(),
		"distributed": t.distributed.to_string(),
		"claimedCash": t.claimed_cash.to_string(),
		"redeemed": t.redeemed.to_string(),
	})
}

/// Implementation of [`PoolsApiServer`].
pub struct PoolsRpc<C> {
	client: Arc<C>,
}

impl<C> PoolsRpc<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> PoolsApiServer<<Block as BlockT>::Hash> for PoolsRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: PoolsRuntimeApi<Block, AccountId>,
{
	fn pool(&self, id: PoolId, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let p = self.client.runtime_api().pool(at, id).map_err(super::runtime_error)?;
		Ok(p.map(pool_json))
	}

	fn pools(
		&self,
		from: Option<PoolId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<Value>> {
		let limit = limit_of(limit, MAX_PAGE)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let ps = self
			.client
			.runtime_api()
			.pools(at, from.unwrap_or(0), limit)
			.map_err(super::runtime_error)?;
		Ok(ps.into_iter().map(pool_json).collect())
	}

	fn pool_loans(
		&self,
		id: PoolId,
		after: Option<LoanId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<Value>> {
		let limit = limit_of(limit, MAX_PAGE)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let ls = self
			.client
			.runtime_api()
			.pool_loans(at, id, after, limit)
			.map_err(super::runtime_error)?;
		Ok(ls.into_iter().map(|(id, l)| loan_json(id, l)).collect())
	}

	fn metrics(
		&self,
		id: PoolId,
		period: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let api = self.client.runtime_api();
		if let Some(index) = period {
			let r = api.period(at, id, index).map_err(super::runtime_error)?;
			return Ok(r.map(report_json));
		}
		let m = api.metrics(at, id).map_err(super::runtime_error)?;
		Ok(m.map(metrics_json))
	}

	fn strats(&self, id: PoolId, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let s = self.client.runtime_api().strats(at, id).map_err(super::runtime_error)?;
		Ok(s.map(strats_json))
	}

	fn tranche(
		&self,
		id: PoolId,
		tranche: u8,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let t = self.client.runtime_api().tranche(at, id, tranche).map_err(super::runtime_error)?;
		Ok(t.map(tranche_json))
	}

	fn holdings(
		&self,
		account: String,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<Value>> {
		let who = account_of(&account)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let hs = self.client.runtime_api().holdings(at, who).map_err(super::runtime_error)?;
		Ok(hs
			.into_iter()
			.map(
				|(pool, k, units)| json!({ "pool": pool, "tranche": k, "units": units.to_string() }),
			)
			.collect())
	}

	fn subscriptions(
		&self,
		id: PoolId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let ss = self.client.runtime_api().subscriptions(at, id).map_err(super::runtime_error)?;
		Ok(ss
			.into_iter()
			.map(|(k, who, amount)| {
				json!({ "tranche": k, "subscriber": who.to_ss58check(), "amount": amount.to_string() })
			})
			.collect())
	}

	fn deal(&self, id: PoolId, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let d = self.client.runtime_api().deal(at, id).map_err(super::runtime_error)?;
		Ok(d.map(|(d, state)| deal_json(d, state)))
	}

	fn pool_report(
		&self,
		id: PoolId,
		period: u32,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let r = self
			.client
			.runtime_api()
			.payment_report(at, id, period)
			.map_err(super::runtime_error)?;
		Ok(r.map(payment_json))
	}

	fn project(
		&self,
		pool: PoolId,
		scenario: Option<ScenarioJson>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Value> {
		let sc = scenario_of(scenario.unwrap_or_default())?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let p = self
			.client
			.runtime_api()
			.project(at, pool, sc)
			.map_err(super::runtime_error)?
			.map_err(projection_error)?;
		Ok(projection_json(p))
	}

	fn valuation(
		&self,
		pool: PoolId,
		tranche: u8,
		yield_ppb: Option<i64>,
		scenario: Option<ScenarioJson>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Value> {
		let sc = scenario.map(scenario_of).transpose()?;
		if let Some(y) = yield_ppb {
			scenario_of(ScenarioJson { yield_ppb: Some(y), ..Default::default() })?;
		}
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let v = self
			.client
			.runtime_api()
			.valuation(at, pool, tranche, sc, yield_ppb)
			.map_err(super::runtime_error)?
			.map_err(projection_error)?;
		let mut j = valuation_json(&v);
		if let Some(o) = j.as_object_mut() {
			o.insert("tranche".into(), json!(tranche));
		}
		Ok(j)
	}

	fn claimable(
		&self,
		account: String,
		pool: PoolId,
		tranche: u8,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<Value>> {
		let who = account_of(&account)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let c = self
			.client
			.runtime_api()
			.claimable(at, who, pool, tranche)
			.map_err(super::runtime_error)?;
		Ok(c.map(
			|(i, p)| json!({ "interest": s(i), "principal": s(p), "total": s(i.saturating_add(p)) }),
		))
	}
}
