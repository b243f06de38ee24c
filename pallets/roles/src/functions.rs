//! The pallet's logic: origin checks and the `do_*` writers (called once every check passed),
//! the expiry hook, queries and invariants.

use crate::{pallet::*, types::*, weights::WeightInfo};
use abs_primitives::{days::DayQueue, DayNumber, EncryptionKey, Hash, Role, Scope};
use abs_traits::Today;
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};
use frame_system::{ensure_signed, pallet_prelude::OriginFor};

impl<T: Config> Pallet<T> {
	/// Governance (`None`), or a signed, unfrozen participant with an active global `role`
	/// licence (`Some(account)`); `denied` when the origin is neither.
	fn ensure_governance_or_licensed(
		origin: OriginFor<T>,
		role: Role,
		denied: Error<T>,
	) -> Result<Option<T::AccountId>, DispatchError> {
		let denied = DispatchError::from(denied);
		match T::GovernanceOrigin::try_origin(origin) {
			Ok(_) => Ok(None),
			Err(origin) => {
				let who = ensure_signed(origin).map_err(|_| denied)?;
				ensure!(!Self::frozen(&who), Error::<T>::ParticipantFrozen);
				ensure!(Self::holds(&who, role, Scope::Global), denied);
				Ok(Some(who))
			}
		}
	}

	/// Governance, or a signed, unfrozen participant with an active global KycProvider licence.
	pub(crate) fn ensure_grantor(
		origin: OriginFor<T>,
	) -> Result<Grantor<T::AccountId>, DispatchError> {
		Ok(Self::ensure_governance_or_licensed(
			origin,
			Role::KycProvider,
			Error::<T>::NotGovernanceOrKycProvider,
		)?
		.map_or(Grantor::Governance, Grantor::KycProvider))
	}

	/// A KYC provider manages only Borrower and Investor; governance manages every role.
	pub(crate) fn ensure_may_manage(by: &Grantor<T::AccountId>, role: Role) -> DispatchResult {
		if matches!(by, Grantor::KycProvider(_)) {
			ensure!(role.is_kyc_granted(), Error::<T>::KycProviderCannotManageRole);
		}
		Ok(())
	}

	/// Governance, or an active, unfrozen regulator (who may halt).
	pub(crate) fn ensure_governance_or_regulator(
		origin: OriginFor<T>,
	) -> Result<Grantor<T::AccountId>, DispatchError> {
		Ok(Self::ensure_governance_or_licensed(
			origin,
			Role::Regulator,
			Error::<T>::NotGovernanceOrRegulator,
		)?
		.map_or(Grantor::Governance, Grantor::Regulator))
	}

	/// The typed error of a pause or resume that could not be done.
	pub(crate) fn pause_error(e: abs_traits::PauseError) -> DispatchError {
		use abs_traits::PauseError as P;
		match e {
			P::UnknownPallet => Error::<T>::UnknownPallet,
			P::UnknownCall => Error::<T>::UnknownCall,
			P::NotPausable => Error::<T>::NotPausable,
			P::AlreadyPaused => Error::<T>::AlreadyHalted,
			P::NotPaused => Error::<T>::NotHalted,
		}
		.into()
	}

	/// A signed, unfrozen participant with an active global Regulator licence.
	pub(crate) fn ensure_regulator(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
		let who = ensure_signed(origin)?;
		ensure!(!Self::frozen(&who), Error::<T>::ParticipantFrozen);
		ensure!(Self::holds(&who, Role::Regulator, Scope::Global), Error::<T>::NotRegulator);
		Ok(who)
	}

	/// Whether `who` holds `role` in exactly `scope`, or globally, today.
	pub fn holds(who: &T::AccountId, role: Role, scope: Scope) -> bool {
		let today = T::Today::today();
		let active =
			|s: Scope| Grants::<T>::get(who, (role, s)).is_some_and(|g| g.is_active(today));
		active(scope) || (scope != Scope::Global && active(Scope::Global))
	}

	/// Whether `who` is frozen.
	pub fn frozen(who: &T::AccountId) -> bool {
		Participants::<T>::get(who).is_some_and(|p| p.frozen.is_some())
	}

	pub(crate) fn do_register(who: T::AccountId, name_hash: Hash, by: Grantor<T::AccountId>) {
		let p = Participant {
			name_hash,
			encryption_key: None,
			frozen: None,
			grants: 0,
			registered_on: T::Today::today(),
		};
		Participants::<T>::insert(&who, p);
		ParticipantCount::<T>::mutate(|c| *c = c.saturating_add(1));
		Self::deposit_event(Event::ParticipantRegistered { who, name_hash, by });
	}

