//! `abs_records`, `abs_record`, `abs_recordsMissingRegulatorEnvelopes`: confidential records
//! as JSON. Hashes, keys and envelopes are 0x-hex; accounts SS58; subjects
//! `{"Commitment": "0x…"}` or `{"Loan": 7}`. Envelopes are ciphertext: only their reader's
//! X25519 secret opens them (client side).

use super::common::hex;
use std::sync::Arc;

use abs_primitives::{RecordId, Subject};
use abs_runtime::{opaque::Block, AccountId};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::INVALID_PARAMS_CODE, ErrorObject},
};
use pallet_disclosures_runtime_api::{
	DisclosuresApi as DisclosuresRuntimeApi, RecordView, MAX_SCAN,
};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use sp_runtime::traits::Block as BlockT;

/// A reader of a record.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Reader {
	pub reader: String,
	pub reader_key: String,
	pub envelope: String,
	pub granted_at: u32,
}

/// A record.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Record {
	pub id: RecordId,
	pub owner: String,
	pub subject: Subject,
	pub kind: String,
	pub plaintext_hash: String,
	pub ciphertext_hash: String,
	pub uri: String,
	pub created_on: u32,
	pub readers: Vec<Reader>,
}

/// Records lacking a current regulator's envelope.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Missing {
	pub records: Vec<MissingRecord>,
	/// Pass as `from` to scan on.
	pub next: RecordId,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MissingRecord {
	pub id: RecordId,
	pub regulators: Vec<String>,
}

#[rpc(client, server)]
pub trait DisclosuresApi<BlockHash> {
	/// Records about a subject, with their readers.
	#[method(name = "abs_records")]
	fn records(&self, subject: Subject, at: Option<BlockHash>) -> RpcResult<Vec<Record>>;

	/// One record with its readers, or `null`.
	#[method(name = "abs_record")]
	fn record(&self, id: RecordId, at: Option<BlockHash>) -> RpcResult<Option<Record>>;

	/// Records with ids in `from..from + maxScan` (default 0 and 1000, at most 1000) lacking an
	/// envelope for a current regulator.
	#[method(name = "abs_recordsMissingRegulatorEnvelopes")]
	fn missing(
		&self,
		from: Option<RecordId>,
		max_scan: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Missing>;
}

fn record(r: RecordView<AccountId>) -> Record {
	Record {
		id: r.id,
		owner: r.owner.to_ss58check(),
		subject: r.subject,
		kind: String::from_utf8_lossy(&r.kind).into_owned(),
		plaintext_hash: hex(r.plaintext_hash.as_bytes()),
		ciphertext_hash: hex(r.ciphertext_hash.as_bytes()),
		uri: String::from_utf8_lossy(&r.uri).into_owned(),
		created_on: r.created_on,
		readers: r
			.readers
			.into_iter()
			.map(|x| Reader {
				reader: x.reader.to_ss58check(),
				reader_key: hex(&x.reader_key),
				envelope: hex(&x.sealed),
				granted_at: x.granted_at,
			})
			.collect(),
	}
}

/// Implementation of [`DisclosuresApiServer`].
pub struct DisclosuresRpc<C> {
	client: Arc<C>,
}

impl<C> DisclosuresRpc<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> DisclosuresApiServer<<Block as BlockT>::Hash> for DisclosuresRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DisclosuresRuntimeApi<Block, AccountId>,
{
	fn records(
		&self,
		subject: Subject,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<Record>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let list =
			self.client.runtime_api().records_of(at, subject).map_err(super::runtime_error)?;
		Ok(list.into_iter().map(record).collect())
	}

	fn record(
		&self,
		id: RecordId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<Record>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let r = self.client.runtime_api().record(at, id).map_err(super::runtime_error)?;
		Ok(r.map(record))
	}

	fn missing(
		&self,
		from: Option<RecordId>,
		max_scan: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Missing> {
		let max_scan = max_scan.unwrap_or(MAX_SCAN);
		if max_scan == 0 || max_scan > MAX_SCAN {
			return Err(ErrorObject::owned(
				INVALID_PARAMS_CODE,
				format!("maxScan must be 1..={MAX_SCAN}, got {max_scan}"),
				None::<()>,
			));
		}
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let (list, next) = self
			.client
			.runtime_api()
			.missing_regulator_envelopes(at, from.unwrap_or(0), max_scan)
			.map_err(super::runtime_error)?;
		Ok(Missing {
			records: list
				.into_iter()
				.map(|(id, regs)| MissingRecord {
					id,
					regulators: regs.iter().map(|a| a.to_ss58check()).collect(),
				})
				.collect(),
			next,
		})
	}
}
