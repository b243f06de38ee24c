//! The servicing logic, a file per feature (as `pallet-nfts`' `features/`): the in-memory
//! [`work::Work`] every change goes through, payments, delinquency (the checkpoint hook),
//! restructuring, queries and invariants.

pub(crate) mod delinquency;
pub(crate) mod invariants;
pub(crate) mod payments;
pub(crate) mod queries;
pub(crate) mod restructuring;
pub(crate) mod work;
