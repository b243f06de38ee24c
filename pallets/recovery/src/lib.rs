//! # Recovery pallet
//!
//! What follows a default (`shared/domain.md`, Delinquency and enforcement):
//!
//! - **Enforcement order**: the loan's servicer orders the collateral's enforcement
//!   (immobilize, or return to a place) from a collateral agent (CollateralAgent role for the
//!   loan or globally); the loan goes InRecovery. The agent acknowledges on chain, or after
//!   `ack_timeout_days` the auction opens anyway (a bounded hook over a day-keyed index).
//! - **English auction** in the stablecoin: reserve = the appraisal × `ReserveRatio`, rounded
//!   up; an appraisal older than `MaxAppraisalAge` days must be refreshed first (the auction
//!   waits for it); minimum next bid = max(`MinBid`, best + ⌈best × `BidIncrement`⌉); a bid in
//!   the last `extension_blocks` blocks moves the end to its block + `extension_blocks`, never
//!   past the hard cap; bids are escrowed in full in this pallet's account, raising one's own
//!   bid escrows the difference, an outbid bid is refunded at once; the borrower may not bid;
//!   settled by a bounded hook after its end.
//! - **Proceeds**, in order: the claimed enforcement costs (capped at `CostCap` of the price)
//!   → the servicer's unpaid fees → the owner up to the debt → the surplus to the borrower.
//!   Loss = debt − what the owner received; the collateral's title passes to the winner; the
//!   loan is Recovered.
//! - **No bid**: relisted once at `RelistRatio` of the reserve; still none: title to the owner,
//!   written off, loss = the debt.
//! - A full payoff before settlement (through servicing) cancels the auction and refunds the
//!   best bid in the same extrinsic ([`abs_traits::OnDefaultCured`]).
//!
//! Every step is an event and a notice about the loan (through `Config::Notify`, the chain's
//! notice stream: the borrower, owner, servicer and following credit bureaus).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod features;
mod impls;
pub mod types;
pub mod views;
pub mod weights;

