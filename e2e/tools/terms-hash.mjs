// Recomputes a loan's terms hash from what `abs_loan` shows, as a client would before it
// accepts: map the JSON back to the hashed `pallet_loans::types::Proposal`, SCALE-encode it,
// BLAKE2b-256 it, compare with the chain's `termsHash`. Exit code 0 if they match, 1 if not.
//
//   node tools/terms-hash.mjs <loanId> [ws://127.0.0.1:9944]
//
// The pallet (pallets/loans/src/functions.rs, `do_propose`) computes
//   terms_hash = blake2_256(SCALE(proposal))
// over the whole `Proposal` (pallets/loans/src/types.rs), field order as declared, no compact
// encodings except the length prefix of `records`. The type shape is registered below by hand
// (the README's "Computing a loan's terms hash" documents it) and cross-checked against the
// runtime's metadata, so a drift of either is reported rather than guessed around.
// `e2e/tests/loans.test.js` computes the same hash from the proposer's inputs.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';

const args = process.argv.slice(2);
const url = args.find((a) => /^wss?:\/\//.test(a)) || 'ws://127.0.0.1:9944';
const idArg = args.find((a) => /^\d+$/.test(a));
if (idArg === undefined) {
  console.error('usage: node tools/terms-hash.mjs <loanId> [ws://127.0.0.1:9944]');
  process.exit(2);
}
const loanId = Number(idArg);

// The proposal encoding this script knows: `pallet_loans::types::PROPOSAL_VERSION` = 2
// (underwriting as bands). `abs_loan` shows each loan's `version`; another one is refused.
const PROPOSAL_VERSION = 2;
// Rates (`annualRate`, `lateFee.percent`) are integers in parts per 10^18: 10^18 = 100 %,
// 71_250_000_000_000_000 = 7.125 %. They are hashed as that integer (u64), never as a float.
const RATE_ONE = 10n ** 18n;

// Variant lists in declaration order: SCALE encodes a variant as its index (one byte).
const AMORTIZATION = ['LevelAnnuity', 'InterestOnly', 'Bullet']; // abs_finance::Amortization
const DAY_COUNT = ['Thirty360', 'Actual365']; // abs_finance::DayCount
const LATE_FEE = ['Fixed', 'Percent']; // abs_finance::LateFee: Fixed(u128) | Percent(u64)
const COLLATERAL_KIND = ['None', 'Vehicle', 'RealEstate', 'Equipment', 'Receivables', 'Securities', 'Other'];
const CREDIT = ['Score', 'Grade']; // abs_primitives::CreditAssessment: Score(ScoreBand) | Grade(u8)
const SCORE_BAND = ['Below580', 'From580To619', 'From620To659', 'From660To719', 'From720To779', 'From780'];
const DTI_BAND = ['Below20', 'From20To30', 'From30To36', 'From36To43', 'From43To50', 'From50'];

// The hashed shape, field by field (prefixed names so nothing collides with the metadata's
// or @polkadot/types' own definitions).
const TYPES = {
  AbsThCalendarDate: { year: 'u16', month: 'u8', day: 'u8' },
  AbsThAmortization: { _enum: AMORTIZATION },
  AbsThDayCount: { _enum: DAY_COUNT },
  AbsThLateFee: { _enum: { Fixed: 'u128', Percent: 'u64' } },
  AbsThLoanTerms: {
    principal: 'u128', asset: 'u32', annualRate: 'u64', periods: 'u32',
    amortization: 'AbsThAmortization', dayCount: 'AbsThDayCount', firstDue: 'AbsThCalendarDate',
    graceDays: 'u32', lateFee: 'AbsThLateFee', defaultThresholdDays: 'u32', servicingFeeBps: 'u32',
  },
  AbsThCollateralKind: { _enum: COLLATERAL_KIND },
  AbsThCollateral: { kind: 'AbsThCollateralKind', identifierHash: 'H256', appraisedValue: 'u128', appraisalDay: 'u32' },
  AbsThScoreBand: { _enum: SCORE_BAND },
  AbsThDtiBand: { _enum: DTI_BAND },
  AbsThCreditAssessment: { _enum: { Score: 'AbsThScoreBand', Grade: 'u8' } },
  AbsThUnderwriting: { credit: 'AbsThCreditAssessment', dti: 'AbsThDtiBand', incomeVerified: 'bool' },
  AbsThProposal: {
    version: 'u8', originator: 'AccountId32', borrower: 'AccountId32', identityCommitment: 'H256',
    terms: 'AbsThLoanTerms', collateral: 'AbsThCollateral', underwriting: 'AbsThUnderwriting',
    records: 'Vec<u64>', servicer: 'Option<AccountId32>', proposedOn: 'u32', expiresOn: 'u32',
  },
};

/** The variant index of `name` in `variants`; refuses anything unknown. */
function variantIndex(variants, name, what) {
  const i = variants.indexOf(name);
  if (i < 0) throw new Error(`${what}: unknown variant ${JSON.stringify(name)} (known: ${variants.join(', ')})`);
  return i;
}

/** `{ key: value }` with a lower-case key (`{"fixed": "25000000"}`) → [variant index, value]. */
function lowerCaseVariant(variants, obj, what) {
  const keys = Object.keys(obj);
  if (keys.length !== 1) throw new Error(`${what}: expected one key, got ${JSON.stringify(obj)}`);
  // abs_loan lower-cases these keys; the variant is the declared (PascalCase) name.
  const name = keys[0][0].toUpperCase() + keys[0].slice(1);
  return [variantIndex(variants, name, what), obj[keys[0]]];
}

/** Map `abs_loan`'s JSON back to the hashed Proposal, each step explained. */
function proposalFromJson(j, servicer) {
  // firstDue: "YYYY-MM-DD" → the CalendarDate struct { year: u16, month: u8, day: u8 } it was
  // proposed as. It is hashed as the three numbers, NOT as a day number (unlike proposedOn /
  // expiresOn / appraisalDay, which are day numbers: days since 1970-01-01, u32).
  const m = /^(\d{4,5})-(\d{2})-(\d{2})$/.exec(j.terms.firstDue);
  if (!m) throw new Error(`firstDue: not YYYY-MM-DD: ${j.terms.firstDue}`);
  const firstDue = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };

  // lateFee: {"fixed": "<u128 decimal>"} → Fixed(u128) (index 0),
  //          {"percent": "<u64 parts per 10^18>"} → Percent(u64) (index 1).
  const [feeIndex, feeValue] = lowerCaseVariant(LATE_FEE, j.terms.lateFee, 'lateFee');
  // credit: {"scoreBand": "From720To779"} → Score(ScoreBand) (index 0, then the band's index),
  //         {"grade": n} → Grade(u8) (index 1).
  const c = j.underwriting.credit;
  const credit = 'scoreBand' in c
    ? { Score: variantIndex(SCORE_BAND, c.scoreBand, 'credit.scoreBand') }
    : { Grade: lowerCaseVariant(CREDIT, c, 'credit')[1] };
  if (j.version !== PROPOSAL_VERSION) {
    throw new Error(`proposal version ${j.version}: this script knows version ${PROPOSAL_VERSION} only`);
  }

  return {
    version: j.version, // u8, checked above

    // Accounts: SS58 → the 32-byte AccountId32 (the SS58 prefix is not hashed).
    originator: j.originator,
    borrower: j.borrower,
    identityCommitment: j.identityCommitment, // 0x-hex H256, as is
    terms: {
      principal: BigInt(j.terms.principal), // decimal string → u128 (stablecoin smallest unit, 6 decimals)
      asset: j.terms.asset, // u32
      annualRate: BigInt(j.terms.annualRate), // decimal string → u64, parts per 10^18 (see RATE_ONE)
      periods: j.terms.periods, // u32
      // Debug names, already PascalCase ("LevelAnnuity", "Thirty360") → variant index.
      amortization: variantIndex(AMORTIZATION, j.terms.amortization, 'amortization'),
      dayCount: variantIndex(DAY_COUNT, j.terms.dayCount, 'dayCount'),
      firstDue,
      graceDays: j.terms.graceDays, // u32
      lateFee: { [LATE_FEE[feeIndex]]: BigInt(feeValue) },
      defaultThresholdDays: j.terms.defaultThresholdDays, // u32
      servicingFeeBps: j.terms.servicingFeeBps, // u32, basis points (10_000 = 100 %)
    },
    collateral: {
      kind: variantIndex(COLLATERAL_KIND, j.collateral.kind, 'collateral.kind'), // "Vehicle" → 1
      identifierHash: j.collateral.identifierHash, // H256
      appraisedValue: BigInt(j.collateral.appraisedValue), // decimal string → u128
      appraisalDay: j.collateral.appraisalDay, // day number, u32
    },
    underwriting: {
      credit,
      dti: variantIndex(DTI_BAND, j.underwriting.dtiBand, 'dtiBand'), // "From30To36" → 2
      incomeVerified: j.underwriting.incomeVerified, // bool: one byte 0/1
    },
    // u64 ids; compact length prefix then 8 bytes each (ids above 2^53 would not survive
    // JSON.parse: record ids are sequential, far below it).
    records: j.records,
    // Option<AccountId32>: None (one 0x00 byte) when the originator named no servicer,
    // Some (0x01 + 32 bytes) when it did. See servicerOf() for how it is recovered.
    servicer,
    proposedOn: j.proposedOn, // day number, u32
    expiresOn: j.expiresOn, // day number, u32
  };
}

