//! `abs_ratings` (a tranche's current rating by each agency), `abs_ratingHistory` (its rating
//! actions, numbered, in pages) and `abs_ratingAgencies` (the agencies a pool names). Grades
//! are `{ "Notch": 1..22 }` (1 = AAA), `"NotRated"` or `"Withdrawn"`; PD bands in ppb.

use super::common::{hex, limit_of};
use std::sync::Arc;

use abs_primitives::PoolId;
use abs_runtime::{opaque::Block, AccountId};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_ratings_runtime_api::{Rating, RatingsApi as RatingsRuntimeApi};
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
}
