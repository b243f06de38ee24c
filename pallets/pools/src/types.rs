//! A pool's structure: its parties, calendar, eligibility criteria and tranches.

use abs_finance::RatePpq;
use abs_primitives::{
	AssetId, Balance, CollateralKind, CreditAssessment, DayNumber, DtiBand, PoolId, ScoreBand,
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
	Default,
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
	/// Interest paid to holders so far, and interest due and unpaid (carried).
	pub interest_paid: Balance,
	pub shortfall: Balance,
	/// Cumulative interest and principal paid per unit, ×10¹⁸ (every unit of the face,
	/// minted or still to be claimed), and the remainders below one index step (×10¹⁸)
	/// carried to the next distribution.
	pub interest_index: u128,
	pub principal_index: u128,
	pub interest_remainder: u128,
	pub principal_remainder: u128,
	/// Credited to the tranche's holders, and claimed by them.
	pub distributed: Balance,
	pub claimed_cash: Balance,
	/// Units burned at their holders' last claim once the pool ended.
	pub redeemed: Balance,
}

impl Tranche {
	/// Face outstanding: original + write-ups − principal paid − write-downs.
	pub fn outstanding(&self) -> Balance {
		// Written up before subtracting: a tranche written down, cured and repaid has paid
		// and written down more than its face in all.
		self.face
			.saturating_add(self.written_up)
			.saturating_sub(self.principal_paid)
			.saturating_sub(self.written_down)
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
	/// Σ balance × rate, Σ balance × remaining installments and Σ balance × installments
	/// elapsed of loans not defaulted (WAC, WAM, WALA: divide by the balance).
	pub rate_weighted: u128,
	pub term_weighted: u128,
	pub age_weighted: u128,
	/// Σ next scheduled installment of loans not defaulted (a period's expected collections).
	pub installments: Balance,
	/// Principal repurchased by sellers.
	pub cumulative_repurchases: Balance,
	/// The stratification tables.
	pub strats: Strats,
	/// The day the pool closed (`None` while it is open: the figures are then the pledged
	/// loans' at cut-off).
	pub closed_on: Option<DayNumber>,
	/// The payment day of the month (from the pool's spec).
	pub payment_day: u8,
	/// The collection period under way (closed pools).
	pub period: Period,
	/// The day the pool ended (its remaining loans called by the sponsor, or none left):
	/// changes on its former loans are no longer the pool's.
	pub ended_on: Option<DayNumber>,
	/// It ended by the sponsor's clean-up call (its loans are the sponsor's); otherwise its
	/// loans were all repaid or resolved.
	pub called: bool,
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
	/// The pool it is in.
	pub pool: PoolId,
	/// Its owner when contributed (paid at closing).
	pub seller: AccountId,
	/// Outstanding principal: as of cut-off until closing, then as serviced.
	pub principal: Balance,
	pub contributed_on: DayNumber,
	/// Collected by the seller after cut-off, before closing: principal and interest.
	pub collected_principal: Balance,
	pub collected_interest: Balance,
	/// Its delinquency bucket (after closing) and whether it defaulted (and is not yet
	/// resolved).
	pub bucket: u8,
	pub defaulted: bool,
	/// Paid off, recovered or written off: nothing more is counted for it but cash.
	pub done: bool,
	/// Its annual rate and installments left (WAC, WAM) and its original number of
	/// installments (WALA: age = original − left).
	pub rate: RatePpq,
	pub remaining: u32,
	pub periods: u32,
	/// Its next scheduled installment (expected collections).
	pub installment: Balance,
	/// Its stratification cells: score band (6 = a corporate grade), DTI band, collateral
	/// kind, originator (the seller's place in the pool) and maturity month.
	pub strat: StratKeys,
}

/// Where a loan sits in a pool's stratification tables.
#[derive(
	Clone,
	Copy,
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
pub struct StratKeys {
	pub score: u8,
	pub dti: u8,
	pub collateral: u8,
	pub originator: u8,
	/// Calendar month of the last installment: year × 12 + month − 1.
	pub maturity_month: u32,
}

/// One cell of a stratification table: loans and their outstanding principal.
#[derive(
	Clone,
	Copy,
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
pub struct Cell {
	pub count: u32,
	pub balance: Balance,
}

impl Cell {
	pub(crate) fn apply(&mut self, balance: Balance, add: bool) {
		if add {
			self.count = self.count.saturating_add(1);
			self.balance = self.balance.saturating_add(balance);
		} else {
			self.count = self.count.saturating_sub(1);
			self.balance = self.balance.saturating_sub(balance);
		}
	}
}

/// Upper bounds (exclusive, parts per 10¹⁸) of the rate bands: < 4 %, 4–6, 6–8, 8–10, 10–12,
/// 12–15, 15–20 and ≥ 20 %.
pub const RATE_BANDS: [RatePpq; 7] = [
	40_000_000_000_000_000,
	60_000_000_000_000_000,
	80_000_000_000_000_000,
	100_000_000_000_000_000,
	120_000_000_000_000_000,
	150_000_000_000_000_000,
	200_000_000_000_000_000,
];

/// The rate band of an annual rate (0..=7).
pub fn rate_band(rate: RatePpq) -> usize {
	RATE_BANDS.iter().take_while(|b| rate >= **b).count()
}

/// A pool's stratification tables of loans not defaulted (balance and count by rate band,
/// score band, DTI band, collateral kind and originator; maturity months are kept per
/// month in `MaturityStrats`). They move only on events.
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
pub struct Strats {
	/// By [`RATE_BANDS`].
	pub rate: [Cell; 8],
	/// By `ScoreBand` (below 580 … 780+), then corporate grades.
	pub score: [Cell; 7],
	/// By `DtiBand` (below 20 % … 50 %+).
	pub dti: [Cell; 6],
	/// By `CollateralKind` (none, vehicle, real estate, equipment, receivables, securities,
	/// other).
	pub collateral: [Cell; 7],
	/// By originator, in the order of `Pool::sellers`.
	pub originator: [Cell; 16],
}

/// A collection period (payment day to payment day) as it accumulates.
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
pub struct Period {
	/// 0 from closing.
	pub index: u32,
	/// Collections on days `start ≤ day < end` are this period's; it rolls on `end` (a
	/// payment date).
	pub start: DayNumber,
	pub end: DayNumber,
	/// Balance and loans (not defaulted) at the start.
	pub opening_balance: Balance,
	pub opening_count: u32,
	/// Expected collections: the next scheduled installment of every loan current at the
	/// start (gross of the servicing fee).
	pub expected: Balance,
	/// Collected for the pool (interest net of the servicing fee).
	pub interest: Balance,
	pub scheduled_principal: Balance,
	pub prepayments: Balance,
	/// Principal paid by sellers repurchasing loans (unscheduled, like prepayments).
	pub repurchases: Balance,
	pub recoveries: Balance,
	/// Principal of loans that defaulted in the period; losses written off in it.
	pub defaults: Balance,
	pub losses: Balance,
}

impl Period {
	/// Everything the period collected.
	pub fn collected(&self) -> Balance {
		self.interest.saturating_add(self.principal_collected())
	}

