//! # Disclosures pallet
//!
//! Confidential records (`shared/domain.md`, Confidentiality). Everything on chain is readable
//! by every node, so confidentiality is encryption, done by clients: a record is the hash of
//! the plaintext, the hash and URI of the ciphertext, and **one sealed key envelope per
//! reader** (the record's content key sealed to the reader's X25519 key, registered in
//! `pallet-roles`). The runtime never sees plaintext or content keys.
//!
//! - Creating a record requires an envelope for the owner and for **every current Regulator**
//!   with a registered key; it is refused otherwise, with an error naming which is missing.
//! - The owner grants readers (adds envelopes) and revokes them; every grant and revocation is
//!   an event with the record id, the reader and the block: the access audit trail.
//!   Revocation stops future reads from chain; it cannot un-share what a reader decrypted.
//! - A new Regulator gets envelopes for existing records from their owners; the runtime API
//!   lists records still missing one.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod functions;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime: participants with keys, regulators.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Register `who` with the X25519 key `key`.
	fn participant_with_key(who: &AccountId, key: abs_primitives::EncryptionKey);
	/// Make `who` a regulator (already a participant).
	fn make_regulator(who: &AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use abs_primitives::{Hash, RecordId};
	use abs_traits::{RoleCheck, Today};
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// A sealed envelope as passed to calls.
	pub type SealedOf<T> = BoundedVec<u8, <T as Config>::MaxEnvelopeLen>;
	/// The envelopes of a new record.
	pub type EnvelopesOf<T> = BoundedVec<
		(<T as frame_system::Config>::AccountId, SealedOf<T>),
		<T as Config>::MaxReaders,
	>;
	/// One grant of [`Pallet::grant_readers_batch`].
	pub type ReaderGrantOf<T> = ReaderGrant<<T as frame_system::Config>::AccountId, SealedOf<T>>;
	/// A stored record.
	pub type RecordOf<T> = Record<<T as frame_system::Config>::AccountId, <T as Config>::MaxUriLen>;
	/// A stored envelope.
	pub type EnvelopeOf<T> = Envelope<BlockNumberFor<T>, <T as Config>::MaxEnvelopeLen>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Participants, roles, freezes and encryption keys.
		type Roles: RoleCheck<Self::AccountId>;
		/// The chain's today.
		type Today: Today;
		/// Most readers (envelopes) of one record, owner and regulators included.
		#[pallet::constant]
		type MaxReaders: Get<u32>;
		/// Largest sealed envelope, in bytes.
		#[pallet::constant]
		type MaxEnvelopeLen: Get<u32>;
		/// Longest ciphertext URI, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;
		/// Most regulators whose envelopes a record must carry.
		#[pallet::constant]
		type MaxRegulators: Get<u32>;
		/// Who passes a loan's records on besides their owners (a pooled loan's seller to the
		/// trustee, the trustee to the pool's agencies).
		type Delegation: abs_traits::ReadDelegation<Self::AccountId>;
		/// Weights.
		type WeightInfo: WeightInfo;
		/// Sets up participants for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next record gets.
	#[pallet::storage]
	pub type NextRecordId<T> = StorageValue<_, RecordId, ValueQuery>;

	/// Records by id.
	#[pallet::storage]
	pub type Records<T: Config> = StorageMap<_, Twox64Concat, RecordId, RecordOf<T>>;

	/// Envelopes: record → reader → envelope.
	#[pallet::storage]
	pub type Envelopes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RecordId, Blake2_128Concat, T::AccountId, EnvelopeOf<T>>;

	/// Index of records by subject.
	#[pallet::storage]
	pub type SubjectRecords<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Subject, Twox64Concat, RecordId, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A record was created (its initial readers follow as `ReaderGranted`).
		RecordCreated {
			record_id: RecordId,
			owner: T::AccountId,
			subject: Subject,
			kind: RecordKind,
			plaintext_hash: Hash,
		},
		/// A reader was given an envelope (access audit trail).
		ReaderGranted { record_id: RecordId, reader: T::AccountId, block: BlockNumberFor<T> },
		/// A reader's envelope was removed (access audit trail).
		ReaderRevoked { record_id: RecordId, reader: T::AccountId, block: BlockNumberFor<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer is not a registered participant.
		NotRegistered,
		/// The signer is frozen by the regulator.
		ParticipantFrozen,
		/// No record with this id.
		UnknownRecord,
		/// Only the record's owner manages its readers.
		NotOwner,
		/// The owner's own envelope is missing (the owner must have a registered key).
		MissingOwnerEnvelope,
		/// A current regulator's envelope is missing: every regulator with a registered key
		/// reads every record.
		MissingRegulatorEnvelope,
		/// A reader has no registered encryption key to seal to.
		ReaderWithoutKey,
		/// The same reader appears twice.
		DuplicateReader,
		/// An envelope is empty.
		EmptyEnvelope,
		/// The reader already has an envelope sealed to its current key.
		AlreadyReader,
		/// The account is not a reader of this record.
		NotAReader,
		/// The record has the maximum number of readers.
		TooManyReaders,
		/// The owner's envelope cannot be revoked.
		CannotRevokeOwner,
		/// A current regulator's envelope cannot be revoked.
		CannotRevokeRegulator,
		/// Record ids are exhausted.
		RecordIdOverflow,
		/// The signer neither owns the record nor may pass it on to this reader for this
		/// loan (the loan's record, the pool's tiers), or cannot read it itself.
		NotAllowedToPassOn,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a record with its initial envelopes (owner's and every regulator's included).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_record(u32::try_from(envelopes.len()).unwrap_or(u32::MAX)))]
		pub fn create_record(
			origin: OriginFor<T>,
			subject: Subject,
			kind: RecordKind,
			plaintext_hash: Hash,
			ciphertext_hash: Hash,
			uri: BoundedVec<u8, T::MaxUriLen>,
			envelopes: EnvelopesOf<T>,
		) -> DispatchResult {
			let owner = Self::ensure_participant(origin)?;
			let keys = Self::validate_envelopes(&owner, &envelopes)?;
			let record_id = NextRecordId::<T>::get();
			record_id.checked_add(1).ok_or(Error::<T>::RecordIdOverflow)?;
			let record = Record {
				owner,
				subject,
				kind,
				plaintext_hash,
				ciphertext_hash,
				uri,
				readers: 0,
				created_on: T::Today::today(),
			};
			Self::do_create(record_id, record, envelopes, keys);
			Ok(())
		}

		/// Give `reader` an envelope for a record (the owner). A reader whose key rotated may
		/// be given a new one.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::grant_reader())]
		pub fn grant_reader(
			origin: OriginFor<T>,
			record_id: RecordId,
			reader: T::AccountId,
			sealed: SealedOf<T>,
		) -> DispatchResult {
			let owner = Self::ensure_participant(origin)?;
			let record = Records::<T>::get(record_id).ok_or(Error::<T>::UnknownRecord)?;
			ensure!(record.owner == owner, Error::<T>::NotOwner);
			ensure!(!sealed.is_empty(), Error::<T>::EmptyEnvelope);
			let key = T::Roles::encryption_key(&reader).ok_or(Error::<T>::ReaderWithoutKey)?;
			let replaces = match Envelopes::<T>::get(record_id, &reader) {
				Some(e) => {
					ensure!(e.reader_key != key, Error::<T>::AlreadyReader);
					true
				}
				None => {
					ensure!(record.readers < T::MaxReaders::get(), Error::<T>::TooManyReaders);
					false
				}
			};
			Self::do_grant(record_id, record, reader, key, sealed, replaces);
			Ok(())
		}

		/// Give readers envelopes of up to [`MAX_BATCH_GRANTS`] records at once: each grant is
		/// the owner's, or passes a loan's record down the pool's tiers (the seller to the
		/// trustee, the trustee to the pool's rating agencies; the signer must read the record
		/// itself). All or nothing; each grant is a `ReaderGranted` event.
		#[pallet::call_index(3)]
		#[pallet::weight({
			let n = u32::try_from(grants.len()).unwrap_or(u32::MAX);
			T::WeightInfo::grant_readers_batch(n).saturating_add(
				<T::Delegation as abs_traits::ReadDelegation<T::AccountId>>::weight()
					.saturating_mul(u64::from(n)),
			)
		})]
		pub fn grant_readers_batch(
			origin: OriginFor<T>,
			grants: BoundedVec<ReaderGrantOf<T>, ConstU32<MAX_BATCH_GRANTS>>,
		) -> DispatchResult {
			let who = Self::ensure_participant(origin)?;
			for g in grants {
				Self::grant_one(&who, g)?;
			}
			Ok(())
		}

		/// Remove `reader`'s envelope (the owner). Neither the owner's nor a current
		/// regulator's envelope can be revoked.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::revoke_reader())]
		pub fn revoke_reader(
			origin: OriginFor<T>,
			record_id: RecordId,
			reader: T::AccountId,
		) -> DispatchResult {
			let owner = Self::ensure_participant(origin)?;
			let record = Records::<T>::get(record_id).ok_or(Error::<T>::UnknownRecord)?;
			ensure!(record.owner == owner, Error::<T>::NotOwner);
			ensure!(Envelopes::<T>::contains_key(record_id, &reader), Error::<T>::NotAReader);
			ensure!(reader != owner, Error::<T>::CannotRevokeOwner);
			ensure!(
				!T::Roles::has_role(
					&reader,
					abs_primitives::Role::Regulator,
					abs_primitives::Scope::Global
				),
				Error::<T>::CannotRevokeRegulator
			);
			Self::do_revoke(record_id, record, reader);
			Ok(())
		}
	}
}
