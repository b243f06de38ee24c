//! JSON-RPC: Substrate's standard methods plus ABS Chain's `abs_*` methods, one file per
//! domain. Each `abs_*` method is a thin adapter over a runtime API at a block (the best block
//! unless the caller names one).

pub mod clock;
pub mod common;
pub mod disclosures;
pub mod loans;
pub mod notices;
pub mod oracle;
pub mod pools;
pub mod ratings;
pub mod recovery;
pub mod roles;
pub mod servicing;

use std::sync::Arc;

use abs_runtime::{opaque::Block, AccountId, Balance, Nonce};
use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC methods need from the node.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
}

/// The node's full RPC module.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ sc_client_api::BlockchainEvents<Block>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: pallet_clock_runtime_api::ClockApi<Block>,
	C::Api: pallet_roles_runtime_api::RolesApi<Block, AccountId>,
	C::Api: pallet_disclosures_runtime_api::DisclosuresApi<Block, AccountId>,
	C::Api: pallet_loans_runtime_api::LoansApi<Block, AccountId>,
	C::Api: pallet_servicing_runtime_api::ServicingApi<Block, AccountId>,
	C::Api: pallet_recovery_runtime_api::RecoveryApi<Block, AccountId>,
	C::Api: pallet_notices_runtime_api::NoticesApi<Block, AccountId>,
	C::Api: pallet_pools_runtime_api::PoolsApi<Block, AccountId>,
	C::Api: pallet_oracle_runtime_api::OracleApi<Block, AccountId>,
	C::Api: pallet_ratings_runtime_api::RatingsApi<Block, AccountId>,
	C::Api: BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	use clock::ClockApiServer;
	use disclosures::DisclosuresApiServer;
	use loans::LoansApiServer;
	use notices::NoticesApiServer;
	use oracle::OracleApiServer;
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use pools::PoolsApiServer;
	use ratings::RatingsApiServer;
	use recovery::RecoveryApiServer;
	use roles::RolesApiServer;
	use servicing::ServicingApiServer;
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(clock::ClockRpc::new(client.clone()).into_rpc())?;
	module.merge(roles::RolesRpc::new(client.clone()).into_rpc())?;
	module.merge(disclosures::DisclosuresRpc::new(client.clone()).into_rpc())?;
	module.merge(loans::LoansRpc::new(client.clone()).into_rpc())?;
	module.merge(servicing::ServicingRpc::new(client.clone()).into_rpc())?;
	module.merge(notices::NoticesRpc::new(client.clone()).into_rpc())?;
	module.merge(recovery::RecoveryRpc::new(client.clone()).into_rpc())?;
	module.merge(pools::PoolsRpc::new(client.clone()).into_rpc())?;
	module.merge(oracle::OracleRpc::new(client.clone()).into_rpc())?;
	module.merge(ratings::RatingsRpc::new(client).into_rpc())?;

	Ok(module)
}

/// A runtime-API failure as a JSON-RPC error (server error −32000 range, with the detail).
pub(crate) fn runtime_error(e: impl std::fmt::Display) -> jsonrpsee::types::ErrorObjectOwned {
	jsonrpsee::types::ErrorObject::owned(
		RUNTIME_ERROR,
		"runtime API call failed",
		Some(e.to_string()),
	)
}

/// JSON-RPC error code of a failed runtime-API call.
pub(crate) const RUNTIME_ERROR: i32 = -32000;
