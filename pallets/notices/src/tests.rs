//! Unit tests: addressees resolved once and bounded; notices found per account and per subject.

use crate as pallet_notices;
use abs_primitives::{Addressee, NoticeKind, NoticeSubject};
use abs_traits::Notify;
use frame_support::{derive_impl, traits::ConstU32};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Notices: pallet_notices,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Loan 7's parties (with a duplicate and more than the bound); tranches have none.
pub struct Parties;
impl abs_traits::NoticeAddressees<u64> for Parties {
	fn addressees(subject: &NoticeSubject, _max: u32) -> Vec<u64> {
		match subject {
			NoticeSubject::Loan(7) => vec![1, 2, 3, 2, 4, 5],
			_ => vec![],
		}
	}
}

impl pallet_notices::Config for Test {
	type Addressees = Parties;
	type MaxRecipients = ConstU32<4>;
}

fn ext() -> sp_io::TestExternalities {
	let mut ext: sp_io::TestExternalities =
		frame_system::GenesisConfig::<Test>::default().build_storage().unwrap().into();
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn ours() -> Vec<(u32, pallet_notices::Event<Test>)> {
	System::events()
		.into_iter()
		.enumerate()
		.filter_map(|(i, r)| match r.event {
			RuntimeEvent::Notices(e) => Some((i as u32, e)),
			_ => None,
		})
		.collect()
}

#[test]
fn a_loan_notice_goes_to_its_parties_once_each_within_the_bound() {
	ext().execute_with(|| {
		Notices::notify(NoticeSubject::Loan(7), 20_000, NoticeKind::PaidOff);
		System::assert_last_event(
			pallet_notices::Event::Notice {
				subject: NoticeSubject::Loan(7),
				day: 20_000,
				kind: NoticeKind::PaidOff,
				recipients: vec![1, 2, 3, 4].try_into().unwrap(),
			}
			.into(),
		);
	});
}

#[test]
fn notices_are_found_per_account_and_per_subject() {
	ext().execute_with(|| {
		Notices::notify(NoticeSubject::Loan(7), 20_000, NoticeKind::Cured { from: 1 });
		Notices::notify(NoticeSubject::Tranche(3), 20_001, NoticeKind::PaidOff);
		let events = ours();
		let refs = || events.iter().map(|(i, e)| (*i, e));
		let for_2 = Notices::notices_for(&Addressee::Account(2), refs());
		assert_eq!(for_2.len(), 1);
		assert_eq!((for_2[0].subject, for_2[0].day), (NoticeSubject::Loan(7), 20_000));
		// A tranche's notice lists nobody: its followers ask by subject.
		assert!(Notices::notices_for(&Addressee::Account(9), refs()).is_empty());
		let tranche = Notices::notices_for(&Addressee::Subject(NoticeSubject::Tranche(3)), refs());
		assert_eq!(tranche.len(), 1);
		assert_eq!((tranche[0].event_index, tranche[0].kind), (1, NoticeKind::PaidOff));
		assert!(
			Notices::notices_for(&Addressee::Subject(NoticeSubject::Pool(3)), refs()).is_empty()
		);
	});
}

#[test]
fn a_notice_to_named_accounts_reaches_them_first_then_the_subjects_addressees() {
	use abs_traits::NotifyAccounts;
	ext().execute_with(|| {
		// A pool has no addressees: only the named account.
		Notices::notify_accounts(NoticeSubject::Pool(3), 20_000, NoticeKind::PaidOff, &[9, 9]);
		let events = ours();
		let refs = || events.iter().map(|(i, e)| (*i, e));
		assert_eq!(Notices::notices_for(&Addressee::Account(9), refs()).len(), 1);
		assert_eq!(
			Notices::notices_for(&Addressee::Subject(NoticeSubject::Pool(3)), refs()).len(),
			1
		);
		// Named accounts come first and the bound still holds.
		Notices::notify_accounts(NoticeSubject::Loan(7), 20_000, NoticeKind::PaidOff, &[9]);
		System::assert_last_event(
			pallet_notices::Event::Notice {
				subject: NoticeSubject::Loan(7),
				day: 20_000,
				kind: NoticeKind::PaidOff,
				recipients: vec![9, 1, 2, 3].try_into().unwrap(),
			}
			.into(),
		);
	});
}
