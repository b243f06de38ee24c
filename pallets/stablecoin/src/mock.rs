//! A small runtime for the unit tests: System, Balances, Assets (USDA owned by the pallet's
//! keyless account, as in the real runtime), Stablecoin; Root is governance; participants are a
//! every account but the escrow.

use crate as pallet_stablecoin;
use abs_primitives::{Hash, STABLECOIN_ASSET_ID};
use frame_support::{
	derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, NeverEnsureOrigin},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Stablecoin: pallet_stablecoin,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type AccountStore = System;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = u128;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<u64>>;
	type ForceOrigin = NeverEnsureOrigin<()>;
	type Freezer = ();
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ConstU128<0>;
}

/// Freezing through `pallet-assets`, signed by the stablecoin's keyless freezer.
pub struct MockAccounts;
impl abs_traits::StablecoinAccounts<u64> for MockAccounts {
	fn is_frozen(who: &u64) -> Option<bool> {
		pallet_assets::Account::<Test>::get(STABLECOIN_ASSET_ID, who)
			.map(|a| a.status == pallet_assets::AccountStatus::Frozen)
	}
	fn freeze(who: &u64) -> sp_runtime::DispatchResult {
		Assets::freeze(RuntimeOrigin::signed(Stablecoin::account_id()), STABLECOIN_ASSET_ID, *who)
	}
	fn thaw(who: &u64) -> sp_runtime::DispatchResult {
		Assets::thaw(RuntimeOrigin::signed(Stablecoin::account_id()), STABLECOIN_ASSET_ID, *who)
	}
}

parameter_types! {
	pub const UsdaPalletId: PalletId = PalletId(*b"abs/usda");
	pub const Usda: u32 = STABLECOIN_ASSET_ID;
}

impl pallet_stablecoin::Config for Test {
	type GovernanceOrigin = EnsureRoot<u64>;
	type Assets = Assets;
	type StablecoinId = Usda;
	type PalletId = UsdaPalletId;
	type Roles = abs_test_utils::MockRoles;
	type Accounts = MockAccounts;
	type WeightInfo = ();
}

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
/// A pallet's escrow: holds USDA, is no participant.
pub const ESCROW: u64 = 50;
/// Genesis endowments.
pub const ENDOWED: u128 = 1_000_000;

/// A recognisable hash.
pub fn h(n: u8) -> Hash {
	Hash::repeat_byte(n)
}

fn ext() -> sp_io::TestExternalities {
	let usda = pallet_stablecoin::Pallet::<Test>::account_id();
	let storage = RuntimeGenesisConfig {
		assets: pallet_assets::GenesisConfig {
			assets: vec![(STABLECOIN_ASSET_ID, usda, true, 1)],
			metadata: vec![],
			accounts: vec![
				(STABLECOIN_ASSET_ID, ALICE, ENDOWED),
				(STABLECOIN_ASSET_ID, BOB, ENDOWED),
				(STABLECOIN_ASSET_ID, ESCROW, ENDOWED),
			],
			next_asset_id: None,
			reserves: vec![],
		},
		stablecoin: pallet_stablecoin::GenesisConfig {
			fee_rate: Some(1_000_000),
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		// Participants: every account but the escrow.
		abs_test_utils::reset(0);
		abs_test_utils::unregister(ESCROW);
		System::set_block_number(1);
	});
	ext
}

/// Externalities with USDA owned by the pallet, Alice and Bob registered, the escrow not;
/// runs the pallet's invariants after the test.
pub fn build_and_execute(test: impl FnOnce()) {
	ext().execute_with(|| {
		test();
		Stablecoin::do_try_state().unwrap();
	});
}

/// Plain externalities (for the benchmark tests).
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ext()
}
