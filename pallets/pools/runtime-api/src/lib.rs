//! Runtime API of `pallet-pools`, served over JSON-RPC as `abs_pool`, `abs_pools`,
//! `abs_poolLoans`, `abs_poolMetrics`, `abs_poolStrats`, `abs_tranche`, `abs_holdings` and
//! `abs_subscriptions`, `abs_deal`, `abs_poolReport`, `abs_claimable`, `abs_project` and
//! `abs_valuation`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_primitives::{Balance, LoanId, PoolId};
use alloc::vec::Vec;
use codec::Codec;
pub use pallet_pools::{
	views::{MetricsView, PoolView, StratsView},
	Accrual, CashSource, Cell, DealSpec, DealState, PayStep, PaymentReport, Performance, Period,
	PeriodReport, PoolLoan, PoolSpec, PoolStatus, ProjectedLine, ProjectedPeriod, Projection,
	ProjectionError, Scenario, SellerPosition, Strats, Tranche, TrancheValuation, Trigger,
	TriggerKind,
};

sp_api::decl_runtime_apis! {
	/// Securitization pools.
	pub trait PoolsApi<AccountId: Codec> {
		/// Pool `id`, or `None`.
		fn pool(id: PoolId) -> Option<PoolView<AccountId>>;
		/// Up to `limit` (≤ 1,000) pools from id `from`.
		fn pools(from: PoolId, limit: u32) -> Vec<PoolView<AccountId>>;
		/// Up to `limit` (≤ 1,000) of a pool's loans after loan `after` (storage order).
		fn pool_loans(id: PoolId, after: Option<LoanId>, limit: u32) -> Vec<(LoanId, PoolLoan<AccountId>)>;
		/// A closed pool's performance and ratios.
		fn metrics(id: PoolId) -> Option<MetricsView>;
		/// A closed pool's rolled collection period `index` (0 from closing).
		fn period(id: PoolId, index: u32) -> Option<PeriodReport>;
		/// A pool's stratification tables.
		fn strats(id: PoolId) -> Option<StratsView>;
		/// A closed pool's tranche.
		fn tranche(id: PoolId, tranche: u8) -> Option<Tranche>;
		/// An account's tranche holdings: (pool, tranche, units).
		fn holdings(who: AccountId) -> Vec<(PoolId, u8, Balance)>;
		/// A pool's open subscriptions: (tranche, subscriber, amount).
		fn subscriptions(id: PoolId) -> Vec<(u8, AccountId, Balance)>;
		/// A pool's deal (waterfalls, reserve, triggers) and, once closed, its state.
		fn deal(id: PoolId) -> Option<(DealSpec, Option<DealState>)>;
		/// The trustee's report of a closed pool's payment date `index` (0 from closing).
		fn payment_report(id: PoolId, index: u32) -> Option<PaymentReport>;
		/// What `who` may claim on a tranche now: (interest, principal).
		fn claimable(who: AccountId, id: PoolId, tranche: u8) -> Option<(Balance, Balance)>;
		fn project(id: PoolId, scenario: Scenario) -> Result<Projection, ProjectionError>;
		fn valuation(id: PoolId, tranche: u8, scenario: Option<Scenario>, yield_ppb: Option<i64>) -> Result<TrancheValuation, ProjectionError>;
	}
}
