//! Monitors: each comparison and combination, curves, registration's checks, alerts raised
//! and cleared on the pool's metrics with their notices and watch, per-period rules at the
//! close only, removal, paging.

use crate::{
	mock::*, monitors::ExprError, AgencyAlertCount, AlertCount, Alerts, Comparison, Condition,
	Error, Event, Monitors, Node, RuleSpec, Threshold, Watched,
};
use abs_primitives::{
	tranche_id, AlertNotice, NoticeKind, NoticeSubject, PeriodMetrics, PoolMetric, PoolMetrics,
	Severity,
};
use abs_traits::PoolMonitor;
use frame_support::{assert_noop, assert_ok, BoundedVec};

/// 1 % in parts per 10⁹.
const PCT: u64 = 10_000_000;

fn test(metric: PoolMetric, cmp: Comparison, t: u64) -> Node {
	Node::Test(Condition { metric, cmp, threshold: Threshold::Fixed(t) })
}

fn spec(tranches: Vec<u8>, expr: Vec<Node>) -> RuleSpec {
	RuleSpec {
		tranches: BoundedVec::truncate_from(tranches),
		expr: BoundedVec::truncate_from(expr),
		severity: Severity::Warning,
	}
}

/// "60+ delinquency above 2 %" on tranches 1 and 2.
fn delinquency_rule() -> RuleSpec {
	spec(vec![1, 2], vec![test(PoolMetric::Delinquent60, Comparison::Above, 2 * PCT)])
}

/// "collections below 95 % of expected" on tranche 2.
fn collections_rule() -> RuleSpec {
	spec(vec![2], vec![test(PoolMetric::CollectionRatio, Comparison::Below, 95 * PCT)])
}

fn metrics(d60: u64) -> PoolMetrics {
	PoolMetrics {
		delinquent_30: d60,
		delinquent_60: d60,
		pool_factor: 90 * PCT,
		..Default::default()
	}
}

fn appoint(agency: u64) {
	assert_ok!(Ratings::appoint_agency(RuntimeOrigin::signed(SPONSOR), POOL, agency));
}

fn register(agency: u64, rule: RuleSpec) -> sp_runtime::DispatchResult {
	Ratings::register_rule(RuntimeOrigin::signed(agency), POOL, rule)
}

#[test]
fn each_comparison_holds_strictly_or_not_at_the_threshold() {
	for (cmp, below, at, above) in [
		(Comparison::Above, false, false, true),
		(Comparison::AtLeast, false, true, true),
		(Comparison::Below, true, false, false),
		(Comparison::AtMost, true, true, false),
	] {
		assert_eq!((cmp.holds(9, 10), cmp.holds(10, 10), cmp.holds(11, 10)), (below, at, above));
	}
}

#[test]
fn rules_combine_with_and_and_or_in_postfix() {
	let m = PoolMetrics {
		delinquent_60: 3 * PCT,
		cumulative_losses: PCT,
		pool_factor: 50 * PCT,
		..Default::default()
	};
	let d60_high = test(PoolMetric::Delinquent60, Comparison::Above, 2 * PCT); // true
	let loss_high = test(PoolMetric::CumulativeLosses, Comparison::AtLeast, 2 * PCT); // false
	let factor_low = test(PoolMetric::PoolFactor, Comparison::AtMost, 50 * PCT); // true
	let holds = |expr: Vec<Node>| spec(vec![0], expr).evaluate(&m).0;
	assert!(holds(vec![d60_high.clone()]));
	assert!(!holds(vec![d60_high.clone(), loss_high.clone(), Node::And]));
	assert!(holds(vec![d60_high.clone(), loss_high.clone(), Node::Or]));
	assert!(!holds(vec![loss_high.clone(), loss_high.clone(), Node::Or]));
	// (d60 and loss) or factor; d60 and (loss or factor).
	assert!(holds(vec![
		d60_high.clone(),
		loss_high.clone(),
		Node::And,
		factor_low.clone(),
		Node::Or
	]));
	assert!(holds(vec![
		d60_high.clone(),
		loss_high.clone(),
		factor_low.clone(),
		Node::Or,
		Node::And
	]));
	assert!(!holds(vec![
		loss_high.clone(),
		d60_high.clone(),
		factor_low.clone(),
		Node::Or,
		Node::And
	]));
	// The values each comparison read, in order.
	let (_, values) =
		spec(vec![0], vec![d60_high.clone(), loss_high.clone(), Node::Or]).evaluate(&m);
	assert_eq!(values.to_vec(), vec![3 * PCT, PCT]);
	// A closed period's ratio is not read outside a close: its comparison is false.
	let low_collections = test(PoolMetric::CollectionRatio, Comparison::Below, 95 * PCT);
	assert!(!holds(vec![low_collections.clone()]));
	let closed = PoolMetrics {
		period: Some(PeriodMetrics { collection_ratio: 90 * PCT, cpr: 0, cdr: 0 }),
		..m
	};
	assert!(spec(vec![0], vec![low_collections]).evaluate(&closed).0);
}

