//! Unit tests, a file per area; every test runs the pallet's invariants at its end.

mod expiry;
mod freeze;
mod grants;
mod halt;
mod permissions;
mod signing;
