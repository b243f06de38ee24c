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
