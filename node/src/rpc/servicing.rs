//! `abs_schedule`, `abs_servicing`, `abs_payoff` and `abs_payments` (paged). Notices:
//! `rpc/notices.rs`.
//!
//! Amounts are decimal strings, dates `YYYY-MM-DD` next to day numbers, accounts SS58.

use std::sync::Arc;

use super::common::{date, hex, limit_of};
use abs_primitives::{DayNumber, LoanId};
use abs_runtime::{opaque::Block, AccountId};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_servicing_runtime_api::{
	DueView, PaymentSource, PaymentView, Phase, ServicingApi as ServicingRuntimeApi, ServicingView,
	MAX_PAGE,
};
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use sp_runtime::traits::Block as BlockT;

#[rpc(client, server)]
pub trait ServicingApi<BlockHash> {
	/// A serviced loan's schedule with what was paid against each installment, or `null`.
	#[method(name = "abs_schedule")]
	fn schedule(&self, id: LoanId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// A serviced loan's state (phase, bucket, next checkpoint, totals, bureaus) and what is
	/// due today, or `null`.
	#[method(name = "abs_servicing")]
	fn servicing(&self, id: LoanId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// What closes the loan on `day` (day number; default today): a decimal string, or `null`
	/// when the loan is not serviced or closed. Once defaulted: the debt.
	#[method(name = "abs_payoff")]
	fn payoff(
		&self,
		id: LoanId,
		day: Option<DayNumber>,
		at: Option<BlockHash>,
	) -> RpcResult<Option<String>>;

	/// Payment records of a loan from `from` (default 0), at most `limit` (1..=100, default 50).
	#[method(name = "abs_payments")]
	fn payments(
		&self,
		id: LoanId,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Value>>;
}

fn phase_json(p: Phase) -> Value {
	match p {
		Phase::Performing => json!({ "type": "Performing" }),
		Phase::Defaulted { on, debt } => {
			json!({ "type": "Defaulted", "on": on, "onDate": date(on), "debt": debt.to_string() })
		}
		Phase::Closed => json!({ "type": "Closed" }),
	}
}

fn due_json(d: DueView) -> Value {
	json!({
		"day": d.day,
		"date": date(d.day),
		"defaultDay": d.default_day,
		"defaultDate": d.default_day.map(date),
		"daysPastDue": d.days_past_due,
		"bucket": d.bucket,
		"overdue": d.overdue.to_string(),
		"lateFees": d.late_fees.to_string(),
		"current": d.current.map(|(index, due, amount)| json!({
			"index": index, "due": due, "dueDate": date(due), "amount": amount.to_string()
		})),
		"dueNow": d.due_now.to_string(),
		"payoff": d.payoff.to_string(),
	})
}

fn servicing_json(s: ServicingView<AccountId>) -> Value {
	json!({
		"loanId": s.loan_id,
		"phase": phase_json(s.phase),
		"bucket": s.bucket,
		"nextCheckpoint": s.next_checkpoint,
		"payments": s.payments,
		"paid": s.paid.to_string(),
		"toOwner": s.to_owner.to_string(),
		"toServicer": s.to_servicer.to_string(),
		"lateFeesCharged": s.late_fees_charged.to_string(),
		"bureaus": s.bureaus.iter().map(|a| a.to_ss58check()).collect::<Vec<_>>(),
		"originatorBureaus": s.originator_bureaus.iter().map(|a| a.to_ss58check()).collect::<Vec<_>>(),
		"today": due_json(s.today),
	})
}

fn payment_json(p: PaymentView<AccountId>) -> Value {
	json!({
		"seq": p.seq,
		"payer": p.payer.to_ss58check(),
		"source": match p.source {
			PaymentSource::OnChain => json!({ "type": "OnChain" }),
			PaymentSource::OffChain { reference } => json!({
				"type": "OffChain", "reference": hex(reference.as_bytes())
			}),
		},
		"amount": p.amount.to_string(),
		"interest": p.interest.to_string(),
		"principal": p.principal.to_string(),
		"lateFees": p.late_fees.to_string(),
		"prepayment": p.prepayment.to_string(),
		"servicingFee": p.servicing_fee.to_string(),
		"toOwner": p.to_owner.to_string(),
		"toServicer": p.to_servicer.to_string(),
		"closed": p.closed,
		"day": p.day,
		"date": date(p.day),
		"block": p.block,
		"timestamp": p.timestamp,
	})
}

/// Implementation of [`ServicingApiServer`].
pub struct ServicingRpc<C> {
	client: Arc<C>,
}

impl<C> ServicingRpc<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

#[jsonrpsee::core::async_trait]
impl<C> ServicingApiServer<<Block as BlockT>::Hash> for ServicingRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ServicingRuntimeApi<Block, AccountId>,
{
	fn schedule(
		&self,
		id: LoanId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let s = self.client.runtime_api().schedule(at, id).map_err(super::runtime_error)?;
		Ok(s.map(|s| {
			json!({
				"payment": s.payment.to_string(),
				"start": s.start,
				"startDate": date(s.start),
				"installments": s.installments.iter().enumerate().map(|(index, i)| json!({
					"index": index,
					"due": i.due,
					"dueDate": date(i.due),
					"interest": i.interest.to_string(),
					"principal": i.principal.to_string(),
					"paidInterest": i.paid_interest.to_string(),
					"paidPrincipal": i.paid_principal.to_string(),
					"lateFee": i.late_fee.to_string(),
					"paidLateFee": i.paid_late_fee.to_string(),
				})).collect::<Vec<_>>(),
			})
		}))
	}

	fn servicing(
		&self,
		id: LoanId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let s = self.client.runtime_api().servicing(at, id).map_err(super::runtime_error)?;
		Ok(s.map(servicing_json))
	}

	fn payoff(
		&self,
		id: LoanId,
		day: Option<DayNumber>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<String>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let api = self.client.runtime_api();
		let day = match day {
			Some(d) => d,
			None => match api.servicing(at, id).map_err(super::runtime_error)? {
				Some(s) => s.today.day,
				None => return Ok(None),
			},
		};
		Ok(api.payoff(at, id, day).map_err(super::runtime_error)?.map(|p| p.to_string()))
	}

	fn payments(
		&self,
		id: LoanId,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<Value>> {
		let l = limit_of(limit, MAX_PAGE)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let page = self
			.client
			.runtime_api()
			.payments(at, id, from.unwrap_or(0), l)
			.map_err(super::runtime_error)?;
		Ok(page.into_iter().map(payment_json).collect())
	}
}
