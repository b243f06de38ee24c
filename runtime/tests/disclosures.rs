//! Roles and disclosures together on the real runtime: a regulator licensed by governance who
//! registers a key becomes a required reader of every new record.
// A test crate: the workspace's no-panic, checked-arithmetic policy is for runtime code.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use abs_primitives::{RecordKind, Role, Scope, Subject};
use abs_runtime::{Disclosures, Roles, Runtime, RuntimeOrigin};
use common::{block_at, dev_ext, T0};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Bob, Dave};

fn envelopes(readers: &[sp_runtime::AccountId32]) -> pallet_disclosures::EnvelopesOf<Runtime> {
	readers
		.iter()
		.map(|r| (r.clone(), BoundedVec::try_from(vec![1u8; 104]).unwrap()))
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

fn create(
	owner: &sp_runtime::AccountId32,
	readers: &[sp_runtime::AccountId32],
) -> frame_support::dispatch::DispatchResult {
	Disclosures::create_record(
		RuntimeOrigin::signed(owner.clone()),
		Subject::Loan(1),
		RecordKind::BankStatement,
		H256::repeat_byte(1),
		H256::repeat_byte(2),
		BoundedVec::try_from(b"ipfs://x".to_vec()).unwrap(),
		envelopes(readers),
	)
}

#[test]
fn a_keyed_regulator_must_read_every_new_record() {
	dev_ext().execute_with(|| {
		block_at(1, T0);
		let (bank, regulator, outsider) =
			(Bob.to_account_id(), Dave.to_account_id(), sp_runtime::AccountId32::new([9; 32]));
		for who in [&bank, &regulator] {
			common::register(who);
			assert_ok!(Roles::set_encryption_key(RuntimeOrigin::signed(who.clone()), [7; 32]));
		}
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::root(),
			regulator.clone(),
			Role::Regulator,
			Scope::Global,
			None,
			H256::zero()
		));
		assert_noop!(
			create(&bank, std::slice::from_ref(&bank)),
			pallet_disclosures::Error::<Runtime>::MissingRegulatorEnvelope
		);
		assert_noop!(
			create(&outsider, std::slice::from_ref(&outsider)),
			pallet_disclosures::Error::<Runtime>::NotRegistered
		);
		assert_ok!(create(&bank, &[bank.clone(), regulator.clone()]));
		// The regulator stays a reader of the record: the owner cannot revoke it.
		assert_noop!(
			Disclosures::revoke_reader(RuntimeOrigin::signed(bank.clone()), 0, regulator.clone()),
			pallet_disclosures::Error::<Runtime>::CannotRevokeRegulator
		);
		// A frozen owner signs nothing.
		common::register(&outsider);
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::root(),
			outsider.clone(),
			Role::Regulator,
			Scope::Global,
			None,
			H256::zero()
		));
		assert_ok!(Roles::freeze(
			RuntimeOrigin::signed(outsider.clone()),
			bank.clone(),
			H256::zero()
		));
		assert_noop!(
			create(&bank, &[bank.clone(), regulator.clone()]),
			pallet_disclosures::Error::<Runtime>::ParticipantFrozen
		);
		Disclosures::do_try_state().unwrap();
		Roles::do_try_state().unwrap();
	});
}

/// Review finding (issue 13, item 10): every regulator the roles pallet allows is a reader the
/// disclosures pallet requires on a new record.
#[test]
fn every_regulator_allowed_is_a_required_reader() {
	use frame_support::traits::Get;
	let granted =
		<<abs_runtime::Runtime as pallet_roles::Config>::MaxRegulators as Get<u32>>::get();
	let read =
		<<abs_runtime::Runtime as pallet_disclosures::Config>::MaxRegulators as Get<u32>>::get();
	assert_eq!((granted, read), (8, 8));
}
