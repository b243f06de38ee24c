//! `abs-node`: the ABS Chain node (Aura block authoring, GRANDPA finality, ParityDB, JSON-RPC
//! with the `abs_*` methods).

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
