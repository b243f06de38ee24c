//! The real runtime's genesis and governance: the stablecoin, the council, the governance
//! origin (Root or more than half of the council) as the roles pallet sees it.
// A test crate: the workspace's no-panic, checked-arithmetic policy is for runtime code.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use abs_primitives::STABLECOIN_ASSET_ID;
use abs_runtime::{Assets, Roles, Runtime, RuntimeCall, RuntimeOrigin};
use common::dev_ext;
use frame_support::{
	assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::UnfilteredDispatchable,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};

#[test]
fn development_genesis() {
	dev_ext().execute_with(|| {
		let details = pallet_assets::Asset::<Runtime>::get(STABLECOIN_ASSET_ID).unwrap();
		assert!(details.is_sufficient);
		assert_eq!(pallet_assets::Metadata::<Runtime>::get(STABLECOIN_ASSET_ID).decimals, 6);
		assert_eq!(Assets::balance(STABLECOIN_ASSET_ID, Bob.to_account_id()), 10_000_000_000_000);
		assert_eq!(pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(), {
			let mut m = vec![Alice.to_account_id(), Bob.to_account_id(), Charlie.to_account_id()];
			m.sort();
			m
		});
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Alice.to_account_id()));
		assert_eq!(pallet_clock::DayLength::<Runtime>::get(), 1);
	});
}

/// An account no preset registers.
fn fresh(n: u8) -> sp_runtime::AccountId32 {
	sp_runtime::AccountId32::new([n; 32])
}

fn register(who: sp_runtime::AccountId32) -> RuntimeCall {
	RuntimeCall::Roles(pallet_roles::Call::register_participant {
		who,
		name_hash: H256::repeat_byte(1),
	})
}

#[test]
fn governance_is_root_or_more_than_half_of_the_council() {
	dev_ext().execute_with(|| {
		let council = |ayes, of| -> RuntimeOrigin {
			pallet_collective::RawOrigin::<_, pallet_collective::Instance1>::Members(ayes, of)
				.into()
		};
		// 1 of 3 and exactly half of 4 are not enough; 2 of 3 is.
		assert_noop!(
			register(fresh(7)).dispatch_bypass_filter(council(1, 3)),
			pallet_roles::Error::<Runtime>::NotGovernanceOrKycProvider
		);
		assert_noop!(
			register(fresh(7)).dispatch_bypass_filter(council(2, 4)),
			pallet_roles::Error::<Runtime>::NotGovernanceOrKycProvider
		);
		assert_ok!(register(fresh(7)).dispatch_bypass_filter(council(2, 3)));
		assert_ok!(register(fresh(8)).dispatch_bypass_filter(RuntimeOrigin::root()));
		// A council member signing alone is not governance.
		assert_noop!(
			register(Bob.to_account_id())
				.dispatch_bypass_filter(RuntimeOrigin::signed(Alice.to_account_id())),
			pallet_roles::Error::<Runtime>::NotGovernanceOrKycProvider
		);
		assert!(pallet_roles::Participants::<Runtime>::contains_key(fresh(7)));
		Roles::do_try_state().unwrap();
	});
}

#[test]
fn nobody_creates_assets_or_administers_the_stablecoin_by_key() {
	dev_ext().execute_with(|| {
		let create = RuntimeCall::Assets(pallet_assets::Call::create {
			id: 2u32.into(),
			admin: Alice.to_account_id().into(),
			min_balance: 1,
		});
		assert!(create.get_dispatch_info().call_weight.ref_time() > 0);
		assert!(create
			.dispatch_bypass_filter(RuntimeOrigin::signed(Alice.to_account_id()))
			.is_err());
		let freeze = RuntimeCall::Assets(pallet_assets::Call::freeze_asset {
			id: STABLECOIN_ASSET_ID.into(),
		});
		// freeze_asset is the asset's admin's: a keyless account, so no signer has it.
		assert!(freeze
			.dispatch_bypass_filter(RuntimeOrigin::signed(Alice.to_account_id()))
			.is_err());
	});
}
