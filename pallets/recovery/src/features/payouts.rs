//! Payouts out of escrow (credited when refused), withdrawals, notices.

use crate::pallet::*;
use abs_primitives::{Balance, LoanId, RecoveryNotice};
use abs_traits::{Notify, Today};
use frame_support::{
	pallet_prelude::*,
	traits::{fungibles::Mutate, tokens::Preservation},
};
use sp_runtime::traits::{AccountIdConversion, UniqueSaturatedInto};

impl<T: Config> Pallet<T> {
	/// A notice about loan `loan_id`'s recovery, dated today.
	pub(crate) fn notify(loan_id: LoanId, notice: RecoveryNotice) {
		T::Notify::notify(
			abs_primitives::NoticeSubject::Loan(loan_id),
			T::Today::today(),
			abs_primitives::NoticeKind::Recovery(notice),
		);
	}

	/// The bid escrow account.
	pub fn escrow_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	pub(crate) fn now() -> u32 {
		frame_system::Pallet::<T>::block_number().unique_saturated_into()
	}

	/// Pay `amount` out of escrow to `to`; if the transfer is refused (e.g. the account is
	/// blocked by the stablecoin's admin), credit it instead: `to` withdraws it later with
	/// `withdraw_credit`. A payout never blocks a refund, a settlement or a payoff.
	pub(crate) fn pay_out(to: &T::AccountId, amount: Balance) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		let paid = frame_support::storage::with_storage_layer(|| {
			T::Assets::transfer(
				T::StablecoinId::get(),
				&Self::escrow_account(),
				to,
				amount,
				Preservation::Expendable,
			)
		});
		if paid.is_err() {
			Credits::<T>::try_mutate(to, |c| -> DispatchResult {
				*c = c.checked_add(amount).ok_or(Error::<T>::Overflow)?;
				Ok(())
			})?;
			CreditTotal::<T>::try_mutate(|c| -> DispatchResult {
				*c = c.checked_add(amount).ok_or(Error::<T>::Overflow)?;
				Ok(())
			})?;
			Self::deposit_event(Event::Credited { who: to.clone(), amount });
		}
		Ok(())
	}

	/// Withdraw `who`'s credit.
	pub(crate) fn do_withdraw_credit(who: T::AccountId) -> DispatchResult {
		let amount = Credits::<T>::get(&who);
		ensure!(amount > 0, Error::<T>::NoCredit);
		T::Assets::transfer(
			T::StablecoinId::get(),
			&Self::escrow_account(),
			&who,
			amount,
			Preservation::Expendable,
		)?;
		Credits::<T>::remove(&who);
		CreditTotal::<T>::mutate(|c| *c = c.saturating_sub(amount));
		Self::deposit_event(Event::CreditWithdrawn { who, amount });
		Ok(())
	}
}
