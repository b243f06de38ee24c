//! # Roles pallet
//!
//! Participants of ABS Chain and what each may do (`shared/domain.md`, Participants).
//!
//! - A **participant** is an account with a display-name hash, an X25519 key for sealed
//!   envelopes (set and rotated by the participant; the old key stays in the events), and its
//!   role grants.
//! - A **role grant** is a role in a [`Scope`] (global = a licence; or one loan, pool, market)
//!   with an optional expiry day and an attestation hash. Institutional roles are granted and
//!   revoked by the governance origin (Root, or more than half of the consortium council);
//!   participants holding the KycProvider licence grant and revoke Borrower and Investor roles.
//! - A role **stops working on its expiry day** without any call: every check compares the
//!   expiry with the chain's today. A bounded hook then removes expired grants from the
//!   indices (day-keyed, with a cursor), so that holder lists and counters stay exact.
//! - The **Regulator** freezes and unfreezes participants (with a reason hash). A frozen
//!   participant signs none of our calls (every pallet asks [`abs_traits::RoleCheck`]); its
//!   books keep running.
//!
//! - Only registered, unfrozen participants sign anything: [`CheckParticipant`] refuses other
//!   signers at the pool and in the block (council and membership calls need registration only).
//! - The **halt**: governance or an active, unfrozen Regulator pauses one call or every call of
//!   a pallet chain-wide ([`Pallet::halt`], through the runtime's `CallPauser` over
//!   `pallet-tx-pause`); only governance resumes.
//!
//! Other pallets use [`abs_traits::RoleCheck`] (implemented by [`Pallet`]) and the origin
//! adapters of [`impls`].
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod extension;
mod functions;
pub mod impls;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use extension::CheckParticipant;
pub use impls::{EnsureActiveRole, RoleIs};
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use abs_primitives::{DayNumber, EncryptionKey, Hash, Role, Scope};
	use abs_traits::Today;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Grants and revokes institutional roles; registers participants.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The chain's today.
		type Today: Today;
		/// Most role grants one participant may hold.
		#[pallet::constant]
		type MaxRolesPerParticipant: Get<u32>;
		/// Most Regulator grants at a time (any scope, expired ones not yet removed included).
		/// Every keyed regulator must be a reader of every new confidential record, so the
		/// disclosures pallet bounds a record's regulators by the same number.
		#[pallet::constant]
		type MaxRegulators: Get<u32>;
		/// Most grants that may expire on one day (bounds the expiry hook's work per day).
		#[pallet::constant]
		type MaxExpiriesPerDay: Get<u32>;
		/// Most expired grants the hook removes in one block.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;
		/// Most days the expiry hook advances its cursor in one block.
		#[pallet::constant]
		type MaxDaysPerBlock: Get<u32>;
		/// Calls a frozen (but registered) participant may still sign: council and membership.
		type FrozenMaySign: frame_support::traits::Contains<
			<Self as frame_system::Config>::RuntimeCall,
		>;
		/// Pauses and resumes calls chain-wide (the halt).
		type Pauser: abs_traits::CallPauser;
		/// Weights of the calls and the hook.
		type WeightInfo: WeightInfo;
	}

	/// A pallet's or a call's name as the metadata spells it (`Assets`, `transfer`).
	pub type CallName = BoundedVec<u8, ConstU32<64>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Participants registered at genesis (by governance): account and name hash.
		pub participants: alloc::vec::Vec<(T::AccountId, Hash)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (who, name_hash) in &self.participants {
				assert!(!Participants::<T>::contains_key(who), "participant registered twice");
				Pallet::<T>::do_register(who.clone(), *name_hash, Grantor::Governance);
			}
		}
	}

	/// Registered participants.
	#[pallet::storage]
	pub type Participants<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Participant>;

	/// Role grants: participant → (role, scope) → grant.
	#[pallet::storage]
	pub type Grants<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		(Role, Scope),
		RoleGrant<T::AccountId>,
	>;

	/// Index for "holders of a role" (paged): role → (participant, scope).
	#[pallet::storage]
	pub type Holders<T: Config> =
		StorageDoubleMap<_, Twox64Concat, Role, Blake2_128Concat, (T::AccountId, Scope), ()>;

	/// Number of grants per role in the indices (expired ones leave with the hook).
	#[pallet::storage]
	pub type HolderCount<T: Config> = StorageMap<_, Twox64Concat, Role, u32, ValueQuery>;

	/// Number of registered participants.
	#[pallet::storage]
	pub type ParticipantCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Number of frozen participants.
	#[pallet::storage]
	pub type FrozenCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Day-keyed expiry index: expiry day → (participant, role, scope).
	#[pallet::storage]
	pub type Expiries<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		DayNumber,
		Blake2_128Concat,
		(T::AccountId, Role, Scope),
		(),
	>;

	/// Number of entries of [`Expiries`] per day (bounded by `MaxExpiriesPerDay`).
	#[pallet::storage]
	pub type ExpiryCount<T: Config> = StorageMap<_, Twox64Concat, DayNumber, u32, ValueQuery>;

	/// The first day whose expiries the hook has not finished; `None` until the first block.
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> = StorageValue<_, DayNumber, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A participant was registered.
		ParticipantRegistered { who: T::AccountId, name_hash: Hash, by: Grantor<T::AccountId> },
		/// A role was granted.
		RoleGranted {
			who: T::AccountId,
			role: Role,
			scope: Scope,
			expiry: Option<DayNumber>,
			attestation: Hash,
			by: Grantor<T::AccountId>,
		},
		/// A role was revoked.
		RoleRevoked { who: T::AccountId, role: Role, scope: Scope, by: Grantor<T::AccountId> },
		/// An expired role left the indices (it stopped working on `expiry`).
		RoleExpired { who: T::AccountId, role: Role, scope: Scope, expiry: DayNumber },
		/// A participant set or rotated its encryption key (`old` is the key it replaced).
		EncryptionKeySet { who: T::AccountId, old: Option<EncryptionKey>, new: EncryptionKey },
		/// The regulator froze a participant.
		ParticipantFrozen { who: T::AccountId, by: T::AccountId, reason: Hash },
		/// The regulator unfroze a participant.
		ParticipantUnfrozen { who: T::AccountId, by: T::AccountId, reason: Hash },
		/// One call (`call`) or every pausable call of `pallet` (`call = None`) was halted
		/// chain-wide; `paused` calls newly paused.
		Halted {
			pallet: CallName,
			call: Option<CallName>,
			reason: Hash,
			by: Grantor<T::AccountId>,
			paused: u32,
		},
		/// Governance resumed what a halt paused; `resumed` calls.
		Resumed { pallet: CallName, call: Option<CallName>, reason: Hash, resumed: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is not a registered participant.
		NotRegistered,
		/// The account is already a registered participant.
		AlreadyRegistered,
		/// The origin is neither governance nor an active KYC provider.
		NotGovernanceOrKycProvider,
		/// A KYC provider may grant and revoke only the Borrower and Investor roles.
		KycProviderCannotManageRole,
		/// The participant already holds this role in this scope.
		RoleAlreadyGranted,
		/// The participant does not hold this role in this scope.
		RoleNotGranted,
		/// The participant holds the maximum number of roles.
		TooManyRoles,
		/// The chain has `MaxRegulators` Regulator grants.
		TooManyRegulators,
		/// The expiry day is not after today.
		ExpiryNotInFuture,
		/// Too many grants already expire on that day; pick another expiry day.
		ExpiryDayFull,
		/// The signer is frozen by the regulator and may not sign this call.
		ParticipantFrozen,
		/// The signer does not hold an active Regulator licence.
		NotRegulator,
		/// The participant is already frozen.
		AlreadyFrozen,
		/// The participant is not frozen.
		NotFrozen,
		/// A regulator cannot freeze itself.
		CannotFreezeSelf,
		/// The origin is neither governance nor an active, unfrozen regulator.
		NotGovernanceOrRegulator,
		/// No pallet of that name in the runtime.
		UnknownPallet,
		/// No call of that name in the pallet.
		UnknownCall,
		/// Never pausable: system, timestamp, sudo, council and membership, the halt itself,
		/// freeze and unfreeze, and borrowers' payments.
		NotPausable,
		/// Already halted.
		AlreadyHalted,
		/// Not halted.
		NotHalted,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Remove expired grants from the indices, bounded per block (see `MaxExpiriesPerBlock`
		/// and `MaxDaysPerBlock`); the cursor carries over to the next block.
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
		/// Register `who` as a participant. Governance, or an active KYC provider.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_participant())]
		pub fn register_participant(
			origin: OriginFor<T>,
			who: T::AccountId,
			name_hash: Hash,
		) -> DispatchResult {
			let by = Self::ensure_grantor(origin)?;
			ensure!(!Participants::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);
			Self::do_register(who, name_hash, by);
			Ok(())
		}

		/// Grant `role` in `scope` to `who` until `expiry` (exclusive; `None` = no expiry).
		/// Governance grants any role; an active KYC provider only Borrower and Investor.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::grant_role())]
		pub fn grant_role(
			origin: OriginFor<T>,
			who: T::AccountId,
			role: Role,
			scope: Scope,
			expiry: Option<DayNumber>,
			attestation: Hash,
		) -> DispatchResult {
			let by = Self::ensure_grantor(origin)?;
			Self::ensure_may_manage(&by, role)?;
			let participant = Participants::<T>::get(&who).ok_or(Error::<T>::NotRegistered)?;
			let today = T::Today::today();
			if let Some(e) = expiry {
				ensure!(e > today, Error::<T>::ExpiryNotInFuture);
				ensure!(
					ExpiryCount::<T>::get(e) < T::MaxExpiriesPerDay::get(),
					Error::<T>::ExpiryDayFull
				);
			}
			let existing = Grants::<T>::get(&who, (role, scope));
			match &existing {
				Some(g) => ensure!(!g.is_active(today), Error::<T>::RoleAlreadyGranted),
				None => {
					ensure!(
						participant.grants < T::MaxRolesPerParticipant::get(),
						Error::<T>::TooManyRoles
					);
					ensure!(
						role != Role::Regulator
							|| HolderCount::<T>::get(Role::Regulator) < T::MaxRegulators::get(),
						Error::<T>::TooManyRegulators
					);
				}
			}
			Self::do_grant(who, role, scope, expiry, attestation, by, existing, today);
			Ok(())
		}

		/// Revoke `role` in `scope` from `who`. Same authority as [`Pallet::grant_role`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::revoke_role())]
		pub fn revoke_role(
			origin: OriginFor<T>,
			who: T::AccountId,
			role: Role,
			scope: Scope,
		) -> DispatchResult {
			let by = Self::ensure_grantor(origin)?;
			Self::ensure_may_manage(&by, role)?;
			let grant = Grants::<T>::get(&who, (role, scope)).ok_or(Error::<T>::RoleNotGranted)?;
			Self::do_revoke(who, role, scope, grant, by);
			Ok(())
		}

		/// Set or rotate the signer's X25519 public key for sealed envelopes.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_encryption_key())]
		pub fn set_encryption_key(origin: OriginFor<T>, key: EncryptionKey) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let p = Participants::<T>::get(&who).ok_or(Error::<T>::NotRegistered)?;
			ensure!(p.frozen.is_none(), Error::<T>::ParticipantFrozen);
			Self::do_set_key(who, p, key);
			Ok(())
		}

		/// Freeze `who` (the regulator), with the hash of the reason.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::freeze())]
		pub fn freeze(origin: OriginFor<T>, who: T::AccountId, reason: Hash) -> DispatchResult {
			let regulator = Self::ensure_regulator(origin)?;
			ensure!(regulator != who, Error::<T>::CannotFreezeSelf);
			let p = Participants::<T>::get(&who).ok_or(Error::<T>::NotRegistered)?;
			ensure!(p.frozen.is_none(), Error::<T>::AlreadyFrozen);
			Self::do_freeze(who, p, regulator, reason);
			Ok(())
		}

		/// Unfreeze `who` (the regulator), with the hash of the reason.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unfreeze())]
		pub fn unfreeze(origin: OriginFor<T>, who: T::AccountId, reason: Hash) -> DispatchResult {
			let regulator = Self::ensure_regulator(origin)?;
			let p = Participants::<T>::get(&who).ok_or(Error::<T>::NotRegistered)?;
			ensure!(p.frozen.is_some(), Error::<T>::NotFrozen);
			Self::do_unfreeze(who, p, regulator, reason);
			Ok(())
		}

		/// Halt one call of a pallet, or every pausable call of it (`call = None`), chain-wide.
		/// Governance, or an active, unfrozen Regulator; `reason` is the hash of the order.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::halt(<T::Pauser as abs_traits::CallPauser>::max_calls_per_pallet()))]
		pub fn halt(
			origin: OriginFor<T>,
			reason: Hash,
			pallet: CallName,
			call: Option<CallName>,
		) -> DispatchResultWithPostInfo {
			let by = Self::ensure_governance_or_regulator(origin)?;
			let paused = <T::Pauser as abs_traits::CallPauser>::pause(
				&pallet,
				call.as_ref().map(|c| c.as_slice()),
			)
			.map_err(Self::pause_error)?;
			Self::deposit_event(Event::Halted { pallet, call, reason, by, paused });
			Ok(Some(T::WeightInfo::halt(paused)).into())
		}

		/// Resume what a halt paused (governance only).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::resume(<T::Pauser as abs_traits::CallPauser>::max_calls_per_pallet()))]
		pub fn resume(
			origin: OriginFor<T>,
			reason: Hash,
			pallet: CallName,
			call: Option<CallName>,
		) -> DispatchResultWithPostInfo {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let resumed = <T::Pauser as abs_traits::CallPauser>::resume(
				&pallet,
				call.as_ref().map(|c| c.as_slice()),
			)
			.map_err(Self::pause_error)?;
			Self::deposit_event(Event::Resumed { pallet, call, reason, resumed });
			Ok(Some(T::WeightInfo::resume(resumed)).into())
		}
	}
}
