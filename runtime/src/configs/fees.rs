//! Transaction fees, payable in ABS or — for an account without enough ABS, such as a borrower
//! who holds only USDA — in USDA at the governance-set rate (`stablecoin.set_fee_rate`, smallest
//! USDA units per ABS; genesis: 1 USDA per ABS). No extra signed data: `@polkadot/api` signs as
//! usual, and the runtime chooses. ABS fees are burned; USDA fees go to the keyless fee account
//! (`abs/fees`), so the stablecoin's issuance never changes.
//!
//! Prices (see the README for `payment_queryInfo` before and after): 50 ABS per second of
//! reference compute (a block full by weight: 37.5 ABS) and 10⁸ smallest units (0.0001 ABS)
//! per byte (a block full by length, 3.75 MiB: ≈ 393 ABS). A transfer costs ≈ 0.034 ABS.

use abs_primitives::{AccountId, Balance, FEES_PALLET_ID, STABLECOIN_ASSET_ID};
use frame_support::{
	traits::{
		fungible, fungibles,
		tokens::{Fortitude, Precision, Preservation, WithdrawConsequence},
		Imbalance,
	},
	PalletId,
};
use pallet_transaction_payment::{OnChargeTransaction, TxCreditHold};
use sp_runtime::{
	traits::{AccountIdConversion, DispatchInfoOf, PostDispatchInfoOf, Zero},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
};

use super::super::{Assets, Balances, Runtime, RuntimeCall, Stablecoin};

/// Smallest native units per picosecond of reference compute (50 ABS per second).
pub const WEIGHT_FEE_MULTIPLIER: Balance = 50;
/// Smallest native units per byte of an extrinsic (0.0001 ABS).
pub const LENGTH_FEE_PER_BYTE: Balance = 100_000_000;

/// The account collecting fees paid in USDA.
pub fn fee_account() -> AccountId {
	PalletId(FEES_PALLET_ID).into_account_truncating()
}

/// A withdrawn fee: in ABS, or in USDA with the native fee it stands for.
pub enum FeeCredit {
	Native(fungible::Credit<AccountId, Balances>),
	Stable(fungibles::Credit<AccountId, Assets>),
}

/// `OnChargeTransaction`: ABS first; USDA when the ABS balance cannot pay.
pub struct NativeOrStablecoin;

impl TxCreditHold<Runtime> for NativeOrStablecoin {
	type Credit = ();
}

impl OnChargeTransaction<Runtime> for NativeOrStablecoin {
	type Balance = Balance;
	type LiquidityInfo = Option<FeeCredit>;

	fn withdraw_fee(
		who: &AccountId,
		_call: &RuntimeCall,
		_info: &DispatchInfoOf<RuntimeCall>,
		fee: Balance,
		_tip: Balance,
	) -> Result<Self::LiquidityInfo, TransactionValidityError> {
		if fee.is_zero() {
			return Ok(None);
		}
		if let Ok(c) = <Balances as fungible::Balanced<AccountId>>::withdraw(
			who,
			fee,
			Precision::Exact,
			Preservation::Preserve,
			Fortitude::Polite,
		) {
			return Ok(Some(FeeCredit::Native(c)));
		}
		let usda = Stablecoin::fee_in_stablecoin(fee).ok_or(InvalidTransaction::Payment)?;
		let c = <Assets as fungibles::Balanced<AccountId>>::withdraw(
			STABLECOIN_ASSET_ID,
			who,
			usda,
			Precision::Exact,
			Preservation::Preserve,
			Fortitude::Polite,
		)
		.map_err(|_| InvalidTransaction::Payment)?;
		Ok(Some(FeeCredit::Stable(c)))
	}

	fn can_withdraw_fee(
		who: &AccountId,
		_call: &RuntimeCall,
		_info: &DispatchInfoOf<RuntimeCall>,
		fee: Balance,
		_tip: Balance,
	) -> Result<(), TransactionValidityError> {
		if fee.is_zero() {
			return Ok(());
		}
		if matches!(
			<Balances as fungible::Inspect<AccountId>>::can_withdraw(who, fee),
			WithdrawConsequence::Success
		) {
			return Ok(());
		}
		let usda = Stablecoin::fee_in_stablecoin(fee).ok_or(InvalidTransaction::Payment)?;
		match <Assets as fungibles::Inspect<AccountId>>::can_withdraw(
			STABLECOIN_ASSET_ID,
			who,
			usda,
		) {
			WithdrawConsequence::Success => Ok(()),
			_ => Err(InvalidTransaction::Payment.into()),
		}
	}

	fn correct_and_deposit_fee(
		who: &AccountId,
		_info: &DispatchInfoOf<RuntimeCall>,
		_post_info: &PostDispatchInfoOf<RuntimeCall>,
		corrected_fee: Balance,
		_tip: Balance,
		paid: Self::LiquidityInfo,
	) -> Result<(), TransactionValidityError> {
		match paid {
			None => {}
			Some(FeeCredit::Native(credit)) => {
				let (fee, refund) = credit.split(corrected_fee);
				if !refund.peek().is_zero() {
					// A refund the account cannot take is burned with the fee.
					let _ = <Balances as fungible::Balanced<AccountId>>::resolve(who, refund);
				}
				// The native fee is burned (dropping the credit reduces the issuance).
				drop(fee);
			}
			Some(FeeCredit::Stable(credit)) => {
				let withdrawn = credit.peek();
				let due = Stablecoin::fee_in_stablecoin(corrected_fee)
					.unwrap_or(withdrawn)
					.min(withdrawn);
				let (mut fee, refund) = credit.split(due);
				if !refund.peek().is_zero() {
					if let Err(back) =
						<Assets as fungibles::Balanced<AccountId>>::resolve(who, refund)
					{
						let _ = fee.subsume(back);
					}
				}
				let stable_fee = fee.peek();
				if let Err(fee) =
					<Assets as fungibles::Balanced<AccountId>>::resolve(&fee_account(), fee)
				{
					// Never burn USDA: if the fee account cannot take it, the payer keeps it.
					let _ = <Assets as fungibles::Balanced<AccountId>>::resolve(who, fee);
				}
				Stablecoin::note_fee_paid(who.clone(), corrected_fee, stable_fee);
			}
		}
		Ok(())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn endow_account(who: &AccountId, amount: Balance) {
		let _ = <Balances as fungible::Mutate<AccountId>>::set_balance(who, amount);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn minimum_balance() -> Balance {
		<Balances as fungible::Inspect<AccountId>>::minimum_balance()
	}
}
