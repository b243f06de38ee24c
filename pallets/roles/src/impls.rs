//! What other pallets use: [`abs_traits::RoleCheck`] and origin adapters.

use crate::{pallet::*, Participants};
use abs_primitives::{EncryptionKey, Role, Scope};
use abs_traits::{RoleCheck, Today};
use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::RawOrigin;

impl<T: Config> RoleCheck<T::AccountId> for Pallet<T> {
	fn has_role(who: &T::AccountId, role: Role, scope: Scope) -> bool {
		Self::holds(who, role, scope)
	}

	fn is_frozen(who: &T::AccountId) -> bool {
		Self::frozen(who)
	}

	fn is_registered(who: &T::AccountId) -> bool {
		Participants::<T>::contains_key(who)
	}

	fn encryption_key(who: &T::AccountId) -> Option<EncryptionKey> {
		Participants::<T>::get(who).and_then(|p| p.encryption_key)
	}

	fn holders(role: Role, max: u32) -> Vec<T::AccountId> {
		let today = T::Today::today();
		Holders::<T>::iter_key_prefix(role)
			.filter(|(_, scope)| *scope == Scope::Global)
			.filter(|(who, scope)| {
				Grants::<T>::get(who, (role, *scope)).is_some_and(|g| g.is_active(today))
			})
			.map(|(who, _)| who)
			.take(max as usize)
			.collect()
	}
}

/// A role as a type, for [`EnsureActiveRole`].
pub struct RoleIs<const R: u8>;
impl<const R: u8> Get<Role> for RoleIs<R> {
	fn get() -> Role {
		Role::ALL.get(usize::from(R)).copied().unwrap_or(Role::Regulator)
	}
}

/// `EnsureOrigin`: signed by an unfrozen participant holding `R` globally today; yields the
/// account. Pallets that want a typed error for each case check [`RoleCheck`] themselves.
pub struct EnsureActiveRole<T, R>(PhantomData<(T, R)>);
impl<T: Config, R: Get<Role>> EnsureOrigin<T::RuntimeOrigin> for EnsureActiveRole<T, R> {
	type Success = T::AccountId;

	fn try_origin(o: T::RuntimeOrigin) -> Result<Self::Success, T::RuntimeOrigin> {
		match o.clone().into() {
			Ok(RawOrigin::Signed(who))
				if Pallet::<T>::may_act_as(&who, R::get(), Scope::Global) =>
			{
				Ok(who)
			}
			_ => Err(o),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<T::RuntimeOrigin, ()> {
		Err(())
	}
}
