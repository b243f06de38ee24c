//! A pool's structure: its parties, calendar, eligibility criteria and tranches.

use abs_finance::RatePpq;
use abs_primitives::{
	AssetId, Balance, CollateralKind, CreditAssessment, DayNumber, DtiBand, ScoreBand,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::ConstU32, BoundedVec};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_runtime::{Perbill, Perquintill};

/// Most tranches of a pool (senior → … → residual).
pub const MAX_TRANCHES: u32 = 8;
/// Fewest tranches of a pool (at least one note and the residual).
pub const MIN_TRANCHES: u32 = 2;
/// Most loans one `contribute` call takes.
pub const MAX_BATCH: u32 = 100;
/// Most distinct originators (sellers) one pool buys from.
pub const MAX_ORIGINATORS: u32 = 16;

/// Where a pool is in its life.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum PoolStatus {
	/// Being put together: loans are contributed and withdrawn.
	Structuring,
	/// Investors subscribe; loans may still be contributed and withdrawn.
	Offering,
	/// Closed: the loans belong to the pool, the tranches are issued, it amortizes.
	Closed,
	/// Every tranche redeemed or the pool called (clean-up).
	Ended,
	/// A failed offering: every loan returns to its seller, every subscription is refunded.
	Cancelled,
}

impl PoolStatus {
	/// Before closing: its loans are pledged, not sold.
	pub fn is_open(self) -> bool {
		matches!(self, PoolStatus::Structuring | PoolStatus::Offering)
	}
}

/// Which loans a pool buys. Each criterion is checked at contribution (and again at
/// closing); `None` or an empty list means "any".
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Eligibility {
	/// Fewest installments left to pay.
	pub min_remaining_installments: u32,
	/// Most installments left to pay.
	pub max_remaining_installments: u32,
	/// Lowest annual rate (parts per 10¹⁸).
	pub min_rate: RatePpq,
	/// Highest annual rate (parts per 10¹⁸).
	pub max_rate: RatePpq,
	/// Largest outstanding principal of one loan.
	pub max_principal: Balance,
	/// The collateral kinds accepted (empty: any).
	pub collateral_kinds: BoundedVec<CollateralKind, ConstU32<8>>,
	/// Lowest consumer score band (`None`: any; a loan underwritten on a corporate grade is
	/// then refused).
	pub min_score_band: Option<ScoreBand>,
	/// Highest debt-to-income band (`None`: any).
	pub max_dti_band: Option<DtiBand>,
	/// Largest share of the pool's principal from one originator, checked at closing.
	pub max_originator_share: Perbill,
}

/// One tranche as structured: its seniority is its position (0 = most senior).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct TrancheSpec {
	/// Original face in stablecoin units (= token units issued at closing).
	pub face: Balance,
	/// Fixed annual coupon (parts per 10¹⁸, 30/360); `None` for the residual (last) tranche.
	pub coupon: Option<RatePpq>,
	/// Final legal maturity.
	pub final_maturity: DayNumber,
}

/// What a Sponsor asks for when creating a pool.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PoolSpec<AccountId> {
	/// The settlement asset (the chain's stablecoin).
	pub asset: AssetId,
	/// The pool's Trustee (licensed): signs every owner action for the pool's loans.
	pub trustee: AccountId,
	/// The servicer of record (licensed Servicer).
	pub servicer: AccountId,
	/// Principal is measured and sold as of this day.
	pub cut_off: DayNumber,
	/// Subscriptions are taken from this day…
	pub offering_opens: DayNumber,
	/// … to this day (inclusive); closing happens after it.
	pub offering_closes: DayNumber,
	/// The tranches are paid monthly on this day of the month (1–28).
	pub payment_day: u8,
	/// The pool may be called when its factor falls below this (e.g. 10 %).
	pub clean_up: Perbill,
	pub eligibility: Eligibility,
	/// The trustee's annual fee, in basis points of the pool balance.
	pub trustee_fee_bps: u32,
	/// The price paid for each loan, as a share of its outstanding principal at cut-off.
	pub price: Perquintill,
	/// The sponsor's stablecoin deposit, escrowed when the offering opens: it pays what the
	/// offering's proceeds leave unpaid of the sellers' prices at closing (the rest is the
	/// pool's initial cash, e.g. its reserve); refunded if the pool is cancelled.
	pub sponsor_deposit: Balance,
	/// Senior first, the residual last.
	pub tranches: BoundedVec<TrancheSpec, ConstU32<MAX_TRANCHES>>,
}

