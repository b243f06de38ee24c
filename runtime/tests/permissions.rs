//! Chain-wide permissions on the real runtime, on both presets: the stablecoin belongs to
//! governance; only registered, unfrozen participants sign (checked by the real `Executive`
//! with the real transaction extensions, at the pool and in the block); the regulator's halt;
//! fees payable in USDA by an account without ABS.
// A test crate: the workspace's no-panic, checked-arithmetic policy is for runtime code.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use abs_primitives::STABLECOIN_ASSET_ID as USDA;
use abs_runtime::{
	configs::fees, Assets, Balances, Executive, Roles, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, SignedPayload, Stablecoin, System, TxExtension, UncheckedExtrinsic,
};
use codec::Encode;
use common::{dev_ext, local_ext};
use frame_support::{
	assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::UnfilteredDispatchable, PalletId,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{
	generic::Era,
	traits::{AccountIdConversion, Dispatchable, Hash as _, Header as _},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	AccountId32,
};

fn h(n: u8) -> H256 {
	H256::repeat_byte(n)
}
fn usda(who: &AccountId32) -> u128 {
	Assets::balance(USDA, who.clone())
}
fn loans_escrow() -> AccountId32 {
	PalletId(*b"abs/loan").into_account_truncating()
}

/// A signed extrinsic of the real runtime, with the real transaction extensions.
fn signed(who: Sr25519Keyring, call: RuntimeCall) -> UncheckedExtrinsic {
	let nonce = System::account_nonce(who.to_account_id());
	let ext: TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		pallet_roles::CheckParticipant::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
	);
	let payload = SignedPayload::new(call.clone(), ext.clone()).unwrap();
	let sig = payload.using_encoded(|p| who.sign(p));
	UncheckedExtrinsic::new_signed(call, who.to_account_id().into(), sig.into(), ext)
}

/// Start a block so that extrinsics can be applied.
fn start_block() {
	let n = System::block_number() + 1;
	let header = abs_runtime::Header::new(
		n,
		Default::default(),
		Default::default(),
		System::parent_hash(),
		Default::default(),
	);
	Executive::initialize_block(&header);
}

/// Validity at the pool, then the outcome of applying it in a block.
fn submit(xt: UncheckedExtrinsic) -> Result<(), TransactionValidityError> {
	Executive::validate_transaction(
		TransactionSource::External,
		xt.clone(),
		System::parent_hash(),
	)?;
	Executive::apply_extrinsic(xt)?.map_err(|_| InvalidTransaction::Call)?;
	Ok(())
}

fn transfer_keep_alive(to: Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: to.to_account_id().into(),
		value: 1_000_000_000_000,
	})
}
fn usda_transfer(to: Sr25519Keyring, amount: u128) -> RuntimeCall {
	RuntimeCall::Assets(pallet_assets::Call::transfer {
		id: USDA.into(),
		target: to.to_account_id().into(),
		amount,
	})
}

#[test]
fn usda_is_owned_by_a_keyless_account_on_both_presets() {
	for mut ext in [dev_ext(), local_ext()] {
		ext.execute_with(|| {
			let owner = abs_runtime::genesis_config_presets::stablecoin_account();
			assert_eq!(owner, Stablecoin::account_id());
			let d = pallet_assets::Asset::<Runtime>::get(USDA).unwrap();
			assert_eq!(
				(d.owner.clone(), d.issuer.clone(), d.admin.clone(), d.freezer.clone()),
				(owner.clone(), owner.clone(), owner.clone(), owner)
			);
			Stablecoin::do_try_state().unwrap();
		});
	}
}

