//! `abs-node`: the ABS Chain node (Aura block authoring, GRANDPA finality, ParityDB, JSON-RPC
//! with the `abs_*` methods).

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
