//! ABS Chain's own pallets, wired to each other through `abs-traits`.

use super::super::Runtime;

impl pallet_clock::Config for Runtime {}