#[test]
fn no_key_mints_burns_moves_escrow_freezes_or_destroys_usda_on_local_testnet() {
	local_ext().execute_with(|| {
		let alice = Alice.to_account_id();
		let escrow = loans_escrow();
		assert_ok!(Assets::transfer(
			RuntimeOrigin::signed(alice.clone()),
			USDA.into(),
			escrow.clone().into(),
			5_000
		));
		let before = (usda(&alice), usda(&escrow), Assets::total_supply(USDA));
		let o = || RuntimeOrigin::signed(alice.clone());
		let calls = [
			pallet_assets::Call::<Runtime>::mint {
				id: USDA.into(),
				beneficiary: alice.clone().into(),
				amount: 1,
			},
			pallet_assets::Call::burn {
				id: USDA.into(),
				who: Bob.to_account_id().into(),
				amount: 1,
			},
			pallet_assets::Call::force_transfer {
				id: USDA.into(),
				source: escrow.clone().into(),
				dest: alice.clone().into(),
				amount: 5_000,
			},
			pallet_assets::Call::freeze { id: USDA.into(), who: Bob.to_account_id().into() },
			pallet_assets::Call::start_destroy { id: USDA.into() },
		];
		for call in calls {
			assert!(
				RuntimeCall::Assets(call.clone()).dispatch(o()).is_err(),
				"{call:?} was accepted"
			);
		}
		// Not even Root / a council majority can destroy or re-team it.
		assert!(RuntimeCall::Assets(pallet_assets::Call::start_destroy { id: USDA.into() })
			.dispatch_bypass_filter(RuntimeOrigin::root())
			.is_err());
		assert!(RuntimeCall::Assets(pallet_assets::Call::force_asset_status {
			id: USDA.into(),
			owner: alice.clone().into(),
			issuer: alice.clone().into(),
			admin: alice.clone().into(),
			freezer: alice.clone().into(),
			min_balance: 1,
			is_sufficient: true,
			is_frozen: false,
		})
		.dispatch_bypass_filter(RuntimeOrigin::root())
		.is_err());
		assert_eq!((usda(&alice), usda(&escrow), Assets::total_supply(USDA)), before);
		// Our own calls refuse a signed key too.
		assert_noop!(
			Stablecoin::mint(o(), alice.clone(), 1, h(1)),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_three_of_four_council_motion_mints_to_a_participant_on_local_testnet() {
	local_ext().execute_with(|| {
		let bob = Bob.to_account_id();
		let before = usda(&bob);
		let mint: RuntimeCall =
			pallet_stablecoin::Call::mint { to: bob.clone(), amount: 1_000_000_000, reason: h(7) }
				.into();
		let len = mint.encoded_size() as u32;
		let weight = mint.get_dispatch_info().call_weight;
		let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&mint);
		assert_ok!(abs_runtime::Council::propose(
			RuntimeOrigin::signed(Alice.to_account_id()),
			3,
			Box::new(mint),
			len
		));
		for who in [Alice, Bob, Charlie] {
			assert_ok!(abs_runtime::Council::vote(
				RuntimeOrigin::signed(who.to_account_id()),
				hash,
				0,
				true
			));
		}
		assert_ok!(abs_runtime::Council::close(
			RuntimeOrigin::signed(Dave.to_account_id()),
			hash,
			0,
			weight,
			len
		));
		assert_eq!(usda(&bob), before + 1_000_000_000);
		System::assert_has_event(
			pallet_stablecoin::Event::Minted { to: bob, amount: 1_000_000_000, reason: h(7) }
				.into(),
		);
		// Never to a pallet's escrow (it is no participant).
		assert_noop!(
			Stablecoin::mint(RuntimeOrigin::root(), loans_escrow(), 1, h(7)),
			pallet_stablecoin::Error::<Runtime>::NotParticipant
		);
		Stablecoin::do_try_state().unwrap();
	});
}

#[test]
fn governance_freezes_and_thaws_a_usda_account() {
	dev_ext().execute_with(|| {
		let bob = Bob.to_account_id();
		assert_ok!(Stablecoin::freeze_account(RuntimeOrigin::root(), bob.clone(), h(3)));
		assert!(Assets::transfer(
			RuntimeOrigin::signed(bob.clone()),
			USDA.into(),
			Alice.to_account_id().into(),
			1
		)
		.is_err());
		assert_ok!(Stablecoin::thaw_account(RuntimeOrigin::root(), bob.clone(), h(4)));
		assert_ok!(Assets::transfer(
			RuntimeOrigin::signed(bob),
			USDA.into(),
			Alice.to_account_id().into(),
			1
		));
	});
}

#[test]
fn only_registered_unfrozen_participants_sign() {
	// local_testnet: Eve and Ferdie hold ABS and USDA but are not participants.
	local_ext().execute_with(|| {
		start_block();
		assert!(Balances::free_balance(Eve.to_account_id()) > 0);
		assert_eq!(
			submit(signed(Eve, transfer_keep_alive(Alice))),
			Err(InvalidTransaction::Custom(pallet_roles::extension::NOT_REGISTERED).into())
		);
		// Also refused in a block (apply without the pool).
		assert_eq!(
			Executive::apply_extrinsic(signed(Ferdie, transfer_keep_alive(Alice))),
			Err(InvalidTransaction::Custom(pallet_roles::extension::NOT_REGISTERED).into())
		);
		assert_ok!(submit(signed(Bob, transfer_keep_alive(Alice))));
	});
	dev_ext().execute_with(|| {
		start_block();
		let regulator = Ferdie.to_account_id();
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::root(),
			regulator.clone(),
			abs_primitives::Role::Regulator,
			abs_primitives::Scope::Global,
			None,
			h(1)
		));
		assert_ok!(Roles::freeze(
			RuntimeOrigin::signed(regulator.clone()),
			Charlie.to_account_id(),
			h(2)
		));
		// A frozen participant's USDA transfer is refused at submission…
		assert_eq!(
			submit(signed(Charlie, usda_transfer(Dave, 10))),
			Err(InvalidTransaction::Custom(pallet_roles::extension::FROZEN).into())
		);
		// …but the frozen council member still votes (and proposes).
		let remark: RuntimeCall = frame_system::Call::remark { remark: vec![1] }.into();
		let len = remark.encoded_size() as u32;
		let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&remark);
		assert_ok!(submit(signed(
			Alice,
			RuntimeCall::Council(pallet_collective::Call::propose {
				threshold: 2,
				proposal: Box::new(remark),
				length_bound: len,
			})
		)));
		assert_ok!(submit(signed(
			Charlie,
			RuntimeCall::Council(pallet_collective::Call::vote {
				proposal: hash,
				index: 0,
				approve: true,
			})
		)));
		assert_ok!(Roles::unfreeze(
			RuntimeOrigin::signed(regulator),
			Charlie.to_account_id(),
			h(3)
		));
		assert_ok!(submit(signed(Charlie, usda_transfer(Dave, 10))));
	});
}

