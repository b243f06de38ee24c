//! The pallet's work, by feature.

pub mod cleanup;
pub(crate) mod closing;
pub(crate) mod collections;
pub(crate) mod contribution;
pub mod dates;
pub(crate) mod eligibility;
pub(crate) mod invariants;
pub(crate) mod offering;
pub mod payments;
pub mod projection;
pub(crate) mod repurchase;
pub(crate) mod structuring;