	/// Write a grant. `replaced` is an expired grant of the same (role, scope) still indexed.
	pub(crate) fn do_grant(
		who: T::AccountId,
		role: Role,
		scope: Scope,
		expiry: Option<DayNumber>,
		attestation: Hash,
		by: Grantor<T::AccountId>,
		replaced: Option<RoleGrant<T::AccountId>>,
		today: DayNumber,
	) {
		match replaced {
			// An expired grant the hook has not reached yet: drop its expiry entry; the
			// holder index and counters carry over to the new grant.
			Some(old) => {
				if let Some(e) = old.expiry {
					Self::unindex_expiry(e, &who, role, scope);
				}
			}
			None => {
				Participants::<T>::mutate(&who, |p| {
					if let Some(p) = p {
						p.grants = p.grants.saturating_add(1);
					}
				});
				Holders::<T>::insert(role, (&who, scope), ());
				HolderCount::<T>::mutate(role, |c| *c = c.saturating_add(1));
			}
		}
		if let Some(e) = expiry {
			Expiries::<T>::insert(e, (&who, role, scope), ());
			ExpiryCount::<T>::mutate(e, |c| *c = c.saturating_add(1));
		}
		let grant = RoleGrant { expiry, attestation, granted_by: by.clone(), granted_on: today };
		Grants::<T>::insert(&who, (role, scope), grant);
		Self::deposit_event(Event::RoleGranted { who, role, scope, expiry, attestation, by });
	}

	/// Remove a grant and its index entries.
	pub(crate) fn remove_grant(
		who: &T::AccountId,
		role: Role,
		scope: Scope,
		grant: &RoleGrant<T::AccountId>,
	) {
		Grants::<T>::remove(who, (role, scope));
		Holders::<T>::remove(role, (who, scope));
		HolderCount::<T>::mutate(role, |c| *c = c.saturating_sub(1));
		Participants::<T>::mutate(who, |p| {
			if let Some(p) = p {
				p.grants = p.grants.saturating_sub(1);
			}
		});
		if let Some(e) = grant.expiry {
			Self::unindex_expiry(e, who, role, scope);
		}
	}

	pub(crate) fn unindex_expiry(day: DayNumber, who: &T::AccountId, role: Role, scope: Scope) {
		if Expiries::<T>::take(day, (who, role, scope)).is_some() {
			ExpiryCount::<T>::mutate_exists(day, |c| {
				*c = c.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
			});
		}
	}

	pub(crate) fn do_revoke(
		who: T::AccountId,
		role: Role,
		scope: Scope,
		grant: RoleGrant<T::AccountId>,
		by: Grantor<T::AccountId>,
	) {
		Self::remove_grant(&who, role, scope, &grant);
		Self::deposit_event(Event::RoleRevoked { who, role, scope, by });
	}

	pub(crate) fn do_set_key(who: T::AccountId, mut p: Participant, key: EncryptionKey) {
		let old = p.encryption_key.replace(key);
		Participants::<T>::insert(&who, p);
		Self::deposit_event(Event::EncryptionKeySet { who, old, new: key });
	}

	pub(crate) fn do_freeze(who: T::AccountId, mut p: Participant, by: T::AccountId, reason: Hash) {
		p.frozen = Some(Freeze { reason, since: T::Today::today() });
		Participants::<T>::insert(&who, p);
		FrozenCount::<T>::mutate(|c| *c = c.saturating_add(1));
		Self::deposit_event(Event::ParticipantFrozen { who, by, reason });
	}

	pub(crate) fn do_unfreeze(
		who: T::AccountId,
		mut p: Participant,
		by: T::AccountId,
		reason: Hash,
	) {
		p.frozen = None;
		Participants::<T>::insert(&who, p);
		FrozenCount::<T>::mutate(|c| *c = c.saturating_sub(1));
		Self::deposit_event(Event::ParticipantUnfrozen { who, by, reason });
	}

	/// The most [`Self::process_expiries`] uses in one block.
	pub fn poll_weight_bound() -> Weight {
		<ExpiryQueue<T> as DayQueue>::weight_bound()
	}

	/// Remove grants that expired up to `today`: days in order from the cursor, at most
	/// `MaxExpiriesPerBlock` grants and `MaxDaysPerBlock` days per block; the cursor carries
	/// over. Returns the weight used.
	pub fn process_expiries(today: DayNumber) -> Weight {
		<ExpiryQueue<T> as DayQueue>::run(today)
	}

	/// The roles of `who` with their grants and whether each is active today.
	pub fn roles_of(who: &T::AccountId) -> Vec<(Role, Scope, RoleGrant<T::AccountId>, bool)> {
		let today = T::Today::today();
		Grants::<T>::iter_prefix(who)
			.map(|((role, scope), g)| {
				let active = g.is_active(today);
				(role, scope, g, active)
			})
			.collect()
	}

