//! `abs_schedule`, `abs_servicing`, `abs_payoff`, `abs_payments` (paged), and the notices:
//! `abs_subscribeNotices(account)` streams, on each finality notification, the notices
//! addressed to the account in every newly finalized block in order (one notification can
//! cover several blocks); `abs_noticesSince(account, block)` returns those of finalized blocks
//! from `block` on, for a client catching up after reconnecting.
//!
//! Amounts are decimal strings, dates `YYYY-MM-DD` next to day numbers, accounts SS58.

use std::sync::Arc;

use abs_finance::CalendarDate;
use abs_primitives::{DayNumber, LoanId, RecoveryNotice};
use abs_runtime::{opaque::Block, AccountId};
use futures::StreamExt;
use jsonrpsee::{
	core::{RpcResult, SubscriptionResult},
	proc_macros::rpc,
	types::{error::INVALID_PARAMS_CODE, ErrorObject, ErrorObjectOwned},
	PendingSubscriptionSink, SubscriptionMessage,
};
use pallet_servicing_runtime_api::{
	DueView, NoticeKind, NoticeView, PaymentSource, PaymentView, Phase,
	ServicingApi as ServicingRuntimeApi, ServicingView, MAX_PAGE,
};
use sc_client_api::BlockchainEvents;
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::{crypto::Ss58Codec, hexdisplay::HexDisplay};
use sp_runtime::traits::{Block as BlockT, Header as HeaderT};

/// Most blocks one `abs_noticesSince` call walks; the answer says where to continue.
pub const MAX_BLOCKS_PER_CALL: u32 = 1_000;

/// Most `abs_noticesSince` catch-ups running at once. Each walks up to 1,000 blocks of runtime
/// calls on a blocking thread; the rest wait for a permit, so a flood of catch-ups never takes
/// the async workers that serve other RPC calls (and block import keeps its cores).
pub const MAX_CONCURRENT_CATCH_UPS: usize = 2;

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

	/// Notices addressed to `account` in finalized blocks `fromBlock..`, at most
	/// 1,000 blocks per call: `{ notices, from, to, next }` (`next`: where to continue, or
	/// `null` when the finalized head was reached).
	#[method(name = "abs_noticesSince")]
	async fn notices_since(&self, account: String, from_block: u32) -> RpcResult<Value>;

	/// Stream the notices addressed to `account` as blocks are finalized.
	#[subscription(
		name = "abs_subscribeNotices" => "abs_notice",
		unsubscribe = "abs_unsubscribeNotices",
		item = Value
	)]
	async fn subscribe_notices(&self, account: String) -> SubscriptionResult;
}

fn invalid(msg: String) -> ErrorObjectOwned {
	ErrorObject::owned(INVALID_PARAMS_CODE, msg, None::<()>)
}

fn date(day: u32) -> String {
	let d = CalendarDate::from_day_number(day);
	format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

fn account_of(account: &str) -> RpcResult<AccountId> {
	AccountId::from_ss58check(account)
		.map_err(|e| invalid(format!("invalid SS58 account {account:?}: {e:?}")))
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

fn kind_json(k: NoticeKind) -> Value {
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
				"type": "OffChain", "reference": format!("0x{}", HexDisplay::from(&reference.as_bytes()))
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

fn notice_json(block: u32, hash: <Block as BlockT>::Hash, n: NoticeView) -> Value {
	json!({
		"block": block,
		"blockHash": format!("0x{}", HexDisplay::from(&hash.as_bytes())),
		"eventIndex": n.event_index,
		"loanId": n.loan_id,
		"day": n.day,
		"date": date(n.day),
		"kind": kind_json(n.kind),
	})
}

/// Implementation of [`ServicingApiServer`].
pub struct ServicingRpc<C> {
	client: Arc<C>,
	/// Permits for catch-ups ([`MAX_CONCURRENT_CATCH_UPS`]).
	catch_ups: Arc<tokio::sync::Semaphore>,
}

impl<C> ServicingRpc<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, catch_ups: Arc::new(tokio::sync::Semaphore::new(MAX_CONCURRENT_CATCH_UPS)) }
	}
}

impl<C> ServicingRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ServicingRuntimeApi<Block, AccountId>,
{
	/// The notices of block `number` (finalized) addressed to `who`.
	fn notices_of_block(client: &C, number: u32, who: &AccountId) -> RpcResult<Vec<Value>> {
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
impl<C> ServicingApiServer<<Block as BlockT>::Hash> for ServicingRpc<C>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ BlockchainEvents<Block>
		+ Send
		+ Sync
		+ 'static,
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
		let l = limit.unwrap_or(50);
		if l == 0 || l > MAX_PAGE {
			return Err(invalid(format!("limit must be 1..={MAX_PAGE}, got {l}")));
		}
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let page = self
			.client
			.runtime_api()
			.payments(at, id, from.unwrap_or(0), l)
			.map_err(super::runtime_error)?;
		Ok(page.into_iter().map(payment_json).collect())
	}

	async fn notices_since(&self, account: String, from_block: u32) -> RpcResult<Value> {
		let who = account_of(&account)?;
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
			let next = (to < finalized).then(|| to + 1);
			Ok(json!({ "notices": notices, "from": from_block, "to": to, "next": next }))
		})
		.await
		.map_err(|e| super::runtime_error(format!("catch-up task failed: {e}")))?
	}

	async fn subscribe_notices(
		&self,
		pending: PendingSubscriptionSink,
		account: String,
	) -> SubscriptionResult {
		let who = match account_of(&account) {
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
				last += 1;
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
