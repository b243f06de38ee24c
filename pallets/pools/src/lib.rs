//! # Pools pallet
//!
//! Securitization pools (`shared/domain.md`, Pools, tranches, waterfall):
//!
//! - **Structuring**: a licensed Sponsor creates a pool — settlement asset, a licensed Trustee,
//!   the servicer of record, cut-off day, offering window, monthly payment day, clean-up
//!   threshold, eligibility criteria, trustee fee, price, and 2–8 tranches (senior first, the
//!   residual last) — every field validated with a typed error.
//! - **Contribution**: a loan's owner contributes its loans in batches of at most
//!   [`MAX_BATCH`]; each is checked against the criteria (current, remaining term, rate,
//!   principal, collateral kind, score and DTI bands, asset, servicer) and is **pledged** until
//!   the pool closes or the loan is withdrawn: the loans pallet refuses a transfer or a change of
//!   servicer ([`abs_traits::LoanEncumbrance`]). A batch is all or nothing.
//! - **Cancellation**: the sponsor cancels a pool before closing; its loans are free at once
//!   (the pledge is read through the pool's status, so nothing iterates the pool's loans) and
//!   anyone may `release` a loan's entry afterwards.
//!
//! Other pallets read the pledges through [`abs_traits::LoanEncumbrance`].
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod features;
mod impls;
pub mod types;
pub mod views;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use features::projection::{
	ProjectedLine, ProjectedPeriod, Projection, ProjectionError, Scenario, TrancheValuation,
	MAX_PROJECTED_LOANS,
};
pub use types::*;
pub use weights::WeightInfo;

