//! What the runtime API serves: a class's set with each feeder's record.

use crate::{pallet::*, types::*};
use abs_primitives::OracleClass;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// A feeder of a class and how far its feeds have been from the medians they produced.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct FeederView<AccountId> {
	pub feeder: AccountId,
	/// Feeds recorded in all; the newest deviations (oldest first) and their mean.
	pub feeds: u32,
	pub recent: Vec<Deviation>,
	pub mean_deviation_ppb: i64,
}

/// A class's configuration and feeders.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ClassView<AccountId> {
	pub class: OracleClass,
	pub quorum: u32,
	pub max_age_days: u32,
	pub feeders: Vec<FeederView<AccountId>>,
}

impl<T: Config> Pallet<T> {
	/// Class `class`'s set, quorum, maximum age and each feeder's deviations; `None` if unset.
	pub fn class_view(class: OracleClass) -> Option<ClassView<T::AccountId>> {
		let c = Classes::<T>::get(class)?;
		let feeders = c
			.feeders
			.iter()
			.map(|f| {
				let log = Deviations::<T>::get(class, f);
				FeederView {
					feeder: f.clone(),
					feeds: log.total,
					recent: log.ordered(),
					mean_deviation_ppb: log.mean_ppb(),
				}
			})
			.collect();
		Some(ClassView { class, quorum: c.quorum, max_age_days: c.max_age_days, feeders })
	}
}
