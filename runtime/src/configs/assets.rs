//! `pallet-assets`: holds only the settlement stablecoin (asset id
//! [`abs_primitives::STABLECOIN_ASSET_ID`], 6 decimals), created at genesis as **sufficient**
//! so that an account holding only stablecoin (a borrower, an investor) exists without native
//! tokens. Nobody can create other assets (`CreateOrigin` is never satisfied). USDA's owner,
//! issuer, admin and freezer is the keyless account of `pallet-stablecoin` (`abs/usda`), and
//! `ForceOrigin` is never satisfied: no key can mint, burn, force-transfer, freeze, re-team or
//! destroy it; governance acts through `pallet-stablecoin` (`permissions.rs`).

use frame_support::{
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, NeverEnsureOrigin},
};

use super::super::{AccountId, AssetId, Balance, Balances, Runtime, RuntimeEvent, MILLI_UNIT};

parameter_types! {
	/// Deposits in the native token, reserved from the asset's owner / account holders.
	pub const AssetDeposit: Balance = 100 * MILLI_UNIT;
	pub const MetadataDepositBase: Balance = 10 * MILLI_UNIT;
	pub const MetadataDepositPerByte: Balance = MILLI_UNIT / 10;
	pub const ApprovalDeposit: Balance = MILLI_UNIT;
}

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	/// No new assets: the stablecoin is created at genesis.
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	/// Nobody: not even Root can `start_destroy` or `force_asset_status` the stablecoin.
	type ForceOrigin = NeverEnsureOrigin<()>;
	type AssetDeposit = AssetDeposit;
	/// The stablecoin is sufficient: holding it needs no deposit.
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}
