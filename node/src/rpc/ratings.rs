//! `abs_ratings` (a tranche's current rating by each agency), `abs_ratingHistory` (its rating
//! actions, numbered, in pages) and `abs_ratingAgencies` (the agencies a pool names). Grades
//! are `{ "Notch": 1..22 }` (1 = AAA), `"NotRated"` or `"Withdrawn"`; PD bands in ppb.
//! `abs_monitors` (a pool's monitor rules and its tranches on watch) and `abs_alerts` (a
//! pool's or an agency's alerts, in pages); metric values and thresholds in ppb.

use super::common::{account_of, date, hex, invalid, limit_of};
use std::sync::Arc;

use abs_primitives::PoolId;
use abs_runtime::{opaque::Block, AccountId};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_ratings_runtime_api::{Alert, Rating, RatingsApi as RatingsRuntimeApi};
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use sp_runtime::traits::Block as BlockT;

#[rpc(client, server)]
pub trait RatingsApi<BlockHash> {
	/// Tranche `tranche` of pool `pool`'s current ratings, one per agency.
	#[method(name = "abs_ratings")]
	fn ratings(&self, pool: PoolId, tranche: u8, at: Option<BlockHash>) -> RpcResult<Vec<Value>>;

	/// The tranche's rating actions from number `from` (default 0), at most `limit` (1..=100,
	/// default 50), oldest first: `{ actions: [{ seq, … }], next }`.
	#[method(name = "abs_ratingHistory")]
	fn history(
		&self,
		pool: PoolId,
		tranche: u8,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Value>;

	/// The agencies pool `pool` names.
	#[method(name = "abs_ratingAgencies")]
	fn agencies(&self, pool: PoolId, at: Option<BlockHash>) -> RpcResult<Vec<String>>;

	/// Pool `pool`'s monitor rules (`{ id, agency, perPeriod, alert, tranches, severity,
	/// expr }`, the expression in postfix) and its tranches on watch (`{ tranche,
	/// openAlerts }`).
	#[method(name = "abs_monitors")]
	fn monitors(&self, pool: PoolId, at: Option<BlockHash>) -> RpcResult<Value>;

	/// Alerts of a pool (`{"pool": 3}`) or of an agency (`{"agency": "5F…"}`) from number
	/// `from` (the pool's or the agency's numbering; default 0), at most `limit` (1..=100,
	/// default 50): `{ alerts: [{ pool, alert, rule, agency, severity, tranches, period,
	/// values, raisedOn, raisedAt, cleared }], next }`.
	#[method(name = "abs_alerts")]
	fn alerts(
		&self,
		of: Value,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Value>;
}

fn alert_json(pool: PoolId, seq: u32, a: &Alert<AccountId, u32>) -> Value {
	json!({
		"pool": pool,
		"alert": seq,
		"rule": a.rule,
		"agency": a.agency.to_ss58check(),
		"severity": a.severity,
		"tranches": a.tranches.to_vec(),
		"period": a.period,
		"values": a.values.to_vec(),
		"raisedOn": date(a.raised_on),
		"raisedAt": a.raised_at,
		"cleared": a.cleared.map(|(d, b)| json!({ "on": date(d), "at": b })),
	})
}

fn rating_json(r: &Rating<AccountId>) -> Value {
	json!({
		"agency": r.agency.to_ss58check(),
		"grade": r.grade,
		"outlook": r.outlook,
		"watch": r.watch,
		"pdBand": r.pd_band.map(|b| json!({ "lowPpb": b.low.deconstruct(), "highPpb": b.high.deconstruct() })),
		"report": hex(r.report.as_bytes()),
		"effective": r.effective,
		"published": r.published,
	})
}

/// Implementation of [`RatingsApiServer`].
pub struct RatingsRpc<C> {
	client: Arc<C>,
}

impl<C> RatingsRpc<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> RatingsApiServer<<Block as BlockT>::Hash> for RatingsRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RatingsRuntimeApi<Block, AccountId>,
{
	fn ratings(
		&self,
		pool: PoolId,
		tranche: u8,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let r =
			self.client.runtime_api().ratings(at, pool, tranche).map_err(super::runtime_error)?;
		Ok(r.iter().map(rating_json).collect())
	}

	fn history(
		&self,
		pool: PoolId,
		tranche: u8,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Value> {
		let limit = limit_of(limit, 100)?;
		let from = from.unwrap_or(0);
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let h = self
			.client
			.runtime_api()
			.history(at, pool, tranche, from, limit)
			.map_err(super::runtime_error)?;
		let next =
			(h.len() as u32 == limit).then(|| h.last().map(|(i, _)| i.saturating_add(1))).flatten();
		let actions: Vec<Value> = h
			.iter()
			.map(|(i, r)| {
				let mut v = rating_json(r);
				if let Some(o) = v.as_object_mut() {
					o.insert("seq".into(), json!(i));
				}
				v
			})
			.collect();
		Ok(json!({ "actions": actions, "next": next }))
	}

	fn agencies(
		&self,
		pool: PoolId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<String>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let a = self.client.runtime_api().agencies(at, pool).map_err(super::runtime_error)?;
		Ok(a.iter().map(|x| x.to_ss58check()).collect())
	}

	fn monitors(&self, pool: PoolId, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Value> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let (rules, watched) =
			self.client.runtime_api().monitors(at, pool).map_err(super::runtime_error)?;
		let rules: Vec<Value> = rules
			.iter()
			.map(|r| {
				json!({
					"id": r.id,
					"agency": r.agency.to_ss58check(),
					"perPeriod": r.per_period,
					"alert": r.alert,
					"tranches": r.spec.tranches.to_vec(),
					"severity": r.spec.severity,
					"expr": serde_json::to_value(&r.spec.expr).unwrap_or(Value::Null),
				})
			})
			.collect();
		let watched: Vec<Value> =
			watched.iter().map(|(t, n)| json!({ "tranche": t, "openAlerts": n })).collect();
		Ok(json!({ "rules": rules, "watched": watched }))
	}

	fn alerts(
		&self,
		of: Value,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Value> {
		let limit = limit_of(limit, 100)?;
		let from = from.unwrap_or(0);
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let api = self.client.runtime_api();
		let list = match (
			of.get("pool").and_then(Value::as_u64),
			of.get("agency").and_then(Value::as_str),
		) {
			(Some(pool), None) => {
				let pool =
					PoolId::try_from(pool).map_err(|_| invalid(format!("no pool {pool}")))?;
				api.pool_alerts(at, pool, from, limit)
			}
			(None, Some(agency)) => api.agency_alerts(at, account_of(agency)?, from, limit),
			_ => {
				return Err(invalid(format!(
					"expected {{\"pool\": 3}} or {{\"agency\": \"5F…\"}}, got {of}"
				)))
			}
		}
		.map_err(super::runtime_error)?;
		let n = list.len() as u32;
		let next = (n == limit).then(|| from.saturating_add(n));
		let alerts: Vec<Value> = list.iter().map(|(p, s, a)| alert_json(*p, *s, a)).collect();
		Ok(json!({ "alerts": alerts, "next": next }))
	}
}
