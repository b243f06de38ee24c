//! What clients see of a recovery (served by the runtime API `RecoveryApi`), built here from
//! the pallet's own storage, so the runtime only delegates.

use crate::{pallet::*, Appraisal, Auction, CostClaim, EnforcementAction, Outcome, Stage};
use abs_primitives::{Balance, DayNumber, LoanId};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// A loan's recovery with its open auction, if any.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct RecoveryView<AccountId> {
	pub loan_id: LoanId,
	pub agent: AccountId,
	pub action: EnforcementAction,
	pub ordered_on: DayNumber,
	pub ack_deadline: DayNumber,
	pub acknowledged_on: Option<DayNumber>,
	pub appraisal: Appraisal,
	/// A lowering appraisal awaiting the owner's approval.
	pub pending_appraisal: Option<Appraisal>,
	pub default_day: DayNumber,
	pub debt: Balance,
	pub servicer_fees: Balance,
	pub stage: Stage,
	pub claims: Vec<CostClaim<AccountId>>,
	pub outcome: Option<Outcome<AccountId>>,
	pub auction: Option<Auction<AccountId>>,
	/// The lowest acceptable next bid of the open auction.
	pub min_next_bid: Option<Balance>,
	/// The current block (to compare with the auction's end).
	pub now: u32,
}

impl<T: Config> Pallet<T> {
	/// Loan `id`'s recovery with its open auction, if any.
	pub fn recovery_view(id: LoanId) -> Option<RecoveryView<T::AccountId>> {
		let r = Recoveries::<T>::get(id)?;
		let auction = Auctions::<T>::get(id);
		let min_next_bid = auction.as_ref().map(Self::min_next_bid);
		Some(RecoveryView {
			loan_id: id,
			agent: r.agent,
			action: r.action,
			ordered_on: r.ordered_on,
			ack_deadline: r.ack_deadline,
			acknowledged_on: r.acknowledged_on,
			appraisal: r.appraisal,
			pending_appraisal: r.pending_appraisal,
			default_day: r.default_day,
			debt: r.debt,
			servicer_fees: r.servicer_fees,
			stage: r.stage,
			claims: r.claims.into_inner(),
			outcome: r.outcome,
			auction,
			min_next_bid,
			now: Self::now(),
		})
	}
}
