//! Every call × every role, a frozen signer and an unregistered one.

use super::*;

/// What each call answers for `who`, on a pool in Structuring with loan 0 of the bank in it
/// and loan 1 of the bank free (the offering opened for `open_offering`).
/// `then` changes the world after that set-up (a freeze, a revocation).
fn outcomes(who: u64, then: impl FnOnce()) -> Vec<Result<(), sp_runtime::DispatchError>> {
	let id = create();
	add_loan(0, BANK, SERVICER);
	add_loan(1, BANK, SERVICER);
	assert_ok!(contribute(BANK, id, &[0]));
	abs_test_utils::set_today(TODAY + 1);
	then();
	let o = RuntimeOrigin::signed(who);
	// Each call in a transaction rolled back: the next one sees the same world.
	let attempt = |f: &dyn Fn() -> sp_runtime::DispatchResult| {
		frame_support::storage::with_transaction(|| sp_runtime::TransactionOutcome::Rollback(f()))
	};
	vec![
		attempt(&|| Pools::create_pool(o.clone(), spec())),
		attempt(&|| contribute(who, id, &[1]).map(|_| ()).map_err(|e| e.error)),
		attempt(&|| Pools::withdraw(o.clone(), id, 0)),
		attempt(&|| Pools::open_offering(o.clone(), id)),
		attempt(&|| Pools::cancel(o.clone(), id)),
	]
}

#[test]
fn the_permission_matrix() {
	let ok = Ok(());
	let e = |x: Error<Test>| Err(x.into());
	// create_pool, contribute, withdraw, open_offering, cancel
	let outsider = || {
		vec![
			e(Error::NotSponsor),
			e(Error::NotLoanOwner),
			e(Error::NotSeller),
			e(Error::NotPoolSponsor),
			e(Error::NotPoolSponsor),
		]
	};
	let cases: Vec<(&str, u64, Vec<Result<(), sp_runtime::DispatchError>>)> = vec![
		("sponsor", SPONSOR, vec![ok, e(Error::NotLoanOwner), e(Error::NotSeller), ok, ok]),
		("trustee", TRUSTEE, outsider()),
		("servicer", SERVICER, outsider()),
		(
			"seller",
			BANK,
			vec![e(Error::NotSponsor), ok, ok, e(Error::NotPoolSponsor), e(Error::NotPoolSponsor)],
		),
		("nobody", NOBODY, outsider()),
	];
	for (name, who, want) in cases {
		build_and_execute(|| assert_eq!(outcomes(who, || ()), want, "{name}"));
	}
	// Frozen: every call refused, the sponsor's and the seller's included.
	for who in [SPONSOR, BANK] {
		build_and_execute(|| {
			let all = outcomes(who, || freeze(who));
			assert!(all.iter().all(|r| *r == e(Error::ParticipantFrozen)), "frozen {who}: {all:?}");
		});
	}
	// A sponsor whose role was revoked creates nothing; an unregistered signer does nothing.
	build_and_execute(|| {
		let all = outcomes(SPONSOR, || abs_test_utils::revoke(SPONSOR, Role::Sponsor));
		assert_eq!(all[0], e(Error::NotSponsor));
	});
	build_and_execute(|| {
		let all = outcomes(BANK, || abs_test_utils::unregister(BANK));
		assert!(all.iter().all(|r| *r == e(Error::NotRegistered)), "{all:?}");
	});
}

/// What the calls of a pool past its offering answer for `who`: close, claim an investor's
/// allocation, approve the repurchase of loan 0, repurchase it (approved beforehand).
fn closed_outcomes(who: u64, then: impl FnOnce()) -> Vec<Result<(), sp_runtime::DispatchError>> {
	use frame_support::traits::fungibles::Mutate;
	let id = super::closing::offered(sp_runtime::Perquintill::from_percent(50), 0);
	super::closing::book_the_offering(id);
	abs_test_utils::set_today(TODAY + 31);
	assert_ok!(<Assets as Mutate<u64>>::mint_into(USD, &BANK, 100_000_000_000));
	then();
	let o = RuntimeOrigin::signed(who);
	let attempt = |f: &dyn Fn() -> sp_runtime::DispatchResult| {
		frame_support::storage::with_transaction(|| sp_runtime::TransactionOutcome::Rollback(f()))
	};
	let close = attempt(&|| Pools::close(o.clone(), id));
	assert_ok!(Pools::close(RuntimeOrigin::signed(TRUSTEE), id).or_else(|_| {
		// A frozen or unregistered trustee cannot close: do it with the sponsor.
		Pools::close(RuntimeOrigin::signed(SPONSOR), id)
	}));
	let claim = attempt(&|| Pools::claim_allocation(o.clone(), id, 0, INVESTOR));
	let approve = attempt(&|| Pools::approve_repurchase(o.clone(), id, 0));
	crate::RepurchaseApprovals::<Test>::insert(0, ());
	let repurchase = attempt(&|| Pools::repurchase(o.clone(), id, 0));
	vec![close, claim, approve, repurchase]
}

#[test]
fn the_permission_matrix_after_the_offering() {
	let ok = Ok(());
	let e = |x: Error<Test>| Err(x.into());
	// close, claim_allocation (for a subscriber: anyone), approve_repurchase, repurchase
	let cases: Vec<(&str, u64, Vec<Result<(), sp_runtime::DispatchError>>)> = vec![
		("sponsor", SPONSOR, vec![ok, ok, e(Error::NotPoolTrustee), e(Error::NotSeller)]),
		("trustee", TRUSTEE, vec![ok, ok, ok, e(Error::NotSeller)]),
		("seller", BANK, vec![e(Error::NotSponsorOrTrustee), ok, e(Error::NotPoolTrustee), ok]),
		(
			"investor",
			INVESTOR,
			vec![e(Error::NotSponsorOrTrustee), ok, e(Error::NotPoolTrustee), e(Error::NotSeller)],
		),
		(
			"servicer",
			SERVICER,
			vec![e(Error::NotSponsorOrTrustee), ok, e(Error::NotPoolTrustee), e(Error::NotSeller)],
		),
	];
	for (name, who, want) in cases {
		build_and_execute(|| assert_eq!(closed_outcomes(who, || ()), want, "{name}"));
	}
	for who in [TRUSTEE, BANK] {
		build_and_execute(|| {
			let all = closed_outcomes(who, || freeze(who));
			assert!(all.iter().all(|r| *r == e(Error::ParticipantFrozen)), "frozen {who}: {all:?}");
		});
	}
	build_and_execute(|| {
		let all = closed_outcomes(NOBODY, || abs_test_utils::unregister(NOBODY));
		assert!(all.iter().all(|r| *r == e(Error::NotRegistered)), "{all:?}");
	});
}