#[test]
fn the_regulator_halts_and_governance_resumes() {
	dev_ext().execute_with(|| {
		let regulator = Ferdie.to_account_id();
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::root(),
			regulator.clone(),
			abs_primitives::Role::Regulator,
			abs_primitives::Scope::Global,
			None,
			h(1)
		));
		let name =
			|s: &str| -> pallet_roles::CallName { s.as_bytes().to_vec().try_into().unwrap() };
		let r = || RuntimeOrigin::signed(regulator.clone());
		assert_ok!(Roles::halt(r(), h(9), name("Assets"), Some(name("transfer"))));
		System::assert_last_event(RuntimeEvent::Roles(pallet_roles::Event::Halted {
			pallet: name("Assets"),
			call: Some(name("transfer")),
			reason: h(9),
			by: pallet_roles::Grantor::Regulator(regulator.clone()),
			paused: 1,
		}));
		// The call filter refuses the halted call, for everyone, also inside a batch.
		let t = usda_transfer(Bob, 1);
		assert_noop!(
			t.clone().dispatch(RuntimeOrigin::signed(Alice.to_account_id())),
			frame_system::Error::<Runtime>::CallFiltered
		);
		let batch: RuntimeCall = pallet_utility::Call::batch_all { calls: vec![t.clone()] }.into();
		assert!(batch.dispatch(RuntimeOrigin::signed(Alice.to_account_id())).is_err());
		// Other calls of the pallet still work.
		assert_ok!(RuntimeCall::Assets(pallet_assets::Call::transfer_keep_alive {
			id: USDA.into(),
			target: Bob.to_account_id().into(),
			amount: 1
		})
		.dispatch(RuntimeOrigin::signed(Alice.to_account_id())));
		// Never pausable: borrowers' payments, the council, the pause itself, freezes, system.
		for (p, c) in [
			("Servicing", Some("pay")),
			("Servicing", Some("record_offchain_payment")),
			("Council", None),
			("TxPause", None),
			("Roles", Some("freeze")),
			("System", None),
			("Timestamp", None),
			("Sudo", None),
		] {
			assert_noop!(
				Roles::halt(r(), h(9), name(p), c.map(name)),
				pallet_roles::Error::<Runtime>::NotPausable
			);
		}
		assert_noop!(
			Roles::halt(r(), h(9), name("Nope"), None),
			pallet_roles::Error::<Runtime>::UnknownPallet
		);
		assert_noop!(
			Roles::halt(r(), h(9), name("Assets"), Some(name("nope"))),
			pallet_roles::Error::<Runtime>::UnknownCall
		);
		// A pallet-wide halt pauses every pausable call of it; pay stays open.
		assert_ok!(Roles::halt(r(), h(9), name("Servicing"), None));
		let n = match System::events().last().unwrap().event {
			RuntimeEvent::Roles(pallet_roles::Event::Halted { paused, .. }) => paused,
			ref e => panic!("{e:?}"),
		};
		let all =
			<RuntimeCall as frame_support::traits::GetCallMetadata>::get_call_names("Servicing")
				.len() as u32;
		assert_eq!(n, all - 2);
		assert!(abs_runtime::TxPause::is_paused_unbound(
			b"Servicing".to_vec(),
			b"propose_restructuring".to_vec()
		));
		assert!(!abs_runtime::TxPause::is_paused_unbound(b"Servicing".to_vec(), b"pay".to_vec()));
		// Only governance resumes.
		assert_noop!(
			Roles::resume(r(), h(8), name("Assets"), None),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Roles::resume(RuntimeOrigin::root(), h(8), name("Assets"), None));
		assert_ok!(t.dispatch(RuntimeOrigin::signed(Alice.to_account_id())));
		// A participant without the Regulator licence halts nothing.
		assert_noop!(
			Roles::halt(RuntimeOrigin::signed(Bob.to_account_id()), h(9), name("Loans"), None),
			pallet_roles::Error::<Runtime>::NotGovernanceOrRegulator
		);
	});
}

