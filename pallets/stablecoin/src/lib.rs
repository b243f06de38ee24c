//! # Stablecoin pallet
//!
//! The settlement stablecoin (USDA, an asset of `pallet-assets`) belongs to governance, not to a
//! key. Its owner, issuer, admin and freezer are the keyless account of this pallet's
//! `PalletId` (`abs/usda`), so no signed origin can `mint`, `burn`, `force_transfer`, `freeze`,
//! `freeze_asset`, `start_destroy` or re-team it through `pallet-assets`. What can be done to it
//! is done here, by the governance origin only (Root, or more than half of the council), each
//! with the hash of the document that justifies it and an event:
//!
//! - [`Pallet::mint`] to a registered participant (never to a pallet's escrow account);
//! - [`Pallet::burn`] from a registered participant's free balance (a redemption);
//! - [`Pallet::freeze_account`] / [`Pallet::thaw_account`]: the account can no longer send;
//! - [`Pallet::set_fee_rate`]: how many smallest stablecoin units one native unit costs when a
//!   transaction fee is paid in the stablecoin (the runtime's fee adapter reads it; `None`
//!   turns stablecoin fees off).
//!
//! Invariant (`do_try_state`): the stablecoin's total issuance equals the genesis issuance plus
//! everything minted minus everything burned here; no other path creates or destroys it.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod weights;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use abs_primitives::{AssetId, Balance, Hash};
	use abs_traits::{RoleCheck, StablecoinAccounts};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungibles::{Inspect, Mutate},
			tokens::{Fortitude, Precision, Preservation},
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::AccountIdConversion;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Mints, burns, freezes, thaws and sets the fee rate.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The assets pallet holding the stablecoin.
		type Assets: Mutate<Self::AccountId, AssetId = AssetId, Balance = Balance>;
		/// The stablecoin's asset id.
		#[pallet::constant]
		type StablecoinId: Get<AssetId>;
		/// Owner, issuer, admin and freezer of the stablecoin (keyless).
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Who is a participant.
		type Roles: RoleCheck<Self::AccountId>;
		/// Freezing and thawing stablecoin accounts (as the asset's freezer).
		type Accounts: StablecoinAccounts<Self::AccountId>;
		/// Weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// Stablecoin smallest units per native unit when fees are paid in the stablecoin; `None`:
	/// fees are payable only in the native token.
	#[pallet::storage]
	pub type FeeRate<T: Config> = StorageValue<_, Balance, OptionQuery>;

	/// The issuance governance has authorised: genesis issuance + minted − burned.
	#[pallet::storage]
	pub type AuthorisedIssuance<T: Config> = StorageValue<_, Balance, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The initial fee rate (see [`FeeRate`]).
		pub fee_rate: Option<Balance>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.fee_rate != Some(0), "a fee rate of 0 would make fees free");
			FeeRate::<T>::set(self.fee_rate);
			// Runs after `pallet-assets`' genesis (lower index): the endowments are the
			// genesis issuance.
			AuthorisedIssuance::<T>::put(T::Assets::total_issuance(T::StablecoinId::get()));
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance minted `amount` to `to`.
		Minted { to: T::AccountId, amount: Balance, reason: Hash },
		/// Governance burned `amount` from `from`.
		Burned { from: T::AccountId, amount: Balance, reason: Hash },
		/// Governance froze `who`'s stablecoin account.
		AccountFrozen { who: T::AccountId, reason: Hash },
		/// Governance thawed `who`'s stablecoin account.
		AccountThawed { who: T::AccountId, reason: Hash },
		/// Governance set the fee rate (`None`: fees only in the native token).
		FeeRateSet { rate: Option<Balance> },
		/// A transaction fee of `native_fee` was paid as `stable_fee` in the stablecoin.
		FeePaid { who: T::AccountId, native_fee: Balance, stable_fee: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The amount is zero.
		ZeroAmount,
		/// Mint and burn touch registered participants only, never a pallet's escrow.
		NotParticipant,
		/// Minting would overflow the issuance.
		Overflow,
		/// The account's free stablecoin balance is smaller than the amount.
		InsufficientBalance,
		/// The account has no stablecoin account.
		NoStablecoinAccount,
		/// The stablecoin account is already frozen.
		AlreadyFrozen,
		/// The stablecoin account is not frozen.
		NotFrozen,
		/// A fee rate of zero would make every fee free.
		ZeroFeeRate,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Mint `amount` to the registered participant `to` (governance).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::mint())]
		pub fn mint(
			origin: OriginFor<T>,
			to: T::AccountId,
			amount: Balance,
			reason: Hash,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(T::Roles::is_registered(&to), Error::<T>::NotParticipant);
			let issuance =
				AuthorisedIssuance::<T>::get().checked_add(amount).ok_or(Error::<T>::Overflow)?;
			T::Assets::mint_into(T::StablecoinId::get(), &to, amount)
				.map_err(|_| Error::<T>::Overflow)?;
			AuthorisedIssuance::<T>::put(issuance);
			Self::deposit_event(Event::Minted { to, amount, reason });
			Ok(())
		}

		/// Burn `amount` from the free balance of the registered participant `from`
		/// (governance): a redemption.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::burn())]
		pub fn burn(
			origin: OriginFor<T>,
			from: T::AccountId,
			amount: Balance,
			reason: Hash,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(T::Roles::is_registered(&from), Error::<T>::NotParticipant);
			let id = T::StablecoinId::get();
			ensure!(
				T::Assets::reducible_balance(
					id,
					&from,
					Preservation::Expendable,
					Fortitude::Polite
				) >= amount,
				Error::<T>::InsufficientBalance
			);
			let issuance = AuthorisedIssuance::<T>::get()
				.checked_sub(amount)
				.ok_or(Error::<T>::InsufficientBalance)?;
			T::Assets::burn_from(
				id,
				&from,
				amount,
				Preservation::Expendable,
				Precision::Exact,
				Fortitude::Polite,
			)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
			AuthorisedIssuance::<T>::put(issuance);
			Self::deposit_event(Event::Burned { from, amount, reason });
			Ok(())
		}

		/// Freeze `who`'s stablecoin account (governance): it can no longer send.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::freeze_account())]
		pub fn freeze_account(
			origin: OriginFor<T>,
			who: T::AccountId,
			reason: Hash,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			match T::Accounts::is_frozen(&who) {
				None => Err(Error::<T>::NoStablecoinAccount)?,
				Some(true) => Err(Error::<T>::AlreadyFrozen)?,
				Some(false) => {}
			}
			T::Accounts::freeze(&who)?;
			Self::deposit_event(Event::AccountFrozen { who, reason });
			Ok(())
		}

		/// Thaw `who`'s stablecoin account (governance).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::thaw_account())]
		pub fn thaw_account(
			origin: OriginFor<T>,
			who: T::AccountId,
			reason: Hash,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			match T::Accounts::is_frozen(&who) {
				None => Err(Error::<T>::NoStablecoinAccount)?,
				Some(false) => Err(Error::<T>::NotFrozen)?,
				Some(true) => {}
			}
			T::Accounts::thaw(&who)?;
			Self::deposit_event(Event::AccountThawed { who, reason });
			Ok(())
		}

		/// Set the rate at which fees are paid in the stablecoin: smallest stablecoin units per
		/// native unit; `None` turns stablecoin fees off (governance).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_fee_rate())]
		pub fn set_fee_rate(origin: OriginFor<T>, rate: Option<Balance>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(rate != Some(0), Error::<T>::ZeroFeeRate);
			FeeRate::<T>::set(rate);
			Self::deposit_event(Event::FeeRateSet { rate });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The keyless account that owns, issues, administers and freezes the stablecoin.
		pub fn account_id() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// The stablecoin amount that pays `native_fee`, at today's rate; `None` when fees are
		/// payable only in the native token (or on overflow).
		pub fn fee_in_stablecoin(native_fee: Balance) -> Option<Balance> {
			abs_finance::fees::native_fee_in_stable(native_fee, FeeRate::<T>::get()?)
		}

		/// Record that `who` paid a fee in the stablecoin (called by the runtime's fee adapter).
		pub fn note_fee_paid(who: T::AccountId, native_fee: Balance, stable_fee: Balance) {
			Self::deposit_event(Event::FeePaid { who, native_fee, stable_fee });
		}

		/// Invariants: issuance = authorised issuance; the fee rate is never zero.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			ensure!(
				T::Assets::total_issuance(T::StablecoinId::get()) == AuthorisedIssuance::<T>::get(),
				"stablecoin issuance differs from genesis + minted - burned"
			);
			ensure!(FeeRate::<T>::get() != Some(0), "zero fee rate");
			Ok(())
		}
	}
}
