//! Checks, the `do_*` writers, queries and invariants of the disclosures pallet.

use crate::{pallet::*, types::*};
use abs_primitives::{EncryptionKey, RecordId, Role};
use abs_traits::RoleCheck;
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};
use frame_system::{ensure_signed, pallet_prelude::*};

impl<T: Config> Pallet<T> {
	/// A signed, registered, unfrozen participant.
	pub(crate) fn ensure_participant(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
		let who = ensure_signed(origin)?;
		ensure!(T::Roles::is_registered(&who), Error::<T>::NotRegistered);
		ensure!(!T::Roles::is_frozen(&who), Error::<T>::ParticipantFrozen);
		Ok(who)
	}

	/// Every current regulator with a registered key. The roles pallet grants at most
	/// `MaxRegulators` Regulator roles (the runtime wires one constant into both), so reading
	/// that many holders reads them all, keyed or not, before the filter.
	pub fn regulators_with_keys() -> Vec<T::AccountId> {
		T::Roles::holders(Role::Regulator, T::MaxRegulators::get())
			.into_iter()
			.filter(|r| T::Roles::encryption_key(r).is_some())
			.collect()
	}

	/// Check a new record's envelopes; returns the key each was sealed to.
	pub(crate) fn validate_envelopes(
		owner: &T::AccountId,
		envelopes: &EnvelopesOf<T>,
	) -> Result<Vec<EncryptionKey>, DispatchError> {
		let mut keys = Vec::with_capacity(envelopes.len());
		for (i, (reader, sealed)) in envelopes.iter().enumerate() {
			ensure!(!sealed.is_empty(), Error::<T>::EmptyEnvelope);
			ensure!(
				!envelopes.iter().take(i).any(|(r, _)| r == reader),
				Error::<T>::DuplicateReader
			);
			keys.push(T::Roles::encryption_key(reader).ok_or(Error::<T>::ReaderWithoutKey)?);
		}
		let has = |who: &T::AccountId| envelopes.iter().any(|(r, _)| r == who);
		ensure!(has(owner), Error::<T>::MissingOwnerEnvelope);
		for regulator in Self::regulators_with_keys() {
			ensure!(has(&regulator), Error::<T>::MissingRegulatorEnvelope);
		}
		Ok(keys)
	}

	pub(crate) fn do_create(
		record_id: RecordId,
		mut record: RecordOf<T>,
		envelopes: EnvelopesOf<T>,
		keys: Vec<EncryptionKey>,
	) {
		let block = frame_system::Pallet::<T>::block_number();
		record.readers = u32::try_from(envelopes.len()).unwrap_or(u32::MAX);
		NextRecordId::<T>::put(record_id.saturating_add(1));
		SubjectRecords::<T>::insert(record.subject, record_id, ());
		Self::deposit_event(Event::RecordCreated {
			record_id,
			owner: record.owner.clone(),
			subject: record.subject,
			kind: record.kind,
			plaintext_hash: record.plaintext_hash,
		});
		Records::<T>::insert(record_id, record);
		for ((reader, sealed), reader_key) in envelopes.into_iter().zip(keys) {
			Envelopes::<T>::insert(
				record_id,
				&reader,
				Envelope { reader_key, sealed, granted_at: block },
			);
			Self::deposit_event(Event::ReaderGranted { record_id, reader, block });
		}
	}

	pub(crate) fn do_grant(
		record_id: RecordId,
		mut record: RecordOf<T>,
		reader: T::AccountId,
		reader_key: EncryptionKey,
		sealed: SealedOf<T>,
		replaces: bool,
	) {
		let block = frame_system::Pallet::<T>::block_number();
		if !replaces {
			record.readers = record.readers.saturating_add(1);
			Records::<T>::insert(record_id, record);
		}
		Envelopes::<T>::insert(
			record_id,
			&reader,
			Envelope { reader_key, sealed, granted_at: block },
		);
		Self::deposit_event(Event::ReaderGranted { record_id, reader, block });
	}