#[test]
fn an_account_without_abs_pays_its_fee_in_usda() {
	dev_ext().execute_with(|| {
		// Bob gives away all his ABS (he stays alive on his USDA: USDA is sufficient).
		let bob = Bob.to_account_id();
		assert_ok!(Balances::transfer_all(
			RuntimeOrigin::signed(bob.clone()),
			Alice.to_account_id().into(),
			false
		));
		assert_eq!(Balances::free_balance(&bob), 0);
		start_block();
		let fee_account = fees::fee_account();
		let (usda0, fees0, supply0) = (usda(&bob), usda(&fee_account), Assets::total_supply(USDA));
		let xt = signed(Bob, usda_transfer(Charlie, 1_000_000));
		let len = xt.encoded_size() as u32;
		let native_fee =
			pallet_transaction_payment::Pallet::<Runtime>::query_info(xt.clone(), len).partial_fee;
		assert_ok!(submit(xt));
		// ⌈native fee × 10⁶ / 10¹²⌉ at the genesis rate of 1 USDA per ABS, computed here.
		let expected = native_fee.div_ceil(1_000_000);
		assert!(expected > 0);
		let paid = usda0 - 1_000_000 - usda(&bob);
		assert_eq!(paid, expected, "native fee {native_fee}");
		assert_eq!(usda(&fee_account) - fees0, expected);
		assert_eq!(Assets::total_supply(USDA), supply0);
		System::assert_has_event(
			pallet_stablecoin::Event::FeePaid {
				who: bob.clone(),
				native_fee,
				stable_fee: expected,
			}
			.into(),
		);
		// With stablecoin fees turned off, an account without ABS cannot pay at all.
		assert_ok!(Stablecoin::set_fee_rate(RuntimeOrigin::root(), None));
		assert_eq!(
			submit(signed(Bob, usda_transfer(Charlie, 1))),
			Err(InvalidTransaction::Payment.into())
		);
		Stablecoin::do_try_state().unwrap();
	});
}