/**
 * The hashed `servicer: Option<AccountId>`. abs_loan's `servicer` is the loan's *current*
 * servicer: the named one, or the originator when none was named (the proposal hashed None),
 * and whoever `appointServicer` made it later. So: a node that shows `proposedServicer`
 * (null or SS58) is used as is; otherwise servicer == originator → None, another account →
 * Some(it); after a ServicerAppointed entry in the history the JSON no longer says who was
 * named, and the proposal is read from storage (`loans.loans(id).proposal.servicer`).
 */
function servicerOf(j, history, stored) {
  if ('proposedServicer' in j) return { value: j.proposedServicer, how: 'abs_loan.proposedServicer' };
  if (history.some((h) => h.action === 'ServicerAppointed')) {
    const s = stored.servicer.isSome ? stored.servicer.unwrap().toString() : null;
    return { value: s, how: 'storage loans.loans(id).proposal.servicer (a servicer was appointed since)' };
  }
  if (j.servicer === j.originator) return { value: null, how: 'abs_loan.servicer == originator → None' };
  return { value: j.servicer, how: 'abs_loan.servicer → Some' };
}

const pct = (ppq) => `${ppq * 100n / RATE_ONE}.${(ppq * 100n % RATE_ONE).toString().padStart(18, '0').replace(/0+$/, '') || '0'} %`;

