//! The loans logic, a file per feature: origination (proposal, acceptance, withdrawal, lapse), ownership and servicer changes, queries, invariants.

pub(crate) mod invariants;
pub(crate) mod origination;
pub(crate) mod ownership;
pub(crate) mod queries;