	/// The period's principal proceeds: scheduled principal, prepayments, repurchases and
	/// recoveries.
	pub fn principal_collected(&self) -> Balance {
		self.scheduled_principal
			.saturating_add(self.prepayments)
			.saturating_add(self.repurchases)
			.saturating_add(self.recoveries)
	}
}

/// A rolled collection period with its ratios (fixed point with 18 decimals, the inner
/// value of `FixedU128`; 10¹⁸ = 100 %).
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
pub struct PeriodReport {
	pub period: Period,
	/// Balance and loans (not defaulted) at the end.
	pub closing_balance: Balance,
	pub closing_count: u32,
	pub smm: sp_runtime::FixedU128,
	pub mdr: sp_runtime::FixedU128,
	pub cpr: sp_runtime::FixedU128,
	pub cdr: sp_runtime::FixedU128,
	/// At the end: WAC (parts per 10⁹), WAM and WALA (installments ×1,000), pool factor.
	pub wac_ppb: u128,
	pub wam_milli: u128,
	pub wala_milli: u128,
	pub factor: sp_runtime::FixedU128,
	/// Delinquent balances 30+, 60+, 90+ at the end.
	pub delinquent_30: Balance,
	pub delinquent_60: Balance,
	pub delinquent_90: Balance,
}

/// Whether an underwriting assessment meets a minimum score band.
pub fn meets_score(credit: CreditAssessment, min: Option<ScoreBand>) -> bool {
	match (min, credit) {
		(None, _) => true,
		(Some(min), CreditAssessment::Score(band)) => band >= min,
		(Some(_), CreditAssessment::Grade(_)) => false,
	}
}

/// Most steps of one waterfall.
pub const MAX_STEPS: u32 = 32;
/// Most triggers of a deal.
pub const MAX_TRIGGERS: u32 = 8;
/// Most points of a cumulative-loss curve.
pub const MAX_CURVE: u32 = 24;

/// The two sources a deal keeps its collections in.
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
pub enum CashSource {
	/// Interest collected (net of servicing fees).
	Interest,
	/// Scheduled principal, prepayments, repurchases and recoveries.
	Principal,
}

/// Tranche indices named by a step (0 = most senior).
pub type TrancheList = BoundedVec<u8, ConstU32<MAX_TRANCHES>>;

/// One step of a payment date's waterfall (`abs_finance::waterfall::Step`, bounded).
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
pub enum PayStep {
	/// A fee to the trustee: `bps` a year of the opening pool balance (30/360) and `fixed`.
	Fee { source: CashSource, bps: u32, fixed: Balance },
	/// Interest due to `tranches` pari passu; with `reserve`, the reserve pays the shortfall.
	Interest { source: CashSource, tranches: TrancheList, reserve: bool },
	/// The OC test of class `class` at `min_ppb` (1.10 = 1,100,000,000): failing, the least
	/// principal that restores it is paid to the seniors sequentially.
	OcTest { source: CashSource, class: u8, min_ppb: u64 },
	/// Top the reserve up to its target.
	FundReserve { source: CashSource },
	/// Cure the principal deficiency ledger (write-ups, senior first).
	CureWriteDowns { source: CashSource },
	/// Principal to `tranches` up to their face outstanding: in order, or pro rata.
	Principal { source: CashSource, tranches: TrancheList, pro_rata: bool },
	/// What the source holds, to the residual tranche's holders.
	Residual { source: CashSource },
}

/// A waterfall: its steps in order.
pub type Waterfall = BoundedVec<PayStep, ConstU32<MAX_STEPS>>;

pub use abs_primitives::DealStatus;

/// The reserve account's target: the larger of a share of the pool balance and a floor.
#[derive(
	Clone,
	Copy,
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
pub struct ReserveSpec {
	pub share: Perbill,
	pub floor: Balance,
}

/// What a trigger measures at a payment date.
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
pub enum TriggerKind {
	/// Pool balance ÷ face outstanding of tranches `0..=class` ≥ `min_ppb` (parts per 10⁹).
	Overcollateralization { class: u8, min_ppb: u64 },
	/// From the second payment date: interest proceeds ÷ interest due on tranches
	/// `0..=class` ≥ `min_ppb`.
	InterestCoverage { class: u8, min_ppb: u64 },
	/// Cumulative net loss ÷ the balance at closing at most the curve's value for the
	/// payment date: each point (payment date index, from 0; limit) holds until the next.
	CumulativeLoss { curve: BoundedVec<(u32, Perbill), ConstU32<MAX_CURVE>> },
	/// The 60+ days delinquent share of the pool balance, averaged over the last three
	/// payment dates, at most `max`.
	Delinquency60 { max: Perbill },
}

/// A trigger: breached, the deal runs its `Sequential` waterfall; a curable trigger that
/// passes again lets it return to `Normal`.
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
pub struct Trigger {
	pub kind: TriggerKind,
	pub curable: bool,
}

/// A deal's terms: its waterfall per status, reserve, triggers.
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
pub struct DealSpec {
	pub normal: Waterfall,
	pub sequential: Waterfall,
	pub accelerated: Waterfall,
	pub reserve: ReserveSpec,
	pub triggers: BoundedVec<Trigger, ConstU32<MAX_TRIGGERS>>,
	/// Unpaid interest accrues interest at the tranche's coupon.
	pub compound_shortfalls: bool,
}

impl DealSpec {
	/// The waterfall a status runs.
	pub fn waterfall(&self, status: DealStatus) -> &Waterfall {
		match status {
			DealStatus::Normal => &self.normal,
			DealStatus::Sequential => &self.sequential,
			DealStatus::Accelerated => &self.accelerated,
		}
	}
}

/// Where a closed deal's cash and status stand between payment dates.
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
pub struct DealState {
	pub status: DealStatus,
	/// Payment dates run so far.
	pub payment_dates: u32,
	/// The reserve account.
	pub reserve: Balance,
	/// What each source kept after the last payment date (paid on the next).
	pub interest_cash: Balance,
	pub principal_cash: Balance,
	/// Each fee step's unpaid amount, in the order of the waterfall run last.
	pub fee_shortfalls: BoundedVec<Balance, ConstU32<MAX_STEPS>>,
	/// Paid to the trustee; credited to holders (claimable) and claimed by them.
	pub fees_paid: Balance,
	pub distributed: Balance,
	pub claimed: Balance,
	/// Bit `i` set: trigger `i` breached at the last payment date.
	pub breached: u32,
	/// The 60+ delinquent share (parts per 10⁹) at the last three payment dates, newest first.
	pub delinquency_ppb: [u64; 3],
}

/// A tranche holder's distributions: the indices it was last settled at and what it is owed
/// (with the fraction of a unit below it, ×10¹⁸, carried so that nothing is lost).
#[derive(
	Clone,
	Copy,
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
pub struct Accrual {
	pub interest_index: u128,
	pub principal_index: u128,
	pub interest: Balance,
	pub principal: Balance,
	pub interest_frac: u128,
	pub principal_frac: u128,
}

/// A trigger's value and state at a payment date.
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
pub struct TriggerReading {
	/// The measured value and its limit (parts per 10⁹).
	pub value_ppb: u64,
	pub limit_ppb: u64,
	pub breached: bool,
	/// Not measured this date (an IC test on the first payment date).
	pub skipped: bool,
}

/// One tranche on a payment date.
#[derive(
	Clone,
	Copy,
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
pub struct TrancheLine {
	pub opening: Balance,
	pub interest_due: Balance,
	pub interest_paid: Balance,
	pub principal_paid: Balance,
	/// Written down by the period's losses, written back up by cures.
	pub written_down: Balance,
	pub written_up: Balance,
	pub closing: Balance,
	/// Interest unpaid, carried to the next date.
	pub shortfall: Balance,
	/// Face outstanding ÷ original face, parts per 10⁹.
	pub factor_ppb: u64,
}

/// The trustee's report of one payment date: collections by source, each step's amount,
/// triggers, tranches, shortfalls, principal deficiency and reserve.
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
pub struct PaymentReport {
	/// The payment date (the collection period's end) and its index (0 from closing).
	pub day: DayNumber,
	pub index: u32,
	/// The status whose waterfall ran, and the status after the triggers.
	pub status: DealStatus,
	pub status_after: DealStatus,
	/// The period's collections and what the sources carried from before.
	pub interest_collected: Balance,
	pub principal_collected: Balance,
	pub interest_carried: Balance,
	pub principal_carried: Balance,
	/// The reserve released above its target into the interest proceeds.
	pub reserve_released: Balance,
	pub opening_balance: Balance,
	pub closing_balance: Balance,
	/// Principal of loans defaulted in the period (debited to the deficiency ledger).
	pub losses: Balance,
	pub steps: BoundedVec<Balance, ConstU32<MAX_STEPS>>,
	pub fees_paid: Balance,
	pub residual_paid: Balance,
	pub reserve_drawn: Balance,
	pub reserve_funded: Balance,
	pub reserve_target: Balance,
	pub reserve: Balance,
	/// The principal deficiency ledger after (write-downs not yet cured).
	pub deficiency: Balance,
	/// Classes whose OC step failed before its cure (bit per class).
	pub oc_failed: u32,
	pub tranches: BoundedVec<TrancheLine, ConstU32<MAX_TRANCHES>>,
	pub triggers: BoundedVec<TriggerReading, ConstU32<MAX_TRIGGERS>>,
	/// An event of default happened on this date.
	pub event_of_default: bool,
	/// What the sources kept for the next date.
	pub interest_left: Balance,
	pub principal_left: Balance,
}
