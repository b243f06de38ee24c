//! The permission matrix: every call × every kind of signer. What must not make it fails with
//! its typed error and writes nothing (`assert_noop!`); what may, succeeds.

use crate::{mock::*, Error};
use abs_primitives::{Role, Scope};
use frame_support::{assert_noop, assert_ok, dispatch::DispatchResult};

/// Who signs.
#[derive(Clone, Copy, Debug)]
enum Signer {
	/// A registered participant holding this role globally.
	Holds(Role),
	/// Registered, no role.
	NoRole,
	/// Not registered.
	Unregistered,
	/// Held this role; it expired yesterday.
	Expired(Role),
	/// Holds this role and is frozen.
	Frozen(Role),
}

const SIGNER: u64 = 500;
const TARGET: u64 = 501;

#[derive(Clone, Copy, Debug)]
enum Call {
	Register,
	GrantInstitutional,
	GrantBorrower,
	RevokeInvestor,
	Freeze,
	Unfreeze,
	SetKey,
}

fn dispatch(call: Call) -> DispatchResult {
	let o = || RuntimeOrigin::signed(SIGNER);
	match call {
		Call::Register => Roles::register_participant(o(), 777, h(7)),
		Call::GrantInstitutional => {
			Roles::grant_role(o(), TARGET, Role::Originator, Scope::Global, None, h(7))
		}
		Call::GrantBorrower => {
			Roles::grant_role(o(), TARGET, Role::Borrower, Scope::Global, None, h(7))
		}
		Call::RevokeInvestor => Roles::revoke_role(o(), TARGET, Role::Investor, Scope::Global),
		Call::Freeze => Roles::freeze(o(), TARGET, h(7)),
		Call::Unfreeze => Roles::unfreeze(o(), BOB, h(7)),
		Call::SetKey => Roles::set_encryption_key(o(), [7; 32]),
	}
}

/// What the matrix expects: `None` = allowed.
fn expected(signer: Signer, call: Call) -> Option<Error<Test>> {
	use Call::*;
	use Signer::*;
	let active = |r| matches!(signer, Holds(x) if x == r);
	if let Frozen(_) = signer {
		return Some(Error::ParticipantFrozen);
	}
	match call {
		Register | GrantBorrower | RevokeInvestor => {
			(!active(Role::KycProvider)).then_some(Error::NotGovernanceOrKycProvider)
		}
		GrantInstitutional => Some(if active(Role::KycProvider) {
			Error::KycProviderCannotManageRole
		} else {
			Error::NotGovernanceOrKycProvider
		}),
		Freeze | Unfreeze => (!active(Role::Regulator)).then_some(Error::NotRegulator),
		SetKey => matches!(signer, Unregistered).then_some(Error::NotRegistered),
	}
}

fn setup(signer: Signer) {
	let root = RuntimeOrigin::root;
	assert_ok!(Roles::register_participant(root(), TARGET, h(1)));
	assert_ok!(Roles::grant_role(root(), TARGET, Role::Investor, Scope::Global, None, h(1)));
	// BOB is frozen, for the unfreeze call.
	assert_ok!(Roles::freeze(RuntimeOrigin::signed(REGULATOR), BOB, h(1)));
	if !matches!(signer, Signer::Unregistered) {
		assert_ok!(Roles::register_participant(root(), SIGNER, h(2)));
	}
	match signer {
		Signer::Holds(r) => {
			assert_ok!(Roles::grant_role(root(), SIGNER, r, Scope::Global, None, h(3)));
		}
		Signer::Expired(r) => {
			assert_ok!(Roles::grant_role(root(), SIGNER, r, Scope::Global, Some(START + 1), h(3)));
			advance_to(START + 2);
		}
		Signer::Frozen(r) => {
			assert_ok!(Roles::grant_role(root(), SIGNER, r, Scope::Global, None, h(3)));
			assert_ok!(Roles::freeze(RuntimeOrigin::signed(REGULATOR), SIGNER, h(4)));
		}
		Signer::NoRole | Signer::Unregistered => {}
	}
}

#[test]
fn permission_matrix() {
	let mut signers: Vec<Signer> = Role::ALL.iter().map(|r| Signer::Holds(*r)).collect();
	signers.extend([Signer::NoRole, Signer::Unregistered]);
	signers.extend([Role::KycProvider, Role::Regulator, Role::Originator].map(Signer::Expired));
	signers.extend([Role::KycProvider, Role::Regulator, Role::Investor].map(Signer::Frozen));
	let calls = [
		Call::Register,
		Call::GrantInstitutional,
		Call::GrantBorrower,
		Call::RevokeInvestor,
		Call::Freeze,
		Call::Unfreeze,
		Call::SetKey,
	];
	let (mut refused, mut allowed) = (0, 0);
	for signer in &signers {
		for call in calls {
			build_and_execute(|| {
				setup(*signer);
				match expected(*signer, call) {
					Some(err) => {
						assert_noop!(dispatch(call), err);
						refused += 1;
					}
					None => {
						assert_eq!(dispatch(call), Ok(()), "{signer:?} × {call:?}");
						allowed += 1;
					}
				}
			});
		}
	}
	// 21 signers × 7 calls; allowed: KYC ×3, Regulator ×2, set_key by 17 unfrozen registered.
	assert_eq!(refused + allowed, 21 * 7);
	assert_eq!(allowed, 3 + 2 + 17);
}

#[test]
fn governance_may_do_what_it_should_and_nothing_else() {
	build_and_execute(|| {
		let root = RuntimeOrigin::root;
		assert_ok!(Roles::register_participant(root(), 600, h(1)));
		assert_ok!(Roles::grant_role(root(), 600, Role::Regulator, Scope::Global, None, h(1)));
		assert_ok!(Roles::revoke_role(root(), 600, Role::Regulator, Scope::Global));
		// Freezing is the regulator's, not governance's; keys are the participant's own.
		assert_noop!(Roles::freeze(root(), ALICE, h(1)), sp_runtime::DispatchError::BadOrigin);
		assert_noop!(
			Roles::set_encryption_key(root(), [1; 32]),
			sp_runtime::DispatchError::BadOrigin
		);
		// Unsigned is nobody.
		assert_noop!(
			Roles::register_participant(RuntimeOrigin::none(), 601, h(1)),
			Error::<Test>::NotGovernanceOrKycProvider
		);
	});
}
