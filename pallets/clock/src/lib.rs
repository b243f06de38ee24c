//! # Clock pallet
//!
//! The chain's *today*: finance on ABS Chain runs on **day numbers** (days since 1970-01-01),
//! never on block numbers. This pallet turns the block timestamp into a day:
//!
//! `today = genesis_day + (now − genesis_time) / DayLength`
//!
//! - `DayLength` (seconds) is fixed at genesis: 86,400 in `local_testnet` and production, 1 on
//!   `--dev` so tests can live through months in minutes.
//! - `genesis_time` is the timestamp of the first block; `genesis_day` is the calendar day of
//!   that timestamp unless the genesis config fixes it.
//! - The day is recomputed each time the timestamp is set (`OnTimestampSet`); when it moves,
//!   [`Event::DayAdvanced`] says from which day to which. A block may pass several days when a
//!   day is shorter than a block: consumers catch up in order from their own cursors.
//!
//! Other pallets read the day through [`abs_traits::Today`], implemented by [`Pallet`].
//! Before the timestamp of the current block is set (e.g. in `on_initialize`), `today()` is the
//! day as of the previous block.
#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use abs_primitives::{DayNumber, Moment, MILLIS_PER_SECOND, SECONDS_PER_DAY};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {}

	/// Length of a chain day, in seconds (never zero).
	#[pallet::storage]
	pub type DayLength<T> = StorageValue<_, u64, ValueQuery, DefaultDayLength>;

	/// The default day length: a real day.
	#[pallet::type_value]
	pub fn DefaultDayLength() -> u64 {
		SECONDS_PER_DAY
	}

	/// Day number fixed by the genesis config; `None` means "the calendar day of the first block".
	#[pallet::storage]
	pub type ConfiguredGenesisDay<T> = StorageValue<_, DayNumber, OptionQuery>;

	/// `(genesis_time_ms, genesis_day)`, set when the first block's timestamp is set.
	#[pallet::storage]
	pub type Origin<T> = StorageValue<_, (Moment, DayNumber), OptionQuery>;

	/// Today's day number, as of the last timestamp set.
	#[pallet::storage]
	pub type CurrentDay<T> = StorageValue<_, DayNumber, ValueQuery>;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Length of a chain day in seconds (0 is refused at genesis).
		pub day_length_secs: u64,
		/// Fix the first block's day number instead of deriving it from its timestamp.
		pub genesis_day: Option<DayNumber>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		/// Real 86,400-second days, genesis day from the first block's timestamp.
		fn default() -> Self {
			Self {
				day_length_secs: SECONDS_PER_DAY,
				genesis_day: None,
				_config: Default::default(),
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.day_length_secs != 0, "clock: day_length_secs must not be zero");
			DayLength::<T>::put(self.day_length_secs);
			if let Some(day) = self.genesis_day {
				ConfiguredGenesisDay::<T>::put(day);
				CurrentDay::<T>::put(day);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The clock started: days count from the first block's timestamp.
		ClockStarted { genesis_time: Moment, genesis_day: DayNumber, day_length_secs: u64 },
		/// The chain's day moved forward (possibly by several days in one block).
		DayAdvanced { from: DayNumber, to: DayNumber },
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// Recompute today from a timestamp (ms). Called by `pallet-timestamp` via
		/// `OnTimestampSet`; starts the clock on the first call.
		pub fn on_timestamp(now: Moment) {
			let (genesis_time, genesis_day) = match Origin::<T>::get() {
				Some(origin) => origin,
				None => {
					let day = ConfiguredGenesisDay::<T>::get().unwrap_or_else(|| {
						DayNumber::try_from(now / (SECONDS_PER_DAY * MILLIS_PER_SECOND))
							.unwrap_or(DayNumber::MAX)
					});
					Origin::<T>::put((now, day));
					CurrentDay::<T>::put(day);
					Self::deposit_event(Event::ClockStarted {
						genesis_time: now,
						genesis_day: day,
						day_length_secs: DayLength::<T>::get(),
					});
					(now, day)
				}
			};
			let today = Self::day_at(genesis_time, genesis_day, now);
			let previous = CurrentDay::<T>::get();
			// Timestamps never go backwards (pallet-timestamp enforces it), so neither do days.
			if today > previous {
				CurrentDay::<T>::put(today);
				Self::deposit_event(Event::DayAdvanced { from: previous, to: today });
			}
		}

		/// The day number at timestamp `now` (ms) for a clock started at `genesis_time`.
		pub fn day_at(genesis_time: Moment, genesis_day: DayNumber, now: Moment) -> DayNumber {
			let day_ms = DayLength::<T>::get().saturating_mul(MILLIS_PER_SECOND).max(1);
			let elapsed_days = now.saturating_sub(genesis_time).checked_div(day_ms).unwrap_or(0);
			genesis_day.saturating_add(DayNumber::try_from(elapsed_days).unwrap_or(DayNumber::MAX))
		}

		/// The clock's parameters: `(genesis_time, genesis_day, day_length_secs, today)`.
		pub fn info() -> Option<(Moment, DayNumber, u64, DayNumber)> {
			Origin::<T>::get()
				.map(|(time, day)| (time, day, DayLength::<T>::get(), CurrentDay::<T>::get()))
		}

		/// Invariants: the day length is positive; today is never before the genesis day.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			ensure!(DayLength::<T>::get() > 0, "clock: zero day length");
			if let Some((_, genesis_day)) = Origin::<T>::get() {
				ensure!(CurrentDay::<T>::get() >= genesis_day, "clock: today before genesis day");
			}
			Ok(())
		}
	}
}

impl<T: Config> abs_traits::Today for Pallet<T> {
	fn today() -> DayNumber {
		CurrentDay::<T>::get()
	}
}

/// Worst case of [`Pallet::on_timestamp`]: reads DayLength, Origin, ConfiguredGenesisDay and
/// CurrentDay; writes Origin and CurrentDay (first block), plus one event.
pub fn on_timestamp_weight<T: frame_system::Config>() -> frame_support::weights::Weight {
	use frame_support::traits::Get;
	T::DbWeight::get()
		.reads_writes(4, 2)
		// Compute allowance: a division and an event deposit.
		.saturating_add(frame_support::weights::Weight::from_parts(5_000_000, 0))
}

impl<T: Config> frame_support::traits::OnTimestampSet<Moment> for Pallet<T> {
	fn on_timestamp_set(now: Moment) {
		frame_system::Pallet::<T>::register_extra_weight_unchecked(
			on_timestamp_weight::<T>(),
			frame_support::dispatch::DispatchClass::Mandatory,
		);
		Self::on_timestamp(now);
	}
}
