//! Notices over JSON-RPC, for every pallet's notices (`pallet-notices`):
//! `abs_subscribeNotices(who)` streams those of each finalized block; `abs_noticesSince(who,
//! block)` returns those of finalized blocks from `block` on, for a client catching up after
//! reconnecting. `who` is an SS58 account (the notices addressed to it) or a subject
//! (`{"Loan": 7}`, `{"Pool": 1}`, `{"Tranche": 3}`, `{"Market": 2}`: every notice about it).

use std::sync::Arc;

use super::common::{account_of, date, hex, invalid};
use abs_primitives::{
	Addressee, DealNotice, DefaultReason, NoticeKind, NoticeSubject, RecoveryNotice,
};
use abs_runtime::{opaque::Block, AccountId};
use futures::StreamExt;
use jsonrpsee::{
	core::{RpcResult, SubscriptionResult},
	proc_macros::rpc,
	PendingSubscriptionSink, SubscriptionMessage,
};
use pallet_notices_runtime_api::{NoticeView, NoticesApi as NoticesRuntimeApi};
use sc_client_api::BlockchainEvents;
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::{Block as BlockT, Header as HeaderT};

/// Most blocks one `abs_noticesSince` call walks; the answer says where to continue.
pub const MAX_BLOCKS_PER_CALL: u32 = 1_000;

/// Most `abs_noticesSince` catch-ups running at once. Each walks up to 1,000 blocks of runtime
/// calls on a blocking thread; the rest wait for a permit, so a flood of catch-ups never takes
/// the async workers that serve other RPC calls (and block import keeps its cores).
pub const MAX_CONCURRENT_CATCH_UPS: usize = 2;

#[rpc(client, server)]
pub trait NoticesApi {
	/// Notices for `who` (an account or a subject) in finalized blocks `fromBlock..`, at most
	/// 1,000 blocks per call: `{ notices, from, to, next }` (`next`: where to continue, or
	/// `null` when the finalized head was reached).
	#[method(name = "abs_noticesSince")]
	async fn notices_since(&self, who: Value, from_block: u32) -> RpcResult<Value>;

	/// Stream the notices for `who` (an account or a subject) as blocks are finalized.
	#[subscription(
		name = "abs_subscribeNotices" => "abs_notice",
		unsubscribe = "abs_unsubscribeNotices",
		item = Value
	)]
	async fn subscribe_notices(&self, who: Value) -> SubscriptionResult;
}

/// An SS58 string, or a subject object such as `{"Loan": 7}`.
fn addressee_of(who: &Value) -> RpcResult<Addressee<AccountId>> {
	match who {
		Value::String(s) => Ok(Addressee::Account(account_of(s)?)),
		other => serde_json::from_value::<NoticeSubject>(other.clone())
			.map(Addressee::Subject)
			.map_err(|e| {
				invalid(format!(
					"expected an SS58 account or a subject such as {{\"Loan\": 7}}, got {other}: {e}"
				))
			}),
	}
}

/// A subject as JSON: `{"Loan": 7}`.
fn subject_json(s: NoticeSubject) -> Value {
	serde_json::to_value(s).unwrap_or(Value::Null)
}

pub fn kind_json(k: NoticeKind) -> Value {
	match k {
		NoticeKind::BucketChanged { from, to, dpd } => {
			json!({ "type": "BucketChanged", "from": from, "to": to, "dpd": dpd })
		}
		NoticeKind::Cured { from } => json!({ "type": "Cured", "from": from }),
		NoticeKind::LateFeeCharged { installment, amount } => json!({
			"type": "LateFeeCharged", "installment": installment, "amount": amount.to_string()
		}),
		NoticeKind::Defaulted { dpd, debt } => {
			json!({ "type": "Defaulted", "dpd": dpd, "debt": debt.to_string() })
		}
		NoticeKind::PaidOff => json!({ "type": "PaidOff" }),
		NoticeKind::Recovery(r) => match r {
			RecoveryNotice::EnforcementOrdered => json!({ "type": "EnforcementOrdered" }),
			RecoveryNotice::OrderAcknowledged => json!({ "type": "OrderAcknowledged" }),
			RecoveryNotice::AuctionOpened { round, reserve, ends_at } => json!({
				"type": "AuctionOpened", "round": round, "reserve": reserve.to_string(), "endsAt": ends_at
			}),
			RecoveryNotice::AuctionSettled { price, loss } => json!({
				"type": "AuctionSettled", "price": price.to_string(), "loss": loss.to_string()
			}),
			RecoveryNotice::WrittenOff { loss } => {
				json!({ "type": "WrittenOff", "loss": loss.to_string() })
			}
			RecoveryNotice::AuctionCancelled => json!({ "type": "AuctionCancelled" }),
			RecoveryNotice::Restructured { version, capitalized } => json!({
				"type": "Restructured", "version": version, "capitalized": capitalized.to_string()
			}),
		},
		NoticeKind::Rating(r) => json!({
			"type": "Rating", "tranche": r.tranche, "grade": r.grade, "outlook": r.outlook, "watch": r.watch,
		}),
		NoticeKind::Alert(a) => json!({
			"type": if a.raised { "AlertRaised" } else { "AlertCleared" }, "rule": a.rule,
			"alert": a.alert, "severity": a.severity,
		}),
		NoticeKind::Deal(d) => match d {
			DealNotice::TriggerBreached { trigger, value_ppb, limit_ppb } => json!({
				"type": "TriggerBreached", "trigger": trigger, "valuePpb": value_ppb, "limitPpb": limit_ppb
			}),
			DealNotice::TriggerCured { trigger, value_ppb, limit_ppb } => json!({
				"type": "TriggerCured", "trigger": trigger, "valuePpb": value_ppb, "limitPpb": limit_ppb
			}),
			DealNotice::StatusChanged { from, to } => json!({
				"type": "DealStatusChanged", "from": format!("{from:?}"), "to": format!("{to:?}")
			}),
			DealNotice::EventOfDefault(reason) => match reason {
				DefaultReason::SeniorInterestUnpaid { tranche, shortfall } => json!({
					"type": "EventOfDefault", "reason": "SeniorInterestUnpaid", "tranche": tranche,
					"amount": shortfall.to_string()
				}),
				DefaultReason::FinalMaturityPassed { tranche, outstanding } => json!({
					"type": "EventOfDefault", "reason": "FinalMaturityPassed", "tranche": tranche,
					"amount": outstanding.to_string()
				}),
			},
		},
	}
}

