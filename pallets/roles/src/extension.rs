//! [`CheckParticipant`]: the transaction extension that lets only registered, unfrozen
//! participants sign. It carries no data (nothing extra is signed, so `@polkadot/api` signs
//! with no custom types) and refuses in `validate`, at the pool and in the block.

use crate::{pallet::Config, Participants};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::TransactionSource,
	traits::{Contains, Get, OriginTrait},
	DefaultNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{
	impl_tx_ext_default,
	traits::{DispatchInfoOf, TransactionExtension},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	Weight,
};

/// `InvalidTransaction::Custom` code: the signer is not a registered participant.
pub const NOT_REGISTERED: u8 = 1;
/// `InvalidTransaction::Custom` code: the signer is frozen by the regulator.
pub const FROZEN: u8 = 2;

/// Refuses every signed extrinsic whose signer is not a registered participant, or is frozen —
/// except the calls of [`Config::FrozenMaySign`] (council and membership), which need
/// registration only. Unsigned and inherent extrinsics pass.
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckParticipant<T>(PhantomData<T>);

impl<T: Config + Send + Sync> core::fmt::Debug for CheckParticipant<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckParticipant")
	}
}

impl<T: Config + Send + Sync> CheckParticipant<T> {
	/// The extension (it has no parameters).
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckParticipant<T> {
	const IDENTIFIER: &'static str = "CheckParticipant";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, _: &T::RuntimeCall) -> Weight {
		// One read of the signer's participant record.
		T::DbWeight::get().reads(1)
	}

	fn validate(
		&self,
		origin: <T as frame_system::Config>::RuntimeOrigin,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> sp_runtime::traits::ValidateResult<Self::Val, T::RuntimeCall> {
		if let Some(who) = origin.as_signer() {
			let p = Participants::<T>::get(who).ok_or(TransactionValidityError::Invalid(
				InvalidTransaction::Custom(NOT_REGISTERED),
			))?;
			if p.frozen.is_some() && !T::FrozenMaySign::contains(call) {
				return Err(InvalidTransaction::Custom(FROZEN).into());
			}
		}
		Ok((Default::default(), (), origin))
	}
	impl_tx_ext_default!(T::RuntimeCall; prepare);
}