	/// One grant of a batch, checked and made.
	pub(crate) fn grant_one(who: &T::AccountId, g: ReaderGrantOf<T>) -> DispatchResult {
		use abs_traits::RecordInspect;
		let record = Records::<T>::get(g.record).ok_or(Error::<T>::UnknownRecord)?;
		let allowed = record.owner == *who
			|| g.loan.is_some_and(|loan| {
				Self::can_read(g.record, who)
					&& <T::Delegation as abs_traits::ReadDelegation<T::AccountId>>::may_pass_on(
						who, loan, g.record, &g.reader,
					)
			});
		ensure!(allowed, Error::<T>::NotAllowedToPassOn);
		ensure!(!g.sealed.is_empty(), Error::<T>::EmptyEnvelope);
		let key = T::Roles::encryption_key(&g.reader).ok_or(Error::<T>::ReaderWithoutKey)?;
		let replaces = match Envelopes::<T>::get(g.record, &g.reader) {
			Some(e) => {
				ensure!(e.reader_key != key, Error::<T>::AlreadyReader);
				true
			}
			None => {
				ensure!(record.readers < T::MaxReaders::get(), Error::<T>::TooManyReaders);
				false
			}
		};
		Self::do_grant(g.record, record, g.reader, key, g.sealed, replaces);
		Ok(())
	}

	pub(crate) fn do_revoke(record_id: RecordId, mut record: RecordOf<T>, reader: T::AccountId) {
		let block = frame_system::Pallet::<T>::block_number();
		Envelopes::<T>::remove(record_id, &reader);
		record.readers = record.readers.saturating_sub(1);
		Records::<T>::insert(record_id, record);
		Self::deposit_event(Event::ReaderRevoked { record_id, reader, block });
	}

	/// Records about `subject` (at most `limit`).
	pub fn records_of(subject: Subject, limit: u32) -> Vec<(RecordId, RecordOf<T>)> {
		SubjectRecords::<T>::iter_key_prefix(subject)
			.filter_map(|id| Records::<T>::get(id).map(|r| (id, r)))
			.take(limit as usize)
			.collect()
	}

	/// The readers of a record with their envelopes.
	pub fn readers_of(record_id: RecordId) -> Vec<(T::AccountId, EnvelopeOf<T>)> {
		Envelopes::<T>::iter_prefix(record_id).collect()
	}

	/// Records `from..from + max_scan` lacking an envelope for a current regulator (with a
	/// key): `(record, regulators missing)`, and where the next scan starts.
	pub fn missing_regulator_envelopes(
		from: RecordId,
		max_scan: u32,
	) -> (Vec<(RecordId, Vec<T::AccountId>)>, RecordId) {
		let regulators = Self::regulators_with_keys();
		let end = NextRecordId::<T>::get().min(from.saturating_add(u64::from(max_scan)));
		let mut out = Vec::new();
		for id in from..end {
			if !Records::<T>::contains_key(id) {
				continue;
			}
			let missing: Vec<_> = regulators
				.iter()
				.filter(|r| !Envelopes::<T>::contains_key(id, *r))
				.cloned()
				.collect();
			if !missing.is_empty() {
				out.push((id, missing));
			}
		}
		(out, end)
	}

	/// Invariants: each record's reader count equals its envelopes and is bounded; the owner
	/// always has an envelope; the subject index matches the records; ids are below the next.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextRecordId::<T>::get();
		let mut records = 0usize;
		for (id, r) in Records::<T>::iter() {
			records = records.saturating_add(1);
			ensure!(id < next, "disclosures: record id beyond NextRecordId");
			let n = Envelopes::<T>::iter_prefix(id).count();
			ensure!(u32::try_from(n) == Ok(r.readers), "disclosures: reader count mismatch");
			ensure!(r.readers <= T::MaxReaders::get(), "disclosures: too many readers");
			ensure!(
				Envelopes::<T>::contains_key(id, &r.owner),
				"disclosures: owner envelope missing"
			);
			ensure!(SubjectRecords::<T>::contains_key(r.subject, id), "disclosures: subject index");
		}
		ensure!(SubjectRecords::<T>::iter().count() == records, "disclosures: stale subject index");
		for (id, _, _) in Envelopes::<T>::iter() {
			ensure!(Records::<T>::contains_key(id), "disclosures: envelope of unknown record");
		}
		Ok(())
	}
}

impl<T: Config> abs_traits::RecordInspect<T::AccountId> for Pallet<T> {
	fn subject_of(id: RecordId) -> Option<Subject> {
		Records::<T>::get(id).map(|r| r.subject)
	}
	fn kind_of(id: RecordId) -> Option<abs_primitives::RecordKind> {
		Records::<T>::get(id).map(|r| r.kind)
	}
	fn can_read(id: RecordId, who: &T::AccountId) -> bool {
		let Some(e) = Envelopes::<T>::get(id, who) else { return false };
		T::Roles::encryption_key(who) == Some(e.reader_key)
	}
}