/// Most pools whose collection periods the hook rolls in one block.
pub const MAX_ROLLS_PER_BLOCK: u32 = 8;
/// Most overdue periods one pool rolls at once.
pub use features::collections::MAX_ROLLS_AT_ONCE;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Register `who` and give it `role` globally.
	fn grant(who: &AccountId, role: abs_primitives::Role);
	/// Give `who` `amount` of the stablecoin.
	fn fund(who: &AccountId, amount: abs_primitives::Balance);
	/// An active, current loan owned by `owner`, serviced by `servicer`; returns its id.
	fn active_loan(owner: &AccountId, servicer: &AccountId) -> abs_primitives::LoanId;
	/// Move the chain's today to `day`.
	fn set_today(day: abs_primitives::DayNumber);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use abs_primitives::{AssetId, Balance, DayNumber, LoanId, PoolId, Role, Scope};
	use abs_traits::{LoanInspect, LoanLifecycle, Notify, RoleCheck, ServicingInspect, Today};
	use frame_support::{pallet_prelude::*, traits::fungibles, PalletId};
	use frame_system::pallet_prelude::*;

	/// A stored pool.
	pub type PoolOf<T> = Pool<<T as frame_system::Config>::AccountId>;
	/// A pool's specification.
	pub type PoolSpecOf<T> = PoolSpec<<T as frame_system::Config>::AccountId>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The stablecoin ledger: subscriptions are escrowed in the pool's account.
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = AssetId, Balance = Balance>;
		/// Participants and roles.
		type Roles: RoleCheck<Self::AccountId>;
		/// The tranche tokens (a `pallet-assets` instance whose calls the runtime refuses):
		/// created and minted at closing, moved only by this pallet.
		type TrancheTokens: fungibles::Create<Self::AccountId>
			+ fungibles::Mutate<Self::AccountId, AssetId = AssetId, Balance = Balance>;
		/// The loan registry.
		type Loans: LoanInspect<Self::AccountId>;
		/// Ownership entries of sold loans.
		type Lifecycle: LoanLifecycle<Self::AccountId, Error = DispatchError>;
		/// Where each loan's book stands.
		type Servicing: ServicingInspect;
		/// Confidential records: a contributed loan's must be readable by the pool's trustee.
		type Records: abs_traits::RecordInspect<Self::AccountId>;
		/// Most records a loan lists (each read at contribution).
		#[pallet::constant]
		type MaxRecordsPerLoan: Get<u32>;
		/// The chain's today.
		type Today: Today;
		/// The notice stream: triggers, status changes and events of default are notices to
		/// the pool's subject.
		type Notify: Notify;
		/// The rating agencies' monitors, told of every change of a closed pool's metrics and
		/// of every period's close.
		type Monitor: abs_traits::PoolMonitor;
		/// The settlement stablecoin: the only asset pools are made in.
		#[pallet::constant]
		type StablecoinId: Get<AssetId>;
		/// Pools' accounts are derived from this id and the pool id.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Most loans one pool holds.
		#[pallet::constant]
		type MaxLoansPerPool: Get<u32>;
		/// Longest time from creation to the offering's close, in days.
		#[pallet::constant]
		type MaxOfferingDays: Get<u32>;
		/// Most ownership entries written per block after a closing.
		#[pallet::constant]
		type MaxSweepPerBlock: Get<u32>;
		/// Weights.
		type WeightInfo: WeightInfo;
		/// Sets up participants and loans for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The next pool's id.
	#[pallet::storage]
	pub type NextPoolId<T> = StorageValue<_, PoolId, ValueQuery>;

	/// Pools by id.
	#[pallet::storage]
	pub type Pools<T: Config> = StorageMap<_, Twox64Concat, PoolId, PoolOf<T>>;

	/// The loans of each pool (an index for paged reads and the ownership sweep; the entry
	/// itself is in [`LoanPools`]).
	#[pallet::storage]
	pub type PoolLoans<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PoolId, Twox64Concat, LoanId, ()>;

	/// Each contributed loan's entry: its pool, seller, principal and place in the tables
	/// (also the pledge index). One read tells a change which pool it concerns.
	#[pallet::storage]
	pub type LoanPools<T: Config> = StorageMap<_, Twox64Concat, LoanId, PoolLoan<T::AccountId>>;

	/// Open subscriptions: (pool, tranche) → subscriber → amount escrowed.
	#[pallet::storage]
	pub type Subscriptions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		(PoolId, u8),
		Blake2_128Concat,
		T::AccountId,
		Balance,
		ValueQuery,
	>;

	/// What each tranche's open subscriptions add up to.
	#[pallet::storage]
	pub type Subscribed<T: Config> = StorageMap<_, Twox64Concat, (PoolId, u8), Balance, ValueQuery>;

	/// Each closed pool's tranches: (pool, tranche) → its token and balances.
	#[pallet::storage]
	pub type Tranches<T: Config> = StorageMap<_, Twox64Concat, (PoolId, u8), Tranche>;

	/// Each pool's performance and stratification tables (kept live from its loans'
	/// changes; before closing, of the pledged loans at cut-off).
	#[pallet::storage]
	pub type Performances<T: Config> = StorageMap<_, Twox64Concat, PoolId, Performance>;

	/// The maturity-month table: (pool, year × 12 + month − 1) → loans (not defaulted)
	/// whose last installment falls in that month, and their balance.
	#[pallet::storage]
	pub type MaturityStrats<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PoolId, Twox64Concat, u32, Cell>;

	/// Each closed pool's rolled collection periods with their ratios.
	#[pallet::storage]
	pub type PeriodReports<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PoolId, Twox64Concat, u32, PeriodReport>;

	/// The closed pools' next period ends, keyed (day, pool) big-endian so the keys iterate
	/// in day order: the hook rolls what is due without scanning the pools.
	#[pallet::storage]
	pub type RollDue<T: Config> = StorageMap<_, Identity, [u8; 8], ()>;

	/// Repurchases approved by a pool's trustee, waiting for the seller's payment.
	#[pallet::storage]
	pub type RepurchaseApprovals<T: Config> = StorageMap<_, Twox64Concat, LoanId, ()>;

	/// Tranche holdings by account (every holder of a tranche token is indexed).
	#[pallet::storage]
	pub type Holdings<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, (PoolId, u8), ()>;

	/// Closed pools whose loans' ownership entries are still being written.
	#[pallet::storage]
	pub type Sweeping<T: Config> = StorageMap<_, Twox64Concat, PoolId, ()>;

	/// The last loan whose ownership entry was written, per pool being swept.
	#[pallet::storage]
	pub type SweepCursor<T: Config> = StorageMap<_, Twox64Concat, PoolId, LoanId>;

	/// Each pool's deal: its waterfall per status, reserve and triggers (set by the sponsor
	/// before closing; the default deal at closing if none was).
	#[pallet::storage]
	pub type Deals<T: Config> = StorageMap<_, Twox64Concat, PoolId, DealSpec>;

	/// Each closed pool's deal status, reserve, carried cash and distribution totals.
	#[pallet::storage]
	pub type DealStates<T: Config> = StorageMap<_, Twox64Concat, PoolId, DealState>;

	/// The trustee's report of each payment date: (pool, period index) → report.
	#[pallet::storage]
	pub type PaymentReports<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PoolId, Twox64Concat, u32, PaymentReport>;

	/// Each holder's distributions per tranche: (pool, tranche) → holder → accrual.
	#[pallet::storage]
	pub type Accruals<T: Config> =
		StorageDoubleMap<_, Twox64Concat, (PoolId, u8), Blake2_128Concat, T::AccountId, Accrual>;

	/// Pools by sponsor (for paged queries).
	#[pallet::storage]
	pub type BySponsor<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, PoolId, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A pool was created (Structuring); `account` is the pool's keyless account.
		PoolCreated { pool_id: PoolId, sponsor: T::AccountId, account: T::AccountId },
		/// A loan was contributed and is pledged to the pool.
		LoanContributed {
			pool_id: PoolId,
			loan_id: LoanId,
			seller: T::AccountId,
			principal: Balance,
		},
		/// A loan was withdrawn by its seller before closing.
		LoanWithdrawn { pool_id: PoolId, loan_id: LoanId },
		/// The offering opened: investors may subscribe.
		OfferingOpened { pool_id: PoolId },
		/// The pool was cancelled before closing: its loans are free.
		PoolCancelled { pool_id: PoolId },
		/// A cancelled pool's entry for a loan was removed.
		LoanReleased { pool_id: PoolId, loan_id: LoanId },
		/// `who` subscribed `amount` (escrowed in the pool's account) to a tranche; `total` is
		/// its subscription now.
		Subscribed {
			pool_id: PoolId,
			tranche: u8,
			who: T::AccountId,
			amount: Balance,
			total: Balance,
		},
		/// A subscription was cancelled and its escrow refunded.
		SubscriptionCancelled { pool_id: PoolId, tranche: u8, who: T::AccountId, refunded: Balance },
		/// A pledged loan stopped being current (or paid off, or was restructured) and left
		/// the pool before closing.
		LoanDropped { pool_id: PoolId, loan_id: LoanId, reason: DropReason },
		/// At closing a seller remitted what it collected after cut-off beyond its price.
		SellerRemitted { pool_id: PoolId, seller: T::AccountId, amount: Balance },
		/// At closing a seller was paid for its loans.
		SellerPaid { pool_id: PoolId, seller: T::AccountId, amount: Balance },
		/// The pool closed: its loans are the pool's, its tranches issued. `proceeds` is what
		/// the offering sold, `from_deposit` what the sponsor's deposit paid of the prices,
		/// `cash` what the pool's account keeps for the deal.
		PoolClosed {
			pool_id: PoolId,
			proceeds: Balance,
			paid_to_sellers: Balance,
			from_deposit: Balance,
			cash: Balance,
		},
		/// A subscriber took its allocation (`units` tokens) and its refund.
		AllocationClaimed {
			pool_id: PoolId,
			tranche: u8,
			who: T::AccountId,
			units: Balance,
			refund: Balance,
		},
		/// Tranche tokens moved between eligible investors.
		TrancheTransferred {
			pool_id: PoolId,
			tranche: u8,
			from: T::AccountId,
			to: T::AccountId,
			units: Balance,
		},
		/// Every loan of a closed pool now records the pool as its owner.
		OwnershipRecorded { pool_id: PoolId },
		/// A collection period rolled: what was expected of it and collected in it, its SMM
		/// and MDR (the whole report is in `PeriodReports`).
		PeriodRolled {
			pool_id: PoolId,
			index: u32,
			expected: Balance,
			collected: Balance,
			smm: sp_runtime::FixedU128,
			mdr: sp_runtime::FixedU128,
		},
		/// The trustee approved the repurchase of a loan by its seller (a breached
		/// eligibility representation).
		RepurchaseApproved { pool_id: PoolId, loan_id: LoanId },
		/// The sponsor set the pool's deal (waterfalls, reserve, triggers).
		DealSet { pool_id: PoolId },
		/// A payment date ran: the period's collections by source, the fees paid and what was
		/// credited to holders (the whole report is in `PaymentReports`).
		PaymentDateRun {
			pool_id: PoolId,
			index: u32,
			day: DayNumber,
			interest: Balance,
			principal: Balance,
			fees: Balance,
			distributed: Balance,
		},
		/// A payment date could not run (an amount overflowed); its cash waits for the next.
		PaymentDateFailed { pool_id: PoolId, index: u32 },
		/// A trigger was breached or cured (values in parts per 10⁹).
		TriggerChanged {
			pool_id: PoolId,
			trigger: u8,
			breached: bool,
			value_ppb: u64,
			limit_ppb: u64,
		},
		/// An event of default: the pool runs its accelerated waterfall from now on.
		EventOfDefault { pool_id: PoolId, reason: abs_primitives::DefaultReason },
		/// The pool runs another waterfall from the next payment date.
		DealStatusChanged { pool_id: PoolId, from: DealStatus, to: DealStatus },
		/// A holder claimed what its units were credited.
		/// The sponsor bought the pool's remaining loans (clean-up call) at their principal
		/// and accrued interest.
		CleanUpCalled {
			pool_id: PoolId,
			sponsor: T::AccountId,
			principal: Balance,
			interest: Balance,
		},
		/// The pool's final payment date ran and it ended; `unpaid` is the face its notes
		/// still had (a loss to their holders).
		PoolEnded { pool_id: PoolId, day: DayNumber, unpaid: Balance },
		/// A holder's units of an ended pool's tranche were burned at its last claim.
		TrancheRedeemed { pool_id: PoolId, tranche: u8, who: T::AccountId, units: Balance },
		DistributionClaimed {
			pool_id: PoolId,
			tranche: u8,
			who: T::AccountId,
			interest: Balance,
			principal: Balance,
		},
		/// The seller bought the loan back at its principal and the interest owed on it.
		LoanRepurchased {
			pool_id: PoolId,
			loan_id: LoanId,
			seller: T::AccountId,
			principal: Balance,
			interest: Balance,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer is not a registered participant.
		NotRegistered,
		/// The signer is frozen.
		ParticipantFrozen,
		/// The signer does not hold the Sponsor role.
		NotSponsor,
		/// The pool's settlement asset is not the chain's stablecoin.
		WrongAsset,
		/// The trustee does not hold the Trustee role.
		TrusteeNotLicensed,
		/// The servicer of record does not hold the Servicer role.
		ServicerNotLicensed,
		/// The payment day must be 1–28 (every month has it).
		InvalidPaymentDay,
		/// Cut-off after the offering's close, the window inverted, already over, or longer
		/// than `MaxOfferingDays`.
		InvalidCalendar,
		/// A pool has 2 to 8 tranches.
		InvalidTrancheCount,
		/// Every tranche but the last needs a coupon; the last (residual) has none.
		InvalidCoupons,
		/// A tranche's face is zero, or the faces overflow.
		InvalidFace,
		/// Final maturities must fall after the offering and not decrease with seniority.
		InvalidMaturity,
		/// Criteria with minimum above maximum, a zero principal cap or a repeated kind.
		InvalidCriteria,
		/// The clean-up threshold must be at most 50 %.
		InvalidCleanUp,
		/// The price must be above zero.
		InvalidPrice,
		/// The trustee fee must be at most 10,000 bps.
		InvalidFee,
		/// No pool with this id.
		UnknownPool,
		/// The pool has closed, ended or been cancelled.
		PoolNotOpen,
		/// The call needs a pool in Structuring.
		NotStructuring,
		/// The offering's window has closed.
		OfferingClosed,
		/// The signer is not the pool's sponsor.
		NotPoolSponsor,
		/// An empty batch.
		EmptyBatch,
		/// No loan with this id.
		UnknownLoan,
		/// The signer does not own the loan.
		NotLoanOwner,
		/// The pool's trustee cannot read one of the loan's confidential records: the seller
		/// grants it an envelope of each before contributing the loan.
		TrusteeCannotRead,
		/// The loan is already pledged to a pool that has not closed (or twice in a batch).
		LoanEncumbered,
		/// The loan is not Active with 0 days past due.
		NotCurrent,
		/// The loan's remaining installments are outside the criteria.
		RemainingTermOutOfRange,
		/// The loan's rate is outside the criteria.
		RateOutOfRange,
		/// The loan's outstanding principal is above the criteria's cap (or zero).
		PrincipalOutOfRange,
		/// The loan's collateral kind is not accepted.
		CollateralNotEligible,
		/// The borrower's score band is below the minimum (or a corporate grade).
		ScoreBelowMinimum,
		/// The borrower's DTI band is above the maximum.
		DtiAboveMaximum,
		/// The loan is not in the pool's settlement asset.
		LoanAssetMismatch,
		/// The loan's servicer is not the pool's servicer of record.
		ServicerMismatch,
		/// The pool would hold more than `MaxLoansPerPool` loans.
		PoolFull,
		/// The pool would buy from more than 16 sellers.
		TooManySellers,
		/// The loan is not in this pool.
		NotInPool,
		/// Only the loan's seller withdraws it.
		NotSeller,
		/// The call needs a cancelled pool.
		NotCancelled,
		/// The offering opens on `offering_opens`.
		OfferingNotYetOpen,
		/// The pool has no loans.
		NoLoans,
		/// The pool has no tranche with this index.
		UnknownTranche,
		/// Subscriptions are taken while the offering is open.
		OfferingNotOpen,
		/// Only eligible Investors (and the pool's sponsor, for its retention) subscribe.
		NotInvestor,
		/// A zero amount.
		ZeroAmount,
		/// The subscriber's stablecoin does not cover the amount.
		InsufficientBalance,
		/// No subscription to cancel.
		NoSubscription,
		/// Subscriptions are cancelled before closing.
		PoolClosed,
		/// Contributions end at the cut-off day (principal is measured as of it).
		CutOffPassed,
		/// Only the pool's sponsor or trustee closes it.
		NotSponsorOrTrustee,
		/// Closing happens after the offering's last day.
		OfferingStillOpen,
		/// One originator's share of the pool is above the criteria's maximum.
		OriginatorConcentration,
		/// The offering's proceeds and the sponsor's deposit do not cover the sellers' prices.
		PoolUnderfunded,
		/// A seller cannot remit what it collected after cut-off beyond its price.
		SellerCannotRemit,
		/// The sponsor would keep less than 5 % of every tranche and less than 5 % of the
		/// pool's face in the residual tranche.
		RetentionNotMet,
		/// The call needs a closed pool.
		NotClosed,
		/// Tokens to oneself.
		SelfTransfer,
		/// The receiver is not a registered, unfrozen Investor.
		ReceiverNotEligible,
		/// The sender holds fewer units.
		InsufficientUnits,
		/// The sponsor's retained units are not transferable.
		RetentionLocked,
		/// Only the pool's trustee approves a repurchase.
		NotPoolTrustee,
		/// The repurchase is already approved.
		AlreadyApproved,
		/// The trustee has not approved this repurchase.
		RepurchaseNotApproved,
		/// Only a loan that is serviced (active or delinquent, not defaulted) is repurchased.
		NotRepurchasable,
		/// A waterfall has no steps or more than 32.
		WaterfallStepCount,
		/// A waterfall step names a tranche the pool does not have.
		WaterfallUnknownTranche,
		/// A tranche other than the residual has no interest step in a waterfall.
		TrancheWithoutInterest,
		/// A waterfall's last step must pay the residual.
		ResidualNotLast,
		/// An OC step's minimum is below 100 %.
		InvalidTest,
		/// A trigger names a class the pool does not have, has a zero or sub-100 % limit, or
		/// a loss curve that does not start at period 0 and rise.
		InvalidTrigger,
		/// Nothing credited to claim.
		NothingToClaim,
		/// The pool's next payment date has not come.
		NoPaymentDue,
		/// The pool's remaining balance is above its clean-up threshold.
		AboveCleanUp,
		/// The ownership entries of the pool's loans are still being written (a few blocks
		/// after closing).
		OwnershipNotRecorded,
		/// An amount overflowed.
		Overflow,
		/// Pool ids are exhausted.
		PoolIdOverflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Write closed pools' ownership entries, a bounded batch per block.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			Self::sweep()
		}

		/// Roll the collection periods that ended (at most `MAX_ROLLS_PER_BLOCK` pools a
		/// block), after the timestamp inherent so that the clock shows the block's day (in
		/// `on_initialize` it still shows the previous block's). A pool is rolled only if the
		/// block can still take its worst case (the rest wait for the next block); a change on
		/// a pool's loan rolls its period first anyway.
		fn on_poll(_n: BlockNumberFor<T>, meter: &mut frame_support::weights::WeightMeter) {
			// One pool at a time, each only if the block can still take its worst case (up
			// to MAX_ROLLS_AT_ONCE periods, the monitors' evaluation at each close included).
			let worst = Self::roll_weight(1, crate::features::collections::MAX_ROLLS_AT_ONCE);
			for _ in 0..crate::MAX_ROLLS_PER_BLOCK {
				if !meter.can_consume(worst) {
					break;
				}
				let (pools, periods) = Self::roll_due(1);
				meter.consume(Self::roll_weight(pools, periods));
				if pools == 0 {
					break;
				}
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a pool (a licensed Sponsor): the spec is validated whole; the pool starts in
		/// Structuring with a keyless account derived from its id.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_pool())]
		pub fn create_pool(origin: OriginFor<T>, spec: PoolSpecOf<T>) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			ensure!(
				T::Roles::may_act_as(&who, Role::Sponsor, Scope::Global),
				Error::<T>::NotSponsor
			);
			Self::do_create(who, spec)
		}

		/// Contribute loans (their owner) to an open pool: each is checked against the criteria
		/// and pledged; the batch is all or nothing.
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::contribute_weight(MAX_BATCH))]
		pub fn contribute(
			origin: OriginFor<T>,
			pool_id: PoolId,
			loans: BoundedVec<LoanId, ConstU32<MAX_BATCH>>,
		) -> DispatchResultWithPostInfo {
			let who = Self::ensure_participant(origin)?;
			ensure!(!loans.is_empty(), Error::<T>::EmptyBatch);
			let n = u32::try_from(loans.len()).unwrap_or(MAX_BATCH);
			Self::do_contribute(who, pool_id, &loans)?;
			Ok(Some(Self::contribute_weight(n)).into())
		}

		/// Withdraw a loan (its seller) from a pool before closing: the pledge ends.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, pool_id: PoolId, loan_id: LoanId) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_withdraw(who, pool_id, loan_id)
		}

		/// Open the offering (the sponsor), on or after `offering_opens`, with loans in it.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::open_offering())]
		pub fn open_offering(origin: OriginFor<T>, pool_id: PoolId) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_open_offering(who, pool_id)
		}

		/// Cancel a pool before closing (its sponsor): every loan is free at once.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, pool_id: PoolId) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_cancel(who, pool_id)
		}

		/// Subscribe `amount` of the stablecoin to tranche `tranche` at par (an eligible
		/// Investor, or the pool's sponsor for its risk retention): escrowed in the pool's
		/// account until closing; adds to an existing subscription.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::subscribe())]
		pub fn subscribe(
			origin: OriginFor<T>,
			pool_id: PoolId,
			tranche: u8,
			amount: Balance,
		) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_subscribe(who, pool_id, tranche, amount)
		}

		/// Cancel one's subscription to a tranche before closing (or after the pool's
		/// cancellation): the whole escrow is refunded.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::cancel_subscription())]
		pub fn cancel_subscription(
			origin: OriginFor<T>,
			pool_id: PoolId,
			tranche: u8,
		) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_cancel_subscription(who, pool_id, tranche)
		}

		/// Close the pool (its sponsor or trustee) after the offering's last day: the offering
		/// is allocated (pro rata when oversubscribed; the sponsor takes unsold units), the
		/// sponsor's 5 % retention is checked, each seller is paid its price (principal at
		/// cut-off × price, less what it collected since), the sponsor's deposit paying what the
		/// proceeds do not; the tranche tokens are issued; the loans are the pool's from now.
		/// O(tranches + sellers).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::close())]
		pub fn close(origin: OriginFor<T>, pool_id: PoolId) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_close(who, pool_id)
		}

		/// Take `who`'s allocation of a closed pool's tranche (anyone may call it for a
		/// subscriber): its tokens, and the refund of what was not allocated. O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::claim_allocation())]
		pub fn claim_allocation(
			origin: OriginFor<T>,
			pool_id: PoolId,
			tranche: u8,
			who: T::AccountId,
		) -> DispatchResult {
			Self::ensure_participant(origin)?;
			Self::do_claim(pool_id, tranche, who)
		}

		/// Move `units` of a tranche's tokens to `to`: both sides registered, unfrozen
		/// Investors (the sponsor may sell what exceeds its retention).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::transfer_tranche())]
		pub fn transfer_tranche(
			origin: OriginFor<T>,
			pool_id: PoolId,
			tranche: u8,
			to: T::AccountId,
			units: Balance,
		) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_transfer_tranche(who, pool_id, tranche, to, units)
		}

		/// Remove a cancelled pool's entry for a loan (anyone): storage clean-up.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::release())]
		pub fn release(origin: OriginFor<T>, pool_id: PoolId, loan_id: LoanId) -> DispatchResult {
			Self::ensure_participant(origin)?;
			Self::do_release(pool_id, loan_id)
		}

		/// Approve the repurchase of a closed pool's loan by its seller (the pool's trustee),
		/// for a breached eligibility representation.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::approve_repurchase())]
		pub fn approve_repurchase(
			origin: OriginFor<T>,
			pool_id: PoolId,
			loan_id: LoanId,
		) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_approve_repurchase(who, pool_id, loan_id)
		}

		/// Buy an approved loan back (its seller): the seller pays the pool the loan's
		/// outstanding principal and the interest owed on it and owns the loan again.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::repurchase()
			.saturating_add(Pallet::<T>::roll_weight(1, crate::features::collections::MAX_ROLLS_AT_ONCE))
			.saturating_add(T::Servicing::position_weight())
			.saturating_add(<T::Monitor as abs_traits::PoolMonitor>::weight()))]
		pub fn repurchase(
			origin: OriginFor<T>,
			pool_id: PoolId,
			loan_id: LoanId,
		) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_repurchase(who, pool_id, loan_id)
		}

		/// Set the pool's deal (its sponsor, while structuring: the offering sells it): the
		/// waterfall of each status,
		/// the reserve's target and the triggers, validated whole.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::set_deal())]
		pub fn set_deal(origin: OriginFor<T>, pool_id: PoolId, deal: DealSpec) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_set_deal(who, pool_id, deal)
		}

		/// Claim what one's units of a tranche were credited on the payment dates (interest
		/// and principal). O(1) whatever the number of holders.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::claim_distribution())]
		pub fn claim_distribution(
			origin: OriginFor<T>,
			pool_id: PoolId,
			tranche: u8,
		) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_claim_distribution(who, pool_id, tranche)
		}

		/// Run the pool's payment date that is due (its sponsor or trustee) when the hook has
		/// not yet: the period closes, the waterfall runs, the next period opens.
		#[pallet::call_index(15)]
		#[pallet::weight(Pallet::<T>::roll_weight(1, crate::features::collections::MAX_ROLLS_AT_ONCE))]
		pub fn run_payment_date(origin: OriginFor<T>, pool_id: PoolId) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_run_payment_date(who, pool_id)
		}

		/// The sponsor buys a closed pool's remaining loans once its balance (performing and
		/// defaulted) is at most the clean-up threshold of the original balance, at principal
		/// + interest accrued at the pool's weighted rate since the period's start (30/360,
		/// half up). The final payment date runs at once (the reserve released) and the pool
		/// ends; the loans pass to the sponsor (their records written ≤ `MaxSweepPerBlock` a
		/// block); each holder's units are burned at its last claim.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::clean_up_call().saturating_add(
			<T::Monitor as abs_traits::PoolMonitor>::weight().saturating_mul(
				u64::from(crate::features::collections::MAX_ROLLS_AT_ONCE).saturating_add(2)
			)
		))]
		pub fn clean_up_call(origin: OriginFor<T>, pool_id: PoolId) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			Self::do_clean_up_call(who, pool_id)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Pool `id`.
		pub fn get_pool(id: PoolId) -> Option<PoolOf<T>> {
			Pools::<T>::get(id)
		}

		/// The keyless account of pool `id`.
		pub fn account_of(id: PoolId) -> T::AccountId {
			use sp_runtime::traits::AccountIdConversion;
			T::PalletId::get().into_sub_account_truncating(id)
		}

		/// `contribute` of `n` loans: the pallet's own work and servicing's position of each.
		pub fn contribute_weight(n: u32) -> Weight {
			// Per loan also servicing's position and, for a loan still entered in a cancelled
			// pool, that entry's release.
			// and whether the trustee can read each of its records (an envelope and the
			// trustee's key).
			let records = T::DbWeight::get()
				.reads(u64::from(T::MaxRecordsPerLoan::get()).saturating_add(1))
				.saturating_add(Weight::from_parts(
					0,
					400u64.saturating_mul(u64::from(T::MaxRecordsPerLoan::get())),
				));
			T::WeightInfo::contribute(n).saturating_add(
				T::Servicing::position_weight()
					.saturating_add(T::WeightInfo::release())
					.saturating_add(records)
					.saturating_mul(u64::from(n)),
			)
		}

		/// The signer, if a registered participant and not frozen.
		fn ensure_participant(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::is_registered(&who), Error::<T>::NotRegistered);
			ensure!(!T::Roles::is_frozen(&who), Error::<T>::ParticipantFrozen);
			Ok(who)
		}

		pub(crate) fn today() -> DayNumber {
			T::Today::today()
		}
	}
}
