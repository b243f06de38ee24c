//! `abs_recovery` (a defaulted loan's enforcement, appraisal, claims, outcome and auction)
//! and `abs_auction` (the open auction with its minimum next bid and blocks left).
//! Amounts are decimal strings, accounts SS58, hashes 0x-hex.

use super::common::hex;
use std::sync::Arc;

use abs_primitives::LoanId;
use abs_runtime::{opaque::Block, AccountId};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_recovery_runtime_api::{
	Auction, EnforcementAction, RecoveryApi as RecoveryRuntimeApi, RecoveryView,
};
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use sp_runtime::traits::Block as BlockT;

#[rpc(client, server)]
pub trait RecoveryApi<BlockHash> {
	/// A loan's recovery (order, acknowledgement, appraisal, debt, claims, stage, outcome,
	/// auction), or `null`.
	#[method(name = "abs_recovery")]
	fn recovery(&self, id: LoanId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// A loan's open auction: round, reserve, start, end, hard end, best bid, minimum next
	/// bid, the current block; `null` when none is open.
	#[method(name = "abs_auction")]
	fn auction(&self, id: LoanId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// The auction timing in force.
	#[method(name = "abs_auctionParams")]
	fn params(&self, at: Option<BlockHash>) -> RpcResult<Value>;
}

fn auction_json(a: &Auction<AccountId>, min_next: Option<u128>, now: u32) -> Value {
	json!({
		"round": a.round,
		"reserve": a.reserve.to_string(),
		"start": a.start,
		"end": a.end,
		"hardEnd": a.hard_end,
		"best": a.best.as_ref().map(|(b, amount)| json!({ "bidder": b.to_ss58check(), "amount": amount.to_string() })),
		"bids": a.bids,
		"minNextBid": min_next.map(|m| m.to_string()),
		"now": now,
		"open": now <= a.end,
	})
}

/// An appraisal; `record` is the confidential record holding its report (`null` for the
/// origination appraisal).
fn appraisal_json(a: &pallet_recovery_runtime_api::Appraisal) -> Value {
	json!({ "value": a.value.to_string(), "day": a.day, "record": a.record })
}

fn recovery_json(r: RecoveryView<AccountId>) -> Value {
	json!({
		"loanId": r.loan_id,
		"agent": r.agent.to_ss58check(),
		"action": match r.action {
			EnforcementAction::Immobilize => json!({ "type": "Immobilize" }),
			EnforcementAction::ReturnTo { place_hash } => json!({ "type": "ReturnTo", "placeHash": hex(place_hash.as_bytes()) }),
		},
		"orderedOn": r.ordered_on,
		"ackDeadline": r.ack_deadline,
		"acknowledgedOn": r.acknowledged_on,
		"appraisal": appraisal_json(&r.appraisal),
		"pendingAppraisal": r.pending_appraisal.as_ref().map(appraisal_json),
		"defaultDay": r.default_day,
		"debt": r.debt.to_string(),
		"servicerFees": r.servicer_fees.to_string(),
		"stage": r.stage,
		"claims": r.claims.iter().map(|c| json!({
			"claimant": c.claimant.to_ss58check(), "amount": c.amount.to_string(), "evidence": hex(c.evidence.as_bytes())
		})).collect::<Vec<_>>(),
		"outcome": r.outcome.as_ref().map(|o| json!({
			"price": o.price.to_string(),
			"costsPaid": o.costs_paid.to_string(),
			"servicerPaid": o.servicer_paid.to_string(),
			"ownerPaid": o.owner_paid.to_string(),
			"borrowerPaid": o.borrower_paid.to_string(),
			"loss": o.loss.to_string(),
			"titleTo": o.title_to.to_ss58check(),
		})),
		"auction": r.auction.as_ref().map(|a| auction_json(a, r.min_next_bid, r.now)),
	})
}

/// Implementation of [`RecoveryApiServer`].
pub struct RecoveryRpc<C> {
	client: Arc<C>,
}

impl<C> RecoveryRpc<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> RecoveryApiServer<<Block as BlockT>::Hash> for RecoveryRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RecoveryRuntimeApi<Block, AccountId>,
{
	fn recovery(
		&self,
		id: LoanId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let r = self.client.runtime_api().recovery(at, id).map_err(super::runtime_error)?;
		Ok(r.map(recovery_json))
	}

	fn auction(&self, id: LoanId, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let r = self.client.runtime_api().recovery(at, id).map_err(super::runtime_error)?;
		Ok(r.and_then(|r| r.auction.as_ref().map(|a| auction_json(a, r.min_next_bid, r.now))))
	}

	fn params(&self, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Value> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let p = self.client.runtime_api().params(at).map_err(super::runtime_error)?;
		Ok(json!({
			"durationBlocks": p.duration_blocks,
			"extensionBlocks": p.extension_blocks,
			"maxExtensionBlocks": p.max_extension_blocks,
			"ackTimeoutDays": p.ack_timeout_days,
		}))
	}
}
