//! # Servicing pallet
//!
//! A loan's life after funding (`shared/domain.md`, Payments; Delinquency and enforcement):
//!
//! - **Schedule**: when the loans pallet activates a loan ([`abs_traits::OnLoanActivated`]),
//!   the finance engine computes the schedule, stored compactly as the loan's [`Book`].
//! - **Payments** in the stablecoin by anyone: allocated by the engine (overdue oldest first,
//!   current, late fees, prepayment); the owner receives the payment less the servicing fee
//!   (taken once per period from the interest collected) and the late fees, which go to the
//!   servicer, in the same extrinsic. Beyond the payoff is refused. The servicer records
//!   off-chain payments with a reference hash. Every payment is a [`PaymentRecord`]. A payoff
//!   closes the loan (PaidOff through [`abs_traits::LoanLifecycle`]).
//! - **Delinquency** in a bounded hook over a day-keyed index of **checkpoints**: each
//!   performing loan has exactly one, on the next day something can happen to it (the day
//!   after a due date, the late-fee day `due + grace + 1`, the 30/60/90-dpd bucket days, the
//!   default threshold). A payment moves it, so no checkpoint is ever stale. Late fees, bucket
//!   changes, cures and default at the threshold (status Defaulted; interest stops) happen
//!   there; the hook works days in order with a cursor, at most `MaxCheckpointsPerBlock`
//!   checkpoints and `MaxDaysPerBlock` days per block.
//! - **Notices**: every bucket change, cure, late fee, default and payoff is a notice about the
//!   loan through `Config::Notify` (`pallet-notices`), which addresses it to the borrower, the
//!   owner, the servicer and the credit bureaus following the loan or its originator
//!   ([`abs_traits::LoanFollowers`], implemented here).
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
	/// An Active loan with `periods` monthly periods whose first due date is the day after
	/// tomorrow, serviced by a servicer other than the owner; returns its id. Servicing has
	/// started (its book and checkpoint exist).
	fn active_loan(periods: u32) -> abs_primitives::LoanId;
	/// Register `who` and give it `role` globally.
	fn grant(who: &AccountId, role: abs_primitives::Role);
	/// Give `who` `amount` of the stablecoin.
	fn fund(who: &AccountId, amount: abs_primitives::Balance);
	/// Move today to `day`.
	fn set_today(day: abs_primitives::DayNumber);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use abs_primitives::{AssetId, Balance, DayNumber, Hash, LoanId, LoanStatus};
	use abs_traits::{LoanInspect, LoanLifecycle, RoleCheck, Today};
	use frame_support::{
		pallet_prelude::*,
		traits::{fungibles, Time},
	};
	use frame_system::pallet_prelude::*;

	/// A stored book.
	pub type BookOf<T> = Book<<T as Config>::MaxInstallments>;
	/// A stored servicing state.
	pub type StateOf<T> = ServicingState<<T as frame_system::Config>::AccountId>;
	/// A pending restructuring.
	pub type PendingRestructuringOf<T> =
		PendingRestructuring<<T as frame_system::Config>::AccountId>;
	/// A stored payment record.
	pub type PaymentRecordOf<T> =
		PaymentRecord<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
	/// Followers of a loan or an originator.
	pub type BureausOf<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxBureaus>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The stablecoin ledger.
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = AssetId, Balance = Balance>;
		/// Loans as the loans pallet shows them.
		type Loans: LoanInspect<Self::AccountId>;
		/// Status changes and the loans' audit trail.
		type Lifecycle: LoanLifecycle<Self::AccountId, Error = DispatchError>;
		/// Participants and roles.
		type Roles: RoleCheck<Self::AccountId>;
		/// The chain's today.
		type Today: Today;
		/// Block timestamps for payment records.
		type Time: Time<Moment = u64>;
		/// Most installments of a book (the finance engine's limit is 480).
		#[pallet::constant]
		type MaxInstallments: Get<u32>;
		/// Most credit bureaus following one loan, and one originator.
		#[pallet::constant]
		type MaxBureaus: Get<u32>;
		/// Most checkpoints the hook evaluates in one block.
		#[pallet::constant]
		type MaxCheckpointsPerBlock: Get<u32>;
		/// Most days the hook's cursor advances in one block.
		#[pallet::constant]
		type MaxDaysPerBlock: Get<u32>;
		/// Told when a defaulted loan is paid off (recovery cancels its auction).
		type Recovery: abs_traits::OnDefaultCured;
		/// The chain's notice stream (buckets, late fees, defaults, payoffs, restructurings).
		type Notify: abs_traits::Notify;
		/// Told of every change on a loan's book (the loan's pool keeps its collections).
		type Observer: abs_traits::LoanObserver;
		/// Weights.
		type WeightInfo: WeightInfo;
		/// Sets up loans and participants for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Books of serviced loans.
	#[pallet::storage]
	pub type Books<T: Config> = StorageMap<_, Twox64Concat, LoanId, BookOf<T>>;

	/// Servicing state of serviced loans.
	#[pallet::storage]
	pub type States<T: Config> = StorageMap<_, Twox64Concat, LoanId, StateOf<T>>;

	/// Checkpoints: day → performing loans whose next checkpoint is that day (one per loan).
	#[pallet::storage]
	pub type Checkpoints<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DayNumber, Twox64Concat, LoanId, ()>;

	/// First day whose checkpoints the hook has not finished.
	#[pallet::storage]
	pub type CheckpointCursor<T: Config> = StorageValue<_, DayNumber, OptionQuery>;

	/// Payment records: loan → sequence number → record.
	#[pallet::storage]
	pub type Payments<T: Config> =
		StorageDoubleMap<_, Twox64Concat, LoanId, Twox64Concat, u32, PaymentRecordOf<T>>;

	/// Restructuring proposals awaiting the owner's and the borrower's approval.
	#[pallet::storage]
	pub type PendingRestructurings<T: Config> =
		StorageMap<_, Twox64Concat, LoanId, PendingRestructuringOf<T>>;

	/// Off-chain payoffs of defaulted loans awaiting the owner's confirmation.
	#[pallet::storage]
	pub type PendingPayoffs<T: Config> =
		StorageMap<_, Twox64Concat, LoanId, PendingPayoff<T::AccountId>>;

	/// Superseded books: loan → version → the book as it stood when it was restructured.
	#[pallet::storage]
	pub type BookVersions<T: Config> =
		StorageDoubleMap<_, Twox64Concat, LoanId, Twox64Concat, u32, BookOf<T>>;

	/// Credit bureaus following a loan.
	#[pallet::storage]
	pub type LoanBureaus<T: Config> = StorageMap<_, Twox64Concat, LoanId, BureausOf<T>, ValueQuery>;

	/// Credit bureaus following every loan of an originator.
	#[pallet::storage]
	pub type OriginatorBureaus<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BureausOf<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Servicing started: the schedule is computed and stored.
		ServicingStarted {
			loan_id: LoanId,
			installments: u32,
			payment: Balance,
			first_checkpoint: DayNumber,
		},
		/// A payment was allocated (record `seq` of the loan).
		PaymentReceived {
			loan_id: LoanId,
			seq: u32,
			payer: T::AccountId,
			source: PaymentSource,
			amount: Balance,
			to_owner: Balance,
			to_servicer: Balance,
			closed: bool,
		},
		/// The servicer recorded an off-chain payment that pays off the defaulted loan: it
		/// waits for the owner's confirmation before the loan closes.
		OffchainPayoffAwaitsOwner {
			loan_id: LoanId,
			servicer: T::AccountId,
			amount: Balance,
			reference: Hash,
		},
		/// The owner said it did not receive the off-chain payoff.
		OffchainPayoffRejected { loan_id: LoanId, by: T::AccountId },
		/// A credit bureau follows a loan.
		BureauFollowsLoan { bureau: T::AccountId, loan_id: LoanId },
		/// A credit bureau stopped following a loan.
		BureauUnfollowedLoan { bureau: T::AccountId, loan_id: LoanId },
		/// A credit bureau follows every loan of an originator.
		BureauFollowsOriginator { bureau: T::AccountId, originator: T::AccountId },
		/// A credit bureau stopped following an originator's loans.
		BureauUnfollowedOriginator { bureau: T::AccountId, originator: T::AccountId },
		/// The servicer proposed new terms; the owner and the borrower approve.
		RestructuringProposed { loan_id: LoanId, by: T::AccountId, terms: RestructureTerms },
		/// The owner or the borrower approved the pending restructuring.
		RestructuringApproved { loan_id: LoanId, by: T::AccountId },
		/// A payment before the last approval voided the pending restructuring.
		RestructuringVoided { loan_id: LoanId },
		/// The loan was restructured: arrears capitalized, schedule version `version`, dpd 0.
		Restructured {
			loan_id: LoanId,
			version: u32,
			new_principal: Balance,
			capitalized: Balance,
			installments: u32,
		},
		/// The hook could not evaluate a checkpoint (an invariant of another pallet broke);
		/// it retries the next day.
		CheckpointDeferred { loan_id: LoanId, day: DayNumber, error: DispatchError },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No loan with this id.
		UnknownLoan,
		/// The loan is not being serviced (not yet active, or closed).
		NotServiced,
		/// Servicing of this loan already started.
		AlreadyServiced,
		/// The loan is paid off.
		LoanClosed,
		/// The amount is zero.
		ZeroAmount,
		/// The payment is above what closes the loan today.
		BeyondPayoff,
		/// The loan defaulted: only a payment of the whole debt is accepted (more is
		/// `BeyondPayoff`).
		DefaultedPartialPayment,
		/// The payer's stablecoin balance does not cover the payment.
		InsufficientBalance,
		/// The signer is frozen by the regulator.
		ParticipantFrozen,
		/// Only the loan's servicer records off-chain payments.
		NotServicer,
		/// The servicer's licence expired or was revoked (or it never held one).
		ServicerNotLicensed,
		/// The signer does not hold an active CreditBureau role.
		NotCreditBureau,
		/// The bureau already follows this loan (or originator).
		AlreadyFollowing,
		/// The bureau does not follow this loan (or originator).
		NotFollowing,
		/// The loan (or originator) has the most followers allowed.
		TooManyBureaus,
		/// The schedule has more installments than this chain stores.
		TooManyInstallments,
		/// The finance engine refused the terms or the operation.
		Finance,
		/// Arithmetic overflow.
		Overflow,
		/// Payment sequence numbers of this loan are exhausted.
		TooManyPayments,
		/// The loan is in recovery (enforcement ordered): no restructuring.
		InRecovery,
		/// The new first due date is not after today.
		FirstDueNotInFuture,
		/// No restructuring is pending for this loan.
		NoPendingRestructuring,
		/// Only the loan's owner or borrower approves.
		NotOwnerOrBorrower,
		/// The signer already approved.
		AlreadyApproved,
		/// The proposal was made by a servicer the loan no longer has.
		StaleRestructuring,
		/// The loan is not in default.
		NotDefaulted,
		/// The new schedule has an installment smaller than the loan's fixed late fee.
		LateFeeTooLarge,
		/// No off-chain payoff awaits confirmation for this loan.
		NoPendingPayoff,
		/// Only the loan's owner confirms or rejects an off-chain payoff.
		NotOwner,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Evaluate due checkpoints, days in order, bounded per block, with a cursor.
		/// Runs after the block's inherents: the block's timestamp is set, so today is this
		/// block's day and a change dated today lands in the first block of the day (in
		/// `on_initialize` the clock still shows the previous block's time). Skipped, with the
		/// cursor kept, if the block cannot take the worst case.
		fn on_poll(_n: BlockNumberFor<T>, meter: &mut frame_support::weights::WeightMeter) {
			// As many checkpoints as the block can take at their worst case (up to
			// `MaxCheckpointsPerBlock`); each is charged what it used.
			use abs_primitives::days::DayQueue;
			// At most half the block: extrinsics and the other hooks keep the rest.
			let max = <T as frame_system::Config>::BlockWeights::get().max_block;
			let half = Weight::from_parts(max.ref_time() / 2, max.proof_size() / 2);
			let budget = Self::checkpoints_within(meter.remaining().min(half));
			if budget > 0 {
				meter.consume(
					<crate::features::delinquency::CheckpointQueue<T> as DayQueue>::run_with_budget(
						T::Today::today(),
						budget,
					),
				);
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Pay `amount` of the stablecoin towards loan `loan_id` (anyone, typically the
		/// borrower). Allocated by the finance engine; the owner and the servicer are paid in
		/// the same extrinsic. Refused beyond the payoff; after default only the whole debt.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::pay(T::MaxInstallments::get()).saturating_add(<T::Recovery as abs_traits::OnDefaultCured>::weight()).saturating_add(Pallet::<T>::observer_weight()))]
		pub fn pay(
			origin: OriginFor<T>,
			loan_id: LoanId,
			amount: Balance,
		) -> DispatchResultWithPostInfo {
			let payer = ensure_signed(origin)?;
			ensure!(!T::Roles::is_frozen(&payer), Error::<T>::ParticipantFrozen);
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			let done = Self::do_pay(loan_id, payer, amount, PaymentSource::OnChain)?;
			// Charged for the worst case up front; refunded to this book's size.
			Ok(Some(done.weight::<T>(T::WeightInfo::pay)).into())
		}

		/// Record a payment of `amount` received off-chain (the loan's servicer), with the
		/// hash of its reference (bank transfer id, receipt). Allocated like any payment; no
		/// money moves on chain. On a defaulted loan (a payoff of the whole debt) it waits for
		/// the owner's confirmation: only then the loan closes and any auction is cancelled.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::record_offchain_payment(T::MaxInstallments::get()).saturating_add(Pallet::<T>::observer_weight()).saturating_add(Pallet::<T>::keyless_transfer_weight()))]
		pub fn record_offchain_payment(
			origin: OriginFor<T>,
			loan_id: LoanId,
			amount: Balance,
			reference: Hash,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::ensure_servicer(&who, loan_id)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			if Self::is_defaulted(loan_id) {
				Self::do_hold_offchain_payoff(loan_id, who, amount, reference)?;
				return Ok(().into());
			}
			let done = Self::do_pay(loan_id, who, amount, PaymentSource::OffChain { reference })?;
			Ok(Some(
				done.weight::<T>(T::WeightInfo::record_offchain_payment)
					.saturating_add(Self::keyless_transfer_weight()),
			)
			.into())
		}

		/// Confirm the off-chain payoff of defaulted loan `loan_id` (its owner): the payment is
		/// recorded, the loan closes and any auction is cancelled with its bid refunded.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::confirm_offchain_payoff(T::MaxInstallments::get()).saturating_add(<T::Recovery as abs_traits::OnDefaultCured>::weight()).saturating_add(Pallet::<T>::observer_weight()))]
		pub fn confirm_offchain_payoff(
			origin: OriginFor<T>,
			loan_id: LoanId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let p = Self::ensure_owner_of_payoff(&who, loan_id)?;
			// Recorded by a servicer the loan still has.
			let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(loan.servicer == p.servicer, Error::<T>::NotServicer);
			PendingPayoffs::<T>::remove(loan_id);
			let done = Self::do_pay(
				loan_id,
				p.servicer,
				p.amount,
				PaymentSource::OffChain { reference: p.reference },
			)?;
			Ok(Some(done.weight::<T>(T::WeightInfo::confirm_offchain_payoff)).into())
		}

		/// Reject the off-chain payoff of loan `loan_id` (its owner): nothing was received.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::reject_offchain_payoff())]
		pub fn reject_offchain_payoff(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_owner_of_payoff(&who, loan_id)?;
			PendingPayoffs::<T>::remove(loan_id);
			Self::deposit_event(Event::OffchainPayoffRejected { loan_id, by: who });
			Ok(())
		}

		/// Follow loan `loan_id` (a credit bureau): its notices are addressed to the signer.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::follow_loan())]
		pub fn follow_loan(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let bureau = Self::ensure_bureau(origin)?;
			ensure!(States::<T>::contains_key(loan_id), Error::<T>::NotServiced);
			let mut set = LoanBureaus::<T>::get(loan_id);
			ensure!(!set.contains(&bureau), Error::<T>::AlreadyFollowing);
			set.try_push(bureau.clone()).map_err(|_| Error::<T>::TooManyBureaus)?;
			LoanBureaus::<T>::insert(loan_id, set);
			Self::deposit_event(Event::BureauFollowsLoan { bureau, loan_id });
			Ok(())
		}

		/// Stop following loan `loan_id`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::unfollow_loan())]
		pub fn unfollow_loan(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let bureau = ensure_signed(origin)?;
			let mut set = LoanBureaus::<T>::get(loan_id);
			let pos = set.iter().position(|b| *b == bureau).ok_or(Error::<T>::NotFollowing)?;
			set.remove(pos);
			if set.is_empty() {
				LoanBureaus::<T>::remove(loan_id);
			} else {
				LoanBureaus::<T>::insert(loan_id, set);
			}
			Self::deposit_event(Event::BureauUnfollowedLoan { bureau, loan_id });
			Ok(())
		}

		/// Follow every loan of `originator`, present and future (a credit bureau).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::follow_originator())]
		pub fn follow_originator(origin: OriginFor<T>, originator: T::AccountId) -> DispatchResult {
			let bureau = Self::ensure_bureau(origin)?;
			let mut set = OriginatorBureaus::<T>::get(&originator);
			ensure!(!set.contains(&bureau), Error::<T>::AlreadyFollowing);
			set.try_push(bureau.clone()).map_err(|_| Error::<T>::TooManyBureaus)?;
			OriginatorBureaus::<T>::insert(&originator, set);
			Self::deposit_event(Event::BureauFollowsOriginator { bureau, originator });
			Ok(())
		}

		/// Stop following `originator`'s loans.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unfollow_originator())]
		pub fn unfollow_originator(
			origin: OriginFor<T>,
			originator: T::AccountId,
		) -> DispatchResult {
			let bureau = ensure_signed(origin)?;
			let mut set = OriginatorBureaus::<T>::get(&originator);
			let pos = set.iter().position(|b| *b == bureau).ok_or(Error::<T>::NotFollowing)?;
			set.remove(pos);
			if set.is_empty() {
				OriginatorBureaus::<T>::remove(&originator);
			} else {
				OriginatorBureaus::<T>::insert(&originator, set);
			}
			Self::deposit_event(Event::BureauUnfollowedOriginator { bureau, originator });
			Ok(())
		}

		/// Propose new terms for loan `loan_id` (its licensed servicer): rate, periods,
		/// amortization, day count and first due date. On approval by the owner and the
		/// borrower, the arrears (unpaid principal, overdue interest, unpaid late fees) become
		/// the new principal. A new proposal replaces a pending one (approvals start over).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::propose_restructuring(T::MaxInstallments::get()))]
		pub fn propose_restructuring(
			origin: OriginFor<T>,
			loan_id: LoanId,
			terms: RestructureTerms,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let loan = Self::ensure_servicer(&who, loan_id)?;
			ensure!(loan.status != LoanStatus::InRecovery, Error::<T>::InRecovery);
			Self::validate_restructuring(loan_id, &terms)?;
			PendingRestructurings::<T>::insert(
				loan_id,
				PendingRestructuring {
					terms,
					proposed_by: who.clone(),
					proposed_on: T::Today::today(),
					owner_approval: None,
					borrower_approved: false,
				},
			);
			Self::deposit_event(Event::RestructuringProposed { loan_id, by: who, terms });
			Ok(())
		}

		/// Approve the pending restructuring of loan `loan_id` (its owner or its borrower);
		/// the second approval applies it.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::approve_restructuring(T::MaxInstallments::get()).saturating_add(Pallet::<T>::observer_weight()))]
		pub fn approve_restructuring(origin: OriginFor<T>, loan_id: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!T::Roles::is_frozen(&who), Error::<T>::ParticipantFrozen);
			let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			let mut p = PendingRestructurings::<T>::get(loan_id)
				.ok_or(Error::<T>::NoPendingRestructuring)?;
			// A pooled loan's owner acts through the pool's trustee.
			let (is_owner, is_borrower) = (loan.acts_for_owner(&who), who == loan.borrower);
			ensure!(is_owner || is_borrower, Error::<T>::NotOwnerOrBorrower);
			// Only the current owner's approval counts (the loan may have been sold since).
			let owner_approved = p.owner_approval.as_ref() == Some(&loan.owner);
			ensure!(
				(is_owner && !owner_approved) || (is_borrower && !p.borrower_approved),
				Error::<T>::AlreadyApproved
			);
			ensure!(loan.status != LoanStatus::InRecovery, Error::<T>::InRecovery);
			// A proposal of a servicer since replaced is stale: the new one proposes anew.
			ensure!(p.proposed_by == loan.servicer, Error::<T>::StaleRestructuring);
			if is_owner {
				p.owner_approval = Some(loan.owner.clone());
			}
			p.borrower_approved |= is_borrower;
			if p.owner_approval.as_ref() == Some(&loan.owner) && p.borrower_approved {
				// Validate again: the day moved since the proposal.
				Self::validate_restructuring(loan_id, &p.terms)?;
				Self::deposit_event(Event::RestructuringApproved { loan_id, by: who.clone() });
				Self::do_restructure(loan_id, p.terms, who)
			} else {
				PendingRestructurings::<T>::insert(loan_id, p);
				Self::deposit_event(Event::RestructuringApproved { loan_id, by: who });
				Ok(())
			}
		}
	}

	impl<T: Config> Pallet<T> {
		/// How many checkpoints the delinquency walker runs in `room` (their worst case each).
		pub fn checkpoints_within(room: Weight) -> u32 {
			use abs_primitives::days::DayQueue;
			<crate::features::delinquency::CheckpointQueue<T> as DayQueue>::budget_within(room)
		}

		/// What telling the loan's pool of a change costs.
		pub fn observer_weight() -> Weight {
			<T::Observer as abs_traits::LoanObserver>::weight()
		}

		/// An off-chain payment on a pool's loan pays the pool on chain: a balance check and
		/// a transfer (two accounts and the asset).
		pub fn keyless_transfer_weight() -> Weight {
			T::DbWeight::get().reads_writes(4, 2)
		}

		/// The loan's servicer, licensed (or the originator servicing its own loan).
		pub(crate) fn ensure_servicer(
			who: &T::AccountId,
			loan_id: LoanId,
		) -> Result<abs_traits::LoanSummary<T::AccountId>, DispatchError> {
			let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(loan.servicer == *who, Error::<T>::NotServicer);
			ensure!(!T::Roles::is_frozen(who), Error::<T>::ParticipantFrozen);
			ensure!(
				T::Roles::licensed_to_service(who, loan_id, &loan.originator),
				Error::<T>::ServicerNotLicensed
			);
			Ok(loan)
		}

		/// The signer owns loan `loan_id`, is not frozen, and an off-chain payoff awaits it.
		fn ensure_owner_of_payoff(
			who: &T::AccountId,
			loan_id: LoanId,
		) -> Result<PendingPayoff<T::AccountId>, DispatchError> {
			let loan = T::Loans::loan(loan_id).ok_or(Error::<T>::UnknownLoan)?;
			ensure!(loan.acts_for_owner(who), Error::<T>::NotOwner);
			ensure!(!T::Roles::is_frozen(who), Error::<T>::ParticipantFrozen);
			PendingPayoffs::<T>::get(loan_id).ok_or(Error::<T>::NoPendingPayoff.into())
		}

		fn ensure_bureau(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
			let who = ensure_signed(origin)?;
			ensure!(!T::Roles::is_frozen(&who), Error::<T>::ParticipantFrozen);
			ensure!(
				T::Roles::has_role(
					&who,
					abs_primitives::Role::CreditBureau,
					abs_primitives::Scope::Global
				),
				Error::<T>::NotCreditBureau
			);
			Ok(who)
		}

		/// A loan's status as servicing sets it.
		pub(crate) fn status_for(phase: Phase, bucket: u8, dpd: u32) -> LoanStatus {
			match phase {
				Phase::Closed => LoanStatus::PaidOff,
				Phase::Defaulted { .. } => LoanStatus::Defaulted,
				Phase::Performing if bucket == 0 => LoanStatus::Active,
				Phase::Performing => LoanStatus::Delinquent(dpd),
			}
		}
	}
}
