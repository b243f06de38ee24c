//! Unit tests, a file per area; every test runs the pallet's invariants at its end.

mod create;
mod readers;
