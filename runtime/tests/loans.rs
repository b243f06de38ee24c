//! Origination across pallets on the real runtime: roles (licences), disclosures (the
//! borrower's records), assets (escrow in the stablecoin), clock (days) and loans.
// A test crate: the workspace's no-panic, checked-arithmetic policy is for runtime code.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use abs_finance::{Amortization, CalendarDate, DayCount, LateFee};
use abs_primitives::{
	Collateral, CollateralKind, CreditAssessment, LoanStatus, RecordKind, Role, Scope, Subject,
	Underwriting, STABLECOIN_ASSET_ID as USDA,
};
use abs_runtime::{Assets, Disclosures, Loans, Roles, Runtime, RuntimeOrigin};
use codec::Encode;
use common::{block_at, dev_ext, T0};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Dave};

#[test]
fn propose_with_records_accept_and_escrow_across_pallets() {
	dev_ext().execute_with(|| {
		block_at(1, T0);
		let today = <abs_runtime::Clock as abs_traits::Today>::today();
		let (bank, borrower, regulator) =
			(Bob.to_account_id(), Charlie.to_account_id(), Dave.to_account_id());
		let root = RuntimeOrigin::root;
		for (who, role) in
			[(&bank, Role::Originator), (&borrower, Role::Borrower), (&regulator, Role::Regulator)]
		{
			common::register(who);
			assert_ok!(Roles::grant_role(
				root(),
				who.clone(),
				role,
				Scope::Global,
				None,
				H256::zero()
			));
			assert_ok!(Roles::set_encryption_key(RuntimeOrigin::signed(who.clone()), [9; 32]));
		}
		let commitment = H256::repeat_byte(0xc0);
		let env = |r: &sp_runtime::AccountId32| {
			(r.clone(), BoundedVec::try_from(vec![1u8; 104]).unwrap())
		};
		assert_ok!(Disclosures::create_record(
			RuntimeOrigin::signed(bank.clone()),
			Subject::Commitment(commitment),
			RecordKind::BankStatement,
			H256::zero(),
			H256::zero(),
			Default::default(),
			vec![env(&bank), env(&regulator)].try_into().unwrap(),
		));
		let terms = pallet_loans::LoanTerms {
			principal: 50_000_000_000,
			asset: USDA,
			annual_rate: 55_000_000_000_000_000,
			periods: 120,
			amortization: Amortization::LevelAnnuity,
			day_count: DayCount::Actual365,
			first_due: CalendarDate::from_day_number(today + 31),
			grace_days: 5,
			late_fee: LateFee::Percent(50_000_000_000_000_000),
			default_threshold_days: 90,
			servicing_fee_bps: 50,
		};
		let propose = |records: Vec<u64>| {
			Loans::propose(
				RuntimeOrigin::signed(bank.clone()),
				borrower.clone(),
				commitment,
				terms,
				Collateral {
					kind: CollateralKind::RealEstate,
					identifier_hash: H256::zero(),
					appraised_value: 80_000_000_000,
					appraisal_day: today,
				},
				Underwriting {
					credit: CreditAssessment::Grade(5),
					dti: abs_primitives::DtiBand::From20To30,
					income_verified: true,
				},
				records.try_into().unwrap(),
				None,
				10,
			)
		};
		assert_noop!(propose(vec![1]), pallet_loans::Error::<Runtime>::UnknownRecord);
		let bank_before = Assets::balance(USDA, &bank);
		assert_ok!(propose(vec![0]));
		// The principal and the 10 USDA deposit are escrowed.
		assert_eq!(bank_before - Assets::balance(USDA, &bank), 50_010_000_000);
		assert_eq!(Assets::balance(USDA, Loans::escrow_account()), 50_010_000_000);
		let loan = pallet_loans::Loans::<Runtime>::get(0).unwrap();
		assert_eq!(loan.terms_hash, H256(sp_io::hashing::blake2_256(&loan.proposal.encode())));
		let borrower_before = Assets::balance(USDA, &borrower);
		assert_ok!(Loans::accept(RuntimeOrigin::signed(borrower.clone()), 0, loan.terms_hash));
		assert_eq!(Assets::balance(USDA, &borrower) - borrower_before, 50_000_000_000);
		assert_eq!(pallet_loans::Loans::<Runtime>::get(0).unwrap().status, LoanStatus::Active);
		assert_eq!(bank_before - Assets::balance(USDA, &bank), 50_000_000_000, "deposit back");
		// A lapsed proposal is refunded by the hook once the clock passes its expiry day.
		assert_ok!(propose(vec![]));
		block_at(2, T0 + 3_000);
		block_at(3, T0 + 12_000); // 1-second days: day + 12 > expiry (today + 10)
		assert_eq!(pallet_loans::Loans::<Runtime>::get(1).unwrap().status, LoanStatus::Expired);
		assert_eq!(Assets::balance(USDA, &bank), bank_before - 50_000_000_000);
		Loans::do_try_state().unwrap();
		Disclosures::do_try_state().unwrap();
		Roles::do_try_state().unwrap();
	});
}
