//! # Notices pallet
//!
//! One notice stream for the whole chain. A pallet calls [`abs_traits::Notify::notify`] with a
//! subject (a loan, pool, tranche or market), the day and a typed [`NoticeKind`]; this pallet
//! resolves the addressees once (through `Config::Addressees`: for a loan, its borrower, owner,
//! servicer and following credit bureaus) and deposits one [`Event::Notice`].
//!
//! - A notice is addressed to accounts **or to its subject**: a subject without addressees
//!   (a tranche, a market) is followed by subject, so no notice ever lists a tranche's holders.
//! - Notices are events (nothing is stored): the node serves them per account or per subject
//!   (`abs_subscribeNotices`, `abs_noticesSince`) from each block's events, through
//!   [`Pallet::notices_for`].
//! - `NoticeKind` only grows (appended, never reordered).
//!
//! No calls, no storage: the callers' weights include the addressee reads and the event.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests;

#[frame_support::pallet]
pub mod pallet {
	use abs_primitives::{Addressee, DayNumber, NoticeKind, NoticeSubject};
	use abs_traits::NoticeAddressees;
	use alloc::vec::Vec;
	use codec::{Decode, Encode};
	use frame_support::pallet_prelude::*;
	use scale_info::TypeInfo;

	/// The addressees of a notice.
	pub type RecipientsOf<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxRecipients>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who notices about a subject go to.
		type Addressees: NoticeAddressees<Self::AccountId>;
		/// Most addressees of one notice (a loan: borrower, owner, servicer and two sets of
		/// following bureaus).
		#[pallet::constant]
		type MaxRecipients: Get<u32>;
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A notice about `subject`, dated `day`, to `recipients` (empty: to the subject's
		/// followers by subject).
		Notice {
			subject: NoticeSubject,
			day: DayNumber,
			kind: NoticeKind,
			recipients: RecipientsOf<T>,
		},
	}

	/// A notice as the runtime API returns it.
	#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
	pub struct NoticeView {
		/// Index of the event in its block.
		pub event_index: u32,
		pub subject: NoticeSubject,
		pub day: DayNumber,
		pub kind: NoticeKind,
	}

	impl<T: Config> abs_traits::Notify for Pallet<T> {
		fn notify(subject: NoticeSubject, day: DayNumber, kind: NoticeKind) {
			let mut recipients = RecipientsOf::<T>::default();
			for a in T::Addressees::addressees(&subject, T::MaxRecipients::get()) {
				if !recipients.contains(&a) && recipients.try_push(a).is_err() {
					break;
				}
			}
			Self::deposit_event(Event::Notice { subject, day, kind, recipients });
		}
	}

	impl<T: Config> abs_traits::NotifyAccounts<T::AccountId> for Pallet<T> {
		fn notify_accounts(
			subject: NoticeSubject,
			day: DayNumber,
			kind: NoticeKind,
			to: &[T::AccountId],
		) {
			let mut recipients = RecipientsOf::<T>::default();
			let all = to
				.iter()
				.cloned()
				.chain(T::Addressees::addressees(&subject, T::MaxRecipients::get()));
			for a in all {
				if !recipients.contains(&a) && recipients.try_push(a).is_err() {
					break;
				}
			}
			Self::deposit_event(Event::Notice { subject, day, kind, recipients });
		}
	}

	impl<T: Config> Pallet<T> {
		/// The notices among a block's events for `who`: addressed to the account, or about
		/// the subject.
		pub fn notices_for<'a>(
			who: &Addressee<T::AccountId>,
			events: impl Iterator<Item = (u32, &'a Event<T>)>,
		) -> Vec<NoticeView>
		where
			T: 'a,
		{
			events
				.filter_map(|(event_index, e)| match e {
					Event::Notice { subject, day, kind, recipients } => {
						let mine = match who {
							Addressee::Account(a) => recipients.contains(a),
							Addressee::Subject(s) => s == subject,
						};
						mine.then_some(NoticeView {
							event_index,
							subject: *subject,
							day: *day,
							kind: *kind,
						})
					}
					_ => None,
				})
				.collect()
		}
	}
}
