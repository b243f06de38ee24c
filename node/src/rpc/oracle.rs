//! `abs_oracle` (a key's answer, computed at the block: `Fresh` with the median, its feeders
//! and dispersion; `NoQuorum`; `Stale`; `Unconfigured`) and `abs_oracleFeeders` (a class's set,
//! quorum, maximum age and each feeder's deviations). Keys: `{ "Collateral": loanId }` or
//! `{ "Tranche": { "pool": p, "tranche": k } }`; classes: `{ "Collateral": "Vehicle" }` (or
//! another collateral kind) or `"TranchePrice"`. Amounts are decimal strings, accounts SS58.

use std::sync::Arc;

use abs_runtime::{opaque::Block, AccountId};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_oracle_runtime_api::{
	ClassView, OracleAnswer, OracleApi as OracleRuntimeApi, OracleClass, OracleKey,
};
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use sp_runtime::traits::Block as BlockT;

#[rpc(client, server)]
pub trait OracleApi<BlockHash> {
	/// The oracle's answer for `key` at the block (best by default).
	#[method(name = "abs_oracle")]
	fn oracle(&self, key: OracleKey, at: Option<BlockHash>) -> RpcResult<Value>;

	/// Class `class`'s feeders, quorum and maximum age, each feeder with its feeds and newest
	/// deviations from the median; `null` if the class has no set.
	#[method(name = "abs_oracleFeeders")]
	fn feeders(&self, class: OracleClass, at: Option<BlockHash>) -> RpcResult<Option<Value>>;
}

fn answer_json(a: OracleAnswer) -> Value {
	match a {
		OracleAnswer::Fresh { value, feeders, dispersion_ppb } => json!({
			"state": "Fresh", "value": value.to_string(), "feeders": feeders, "dispersionPpb": dispersion_ppb,
		}),
		OracleAnswer::NoQuorum { feeders, quorum } => {
			json!({ "state": "NoQuorum", "feeders": feeders, "quorum": quorum })
		}
		OracleAnswer::Stale { fresh, quorum, newest } => {
			json!({ "state": "Stale", "fresh": fresh, "quorum": quorum, "newest": newest })
		}
		OracleAnswer::Unconfigured => json!({ "state": "Unconfigured" }),
	}
}

fn class_json(c: ClassView<AccountId>) -> Value {
	json!({
		"class": c.class,
		"quorum": c.quorum,
		"maxAgeDays": c.max_age_days,
		"feeders": c.feeders.iter().map(|f| json!({
			"feeder": f.feeder.to_ss58check(),
			"feeds": f.feeds,
			"meanDeviationPpb": f.mean_deviation_ppb,
			"recent": f.recent.iter().map(|d| json!({
				"day": d.day, "key": d.key, "deviationPpb": d.deviation_ppb,
			})).collect::<Vec<_>>(),
		})).collect::<Vec<_>>(),
	})
}

/// Implementation of [`OracleApiServer`].
pub struct OracleRpc<C> {
	client: Arc<C>,
}

impl<C> OracleRpc<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> OracleApiServer<<Block as BlockT>::Hash> for OracleRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: OracleRuntimeApi<Block, AccountId>,
{
	fn oracle(&self, key: OracleKey, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Value> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let a = self.client.runtime_api().answer(at, key).map_err(super::runtime_error)?;
		Ok(answer_json(a))
	}

	fn feeders(
		&self,
		class: OracleClass,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let c = self.client.runtime_api().class(at, class).map_err(super::runtime_error)?;
		Ok(c.map(class_json))
	}
}
