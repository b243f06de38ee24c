//! `abs_loan`, `abs_loansByOwner` / `abs_loansByBorrower` / `abs_loansByServicer` (paged),
//! `abs_loanHistory` (paged). Amounts and rates are decimal strings (u128 does not fit a JS
//! number), dates `YYYY-MM-DD` next to day numbers, accounts SS58, hashes 0x-hex.

use super::common::{date, hex, invalid, limit_of};
use std::sync::Arc;

use abs_finance::LateFee;
use abs_primitives::{CreditAssessment, LoanId};
use abs_runtime::{opaque::Block, AccountId};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_loans_runtime_api::{
	HistoryView, LoanIndex, LoanView, LoansApi as LoansRuntimeApi, MAX_PAGE,
};
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use sp_runtime::traits::Block as BlockT;

#[rpc(client, server)]
pub trait LoansApi<BlockHash> {
	/// A loan (or proposal) with its terms and status, or `null`.
	#[method(name = "abs_loan")]
	fn loan(&self, id: LoanId, at: Option<BlockHash>) -> RpcResult<Option<Value>>;

	/// Ids of the loans an account owns, after `startAfter`, at most `limit` (1..=100, default 50).
	#[method(name = "abs_loansByOwner")]
	fn by_owner(
		&self,
		account: String,
		start_after: Option<LoanId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<LoanId>>;

	/// Ids of the loans (and proposals) of a borrower, paged likewise.
	#[method(name = "abs_loansByBorrower")]
	fn by_borrower(
		&self,
		account: String,
		start_after: Option<LoanId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<LoanId>>;

	/// Ids of the loans an account services, paged likewise.
	#[method(name = "abs_loansByServicer")]
	fn by_servicer(
		&self,
		account: String,
		start_after: Option<LoanId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<LoanId>>;

	/// A loan's history from entry `from` (default 0), at most `limit` (1..=100, default 50).
	#[method(name = "abs_loanHistory")]
	fn history(
		&self,
		id: LoanId,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Value>>;

	/// The loans escrow account: `held`, `owed` (open proposals' principals and deposits) and
	/// `surplus` (units others sent to it), as decimal strings.
	#[method(name = "abs_loansEscrow")]
	fn escrow(&self, at: Option<BlockHash>) -> RpcResult<Value>;
}

fn loan_json(l: LoanView<AccountId>) -> Value {
	let t = l.terms;
	json!({
		"id": l.id,
		"status": l.status,
		"originator": l.originator.to_ss58check(),
		"borrower": l.borrower.to_ss58check(),
		"owner": l.owner.to_ss58check(),
		"servicer": l.servicer.to_ss58check(),
		"identityCommitment": hex(l.identity_commitment.as_bytes()),
		"termsHash": hex(l.terms_hash.as_bytes()),
		// What the terms hash covers besides the fields below: the proposal's encoding
		// version and the servicer the originator named (`null`: none; `servicer` above is
		// the loan's servicer today).
		"version": l.version,
		"proposedServicer": l.proposed_servicer.map(|a| a.to_ss58check()),
		"deposit": l.deposit.to_string(),
		"terms": {
			"principal": t.principal.to_string(),
			"asset": t.asset,
			"annualRate": t.annual_rate.to_string(),
			"periods": t.periods,
			"amortization": t.amortization,
			"dayCount": t.day_count,
			"firstDue": format!("{:04}-{:02}-{:02}", t.first_due.year, t.first_due.month, t.first_due.day),
			"graceDays": t.grace_days,
			"lateFee": match t.late_fee {
				LateFee::Fixed(a) => json!({ "fixed": a.to_string() }),
				LateFee::Percent(p) => json!({ "percent": p.to_string() }),
			},
			"defaultThresholdDays": t.default_threshold_days,
			"servicingFeeBps": t.servicing_fee_bps,
		},
		"collateral": {
			"kind": l.collateral.kind,
			"identifierHash": hex(l.collateral.identifier_hash.as_bytes()),
			"appraisedValue": l.collateral.appraised_value.to_string(),
			"appraisalDay": l.collateral.appraisal_day,
		},
		"underwriting": {
			"credit": match l.underwriting.credit {
				CreditAssessment::Score(band) => json!({ "scoreBand": band }),
				CreditAssessment::Grade(g) => json!({ "grade": g }),
			},
			"dtiBand": l.underwriting.dti,
			"incomeVerified": l.underwriting.income_verified,
		},
		"records": l.records,
		"proposedOn": l.proposed_on,
		"proposedOnDate": date(l.proposed_on),
		"expiresOn": l.expires_on,
		"activatedOn": l.activated_on,
		"historyLength": l.history_len,
	})
}

fn history_json(h: HistoryView<AccountId>) -> Value {
	json!({
		"seq": h.seq,
		"block": h.block,
		"timestamp": h.timestamp,
		"actor": h.actor.map(|a| a.to_ss58check()),
		"action": h.action,
		"dataHash": hex(h.data_hash.as_bytes()),
	})
}

/// Implementation of [`LoansApiServer`].
pub struct LoansRpc<C> {
	client: Arc<C>,
}

impl<C> LoansRpc<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> LoansRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: LoansRuntimeApi<Block, AccountId>,
{
	fn page(
		&self,
		index: LoanIndex,
		account: String,
		start_after: Option<LoanId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<LoanId>> {
		let who = AccountId::from_ss58check(&account)
			.map_err(|e| invalid(format!("invalid SS58 account {account:?}: {e:?}")))?;
		let limit = limit_of(limit, MAX_PAGE)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.loans_by(at, index, who, start_after, limit)
			.map_err(super::runtime_error)
	}
}

impl<C> LoansApiServer<<Block as BlockT>::Hash> for LoansRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: LoansRuntimeApi<Block, AccountId>,
{
	fn loan(&self, id: LoanId, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Option<Value>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let l = self.client.runtime_api().loan(at, id).map_err(super::runtime_error)?;
		Ok(l.map(loan_json))
	}

	fn by_owner(
		&self,
		account: String,
		start_after: Option<LoanId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<LoanId>> {
		self.page(LoanIndex::Owner, account, start_after, limit, at)
	}

	fn by_borrower(
		&self,
		account: String,
		start_after: Option<LoanId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<LoanId>> {
		self.page(LoanIndex::Borrower, account, start_after, limit, at)
	}

	fn by_servicer(
		&self,
		account: String,
		start_after: Option<LoanId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<LoanId>> {
		self.page(LoanIndex::Servicer, account, start_after, limit, at)
	}

	fn history(
		&self,
		id: LoanId,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<Value>> {
		let limit = limit_of(limit, MAX_PAGE)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let h = self
			.client
			.runtime_api()
			.history(at, id, from.unwrap_or(0), limit)
			.map_err(super::runtime_error)?;
		Ok(h.into_iter().map(history_json).collect())
	}

	fn escrow(&self, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Value> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let e = self.client.runtime_api().escrow(at).map_err(super::runtime_error)?;
		Ok(json!({
			"held": e.held.to_string(),
			"owed": e.owed.to_string(),
			"surplus": e.surplus.to_string(),
		}))
	}
}