// Benchmarks and tests may panic and use plain arithmetic; runtime code may not.
#[cfg(feature = "runtime-benchmarks")]
#[allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::cast_possible_truncation
)]
mod benchmarking;
#[cfg(test)]
#[allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::cast_possible_truncation
)]
mod mock;
#[cfg(test)]
#[allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::cast_possible_truncation
)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A defaulted loan whose servicer is returned with the loan id; its collateral appraisal
	/// is fresh.
	fn defaulted_loan() -> (abs_primitives::LoanId, AccountId);
	/// Register `who` and give it `role` globally.
	fn grant(who: &AccountId, role: abs_primitives::Role);
	/// Give `who` `amount` of the stablecoin.
	fn fund(who: &AccountId, amount: abs_primitives::Balance);
	/// A confidential record of kind `Appraisal` about loan `loan_id`, owned by `owner`.
	fn appraisal_record(
		owner: &AccountId,
		loan_id: abs_primitives::LoanId,
	) -> abs_primitives::RecordId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use abs_primitives::{
		AssetId, Balance, DayNumber, Hash, LoanId, LoanStatus, RecordId, Role, Scope,
	};
	use abs_traits::{DefaultedLoans, LoanInspect, LoanLifecycle, RecordInspect, RoleCheck, Today};
	use frame_support::{pallet_prelude::*, traits::fungibles, PalletId};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::UniqueSaturatedInto, Perbill};

	/// A stored recovery.
	pub type RecoveryOf<T> =
		RecoveryCase<<T as frame_system::Config>::AccountId, <T as Config>::MaxClaims>;
	/// A stored auction.
	pub type AuctionOf<T> = Auction<<T as frame_system::Config>::AccountId>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The stablecoin ledger.
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = AssetId, Balance = Balance>;
		/// The settlement stablecoin (auctions are in it).
		#[pallet::constant]
		type StablecoinId: Get<AssetId>;
		/// The bid escrow account's id.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Loans as the loans pallet shows them.
		type Loans: LoanInspect<Self::AccountId>;
		/// Status changes and the loans' audit trail.
		type Lifecycle: LoanLifecycle<Self::AccountId, Error = DispatchError>;
		/// Defaults and closing (servicing).
		type Servicing: DefaultedLoans<Self::AccountId>;
		/// The chain's notice stream.
		type Notify: abs_traits::Notify;
		/// Told of a recovery's outcome (the loan's pool counts recoveries and losses).
		type Observer: abs_traits::LoanObserver;
		/// Participants and roles.
		type Roles: RoleCheck<Self::AccountId>;
		/// Confidential records (the appraisal reports).
		type Records: RecordInspect<Self::AccountId>;
		/// The chain's today.
		type Today: Today;
		/// The valuation oracle: a fresh collateral value sets the reserve; without one (no
		/// quorum, stale) the auction waits; a collateral kind the oracle has no feeders for
		/// falls back to the appraisal.
		type Oracle: abs_traits::ValuationOracle;
		/// Reserve = appraisal × this, rounded up (e.g. 70 %).
		#[pallet::constant]
		type ReserveRatio: Get<Perbill>;
		/// The relisting's reserve = the first reserve × this, rounded up (80 %).
		#[pallet::constant]
		type RelistRatio: Get<Perbill>;
		/// An appraisal older than this many days must be refreshed before an auction.
		#[pallet::constant]
		type MaxAppraisalAge: Get<u32>;
		/// The absolute minimum of a first bid and of a raise.
		#[pallet::constant]
		type MinBid: Get<Balance>;
		/// A new bid beats the best by at least ⌈best × this⌉.
		#[pallet::constant]
		type BidIncrement: Get<Perbill>;
		/// Enforcement costs are paid up to this share of the price.
		#[pallet::constant]
		type CostCap: Get<Perbill>;
		/// Most cost claims per recovery.
		#[pallet::constant]
		type MaxClaims: Get<u32>;
		/// Most settlements (and, separately, acknowledgement timeouts) the hook handles per
		/// block.
		#[pallet::constant]
		type MaxSettlementsPerBlock: Get<u32>;
		/// Most blocks of ended auctions the settlement hook walks per block.
		#[pallet::constant]
		type MaxSettlementBlocksPerBlock: Get<u32>;
		/// Most days of acknowledgement deadlines the hook walks per block.
		#[pallet::constant]
		type MaxAckDaysPerBlock: Get<u32>;
		/// Who sets the auction timing (governance).
		type ParamsOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Weights.
		type WeightInfo: WeightInfo;
		/// Sets up defaulted loans and participants for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Auction timing.
	#[pallet::storage]
	pub type Params<T> = StorageValue<_, AuctionParams, ValueQuery>;

	/// Recoveries by loan.
	#[pallet::storage]
	pub type Recoveries<T: Config> = StorageMap<_, Twox64Concat, LoanId, RecoveryOf<T>>;

	/// Open auctions by loan.
	#[pallet::storage]
	pub type Auctions<T: Config> = StorageMap<_, Twox64Concat, LoanId, AuctionOf<T>>;

	/// Open auctions by their end block (one entry per auction).
	#[pallet::storage]
	pub type AuctionEnds<T: Config> =
		StorageDoubleMap<_, Twox64Concat, u32, Twox64Concat, LoanId, ()>;

	/// First block whose ended auctions the hook has not settled.
	#[pallet::storage]
	pub type SettlementCursor<T: Config> = StorageValue<_, u32, OptionQuery>;

	/// Unacknowledged orders by acknowledgement deadline (day).
	#[pallet::storage]
	pub type AckDeadlines<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DayNumber, Twox64Concat, LoanId, ()>;

	/// First day whose acknowledgement deadlines the hook has not handled.
	#[pallet::storage]
	pub type AckCursor<T: Config> = StorageValue<_, DayNumber, OptionQuery>;

	/// Bids held in escrow (the best bid of each open auction).
	#[pallet::storage]
	pub type EscrowTotal<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Payouts the stablecoin refused (e.g. a blocked account), held for their owner to
	/// withdraw.
	#[pallet::storage]
	pub type Credits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Balance, ValueQuery>;

	/// Sum of [`Credits`].
	#[pallet::storage]
	pub type CreditTotal<T: Config> = StorageValue<_, Balance, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Auction timing (`None`: the production defaults).
		pub params: Option<AuctionParams>,
		#[serde(skip)]
		pub _marker: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(p) = self.params {
				assert!(
					p.duration_blocks > 0 && p.extension_blocks > 0 && p.ack_timeout_days > 0,
					"auction durations and the acknowledgement timeout must be positive"
				);
				Params::<T>::put(p);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The servicer ordered the collateral's enforcement; the loan is InRecovery.
		EnforcementOrdered {
			loan_id: LoanId,
			agent: T::AccountId,
			action: EnforcementAction,
			debt: Balance,
			ack_deadline: DayNumber,
		},
		/// The collateral agent acknowledged the order.
		OrderAcknowledged { loan_id: LoanId, agent: T::AccountId },
		/// The agent did not acknowledge in time; the recovery goes on without it.
		AcknowledgementTimedOut { loan_id: LoanId },
		/// The appraisal is too old, or the oracle has no fresh value for the collateral: the
		/// auction waits for a new one.
		AuctionAwaitsAppraisal { loan_id: LoanId, appraisal_day: DayNumber },
		/// The oracle's fresh median valued the collateral: it is the appraisal the reserve
		/// comes from.
		AppraisedByOracle { loan_id: LoanId, value: Balance, day: DayNumber },
		/// A new appraisal was recorded (its report is confidential record `record`).
		AppraisalRefreshed { loan_id: LoanId, value: Balance, day: DayNumber, record: RecordId },
		/// A new appraisal would lower the reserve: it waits for the loan owner's approval.
		AppraisalAwaitsOwner {
			loan_id: LoanId,
			by: T::AccountId,
			value: Balance,
			day: DayNumber,
			record: RecordId,
		},
		/// The loan's owner refused the pending appraisal.
		AppraisalRejected { loan_id: LoanId, by: T::AccountId },
		/// An auction opened (round 2: the relisting).
		AuctionOpened {
			loan_id: LoanId,
			round: u8,
			reserve: Balance,
			start: u32,
			end: u32,
			hard_end: u32,
		},
		/// A bid; `escrowed` is what moved into escrow (the difference when raising one's own).
		BidPlaced { loan_id: LoanId, bidder: T::AccountId, amount: Balance, escrowed: Balance },
		/// An outbid bid was refunded.
		BidRefunded { loan_id: LoanId, bidder: T::AccountId, amount: Balance },
		/// A late bid moved the end.
		AuctionExtended { loan_id: LoanId, end: u32 },
		/// An enforcement cost was claimed.
		CostClaimed { loan_id: LoanId, claimant: T::AccountId, amount: Balance, evidence: Hash },
		/// The auction settled: the proceeds were split; the title passed to the winner.
		AuctionSettled {
			loan_id: LoanId,
			winner: T::AccountId,
			price: Balance,
			costs_paid: Balance,
			servicer_paid: Balance,
			owner_paid: Balance,
			borrower_paid: Balance,
			loss: Balance,
		},
		/// No bid: relisted at a lower reserve.
		Relisted { loan_id: LoanId, reserve: Balance, end: u32 },
		/// No bid in either round: title to the owner; the loan is written off.
		WrittenOff { loan_id: LoanId, owner: T::AccountId, loss: Balance },
		/// A full payoff cancelled the recovery; the best bid was refunded.
		RecoveryCancelled { loan_id: LoanId, refunded: Option<(T::AccountId, Balance)> },
		/// Governance set the auction timing.
		ParamsSet { params: AuctionParams },
		/// A payout was refused by the stablecoin; it is held for `who` to withdraw.
		Credited { who: T::AccountId, amount: Balance },
		/// A held payout was withdrawn.
		CreditWithdrawn { who: T::AccountId, amount: Balance },
		/// Another pallet refused the settlement; it is tried again at `retry_at`.
		SettlementDeferred { loan_id: LoanId, retry_at: u32, error: DispatchError },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No loan with this id.
		UnknownLoan,
		/// The loan is not in default.
		NotDefaulted,
		/// Only the loan's licensed servicer orders enforcement.
		NotServicer,
		/// The signer is frozen by the regulator.
		ParticipantFrozen,
		/// The agent does not hold the CollateralAgent role for this loan (or is frozen).
		NotCollateralAgent,
		/// Enforcement of this loan was already ordered.
		AlreadyOrdered,
		/// No recovery for this loan.
		NoRecovery,
		/// Only the agent the order is addressed to acknowledges (and only while it holds the
		/// CollateralAgent role for the loan and is not frozen).
		NotOrderAgent,
		/// The recovery is not at the stage this needs.
		WrongStage,
		/// The appraisal is older than `MaxAppraisalAge` days (or dated after today).
		AppraisalStale,
		/// The appraised value is zero.
		ZeroValue,
		/// The stored appraisal is still fresh: it cannot be replaced.
		AppraisalStillFresh,
		/// The evidence is not a confidential record of kind `Appraisal` about this loan.
		NotAppraisalOfLoan,
		/// No appraisal awaits the owner's approval.
		NoPendingAppraisal,
		/// Only the loan's owner approves or rejects a lowering appraisal.
		NotOwner,
		/// No open auction for this loan.
		NoAuction,
		/// The auction has ended.
		AuctionEnded,
		/// The borrower may not bid on its own collateral.
		BorrowerMayNotBid,
		/// Only investors bid.
		NotInvestor,
		/// The bid is below the reserve or the minimum next bid.
		BidTooLow,
		/// The bidder's stablecoin balance does not cover what must be escrowed.
		InsufficientBalance,
		/// Only the order's agent (holding the CollateralAgent role) or the loan's licensed
		/// servicer does this.
		NotClaimant,
		/// The recovery has the most cost claims allowed.
		TooManyClaims,
		/// The amount is zero.
		ZeroAmount,
		/// Auction durations and the acknowledgement timeout must be positive.
		InvalidParams,
		/// Nothing held for the signer.
		NoCredit,
		/// Arithmetic overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Settle ended auctions (blocks in order), bounded per block with a cursor.
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let n: u32 = n.unique_saturated_into();
			Self::process_settlements(n)
		}

		/// Acknowledgement deadlines are days: they run after the block's inherents, when the
		/// block's timestamp is set and today is this block's day. Skipped, with the cursor
		/// kept, if the block cannot take the worst case.
		fn on_poll(_n: BlockNumberFor<T>, meter: &mut frame_support::weights::WeightMeter) {
			if meter.can_consume(Self::poll_weight_bound()) {
				meter.consume(Self::process_ack_deadlines(T::Today::today()));
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Order the enforcement of defaulted loan `loan_id`'s collateral (its servicer),
		/// addressed to `agent`. The loan goes InRecovery.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::order_enforcement())]
		pub fn order_enforcement(
			origin: OriginFor<T>,
			loan_id: LoanId,
			agent: T::AccountId,
			action: EnforcementAction,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(loan.servicer == who, Error::<T>::NotServicer);
			ensure!(!T::Roles::is_frozen(&who), Error::<T>::ParticipantFrozen);
			ensure!(
				T::Roles::licensed_to_service(&who, loan_id, &loan.originator),
				Error::<T>::NotServicer
			);
			ensure!(!Recoveries::<T>::contains_key(loan_id), Error::<T>::AlreadyOrdered);
			ensure!(loan.status == LoanStatus::Defaulted, Error::<T>::NotDefaulted);
			let default = T::Servicing::defaulted(loan_id).ok_or(Error::<T>::NotDefaulted)?;
			ensure!(
				T::Roles::may_act_as(&agent, Role::CollateralAgent, Scope::Loan(loan_id)),
				Error::<T>::NotCollateralAgent
			);
			Self::do_order(loan_id, loan, default, who, agent, action)
		}

		/// Acknowledge the enforcement order of loan `loan_id` (its agent): the auction opens
		/// (if the appraisal is fresh; otherwise once it is refreshed).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::acknowledge()
			.saturating_add(<T::Oracle as abs_traits::ValuationOracle>::read_weight()))]
		pub fn acknowledge(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let r = Recoveries::<T>::get(loan_id).ok_or(Error::<T>::NoRecovery)?;
			ensure!(r.agent == who, Error::<T>::NotOrderAgent);
			ensure!(!T::Roles::is_frozen(&who), Error::<T>::ParticipantFrozen);
			ensure!(Self::is_agent(&who, loan_id), Error::<T>::NotOrderAgent);
			ensure!(r.stage == Stage::Ordered, Error::<T>::WrongStage);
			Self::do_acknowledge(loan_id, r, Some(who))
		}

		/// Record a new appraisal of loan `loan_id`'s collateral (its licensed servicer or its
		/// agent) before the auction, once the stored one is stale; the report is confidential
		/// record `record` (kind `Appraisal`, about the loan). A value below the stored one
		/// (a lower reserve) waits for the owner's approval; otherwise an auction waiting for
		/// it opens.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::refresh_appraisal())]
		pub fn refresh_appraisal(
			origin: OriginFor<T>,
			loan_id: LoanId,
			value: Balance,
			day: DayNumber,
			record: RecordId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let r = Recoveries::<T>::get(loan_id).ok_or(Error::<T>::NoRecovery)?;
			let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(!T::Roles::is_frozen(&who), Error::<T>::ParticipantFrozen);
			Self::ensure_claimant(&who, loan_id, &r, &loan)?;
			ensure!(
				matches!(r.stage, Stage::Ordered | Stage::AwaitingAppraisal),
				Error::<T>::WrongStage
			);
			ensure!(value > 0, Error::<T>::ZeroValue);
			ensure!(Self::is_fresh(day), Error::<T>::AppraisalStale);
			ensure!(!Self::is_fresh(r.appraisal.day), Error::<T>::AppraisalStillFresh);
			ensure!(
				T::Records::subject_of(record) == Some(abs_primitives::Subject::Loan(loan_id))
					&& T::Records::kind_of(record) == Some(abs_primitives::RecordKind::Appraisal),
				Error::<T>::NotAppraisalOfLoan
			);
			let appraisal = Appraisal { value, day, record: Some(record) };
			if value < r.appraisal.value {
				Self::do_hold_appraisal(loan_id, r, who, appraisal);
				Ok(())
			} else {
				Self::do_refresh(loan_id, r, appraisal, record)
			}
		}

		/// Bid `amount` for loan `loan_id`'s collateral (an investor, not the borrower): the
		/// amount is escrowed (the difference when raising one's own bid); the previous best
		/// bid is refunded at once; a late bid extends the end.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::bid())]
		pub fn bid(origin: OriginFor<T>, loan_id: LoanId, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let auction = Auctions::<T>::get(loan_id).ok_or(Error::<T>::NoAuction)?;
			let now: u32 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
			ensure!(now <= auction.end, Error::<T>::AuctionEnded);
			let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(who != loan.borrower, Error::<T>::BorrowerMayNotBid);
			ensure!(!T::Roles::is_frozen(&who), Error::<T>::ParticipantFrozen);
			ensure!(
				T::Roles::has_role(&who, Role::Investor, Scope::Global),
				Error::<T>::NotInvestor
			);
			ensure!(amount >= Self::min_next_bid(&auction), Error::<T>::BidTooLow);
			Self::do_bid(loan_id, auction, who, amount, now)
		}

		/// Claim an enforcement cost of `amount` for loan `loan_id` with the hash of its
		/// evidence (the agent or the servicer), before settlement. Paid from the proceeds
		/// first, up to `CostCap` of the price.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::claim_cost())]
		pub fn claim_cost(
			origin: OriginFor<T>,
			loan_id: LoanId,
			amount: Balance,
			evidence: Hash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut r = Recoveries::<T>::get(loan_id).ok_or(Error::<T>::NoRecovery)?;
			let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(!T::Roles::is_frozen(&who), Error::<T>::ParticipantFrozen);
			Self::ensure_claimant(&who, loan_id, &r, &loan)?;
			ensure!(!r.stage.is_final(), Error::<T>::WrongStage);
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			r.claims
				.try_push(CostClaim { claimant: who.clone(), amount, evidence })
				.map_err(|_| Error::<T>::TooManyClaims)?;
			Recoveries::<T>::insert(loan_id, r);
			Self::deposit_event(Event::CostClaimed { loan_id, claimant: who, amount, evidence });
			Ok(())
		}

		/// Set the auction timing (governance). Auctions already open keep theirs.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: AuctionParams) -> DispatchResult {
			T::ParamsOrigin::ensure_origin(origin)?;
			ensure!(
				params.duration_blocks > 0
					&& params.extension_blocks > 0
					&& params.ack_timeout_days > 0,
				Error::<T>::InvalidParams
			);
			Params::<T>::put(params);
			Self::deposit_event(Event::ParamsSet { params });
			Ok(())
		}

		/// Withdraw what a refused payout left held for the signer.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw_credit())]
		pub fn withdraw_credit(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_credit(who)
		}

		/// Approve the appraisal of loan `loan_id` that would lower its reserve (the loan's
		/// owner): it is recorded and an auction waiting for it opens.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::approve_appraisal())]
		pub fn approve_appraisal(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (mut r, appraisal) = Self::ensure_owner_of_pending(&who, loan_id)?;
			ensure!(
				matches!(r.stage, Stage::Ordered | Stage::AwaitingAppraisal),
				Error::<T>::WrongStage
			);
			// The approval comes later than the report: it must still be fresh.
			ensure!(Self::is_fresh(appraisal.day), Error::<T>::AppraisalStale);
			let record = appraisal.record.ok_or(Error::<T>::NoPendingAppraisal)?;
			r.pending_appraisal = None;
			Self::do_refresh(loan_id, r, appraisal, record)
		}

		/// Reject the pending appraisal of loan `loan_id` (the loan's owner).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::reject_appraisal())]
		pub fn reject_appraisal(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (mut r, _) = Self::ensure_owner_of_pending(&who, loan_id)?;
			r.pending_appraisal = None;
			Recoveries::<T>::insert(loan_id, r);
			Self::deposit_event(Event::AppraisalRejected { loan_id, by: who });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Whether `who` holds the CollateralAgent role for loan `loan_id` and is not frozen.
		pub(crate) fn is_agent(who: &T::AccountId, loan_id: LoanId) -> bool {
			T::Roles::may_act_as(who, Role::CollateralAgent, Scope::Loan(loan_id))
		}

		/// `who` is the order's agent with its role, or the loan's servicer with its licence,
		/// as of today.
		pub(crate) fn ensure_claimant(
			who: &T::AccountId,
			loan_id: LoanId,
			r: &RecoveryOf<T>,
			loan: &abs_traits::LoanSummary<T::AccountId>,
		) -> DispatchResult {
			let agent = *who == r.agent && Self::is_agent(who, loan_id);
			let servicer = *who == loan.servicer
				&& T::Roles::licensed_to_service(who, loan_id, &loan.originator);
			ensure!(agent || servicer, Error::<T>::NotClaimant);
			Ok(())
		}

		/// The signer owns loan `loan_id`, is not frozen and an appraisal awaits its approval.
		fn ensure_owner_of_pending(
			who: &T::AccountId,
			loan_id: LoanId,
		) -> Result<(RecoveryOf<T>, Appraisal), DispatchError> {
			let r = Recoveries::<T>::get(loan_id).ok_or(Error::<T>::NoRecovery)?;
			let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(loan.acts_for_owner(who), Error::<T>::NotOwner);
			ensure!(!T::Roles::is_frozen(who), Error::<T>::ParticipantFrozen);
			let appraisal = r.pending_appraisal.ok_or(Error::<T>::NoPendingAppraisal)?;
			Ok((r, appraisal))
		}

		/// Whether an appraisal of `day` may set a reserve today.
		pub fn is_fresh(day: DayNumber) -> bool {
			let today = T::Today::today();
			today.checked_sub(day).is_some_and(|age| age <= T::MaxAppraisalAge::get())
		}

		/// The lowest acceptable next bid: the reserve (at least `MinBid`) for the first, then
		/// max(`MinBid`, best + ⌈best × `BidIncrement`⌉).
		pub fn min_next_bid(a: &AuctionOf<T>) -> Balance {
			match &a.best {
				None => a.reserve.max(T::MinBid::get()),
				Some((_, best)) => {
					let step = T::BidIncrement::get().mul_ceil(*best);
					T::MinBid::get().max(best.saturating_add(step))
				}
			}
		}
	}
}