await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(url, 1000, {}, 60_000), noInitWarn: true, throwOnConnect: true });
let code = 1;
try {
  api.registry.register(TYPES);
  const send = (m, p) => api._rpcCore.provider.send(m, p);
  // Read everything at one block.
  const at = (await api.rpc.chain.getBlockHash()).toHex();
  const j = await send('abs_loan', [loanId, at]);
  if (!j) throw new Error(`no loan ${loanId} at ${at}`);
  const history = await send('abs_loanHistory', [loanId, 0, 100, at]);
  const stored = (await (await api.at(at)).query.loans.loans(loanId)).unwrap().proposal;

  const servicer = servicerOf(j, history, stored);
  const value = proposalFromJson(j, servicer.value);
  const proposal = api.registry.createType('AbsThProposal', value);
  const bytes = proposal.toU8a();
  const computed = blake2AsHex(bytes, 256); // sp_io::hashing::blake2_256: BLAKE2b, 32-byte digest, no key

  console.log(`loan ${loanId} at ${at} (status ${JSON.stringify(j.status)})`);
  console.log(`  version ${value.version}`);
  console.log(`  annualRate ${j.terms.annualRate} / 10^18 = ${pct(BigInt(j.terms.annualRate))}`);
  console.log(`  firstDue ${j.terms.firstDue} → ${JSON.stringify(value.terms.firstDue)}`);
  console.log(`  servicer ${value.servicer === null ? 'None' : `Some(${value.servicer})`} (${servicer.how})`);
  console.log(`  SCALE ${bytes.length} bytes: ${u8aToHex(bytes)}`);
  console.log(`computed  ${computed}`);
  console.log(`on chain  ${j.termsHash} (abs_loan.termsHash = the stored Loan.terms_hash)`);
  const proposed = history.find((h) => h.action === 'Proposed');
  if (proposed) console.log(`history   ${proposed.dataHash} (the Proposed entry's dataHash)`);

  // Cross-checks, diagnostics only: the metadata's Proposal type encodes the same value to the
  // same bytes, and the stored proposal decodes to what we built.
  const lookupId = api.registry.lookup.types.find((t) => t.type.path.join('::') === 'pallet_loans::types::Proposal')?.id;
  if (lookupId !== undefined) {
    const viaMeta = api.registry.createType(api.registry.createLookupType(lookupId), value).toHex();
    console.log(`metadata  ${viaMeta === u8aToHex(bytes) ? 'same bytes with pallet_loans::types::Proposal' : `DIFFERENT bytes with pallet_loans::types::Proposal: ${viaMeta}`}`);
  }
  const chainBytes = stored.toU8a();
  if (u8aToHex(chainBytes) !== u8aToHex(bytes)) {
    const decoded = api.registry.createType('AbsThProposal', chainBytes);
    for (const k of Object.keys(TYPES.AbsThProposal)) {
      if (decoded[k].toHex() !== proposal[k].toHex()) {
        console.log(`  field ${k}: shown ${JSON.stringify(proposal[k].toHuman())}, stored ${JSON.stringify(decoded[k].toHuman())}`);
      }
    }
  }

  const ok = computed === j.termsHash;
  if (!ok && value.servicer === null && j.servicer === j.originator && !('proposedServicer' in j)) {
    // An originator that is itself a licensed Servicer may name itself: Some(originator) was
    // hashed, and abs_loan shows exactly what it shows for None.
    console.log('  note: abs_loan cannot tell "no servicer named" (None) from "the originator named itself" (Some(originator))');
  }
  console.log(ok ? 'MATCH' : 'MISMATCH');
  code = ok ? 0 : 1;
} catch (e) {
  console.error(e.message ?? e);
} finally {
  await api.disconnect();
}
process.exit(code);
