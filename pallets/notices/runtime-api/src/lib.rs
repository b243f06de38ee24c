//! Runtime API of `pallet-notices`, used by the node's `abs_subscribeNotices` and
//! `abs_noticesSince`: a block's notices for an account or a subject.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use abs_primitives::{Addressee, NoticeKind, NoticeSubject};
use alloc::vec::Vec;
use codec::Codec;
pub use pallet_notices::NoticeView;

sp_api::decl_runtime_apis! {
	/// The notice stream.
	pub trait NoticesApi<AccountId: Codec> {
		/// This block's notices addressed to the account or about the subject, in event order.
		fn notices(who: Addressee<AccountId>) -> Vec<NoticeView>;
	}
}
