//! `abs_today`: the chain's day (day number and calendar date) and the clock's parameters.

use std::sync::Arc;

use abs_runtime::opaque::Block;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_clock_runtime_api::ClockApi as ClockRuntimeApi;
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

/// The clock as JSON.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Today {
	/// Day number: days since 1970-01-01.
	pub day: u32,
	/// The same day as `YYYY-MM-DD`.
	pub date: String,
	/// Seconds per chain day.
	pub day_length_secs: u64,
	/// The chain's first day.
	pub genesis_day: u32,
	/// Timestamp (ms) of the chain's first block.
	pub genesis_time: u64,
}

#[rpc(client, server)]
pub trait ClockApi<BlockHash> {
	/// Today on the chain at `at` (default: best block); `null` before the first block.
	#[method(name = "abs_today")]
	fn today(&self, at: Option<BlockHash>) -> RpcResult<Option<Today>>;
}

/// Implementation of [`ClockApiServer`].
pub struct ClockRpc<C> {
	client: Arc<C>,
}

impl<C> ClockRpc<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> ClockApiServer<<Block as BlockT>::Hash> for ClockRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ClockRuntimeApi<Block>,
{
	fn today(&self, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Option<Today>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let info = self.client.runtime_api().clock(at).map_err(super::runtime_error)?;
		Ok(info.map(|c| Today {
			day: c.today,
			date: format!("{:04}-{:02}-{:02}", c.date.year, c.date.month, c.date.day),
			day_length_secs: c.day_length_secs,
			genesis_day: c.genesis_day,
			genesis_time: c.genesis_time,
		}))
	}
}