fn notice_json(block: u32, hash: <Block as BlockT>::Hash, n: NoticeView) -> Value {
	let loan_id = match n.subject {
		NoticeSubject::Loan(id) => Some(id),
		_ => None,
	};
	json!({
		"block": block,
		"blockHash": hex(hash.as_bytes()),
		"eventIndex": n.event_index,
		"subject": subject_json(n.subject),
		"loanId": loan_id,
		"day": n.day,
		"date": date(n.day),
		"kind": kind_json(n.kind),
	})
}

/// Implementation of [`NoticesApiServer`].
pub struct NoticesRpc<C> {
	client: Arc<C>,
	/// Permits for catch-ups ([`MAX_CONCURRENT_CATCH_UPS`]).
	catch_ups: Arc<tokio::sync::Semaphore>,
}

impl<C> NoticesRpc<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, catch_ups: Arc::new(tokio::sync::Semaphore::new(MAX_CONCURRENT_CATCH_UPS)) }
	}
}

impl<C> NoticesRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: NoticesRuntimeApi<Block, AccountId>,
{
	/// The notices of block `number` (finalized) for `who`.
	fn notices_of_block(
		client: &C,
		number: u32,
		who: &Addressee<AccountId>,
	) -> RpcResult<Vec<Value>> {
		let hash = client
			.hash(number)
			.map_err(super::runtime_error)?
			.ok_or_else(|| super::runtime_error(format!("no block #{number}")))?;
		let notices =
			client.runtime_api().notices(hash, who.clone()).map_err(super::runtime_error)?;
		Ok(notices.into_iter().map(|n| notice_json(number, hash, n)).collect())
	}
}

#[jsonrpsee::core::async_trait]
impl<C> NoticesApiServer for NoticesRpc<C>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ BlockchainEvents<Block>
		+ Send
		+ Sync
		+ 'static,
	C::Api: NoticesRuntimeApi<Block, AccountId>,
{
	async fn notices_since(&self, who: Value, from_block: u32) -> RpcResult<Value> {
		let who = addressee_of(&who)?;
		let permit = self
			.catch_ups
			.clone()
			.acquire_owned()
			.await
			.map_err(|e| super::runtime_error(format!("catch-up queue closed: {e}")))?;
		let client = self.client.clone();
		tokio::task::spawn_blocking(move || {
			let _permit = permit;
			let finalized = client.info().finalized_number;
			let to = finalized.min(from_block.saturating_add(MAX_BLOCKS_PER_CALL - 1));
			let mut notices = Vec::new();
			for n in from_block.max(1)..=to {
				notices.extend(Self::notices_of_block(&client, n, &who)?);
			}
			let next = (to < finalized).then(|| to.saturating_add(1));
			Ok(json!({ "notices": notices, "from": from_block, "to": to, "next": next }))
		})
		.await
		.map_err(|e| super::runtime_error(format!("catch-up task failed: {e}")))?
	}

	async fn subscribe_notices(
		&self,
		pending: PendingSubscriptionSink,
		who: Value,
	) -> SubscriptionResult {
		let who = match addressee_of(&who) {
			Ok(who) => who,
			Err(e) => {
				pending.reject(e).await;
				return Ok(());
			}
		};
		// Subscribe before reading the head: no finalized block falls between.
		let mut finality = self.client.finality_notification_stream();
		let mut last = self.client.info().finalized_number;
		let sink = pending.accept().await?;
		loop {
			let closed = sink.closed();
			futures::pin_mut!(closed);
			let n = match futures::future::select(closed, finality.next()).await {
				futures::future::Either::Right((Some(n), _)) => n,
				_ => break,
			};
			let number = *n.header.number();
			// Every block finalized since the last one sent, in order.
			while last < number {
				last = last.saturating_add(1);
				match Self::notices_of_block(&self.client, last, &who) {
					Ok(list) => {
						for notice in list {
							sink.send(SubscriptionMessage::from_json(&notice)?).await?;
						}
					}
					// E.g. the block's state was pruned: say which block, so that the client
					// can fetch it from an archive node with `abs_noticesSince`; go on.
					Err(e) => {
						let item = json!({ "block": last, "error": e.message(), "data": e.data().map(|d| d.get().to_string()) });
						sink.send(SubscriptionMessage::from_json(&item)?).await?;
					}
				}
			}
		}
		Ok(())
	}
}
