//! # Loans pallet
//!
//! The loan registry (`shared/domain.md`, Time and dates; Loan lifecycle):
//!
//! - **Proposal**: a licensed Originator proposes a loan to a Borrower — terms, collateral,
//!   underwriting summary, the borrower's confidential record ids (`pallet-disclosures`, whose
//!   subject must be the borrower's identity commitment) — and **the principal is escrowed**
//!   from the originator into this pallet's account. Nonsense is refused with typed errors
//!   (the finance engine validates the schedule).
//! - **Agreement**: `terms_hash = blake2_256(SCALE(proposal))`; the borrower accepts by that
//!   hash; the escrow goes to the borrower in the same extrinsic and the loan is Active, owned
//!   by the originator and serviced by the originator or the servicer it named. Either side
//!   withdraws before; proposals lapse on their expiry day (a bounded hook refunds them).
//! - **Ownership and servicing**: the owner transfers the loan and appoints licensed servicers.
//! - **Audit trail**: an append-only history per loan (block, timestamp, actor, action, data
//!   hash) that no call edits; events carry the loan id.
//! - **Indices** by owner, borrower and servicer: queries are pages over indices, never scans.
//!
//! Other pallets read loans through [`abs_traits::LoanInspect`] and change their status through
//! [`abs_traits::LoanLifecycle`]; this pallet owns the status.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod features;
mod impls;
pub mod types;
pub mod views;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Register `who` and give it `role` globally.
	fn grant(who: &AccountId, role: abs_primitives::Role);
	/// Give `who` `amount` of the stablecoin.
	fn fund(who: &AccountId, amount: abs_primitives::Balance);
	/// A confidential record about `subject`; returns its id.
	fn record(owner: &AccountId, subject: abs_primitives::Subject) -> abs_primitives::RecordId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use abs_primitives::{
		AssetId, Balance, Collateral, DayNumber, Hash, LoanId, RecordId, Underwriting,
	};
	use abs_traits::{RecordInspect, RoleCheck, Today};
	use frame_support::{
		pallet_prelude::*,
		traits::{fungibles, Time},
		PalletId,
	};
	use frame_system::pallet_prelude::*;

	/// A stored loan.
	pub type LoanOf<T> = Loan<<T as frame_system::Config>::AccountId, <T as Config>::MaxRecords>;
	/// A proposal.
	pub type ProposalOf<T> =
		Proposal<<T as frame_system::Config>::AccountId, <T as Config>::MaxRecords>;
	/// A history entry.
	pub type HistoryEntryOf<T> =
		HistoryEntry<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The stablecoin ledger.
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = AssetId, Balance = Balance>;
		/// The settlement stablecoin's id: the only asset loans are made in.
		#[pallet::constant]
		type StablecoinId: Get<AssetId>;
		/// The escrow account's id.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Participants and roles.
		type Roles: RoleCheck<Self::AccountId>;
		/// Confidential records.
		type Records: RecordInspect<Self::AccountId>;
		/// The chain's today.
		type Today: Today;
		/// Told when a loan becomes Active (servicing starts).
		type OnActivated: abs_traits::OnLoanActivated;
		/// Whether a loan is pledged (contributed to a pool not yet closed): its owner may not
		/// transfer it or change its servicer.
		type Encumbrance: abs_traits::LoanEncumbrance<Self::AccountId>;
		/// Block timestamps for the audit trail.
		type Time: Time<Moment = u64>;
		/// Most confidential records a proposal lists.
		#[pallet::constant]
		type MaxRecords: Get<u32>;
		/// Longest validity of a proposal, in days.
		#[pallet::constant]
		type MaxProposalDays: Get<u32>;
		/// Most proposals that may lapse on one day.
		#[pallet::constant]
		type MaxExpiriesPerDay: Get<u32>;
		/// Most lapsed proposals the hook refunds in one block.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;
		/// Most days the hook's cursor advances in one block.
		#[pallet::constant]
		type MaxDaysPerBlock: Get<u32>;
		/// Most open proposals one originator may have at a time (with the deposit, this keeps
		/// one originator from filling every day's expiry slots).
		#[pallet::constant]
		type MaxOpenProposalsPerOriginator: Get<u32>;
		/// A refundable deposit in the stablecoin taken with each proposal's principal and
		/// returned to the originator when the proposal is accepted, withdrawn or lapses.
		#[pallet::constant]
		type ProposalDeposit: Get<Balance>;
		/// Weights.
		type WeightInfo: WeightInfo;
		/// Sets up participants, funds and records for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id of the next loan.
	#[pallet::storage]
	pub type NextLoanId<T> = StorageValue<_, LoanId, ValueQuery>;

	/// Loans by id (proposals included).
	#[pallet::storage]
	pub type Loans<T: Config> = StorageMap<_, Twox64Concat, LoanId, LoanOf<T>>;

	/// Append-only history: loan → sequence number → entry.
	#[pallet::storage]
	pub type History<T: Config> =
		StorageDoubleMap<_, Twox64Concat, LoanId, Twox64Concat, u32, HistoryEntryOf<T>>;

	/// Number of history entries per loan.
	#[pallet::storage]
	pub type HistoryLen<T: Config> = StorageMap<_, Twox64Concat, LoanId, u32, ValueQuery>;

	/// Index: owner → loans (active and later).
	#[pallet::storage]
	pub type ByOwner<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, LoanId, ()>;

	/// Index: borrower → loans (proposals included).
	#[pallet::storage]
	pub type ByBorrower<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, LoanId, ()>;

	/// Index: servicer → loans (active and later).
	#[pallet::storage]
	pub type ByServicer<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, LoanId, ()>;

	/// Open proposals by expiry day.
	#[pallet::storage]
	pub type ProposalExpiries<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DayNumber, Twox64Concat, LoanId, ()>;

	/// Entries of [`ProposalExpiries`] per day.
	#[pallet::storage]
	pub type ExpiryCount<T: Config> = StorageMap<_, Twox64Concat, DayNumber, u32, ValueQuery>;

	/// First day whose lapsed proposals the hook has not finished.
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> = StorageValue<_, DayNumber, OptionQuery>;

	/// Principal and deposits held in escrow for open proposals.
	#[pallet::storage]
	pub type EscrowTotal<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Open proposals per originator (at most `MaxOpenProposalsPerOriginator`).
	#[pallet::storage]
	pub type OpenProposals<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Lapsed proposals whose refund the stablecoin refused (e.g. a blocked account): the day
	/// the hook tries again. The proposal stays open (withdrawable) until it is refunded.
	#[pallet::storage]
	pub type RefundRetries<T: Config> = StorageMap<_, Twox64Concat, LoanId, DayNumber>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A loan was proposed; its principal is in escrow.
		LoanProposed {
			loan_id: LoanId,
			originator: T::AccountId,
			borrower: T::AccountId,
			principal: Balance,
			terms_hash: Hash,
			expires_on: DayNumber,
		},
		/// The borrower accepted: the principal went to the borrower; the loan is Active.
		LoanActivated {
			loan_id: LoanId,
			borrower: T::AccountId,
			owner: T::AccountId,
			servicer: T::AccountId,
			principal: Balance,
		},
		/// A proposal was withdrawn; the escrow went back to the originator.
		ProposalWithdrawn { loan_id: LoanId, by: T::AccountId, refunded: Balance },
		/// A proposal lapsed; the escrow went back to the originator.
		ProposalExpired { loan_id: LoanId, refunded: Balance },
		/// A lapsed proposal's refund was refused by the stablecoin; it stays open
		/// (withdrawable) and the hook tries again on `retry_on`.
		ProposalRefundDeferred { loan_id: LoanId, retry_on: DayNumber, error: DispatchError },
		/// The loan changed owner.
		OwnershipTransferred { loan_id: LoanId, from: T::AccountId, to: T::AccountId },
		/// The loan has a new servicer.
		ServicerAppointed { loan_id: LoanId, from: T::AccountId, to: T::AccountId },
		/// Another pallet changed the loan's status.
		StatusChanged {
			loan_id: LoanId,
			from: abs_primitives::LoanStatus,
			to: abs_primitives::LoanStatus,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer is frozen by the regulator.
		ParticipantFrozen,
		/// The signer does not hold an active Originator licence.
		NotOriginator,
		/// The originator no longer holds an active Originator licence, or is frozen: its
		/// proposal cannot be accepted.
		OriginatorNotEligible,
		/// The originator has `MaxOpenProposalsPerOriginator` open proposals.
		TooManyOpenProposals,
		/// A fixed late fee above the smallest installment's scheduled interest + principal.
		LateFeeTooLarge,
		/// The borrower does not hold an active Borrower role (or is frozen).
		BorrowerNotEligible,
		/// Loans are made in the settlement stablecoin only.
		WrongAsset,
		/// The principal is zero.
		ZeroPrincipal,
		/// The number of periods is zero.
		ZeroPeriods,
		/// The annual rate is above 100 %.
		RateOutOfRange,
		/// The first due date is not a valid calendar date.
		InvalidDate,
		/// The first due date is not after today.
		FirstDueNotInFuture,
		/// More periods than the finance engine allows (480).
		TooManyPeriods,
		/// The principal is above the finance engine's limit.
		PrincipalTooLarge,
		/// Actual/365 terms whose payment would not cover a 31-day month's interest.
		NegativeAmortization,
		/// The default threshold is zero days.
		ZeroDefaultThreshold,
		/// The servicing fee is above 100 % a year, or a percentage late fee above 100 %.
		FeeOutOfRange,
		/// The collateral's appraisal is dated after today.
		AppraisalInFuture,
		/// The proposal's validity is zero or above `MaxProposalDays`.
		InvalidValidity,
		/// Too many proposals lapse on that day; choose another validity.
		ExpiryDayFull,
		/// A listed confidential record does not exist.
		UnknownRecord,
		/// A listed record is about another subject than the borrower's identity commitment.
		RecordOfAnotherSubject,
		/// The named or appointed servicer holds no Servicer licence (or is frozen).
		ServicerNotLicensed,
		/// The originator's stablecoin balance does not cover the principal.
		InsufficientBalance,
		/// No loan with this id.
		UnknownLoan,
		/// Only the borrower accepts.
		NotBorrower,
		/// Only the originator or the borrower withdraws a proposal.
		NotParty,
		/// The loan is not a proposal (accepted, withdrawn or lapsed).
		NotProposed,
		/// The proposal lapsed.
		ProposalExpired,
		/// The hash does not match the proposal's terms hash (stale or wrong terms).
		TermsHashMismatch,
		/// Only the loan's owner may do this.
		NotOwner,
		/// The loan's status does not allow this.
		StatusDoesNotAllow,
		/// The new owner is the current owner, or is frozen.
		InvalidNewOwner,
		/// The servicer is already the loan's servicer.
		SameServicer,
		/// Loan ids are exhausted.
		LoanIdOverflow,
		/// A status change other pallets asked for is not a valid transition.
		InvalidTransition,
		/// The loan is contributed to a pool that has not closed: its owner may not transfer it
		/// or change its servicer until the pool closes or the loan is withdrawn.
		LoanEncumbered,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Refund lapsed proposals, bounded per block, from a day-keyed index with a cursor.
		/// Runs after the block's inherents: the block's timestamp is set, so today is this
		/// block's day and a change dated today lands in the first block of the day (in
		/// `on_initialize` the clock still shows the previous block's time). Skipped, with the
		/// cursor kept, if the block cannot take the worst case.
		fn on_poll(_n: BlockNumberFor<T>, meter: &mut frame_support::weights::WeightMeter) {
			if meter.can_consume(Self::poll_weight_bound()) {
				meter.consume(Self::process_expiries(T::Today::today()));
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Propose a loan to `borrower`, escrowing the principal from the signer (a licensed
		/// Originator). It lapses after `valid_days` days.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::propose(T::MaxRecords::get()))]
		pub fn propose(
			origin: OriginFor<T>,
			borrower: T::AccountId,
			identity_commitment: Hash,
			terms: LoanTerms,
			collateral: Collateral,
			underwriting: Underwriting,
			records: BoundedVec<RecordId, T::MaxRecords>,
			servicer: Option<T::AccountId>,
			valid_days: u32,
		) -> DispatchResult {
			let originator = ensure_signed(origin)?;
			let proposal = Self::validate_proposal(
				originator,
				borrower,
				identity_commitment,
				terms,
				collateral,
				underwriting,
				records,
				servicer,
				valid_days,
			)?;
			let loan_id = NextLoanId::<T>::get();
			loan_id.checked_add(1).ok_or(Error::<T>::LoanIdOverflow)?;
			ensure!(
				OpenProposals::<T>::get(&proposal.originator)
					< T::MaxOpenProposalsPerOriginator::get(),
				Error::<T>::TooManyOpenProposals
			);
			Self::do_propose(loan_id, proposal)
		}

		/// Accept proposal `loan_id` by its terms hash (the borrower): the principal is paid
		/// out of escrow to the borrower and the loan becomes Active.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::accept().saturating_add(<T::OnActivated as abs_traits::OnLoanActivated>::weight()))]
		pub fn accept(origin: OriginFor<T>, loan_id: LoanId, terms_hash: Hash) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(loan.proposal.borrower == who, Error::<T>::NotBorrower);
			ensure!(!T::Roles::is_frozen(&who), Error::<T>::ParticipantFrozen);
			ensure!(loan.status == abs_primitives::LoanStatus::Proposed, Error::<T>::NotProposed);
			ensure!(T::Today::today() < loan.proposal.expires_on, Error::<T>::ProposalExpired);
			// A proposal whose first due date has come is stale: the borrower would start late.
			ensure!(
				loan.proposal
					.terms
					.first_due
					.to_day_number()
					.is_some_and(|d| d > T::Today::today()),
				Error::<T>::FirstDueNotInFuture
			);
			ensure!(loan.terms_hash == terms_hash, Error::<T>::TermsHashMismatch);
			ensure!(
				T::Roles::has_role(
					&who,
					abs_primitives::Role::Borrower,
					abs_primitives::Scope::Global
				),
				Error::<T>::BorrowerNotEligible
			);
			// The approvals behind the proposal may have lapsed since it was made.
			ensure!(
				T::Roles::may_act_as(
					&loan.proposal.originator,
					abs_primitives::Role::Originator,
					abs_primitives::Scope::Global
				),
				Error::<T>::OriginatorNotEligible
			);
			if let Some(s) = &loan.proposal.servicer {
				ensure!(
					T::Roles::may_act_as(
						s,
						abs_primitives::Role::Servicer,
						abs_primitives::Scope::Global
					),
					Error::<T>::ServicerNotLicensed
				);
			}
			Self::do_accept(loan_id, loan)
		}

		/// Withdraw proposal `loan_id` (the originator or the borrower); the escrow is refunded.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(
				loan.proposal.originator == who || loan.proposal.borrower == who,
				Error::<T>::NotParty
			);
			ensure!(!T::Roles::is_frozen(&who), Error::<T>::ParticipantFrozen);
			ensure!(loan.status == abs_primitives::LoanStatus::Proposed, Error::<T>::NotProposed);
			Self::do_close_proposal(loan_id, loan, Some(who))
		}

		/// Transfer loan `loan_id` to `new_owner` (the owner), e.g. a sale into a pool.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::transfer_ownership())]
		pub fn transfer_ownership(
			origin: OriginFor<T>,
			loan_id: LoanId,
			new_owner: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let loan = Self::ensure_owner_may_act(&who, loan_id)?;
			ensure!(
				!<T::Encumbrance as abs_traits::LoanEncumbrance<T::AccountId>>::is_encumbered(
					loan_id
				),
				Error::<T>::LoanEncumbered
			);
			ensure!(
				new_owner != who && !T::Roles::is_frozen(&new_owner),
				Error::<T>::InvalidNewOwner
			);
			Self::do_transfer(loan_id, loan, new_owner);
			Ok(())
		}

		/// Appoint `servicer` (a licensed Servicer for this loan) to service loan `loan_id`
		/// (the owner), also while it is Defaulted or InRecovery: the new servicer takes over
		/// the enforcement.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::appoint_servicer())]
		pub fn appoint_servicer(
			origin: OriginFor<T>,
			loan_id: LoanId,
			servicer: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let loan = Self::ensure_owner_may_appoint(&who, loan_id)?;
			ensure!(
				!<T::Encumbrance as abs_traits::LoanEncumbrance<T::AccountId>>::is_encumbered(
					loan_id
				),
				Error::<T>::LoanEncumbered
			);
			ensure!(loan.servicer != servicer, Error::<T>::SameServicer);
			ensure!(
				T::Roles::may_act_as(
					&servicer,
					abs_primitives::Role::Servicer,
					abs_primitives::Scope::Loan(loan_id)
				),
				Error::<T>::ServicerNotLicensed
			);
			Self::do_appoint(loan_id, loan, servicer);
			Ok(())
		}
	}
}
