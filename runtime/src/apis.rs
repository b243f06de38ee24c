//! The runtime APIs the node and clients call: Substrate's standard set plus ABS Chain's own
//! (served over JSON-RPC as `abs_*` by the node's `rpc/` module).

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use super::{
	AccountId, Aura, Balance, Block, Executive, Grandpa, InherentDataExt, Nonce, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, SessionKeys, System, TransactionPayment,
	VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// No sessions on this chain: the key owner proof type has no values.
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_clock_runtime_api::ClockApi<Block> for Runtime {
		fn clock() -> Option<pallet_clock_runtime_api::ClockInfo> {
			pallet_clock::Pallet::<Runtime>::info().map(
				|(genesis_time, genesis_day, day_length_secs, today)| {
					pallet_clock_runtime_api::ClockInfo {
						today,
						date: abs_primitives::CalendarDate::from_day_number(today),
						day_length_secs,
						genesis_day,
						genesis_time,
					}
				},
			)
		}
	}

	impl pallet_roles_runtime_api::RolesApi<Block, AccountId> for Runtime {
		fn participant(who: AccountId) -> Option<pallet_roles_runtime_api::ParticipantView<AccountId>> {
			let p = pallet_roles::Participants::<Runtime>::get(&who)?;
			let roles = pallet_roles::Pallet::<Runtime>::roles_of(&who)
				.into_iter()
				.map(|(role, scope, g, active)| role_view(role, scope, g, active))
				.collect();
			Some(pallet_roles_runtime_api::ParticipantView {
				name_hash: p.name_hash,
				encryption_key: p.encryption_key,
				frozen: p.frozen.map(|f| (f.reason, f.since)),
				registered_on: p.registered_on,
				roles,
			})
		}

		fn role_holders(
			role: abs_primitives::Role,
			start_after: Option<(AccountId, abs_primitives::Scope)>,
			limit: u32,
		) -> Vec<pallet_roles_runtime_api::HolderView<AccountId>> {
			let limit = limit.min(pallet_roles_runtime_api::MAX_PAGE);
			pallet_roles::Pallet::<Runtime>::holders_page(role, start_after, limit)
				.into_iter()
				.map(|(account, scope, g, active)| pallet_roles_runtime_api::HolderView {
					frozen: pallet_roles::Pallet::<Runtime>::frozen(&account),
					grant: role_view(role, scope, g, active),
					account,
				})
				.collect()
		}
	}

	impl pallet_disclosures_runtime_api::DisclosuresApi<Block, AccountId> for Runtime {
		fn records_of(
			subject: abs_primitives::Subject,
		) -> Vec<pallet_disclosures_runtime_api::RecordView<AccountId>> {
			pallet_disclosures::Pallet::<Runtime>::records_of(subject, pallet_disclosures_runtime_api::MAX_PAGE)
				.into_iter()
				.map(|(id, r)| record_view(id, r))
				.collect()
		}

		fn record(id: abs_primitives::RecordId) -> Option<pallet_disclosures_runtime_api::RecordView<AccountId>> {
			pallet_disclosures::Records::<Runtime>::get(id).map(|r| record_view(id, r))
		}

		fn missing_regulator_envelopes(
			from: abs_primitives::RecordId,
			max_scan: u32,
		) -> (Vec<(abs_primitives::RecordId, Vec<AccountId>)>, abs_primitives::RecordId) {
			pallet_disclosures::Pallet::<Runtime>::missing_regulator_envelopes(
				from,
				max_scan.min(pallet_disclosures_runtime_api::MAX_SCAN),
			)
		}
	}

	impl pallet_loans_runtime_api::LoansApi<Block, AccountId> for Runtime {
		fn loan(id: abs_primitives::LoanId) -> Option<pallet_loans_runtime_api::LoanView<AccountId>> {
			pallet_loans::Pallet::<Runtime>::loan_view(id)
		}

		fn loans_by(
			index: pallet_loans::LoanIndex,
			who: AccountId,
			start_after: Option<abs_primitives::LoanId>,
			limit: u32,
		) -> Vec<abs_primitives::LoanId> {
			pallet_loans::Pallet::<Runtime>::page(index, &who, start_after, limit.min(pallet_loans_runtime_api::MAX_PAGE))
		}

		fn history(
			id: abs_primitives::LoanId,
			from: u32,
			limit: u32,
		) -> Vec<pallet_loans_runtime_api::HistoryView<AccountId>> {
			pallet_loans::Pallet::<Runtime>::history_view(id, from, limit.min(pallet_loans_runtime_api::MAX_PAGE))
		}

		fn escrow() -> pallet_loans_runtime_api::EscrowView {
			pallet_loans::Pallet::<Runtime>::escrow_view()
		}
	}

	impl pallet_servicing_runtime_api::ServicingApi<Block, AccountId> for Runtime {
		fn schedule(id: abs_primitives::LoanId) -> Option<pallet_servicing_runtime_api::ScheduleView> {
			pallet_servicing::Pallet::<Runtime>::schedule_view(id)
		}

		fn servicing(id: abs_primitives::LoanId) -> Option<pallet_servicing_runtime_api::ServicingView<AccountId>> {
			pallet_servicing::Pallet::<Runtime>::servicing_view(id)
		}

		fn payoff(id: abs_primitives::LoanId, day: abs_primitives::DayNumber) -> Option<abs_primitives::Balance> {
			pallet_servicing::Pallet::<Runtime>::payoff_on(id, day)
		}

		fn payments(
			id: abs_primitives::LoanId,
			from: u32,
			limit: u32,
		) -> Vec<pallet_servicing_runtime_api::PaymentView<AccountId>> {
			pallet_servicing::Pallet::<Runtime>::payments_view(id, from, limit.min(pallet_servicing_runtime_api::MAX_PAGE))
		}

	}

	impl pallet_notices_runtime_api::NoticesApi<Block, AccountId> for Runtime {
		fn notices(
			who: abs_primitives::Addressee<AccountId>,
		) -> Vec<pallet_notices_runtime_api::NoticeView> {
			// This block's events (the state at a block holds that block's events).
			let records = System::read_events_no_consensus().collect::<Vec<_>>();
			let ours = records.iter().enumerate().filter_map(|(i, r)| match &r.event {
				RuntimeEvent::Notices(e) => Some((u32::try_from(i).unwrap_or(u32::MAX), e)),
				_ => None,
			});
			pallet_notices::Pallet::<Runtime>::notices_for(&who, ours)
		}
	}

	impl pallet_recovery_runtime_api::RecoveryApi<Block, AccountId> for Runtime {
		fn recovery(id: abs_primitives::LoanId) -> Option<pallet_recovery_runtime_api::RecoveryView<AccountId>> {
			pallet_recovery::Pallet::<Runtime>::recovery_view(id)
		}

		fn params() -> pallet_recovery_runtime_api::AuctionParams {
			pallet_recovery::Params::<Runtime>::get()
		}
	}

	impl pallet_ratings_runtime_api::RatingsApi<Block, AccountId> for Runtime {
		fn ratings(pool: abs_primitives::PoolId, tranche: u8) -> Vec<pallet_ratings_runtime_api::Rating<AccountId>> {
			pallet_ratings::Pallet::<Runtime>::ratings(pool, tranche)
		}

		fn history(
			pool: abs_primitives::PoolId,
			tranche: u8,
			from: u32,
			limit: u32,
		) -> Vec<(u32, pallet_ratings_runtime_api::Rating<AccountId>)> {
			pallet_ratings::Pallet::<Runtime>::history(pool, tranche, from, limit)
		}

		fn agencies(pool: abs_primitives::PoolId) -> Vec<AccountId> {
			pallet_ratings::Pallet::<Runtime>::agencies(pool)
		}

		fn monitors(
			pool: abs_primitives::PoolId,
		) -> (Vec<pallet_ratings_runtime_api::Rule<AccountId>>, Vec<(u8, u32)>) {
			let watched = (0..8u8)
				.map(|t| (t, pallet_ratings::Pallet::<Runtime>::watch_count(pool, t)))
				.filter(|(_, n)| *n > 0)
				.collect();
			(pallet_ratings::Pallet::<Runtime>::monitors(pool), watched)
		}

		fn pool_alerts(
			pool: abs_primitives::PoolId,
			from: u32,
			limit: u32,
		) -> Vec<(abs_primitives::PoolId, u32, pallet_ratings_runtime_api::Alert<AccountId, u32>)> {
			pallet_ratings::Pallet::<Runtime>::pool_alerts(pool, from, limit)
		}

		fn agency_alerts(
			agency: AccountId,
			from: u32,
			limit: u32,
		) -> Vec<(abs_primitives::PoolId, u32, pallet_ratings_runtime_api::Alert<AccountId, u32>)> {
			pallet_ratings::Pallet::<Runtime>::agency_alerts(&agency, from, limit)
		}
	}

	impl pallet_oracle_runtime_api::OracleApi<Block, AccountId> for Runtime {
		fn answer(key: abs_primitives::OracleKey) -> abs_primitives::OracleAnswer {
			pallet_oracle::Pallet::<Runtime>::answer(key)
		}

		fn class(class: abs_primitives::OracleClass) -> Option<pallet_oracle_runtime_api::ClassView<AccountId>> {
			pallet_oracle::Pallet::<Runtime>::class_view(class)
		}
	}

	impl pallet_pools_runtime_api::PoolsApi<Block, AccountId> for Runtime {
		fn pool(id: abs_primitives::PoolId) -> Option<pallet_pools_runtime_api::PoolView<AccountId>> {
			pallet_pools::Pallet::<Runtime>::pool_view(id)
		}

		fn pools(from: abs_primitives::PoolId, limit: u32) -> Vec<pallet_pools_runtime_api::PoolView<AccountId>> {
			pallet_pools::Pallet::<Runtime>::pool_views(from, limit)
		}

		fn pool_loans(
			id: abs_primitives::PoolId,
			after: Option<abs_primitives::LoanId>,
			limit: u32,
		) -> Vec<(abs_primitives::LoanId, pallet_pools_runtime_api::PoolLoan<AccountId>)> {
			pallet_pools::Pallet::<Runtime>::pool_loans(id, after, limit)
		}

		fn metrics(id: abs_primitives::PoolId) -> Option<pallet_pools_runtime_api::MetricsView> {
			pallet_pools::Pallet::<Runtime>::metrics(id)
		}

		fn period(id: abs_primitives::PoolId, index: u32) -> Option<pallet_pools_runtime_api::PeriodReport> {
			pallet_pools::Pallet::<Runtime>::period_report(id, index)
		}

		fn strats(id: abs_primitives::PoolId) -> Option<pallet_pools_runtime_api::StratsView> {
			pallet_pools::Pallet::<Runtime>::strats(id)
		}

		fn tranche(id: abs_primitives::PoolId, tranche: u8) -> Option<pallet_pools_runtime_api::Tranche> {
			pallet_pools::Pallet::<Runtime>::tranche_view(id, tranche)
		}

		fn holdings(who: AccountId) -> Vec<(abs_primitives::PoolId, u8, Balance)> {
			pallet_pools::Pallet::<Runtime>::holdings_of(&who)
		}

		fn subscriptions(id: abs_primitives::PoolId) -> Vec<(u8, AccountId, Balance)> {
			pallet_pools::Pallet::<Runtime>::subscriptions_of(id)
		}

		fn deal(
			id: abs_primitives::PoolId,
		) -> Option<(pallet_pools_runtime_api::DealSpec, Option<pallet_pools_runtime_api::DealState>)> {
			pallet_pools::Pallet::<Runtime>::deal_view(id)
		}

		fn payment_report(id: abs_primitives::PoolId, index: u32) -> Option<pallet_pools_runtime_api::PaymentReport> {
			pallet_pools::PaymentReports::<Runtime>::get(id, index)
		}

		fn claimable(who: AccountId, id: abs_primitives::PoolId, tranche: u8) -> Option<(Balance, Balance)> {
			pallet_pools::Pallet::<Runtime>::claimable(&who, id, tranche)
		}

		fn project(
			id: abs_primitives::PoolId,
			scenario: pallet_pools_runtime_api::Scenario,
		) -> Result<pallet_pools_runtime_api::Projection, pallet_pools_runtime_api::ProjectionError> {
			pallet_pools::Pallet::<Runtime>::project(id, scenario)
		}

		fn valuation(
			id: abs_primitives::PoolId,
			tranche: u8,
			scenario: Option<pallet_pools_runtime_api::Scenario>,
			yield_ppb: Option<i64>,
		) -> Result<pallet_pools_runtime_api::TrancheValuation, pallet_pools_runtime_api::ProjectionError> {
			pallet_pools::Pallet::<Runtime>::valuation(id, tranche, scenario, yield_ppb)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime only: a failing pre/post check must stop here with a backtrace.
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, super::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select).expect("execute-block failed") // qed: try-runtime only; a failure is the report
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{baseline, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;
			use baseline::Pallet as BaselineBench;
			use super::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, AllPalletsWithSystem::storage_info())
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{baseline, BenchmarkBatch};
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::Pallet as SystemBench;
			use baseline::Pallet as BaselineBench;
			use sp_storage::TrackedStorageKey;
			use super::*;

			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}

fn role_view(
	role: abs_primitives::Role,
	scope: abs_primitives::Scope,
	g: pallet_roles::RoleGrant<AccountId>,
	active: bool,
) -> pallet_roles_runtime_api::RoleView<AccountId> {
	pallet_roles_runtime_api::RoleView {
		role,
		scope,
		expiry: g.expiry,
		attestation: g.attestation,
		granted_by: match g.granted_by {
			pallet_roles::Grantor::Governance => None,
			pallet_roles::Grantor::KycProvider(who) | pallet_roles::Grantor::Regulator(who) => {
				Some(who)
			}
		},
		granted_on: g.granted_on,
		active,
	}
}

fn record_view(
	id: abs_primitives::RecordId,
	r: pallet_disclosures::RecordOf<Runtime>,
) -> pallet_disclosures_runtime_api::RecordView<AccountId> {
	use pallet_disclosures_runtime_api::{ReaderView, RecordView};
	let readers = pallet_disclosures::Pallet::<Runtime>::readers_of(id)
		.into_iter()
		.map(|(reader, e)| ReaderView {
			reader,
			reader_key: e.reader_key,
			sealed: e.sealed.into_inner(),
			granted_at: e.granted_at,
		})
		.collect();
	RecordView {
		id,
		owner: r.owner,
		subject: r.subject,
		kind: r.kind.name().as_bytes().to_vec(),
		plaintext_hash: r.plaintext_hash,
		ciphertext_hash: r.ciphertext_hash,
		uri: r.uri.into_inner(),
		created_on: r.created_on,
		readers,
	}
}