	/// Holders of `role` in the index, after `start_after`, at most `limit` (paged). Expired
	/// grants the hook has not removed yet are included with `active = false`.
	pub fn holders_page(
		role: Role,
		start_after: Option<(T::AccountId, Scope)>,
		limit: u32,
	) -> Vec<(T::AccountId, Scope, RoleGrant<T::AccountId>, bool)> {
		let today = T::Today::today();
		let iter = match start_after {
			Some(k) => {
				Holders::<T>::iter_key_prefix_from(role, Holders::<T>::hashed_key_for(role, k))
			}
			None => Holders::<T>::iter_key_prefix(role),
		};
		iter.take(limit as usize)
			.filter_map(|(who, scope)| {
				Grants::<T>::get(&who, (role, scope)).map(|g| {
					let active = g.is_active(today);
					(who, scope, g, active)
				})
			})
			.collect()
	}

	/// Invariants: counters match the maps; the holder index equals the grants; every expiring
	/// grant is indexed once on its day; no grant that expired before the hook's cursor is
	/// still counted; the frozen count matches.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut participants = 0u32;
		let mut frozen = 0u32;
		for (who, p) in Participants::<T>::iter() {
			participants = participants.saturating_add(1);
			frozen = frozen.saturating_add(u32::from(p.frozen.is_some()));
			let n = u32::try_from(Grants::<T>::iter_prefix(&who).count()).unwrap_or(u32::MAX);
			ensure!(n == p.grants, "roles: participant grant count mismatch");
			ensure!(n <= T::MaxRolesPerParticipant::get(), "roles: too many grants");
		}
		ensure!(participants == ParticipantCount::<T>::get(), "roles: participant count");
		ensure!(frozen == FrozenCount::<T>::get(), "roles: frozen count");
		let cursor = ExpiryCursor::<T>::get();
		let mut per_role = alloc::collections::BTreeMap::<Role, u32>::new();
		for (who, (role, scope), g) in Grants::<T>::iter() {
			ensure!(Participants::<T>::contains_key(&who), "roles: grant of unregistered account");
			ensure!(Holders::<T>::contains_key(role, (&who, scope)), "roles: grant not in holders");
			let n = per_role.entry(role).or_default();
			*n = n.saturating_add(1);
			if let Some(e) = g.expiry {
				ensure!(
					Expiries::<T>::contains_key(e, (&who, role, scope)),
					"roles: expiry not indexed"
				);
				if let Some(c) = cursor {
					ensure!(e >= c, "roles: expired grant still counted behind the cursor");
				}
			}
		}
		for role in Role::ALL {
			ensure!(
				per_role.get(&role).copied().unwrap_or(0) == HolderCount::<T>::get(role),
				"roles: holder count mismatch"
			);
		}
		ensure!(
			Holders::<T>::iter().count() == Grants::<T>::iter().count(),
			"roles: holder index has extra entries"
		);
		for (day, n) in ExpiryCount::<T>::iter() {
			ensure!(
				u32::try_from(Expiries::<T>::iter_prefix(day).count()) == Ok(n),
				"roles: expiry count"
			);
			ensure!(n <= T::MaxExpiriesPerDay::get(), "roles: expiry day over bound");
		}
		Ok(())
	}
}

/// The grants' expiry index as a [`DayQueue`].
pub(crate) struct ExpiryQueue<T>(core::marker::PhantomData<T>);
impl<T: Config> DayQueue for ExpiryQueue<T> {
	type Item = (T::AccountId, Role, Scope);
	type Index = Expiries<T>;
	type Cursor = ExpiryCursor<T>;
	type DbWeight = T::DbWeight;
	fn process(day: DayNumber, (who, role, scope): Self::Item) -> Weight {
		match Grants::<T>::get(&who, (role, scope)) {
			Some(g) if g.expiry == Some(day) => {
				Pallet::<T>::remove_grant(&who, role, scope, &g);
				Pallet::<T>::deposit_event(Event::RoleExpired { who, role, scope, expiry: day });
			}
			// Stale entry (should not happen: grants clean their entries).
			_ => Pallet::<T>::unindex_expiry(day, &who, role, scope),
		}
		T::WeightInfo::expire_grant()
	}
	fn max_days() -> u32 {
		T::MaxDaysPerBlock::get()
	}
	fn budget() -> u32 {
		T::MaxExpiriesPerBlock::get()
	}
	fn step_weight() -> Weight {
		T::WeightInfo::expire_step()
	}
	fn item_weight() -> Weight {
		T::WeightInfo::expire_grant()
	}
}
