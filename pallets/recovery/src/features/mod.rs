//! The recovery logic, a file per feature: payouts and credits, enforcement orders and appraisals, auctions and bids, settlement and cancellation (with the two day queues), invariants.

pub(crate) mod auction;
pub(crate) mod enforcement;
pub(crate) mod invariants;
pub(crate) mod payouts;
pub(crate) mod settlement;
