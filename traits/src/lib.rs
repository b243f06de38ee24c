//! # ABS Chain traits
//!
//! The glue between our pallets. A pallet that needs something from another names a trait from
//! here in its `Config`; the runtime wires the implementation in `runtime/src/configs/`. No
//! pallet crate of ours depends on another pallet crate of ours.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_primitives::{DayNumber, EncryptionKey, Role, Scope};

/// The chain's *today*: the day number (days since 1970-01-01) the finance of the chain runs on.
///
/// Implemented by `pallet-clock`: `genesis_day + (now − genesis_time) / DayLength`.
pub trait Today {
	/// Today's day number as of the current block.
	fn today() -> DayNumber;
}

/// A fixed day, for tests and for runtimes without a clock.
pub struct FixedDay<const D: DayNumber>;
impl<const D: DayNumber> Today for FixedDay<D> {
	fn today() -> DayNumber {
		D
	}
}

/// "May this account do this?" — answered by `pallet-roles` for every other pallet.
///
/// A role is held in a scope if the participant has an unexpired grant of it in that scope or
/// globally (a global role is a licence). Expired grants stop counting on their expiry day,
/// whether or not the expiry hook has run.
pub trait RoleCheck<AccountId> {
	/// Whether `who` holds `role` in `scope` today (frozen or not).
	fn has_role(who: &AccountId, role: Role, scope: Scope) -> bool;
	/// Whether `who` is frozen by the regulator (a frozen participant signs none of our calls).
	fn is_frozen(who: &AccountId) -> bool;
	/// Whether `who` is a registered participant.
	fn is_registered(who: &AccountId) -> bool;
	/// The participant's current X25519 key for sealed envelopes.
	fn encryption_key(who: &AccountId) -> Option<EncryptionKey>;
	/// Every participant holding `role` globally today, up to `max` (for e.g. "all regulators").
	fn holders(role: Role, max: u32) -> alloc::vec::Vec<AccountId>;

	/// Holds `role` in `scope` and is not frozen: may act in that capacity.
	fn may_act_as(who: &AccountId, role: Role, scope: Scope) -> bool {
		!Self::is_frozen(who) && Self::has_role(who, role, scope)
	}
}