/// A pool.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Pool<AccountId> {
	pub sponsor: AccountId,
	pub spec: PoolSpec<AccountId>,
	pub status: PoolStatus,
	pub created_on: DayNumber,
	/// Loans contributed (not withdrawn).
	pub loans: u32,
	/// Their outstanding principal as measured at contribution.
	pub principal: Balance,
	/// Each seller's position (principal, collections after cut-off), for the concentration
	/// limit and the price paid at closing.
	pub sellers: BoundedVec<SellerPosition<AccountId>, ConstU32<MAX_ORIGINATORS>>,
	/// The sponsor's deposit held in the pool's account (from the offering's opening).
	pub deposit: Balance,
}

/// What a pool owes one seller and what the seller owes it.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct SellerPosition<AccountId> {
	pub seller: AccountId,
	/// Outstanding principal at cut-off of its loans in the pool.
	pub principal: Balance,
	/// Principal it collected on them after cut-off (deducted from its price).
	pub collected_principal: Balance,
	/// Interest it collected on them after cut-off (remitted to the pool).
	pub collected_interest: Balance,
}

/// A tranche as issued at closing.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct Tranche {
	/// The token (TrancheAssets) id.
	pub asset: AssetId,
	/// Original face = token units issued.
	pub face: Balance,
	/// Fixed annual coupon (`None`: the residual).
	pub coupon: Option<RatePpq>,
	/// Subscribed at closing (may exceed the face).
	pub subscribed: Balance,
	/// Sold to subscribers: min(subscribed, face); each subscription takes
	/// ⌊subscription × sold ÷ subscribed⌋ units.
	pub sold: Balance,
	/// Units minted so far (claimed allocations and the sponsor's).
	pub minted: Balance,
	/// Subscriptions claimed so far (the last claim takes the rounding's remainder).
	pub claimed: Balance,
	/// Units the sponsor must keep (risk retention).
	pub retained: Balance,
	/// Principal paid to holders so far.
	pub principal_paid: Balance,
	/// Principal written down (losses) and written back up.
	pub written_down: Balance,
	pub written_up: Balance,
}

impl Tranche {
	/// Face outstanding: original − principal paid − write-downs + write-ups.
	pub fn outstanding(&self) -> Balance {
		self.face
			.saturating_sub(self.principal_paid)
			.saturating_sub(self.written_down)
			.saturating_add(self.written_up)
	}
}

/// Why a loan left a pool before closing.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum DropReason {
	Delinquent,
	Defaulted,
	PaidOff,
	Restructured,
}

/// A pool's performance, kept live from servicing's and recovery's changes (never by
/// iterating its loans). Balances are outstanding principal.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct Performance {
	/// Pool balance at closing.
	pub original_balance: Balance,
	/// Outstanding principal of loans not defaulted.
	pub balance: Balance,
	/// Loans (and balances) by delinquency bucket: current, 1–29, 30–59, 60–89, 90+ dpd.
	pub count_by_bucket: [u32; 5],
	pub balance_by_bucket: [Balance; 5],
	/// Loans defaulted (in recovery or not yet resolved) and their principal at default.
	pub defaulted_count: u32,
	pub defaulted_balance: Balance,
	/// Loans paid off, recovered, written off.
	pub paid_off: u32,
	pub resolved: u32,
	/// Cumulative principal defaulted, losses, recoveries, prepayments, scheduled principal,
	/// interest.
	pub cumulative_defaults: Balance,
	pub cumulative_losses: Balance,
	pub cumulative_recoveries: Balance,
	pub cumulative_prepayments: Balance,
	pub cumulative_principal: Balance,
	pub cumulative_interest: Balance,
	/// The pool's cash in its account that belongs to the deal (not owed to subscribers).
	pub cash: Balance,
	/// Σ balance × rate and Σ balance × remaining installments of loans not defaulted (for
	/// WAC and WAM: divide by the balance).
	pub rate_weighted: u128,
	pub term_weighted: u128,
}

/// A loan contributed to a pool.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct PoolLoan<AccountId> {
	/// Its owner when contributed (paid at closing).
	pub seller: AccountId,
	/// Outstanding principal: as of cut-off until closing, then as serviced.
	pub principal: Balance,
	pub contributed_on: DayNumber,
	/// Collected by the seller after cut-off, before closing: principal and interest.
	pub collected_principal: Balance,
	pub collected_interest: Balance,
	/// Its delinquency bucket (after closing) and whether it defaulted.
	pub bucket: u8,
	pub defaulted: bool,
	/// Its annual rate and installments left (WAC, WAM).
	pub rate: RatePpq,
	pub remaining: u32,
}

/// Whether an underwriting assessment meets a minimum score band.
pub fn meets_score(credit: CreditAssessment, min: Option<ScoreBand>) -> bool {
	match (min, credit) {
		(None, _) => true,
		(Some(min), CreditAssessment::Score(band)) => band >= min,
		(Some(_), CreditAssessment::Grade(_)) => false,
	}
}
