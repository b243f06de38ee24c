//! The pallets `abs-node benchmark pallet` measures (`--features runtime-benchmarks` only):
//! every pallet of ours with calls or hooks, and the FRAME pallets this runtime configures.
//! `scripts/benchmark.sh` regenerates our pallets' `weights.rs` from them.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_assets, Assets]
	[pallet_collective, Council]
	[pallet_membership, CouncilMembership]
	[pallet_tx_pause, TxPause]
	[pallet_utility, Utility]
	[pallet_roles, Roles]
	[pallet_disclosures, Disclosures]
	[pallet_loans, Loans]
	[pallet_servicing, Servicing]
	[pallet_recovery, Recovery]
	[pallet_stablecoin, Stablecoin]
	[pallet_pools, Pools]
	[pallet_oracle, Oracle]
	[pallet_ratings, Ratings]
);

impl frame_system_benchmarking::Config for super::Runtime {}
impl frame_benchmarking::baseline::Config for super::Runtime {}
