//! Unit tests, a file per area; every test runs the pallet's invariants at its end.

mod lifecycle;
mod origination;
mod ownership;
mod review;
