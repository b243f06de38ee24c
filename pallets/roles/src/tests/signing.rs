//! The `CheckParticipant` transaction extension: only registered, unfrozen participants sign.

use crate::{extension::*, mock::*};
use frame_support::dispatch::DispatchInfo;
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension},
	transaction_validity::{
		InvalidTransaction, TransactionSource::External, TransactionValidityError,
	},
};

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![1] })
}
fn council_like() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![1] })
}
fn check(who: Option<u64>, call: &RuntimeCall) -> Result<(), TransactionValidityError> {
	let origin: RuntimeOrigin = who.map_or_else(RuntimeOrigin::none, RuntimeOrigin::signed);
	CheckParticipant::<Test>::new()
		.validate_only(origin, call, &DispatchInfo::default(), 0, External, 0)
		.map(|_| ())
}

#[test]
fn unregistered_signers_are_refused() {
	build_and_execute(|| {
		assert_eq!(
			check(Some(NOBODY), &remark()),
			Err(InvalidTransaction::Custom(NOT_REGISTERED).into())
		);
		// Registration alone does not open the council-like calls to strangers either.
		assert_eq!(
			check(Some(NOBODY), &council_like()),
			Err(InvalidTransaction::Custom(NOT_REGISTERED).into())
		);
		assert_eq!(check(Some(ALICE), &remark()), Ok(()));
		// Unsigned extrinsics (inherents) pass: the extension judges signers only.
		let call = remark();
		assert!(CheckParticipant::<Test>::new()
			.validate(
				RuntimeOrigin::none(),
				&call,
				&DispatchInfo::default(),
				0,
				(),
				&sp_runtime::traits::TxBaseImplication(&call),
				External
			)
			.is_ok());
	});
}

#[test]
fn frozen_participants_sign_only_council_calls() {
	build_and_execute(|| {
		Roles::freeze(RuntimeOrigin::signed(REGULATOR), ALICE, h(9)).unwrap();
		assert_eq!(check(Some(ALICE), &remark()), Err(InvalidTransaction::Custom(FROZEN).into()));
		assert_eq!(check(Some(ALICE), &council_like()), Ok(()));
		Roles::unfreeze(RuntimeOrigin::signed(REGULATOR), ALICE, h(9)).unwrap();
		assert_eq!(check(Some(ALICE), &remark()), Ok(()));
	});
}

#[test]
fn the_extension_signs_nothing_extra() {
	// No explicit or implicit data: the encoding is empty, so clients need no custom types.
	use codec::Encode;
	assert!(CheckParticipant::<Test>::new().encode().is_empty());
}
