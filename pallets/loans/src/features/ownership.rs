//! Ownership: transfers and servicer appointments by the owner.

use crate::{pallet::*, types::*};
use abs_primitives::{Hash, LoanId, LoanStatus};
use abs_traits::RoleCheck;
use codec::Encode;
use frame_support::{ensure, pallet_prelude::*};

impl<T: Config> Pallet<T> {
	/// The signer owns a performing loan and is not frozen; returns the loan.
	pub(crate) fn ensure_owner_may_act(
		who: &T::AccountId,
		loan_id: LoanId,
	) -> Result<LoanOf<T>, DispatchError> {
		let loan = Self::ensure_owner_unfrozen(who, loan_id, false)?;
		ensure!(loan.status.is_performing(), Error::<T>::StatusDoesNotAllow);
		Ok(loan)
	}

	/// The signer owns a loan (or is the trustee of the pool that does) that is performing,
	/// Defaulted or InRecovery (a servicer is replaced when enforcement needs one most) and is
	/// not frozen.
	pub(crate) fn ensure_owner_may_appoint(
		who: &T::AccountId,
		loan_id: LoanId,
	) -> Result<LoanOf<T>, DispatchError> {
		let loan = Self::ensure_owner_unfrozen(who, loan_id, true)?;
		ensure!(
			loan.status.is_performing()
				|| matches!(loan.status, LoanStatus::Defaulted | LoanStatus::InRecovery),
			Error::<T>::StatusDoesNotAllow
		);
		Ok(loan)
	}

	/// The signer is the loan's owner — its effective owner: a pool that bought it, from the
	/// pool's closing — or, with `agent_may`, the pool's trustee; not frozen.
	pub(crate) fn ensure_owner_unfrozen(
		who: &T::AccountId,
		loan_id: LoanId,
		agent_may: bool,
	) -> Result<LoanOf<T>, DispatchError> {
		let loan = Loans::<T>::get(loan_id).ok_or(Error::<T>::UnknownLoan)?;
		let acts =
			match <T::Encumbrance as abs_traits::LoanEncumbrance<T::AccountId>>::keyless_owner(
				loan_id,
			) {
				Some(k) => k.owner == *who || (agent_may && k.agent == *who),
				None => loan.owner == *who,
			};
		ensure!(acts && loan.status != LoanStatus::Proposed, Error::<T>::NotOwner);
		ensure!(!T::Roles::is_frozen(who), Error::<T>::ParticipantFrozen);
		Ok(loan)
	}

	pub(crate) fn do_transfer(loan_id: LoanId, mut loan: LoanOf<T>, to: T::AccountId) {
		let from = core::mem::replace(&mut loan.owner, to.clone());
		ByOwner::<T>::remove(&from, loan_id);
		ByOwner::<T>::insert(&to, loan_id, ());
		Self::record(
			loan_id,
			Some(from.clone()),
			LoanAction::OwnershipTransferred,
			Hash::from(sp_io::hashing::blake2_256(&to.encode())),
		);
		Self::deposit_event(Event::OwnershipTransferred { loan_id, from, to });
		Loans::<T>::insert(loan_id, loan);
	}

	pub(crate) fn do_appoint(loan_id: LoanId, mut loan: LoanOf<T>, to: T::AccountId) {
		let from = core::mem::replace(&mut loan.servicer, to.clone());
		ByServicer::<T>::remove(&from, loan_id);
		ByServicer::<T>::insert(&to, loan_id, ());
		Self::record(
			loan_id,
			Some(loan.owner.clone()),
			LoanAction::ServicerAppointed,
			Hash::from(sp_io::hashing::blake2_256(&to.encode())),
		);
		Self::deposit_event(Event::ServicerAppointed { loan_id, from, to });
		Loans::<T>::insert(loan_id, loan);
	}
}
