//! `abs_participant` and `abs_roleHolders`: participants and their roles, as JSON.
//! Accounts are SS58 strings, hashes and keys 0x-hex, roles their names ("Investor"), scopes
//! `"Global"` or `{"Loan": 7}` / `{"Pool": 1}` / `{"Market": 2}`.

use super::common::{account_of, hex, invalid};
use std::sync::Arc;

use abs_primitives::{Role, Scope};
use abs_runtime::{opaque::Block, AccountId};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_roles_runtime_api::{RoleView, RolesApi as RolesRuntimeApi, MAX_PAGE};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use sp_runtime::traits::Block as BlockT;

/// A role grant.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Grant {
	pub role: Role,
	pub scope: Scope,
	pub expiry: Option<u32>,
	pub attestation: String,
	/// SS58 of the KYC provider that granted it; `null` = governance.
	pub granted_by: Option<String>,
	pub granted_on: u32,
	pub active: bool,
}

/// A participant.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
	pub account: String,
	pub name_hash: String,
	pub encryption_key: Option<String>,
	pub frozen: bool,
	pub frozen_reason: Option<String>,
	pub frozen_since: Option<u32>,
	pub registered_on: u32,
	pub roles: Vec<Grant>,
}

/// One holder of a role.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Holder {
	pub account: String,
	pub frozen: bool,
	#[serde(flatten)]
	pub grant: Grant,
}

/// Where the next page starts.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct PageCursor {
	pub account: String,
	pub scope: Scope,
}

#[rpc(client, server)]
pub trait RolesApi<BlockHash> {
	/// The participant `account` (SS58) with its roles, or `null` if not registered.
	#[method(name = "abs_participant")]
	fn participant(&self, account: String, at: Option<BlockHash>)
		-> RpcResult<Option<Participant>>;

	/// Holders of `role`, `limit` (1..=100, default 50) at a time after `start_after` (the last
	/// `{account, scope}` of the previous page).
	#[method(name = "abs_roleHolders")]
	fn role_holders(
		&self,
		role: Role,
		start_after: Option<PageCursor>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Holder>>;
}

fn grant(g: RoleView<AccountId>) -> Grant {
	Grant {
		role: g.role,
		scope: g.scope,
		expiry: g.expiry,
		attestation: hex(g.attestation.as_bytes()),
		granted_by: g.granted_by.map(|a| a.to_ss58check()),
		granted_on: g.granted_on,
		active: g.active,
	}
}

/// Implementation of [`RolesApiServer`].
pub struct RolesRpc<C> {
	client: Arc<C>,
}

impl<C> RolesRpc<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> RolesApiServer<<Block as BlockT>::Hash> for RolesRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RolesRuntimeApi<Block, AccountId>,
{
	fn participant(
		&self,
		account: String,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<Participant>> {
		let who = account_of(&account)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let p =
			self.client.runtime_api().participant(at, who.clone()).map_err(super::runtime_error)?;
		Ok(p.map(|p| Participant {
			account: who.to_ss58check(),
			name_hash: hex(p.name_hash.as_bytes()),
			encryption_key: p.encryption_key.map(|k| hex(&k)),
			frozen: p.frozen.is_some(),
			frozen_reason: p.frozen.map(|(r, _)| hex(r.as_bytes())),
			frozen_since: p.frozen.map(|(_, d)| d),
			registered_on: p.registered_on,
			roles: p.roles.into_iter().map(grant).collect(),
		}))
	}

	fn role_holders(
		&self,
		role: Role,
		start_after: Option<PageCursor>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<Holder>> {
		let limit = limit.unwrap_or(50);
		if limit == 0 || limit > MAX_PAGE {
			return Err(invalid(format!("limit must be 1..={MAX_PAGE}, got {limit}")));
		}
		let start_after = match start_after {
			Some(c) => Some((account_of(&c.account)?, c.scope)),
			None => None,
		};
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let page = self
			.client
			.runtime_api()
			.role_holders(at, role, start_after, limit)
			.map_err(super::runtime_error)?;
		Ok(page
			.into_iter()
			.map(|h| Holder {
				account: h.account.to_ss58check(),
				frozen: h.frozen,
				grant: grant(h.grant),
			})
			.collect())
	}
}