#[test]
fn malformed_expressions_and_curves_are_refused_by_validation() {
	let a = test(PoolMetric::Delinquent30, Comparison::Above, 0);
	let validate = |expr: Vec<Node>| spec(vec![0], expr).validate();
	assert_eq!(validate(vec![]), Err(ExprError::Malformed));
	assert_eq!(validate(vec![Node::And]), Err(ExprError::Malformed));
	assert_eq!(validate(vec![a.clone(), Node::Or]), Err(ExprError::Malformed));
	assert_eq!(validate(vec![a.clone(), a.clone()]), Err(ExprError::Malformed));
	assert_eq!(validate(vec![a.clone(), a.clone(), Node::And]), Ok(false));
	let curve = |points: Vec<(u32, u64)>| {
		Node::Test(Condition {
			metric: PoolMetric::CumulativeLosses,
			cmp: Comparison::Above,
			threshold: Threshold::Curve(BoundedVec::truncate_from(points)),
		})
	};
	assert_eq!(validate(vec![curve(vec![])]), Err(ExprError::InvalidCurve));
	assert_eq!(validate(vec![curve(vec![(3, 1), (3, 2)])]), Err(ExprError::InvalidCurve));
	assert_eq!(validate(vec![curve(vec![(0, 1), (6, 2)])]), Ok(false));
	// A rule reading a closed period's ratio is a per-period rule.
	assert_eq!(collections_rule().validate(), Ok(true));
}

#[test]
fn a_curve_gives_each_period_its_last_point_at_or_before_it() {
	let c =
		Threshold::Curve(BoundedVec::truncate_from(vec![(2, PCT), (6, 3 * PCT), (12, 5 * PCT)]));
	assert_eq!(
		[0, 2, 5, 6, 11, 12, 40].map(|i| c.at(i)),
		[PCT, PCT, PCT, 3 * PCT, 3 * PCT, 5 * PCT, 5 * PCT]
	);
	// A cumulative-loss curve: 1.5 % of losses breaches it in period 3, not in period 7.
	let rule = spec(
		vec![0],
		vec![Node::Test(Condition {
			metric: PoolMetric::CumulativeLosses,
			cmp: Comparison::Above,
			threshold: c,
		})],
	);
	let at = |period_index| PoolMetrics {
		period_index,
		cumulative_losses: 15 * PCT / 10,
		..Default::default()
	};
	assert!(rule.evaluate(&at(3)).0);
	assert!(!rule.evaluate(&at(7)).0);
}

