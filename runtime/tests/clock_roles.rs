//! A flow across pallets: the block timestamp drives the clock (1-second days on the dev
//! preset), and the clock's day drives the roles pallet's expiries.
// A test crate: the workspace's no-panic, checked-arithmetic policy is for runtime code.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use abs_primitives::{Role, Scope};
use abs_runtime::{Clock, Roles, RuntimeOrigin};
use abs_traits::{RoleCheck, Today};
use common::{block_at, dev_ext, T0};
use frame_support::assert_ok;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::Dave;

#[test]
fn chain_days_come_from_timestamps_and_expire_roles() {
	dev_ext().execute_with(|| {
		block_at(1, T0);
		let day0 = Clock::today();
		assert_eq!(day0, 20_783, "2026-11-26 is day 20,783");
		let dave = Dave.to_account_id();
		common::register(&dave);
		assert_ok!(Roles::grant_role(
			RuntimeOrigin::root(),
			dave.clone(),
			Role::Investor,
			Scope::Global,
			Some(day0 + 5),
			H256::zero()
		));
		// 3-second blocks with 1-second days: three days per block.
		block_at(2, T0 + 3_000);
		assert_eq!(Clock::today(), day0 + 3);
		assert!(Roles::has_role(&dave, Role::Investor, Scope::Global));
		// Past its expiry day: no longer held, and removed by the hook in the first block of
		// the day (before the fix, in the next block: the hook ran before the timestamp).
		block_at(3, T0 + 6_000);
		assert_eq!(Clock::today(), day0 + 6);
		assert!(!Roles::has_role(&dave, Role::Investor, Scope::Global));
		assert!(!pallet_roles::Grants::<abs_runtime::Runtime>::contains_key(
			&dave,
			(Role::Investor, Scope::Global)
		));
		assert_eq!(pallet_roles::HolderCount::<abs_runtime::Runtime>::get(Role::Investor), 0);
		Roles::do_try_state().unwrap();
		Clock::do_try_state().unwrap();
	});
}