#[test]
fn registration_checks_the_agency_the_tranches_the_expression_and_the_bound() {
	build_and_execute(|| {
		assert_noop!(register(AGENCY1, delinquency_rule()), Error::<Test>::NotAppointed);
		appoint(AGENCY1);
		assert_noop!(
			Ratings::register_rule(RuntimeOrigin::signed(AGENCY1), 3, delinquency_rule()),
			Error::<Test>::UnknownPool
		);
		assert_noop!(register(NOBODY, delinquency_rule()), Error::<Test>::NotLicensedAgency);
		let mut r = delinquency_rule();
		r.tranches = BoundedVec::truncate_from(vec![]);
		assert_noop!(register(AGENCY1, r.clone()), Error::<Test>::InvalidRuleTranches);
		r.tranches = BoundedVec::truncate_from(vec![1, 1]);
		assert_noop!(register(AGENCY1, r.clone()), Error::<Test>::InvalidRuleTranches);
		r.tranches = BoundedVec::truncate_from(vec![3]);
		assert_noop!(register(AGENCY1, r), Error::<Test>::UnknownTranche);
		assert_noop!(
			register(AGENCY1, spec(vec![0], vec![Node::Or])),
			Error::<Test>::MalformedRule
		);
		let empty_curve = Node::Test(Condition {
			metric: PoolMetric::Cdr,
			cmp: Comparison::Above,
			threshold: Threshold::Curve(BoundedVec::new()),
		});
		assert_noop!(
			register(AGENCY1, spec(vec![0], vec![empty_curve])),
			Error::<Test>::InvalidCurve
		);
		assert_ok!(register(AGENCY1, delinquency_rule()));
		System::assert_last_event(
			Event::RuleRegistered { pool_id: POOL, rule: 0, agency: AGENCY1, per_period: false }
				.into(),
		);
		assert_ok!(register(AGENCY1, collections_rule()));
		assert_ok!(register(AGENCY1, delinquency_rule()));
		// The mock's bound is 3 rules a pool.
		assert_noop!(register(AGENCY1, delinquency_rule()), Error::<Test>::TooManyRules);
		let rules = Ratings::monitors(POOL);
		assert_eq!(
			rules.iter().map(|r| (r.id, r.per_period)).collect::<Vec<_>>(),
			vec![(0, false), (1, true), (2, false)]
		);
	});
}

#[test]
fn a_breach_raises_one_alert_notices_the_agency_puts_its_tranches_on_watch_and_a_cure_clears_it() {
	build_and_execute(|| {
		appoint(AGENCY1);
		assert_ok!(register(AGENCY1, delinquency_rule()));
		abs_test_utils::take_notices();
		// 1.9 %: nothing, and the weight of evaluating without a flip.
		use crate::WeightInfo;
		assert_eq!(
			Ratings::on_change(POOL, &metrics(19 * PCT / 10)),
			<() as WeightInfo>::evaluate(0)
		);
		assert_eq!(AlertCount::<Test>::get(POOL), 0);
		assert!(abs_test_utils::take_notices().is_empty());
		// 2.5 % in block 4 on day TODAY + 3: alert 0, on the agency's notices, tranches 1 and 2
		// on watch.
		System::set_block_number(4);
		set_today(TODAY + 3);
		assert_eq!(
			Ratings::on_change(POOL, &metrics(25 * PCT / 10)),
			<() as WeightInfo>::evaluate(1)
		);
		System::assert_last_event(
			Event::AlertRaised {
				pool_id: POOL,
				alert: 0,
				rule: 0,
				agency: AGENCY1,
				severity: Severity::Warning,
			}
			.into(),
		);
		let a = Alerts::<Test>::get(POOL, 0).unwrap();
		assert_eq!((a.raised_on, a.raised_at, a.cleared), (TODAY + 3, 4, None));
		assert_eq!(a.values.to_vec(), vec![25 * PCT / 10]);
		let raised = NoticeKind::Alert(AlertNotice {
			rule: 0,
			alert: 0,
			severity: Severity::Warning,
			raised: true,
		});
		assert_eq!(
			abs_test_utils::take_notices(),
			vec![
				(NoticeSubject::Pool(POOL), TODAY + 3, raised, vec![AGENCY1]),
				(NoticeSubject::Tranche(tranche_id(POOL, 1)), TODAY + 3, raised, vec![]),
				(NoticeSubject::Tranche(tranche_id(POOL, 2)), TODAY + 3, raised, vec![]),
			]
		);
		assert!(Ratings::on_watch(POOL, 1) && Ratings::on_watch(POOL, 2));
		assert!(!Ratings::on_watch(POOL, 0));
		// Still above: no second alert, no notice.
		Ratings::on_change(POOL, &metrics(4 * PCT));
		assert_eq!(AlertCount::<Test>::get(POOL), 1);
		assert!(abs_test_utils::take_notices().is_empty());
		// Cured at exactly 2 % (not above).
		System::set_block_number(9);
		Ratings::on_change(POOL, &metrics(2 * PCT));
		System::assert_last_event(Event::AlertCleared { pool_id: POOL, alert: 0, rule: 0 }.into());
		assert_eq!(Alerts::<Test>::get(POOL, 0).unwrap().cleared, Some((TODAY + 3, 9)));
		let notices = abs_test_utils::take_notices();
		assert_eq!(notices.len(), 3);
		assert!(notices.iter().all(|n| matches!(n.2, NoticeKind::Alert(a) if !a.raised)));
		assert!(!Ratings::on_watch(POOL, 1) && Watched::<Test>::iter().next().is_none());
		assert_eq!(Monitors::<Test>::get(POOL)[0].alert, None);
		// A second breach is a second alert.
		Ratings::on_change(POOL, &metrics(3 * PCT));
		assert_eq!(AlertCount::<Test>::get(POOL), 2);
		assert_eq!(Ratings::pool_alerts(POOL, 1, 10).len(), 1);
	});
}

#[test]
fn two_rules_on_one_tranche_keep_it_on_watch_until_both_are_cured() {
	build_and_execute(|| {
		appoint(AGENCY1);
		appoint(AGENCY2);
		assert_ok!(register(AGENCY1, delinquency_rule()));
		assert_ok!(register(
			AGENCY2,
			spec(vec![2], vec![test(PoolMetric::Delinquent30, Comparison::Above, 4 * PCT)])
		));
		Ratings::on_change(POOL, &metrics(5 * PCT));
		assert_eq!(Ratings::watch_count(POOL, 2), 2);
		abs_test_utils::take_notices();
		// 3 %: the second rule is cured; tranche 2 stays on watch (no tranche notice).
		Ratings::on_change(POOL, &metrics(3 * PCT));
		let notices = abs_test_utils::take_notices();
		assert_eq!(notices.len(), 1);
		assert_eq!(notices[0].3, vec![AGENCY2]);
		assert!(Ratings::on_watch(POOL, 2));
		// Each agency pages its own alerts.
		assert_eq!(AgencyAlertCount::<Test>::get(AGENCY1), 1);
		let mine = Ratings::agency_alerts(&AGENCY2, 0, 10);
		assert_eq!(mine.len(), 1);
		assert_eq!((mine[0].0, mine[0].1, mine[0].2.rule), (POOL, 1, 1));
		assert!(mine[0].2.cleared.is_some());
	});
}

#[test]
fn per_period_rules_are_evaluated_at_the_close_only() {
	build_and_execute(|| {
		appoint(AGENCY1);
		assert_ok!(register(AGENCY1, collections_rule()));
		assert_ok!(register(AGENCY1, delinquency_rule()));
		// Day 1 of a period: nothing collected yet; the live metrics carry no period ratio and
		// the per-period rule is not even read.
		Ratings::on_change(POOL, &metrics(0));
		assert_eq!(AlertCount::<Test>::get(POOL), 0);
		// The period closes at 90 % collected: the collections rule breaches; the live rule
		// is evaluated on the same metrics (1 % 60+: it holds not).
		let close = |ratio| PoolMetrics {
			period: Some(PeriodMetrics { collection_ratio: ratio, cpr: 0, cdr: 0 }),
			..metrics(PCT)
		};
		Ratings::on_period_close(POOL, &close(90 * PCT));
		let alerts = Ratings::pool_alerts(POOL, 0, 10);
		assert_eq!(alerts.len(), 1);
		assert_eq!(alerts[0].2.rule, 0);
		// The next period closes at 99 %: cured.
		Ratings::on_period_close(POOL, &close(99 * PCT));
		assert!(Ratings::pool_alerts(POOL, 0, 10)[0].2.cleared.is_some());
	});
}

#[test]
fn removing_a_rule_or_its_agency_clears_its_open_alert() {
	build_and_execute(|| {
		appoint(AGENCY1);
		appoint(AGENCY2);
		assert_ok!(register(AGENCY1, delinquency_rule()));
		assert_ok!(register(AGENCY2, delinquency_rule()));
		Ratings::on_change(POOL, &metrics(5 * PCT));
		assert_noop!(
			Ratings::remove_rule(RuntimeOrigin::signed(AGENCY2), POOL, 0),
			Error::<Test>::NotRuleOwner
		);
		assert_noop!(
			Ratings::remove_rule(RuntimeOrigin::signed(AGENCY1), POOL, 7),
			Error::<Test>::UnknownRule
		);
		assert_ok!(Ratings::remove_rule(RuntimeOrigin::signed(AGENCY1), POOL, 0));
		System::assert_has_event(Event::AlertCleared { pool_id: POOL, alert: 0, rule: 0 }.into());
		System::assert_last_event(Event::RuleRemoved { pool_id: POOL, rule: 0 }.into());
		assert_eq!(Ratings::watch_count(POOL, 1), 1);
		// Agency 2 has not rated: the sponsor may remove it, and its rule goes with it.
		assert_ok!(Ratings::remove_agency(RuntimeOrigin::signed(SPONSOR), POOL, AGENCY2));
		System::assert_has_event(Event::RuleRemoved { pool_id: POOL, rule: 1 }.into());
		assert!(Monitors::<Test>::get(POOL).is_empty());
		assert!(Watched::<Test>::iter().next().is_none());
		// Numbers are not reused.
		appoint(AGENCY2);
		assert_ok!(register(AGENCY2, delinquency_rule()));
		assert_eq!(Monitors::<Test>::get(POOL)[0].id, 2);
	});
}

#[test]
fn at_a_close_live_rules_on_a_curve_step_to_the_next_period_and_an_ended_pool_clears_its_alerts() {
	build_and_execute(|| {
		appoint(AGENCY1);
		// Cumulative losses above 1 % until period 2, above 3 % from period 3.
		let curve = Threshold::Curve(BoundedVec::truncate_from(vec![(0, PCT), (3, 3 * PCT)]));
		assert_ok!(register(
			AGENCY1,
			spec(
				vec![0],
				vec![Node::Test(Condition {
					metric: PoolMetric::CumulativeLosses,
					cmp: Comparison::Above,
					threshold: curve
				})]
			)
		));
		let losses = |period_index, l| PoolMetrics {
			period_index,
			cumulative_losses: l,
			..Default::default()
		};
		Ratings::on_change(POOL, &losses(2, 2 * PCT));
		assert!(Ratings::on_watch(POOL, 0));
		// Period 2 closes with nothing else changing: period 3's threshold (3 %) applies at
		// once, and the alert clears.
		Ratings::on_period_close(
			POOL,
			&PoolMetrics { period: Some(PeriodMetrics::default()), ..losses(2, 2 * PCT) },
		);
		assert!(!Ratings::on_watch(POOL, 0));
		assert!(Alerts::<Test>::get(POOL, 0).unwrap().cleared.is_some());
		// Breached again, then the pool ends: every open alert is cleared.
		Ratings::on_change(POOL, &losses(3, 4 * PCT));
		assert!(Ratings::on_watch(POOL, 0));
		Ratings::on_pool_ended(POOL);
		assert!(!Ratings::on_watch(POOL, 0));
		assert!(Monitors::<Test>::get(POOL).iter().all(|r| r.alert.is_none()));
		assert!(Alerts::<Test>::get(POOL, 1).unwrap().cleared.is_some());
	});
}
