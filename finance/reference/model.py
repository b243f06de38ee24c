#!/usr/bin/env python3
"""Reference model of the ABS Chain finance engine, written from shared/domain.md with exact
rational arithmetic (fractions.Fraction) and Python's own calendar, independently of the Rust
code. It writes ../tests/fixtures.json, which the Rust tests replay and compare to the unit.

    python3 finance/reference/model.py          # rewrite the fixtures
    python3 finance/reference/model.py --check  # exit 1 if the committed fixtures differ

Conventions (domain.md "Time and dates", "Schedules", "Payments", "Delinquency"):
- day numbers count days since 1970-01-01; due dates step by calendar month from the first
  due date, clamped to the month's end; the first period starts one month before it;
- level PMT = P*r/(1-(1+r)^-n), r = annual/12, half-up (P/n at 0 %); interest per period
  half-up on the opening balance (30/360: annual/12; Actual/365: annual*days/365); principal
  = min(PMT - interest, balance); the last installment takes the remaining balance;
- Actual/365 level terms with PMT <= P*annual*31/365 are refused;
- interest-only: interest each period, principal at the end; bullet: P + P*annual*term;
- allocation: overdue oldest first (interest, principal) -> current (first due >= day) ->
  unpaid late fees oldest first -> prepayment (same PMT, re-amortized, shorter term);
- payoff(day) = fees + overdue unpaid + other unpaid principal + accrued interest on it from
  the last due day before `day` (or the start) to `day`, half-up, minus interest already paid
  on the current installment (not below 0); paying exactly the payoff closes the loan;
- late fee: fixed, or percent of the installment's scheduled interest+principal, half-up,
  once per unsettled installment; servicing fee: bps/yr * opening scheduled balance * period
  fraction, rounded down; restructuring capitalizes unpaid principal + overdue unpaid interest
  + unpaid late fees.
"""
import calendar
import copy
import datetime as dt
import json
import random
import sys
from fractions import Fraction
from pathlib import Path

ONE = 10**18
EPOCH = dt.date(1970, 1, 1)
OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures.json"


def day_of(d):
    return (d - EPOCH).days


def date_of(n):
    return EPOCH + dt.timedelta(days=n)


def half_up(x):
    x = Fraction(x)
    return (x.numerator * 2 + x.denominator) // (2 * x.denominator)


def floor(x):
    x = Fraction(x)
    return x.numerator // x.denominator


def add_months(d, k):
    m = d.year * 12 + (d.month - 1) + k
    y, mo = divmod(m, 12)
    mo += 1
    return dt.date(y, mo, min(d.day, calendar.monthrange(y, mo)[1]))


def last_of_feb(d):
    return d.month == 2 and d.day == calendar.monthrange(d.year, 2)[1]


def days_30_360(a, b):
    if b <= a:
        return 0
    d1, d2 = a.day, b.day
    if last_of_feb(a) and last_of_feb(b):
        d2 = 30
    if last_of_feb(a):
        d1 = 30
    if d2 == 31 and d1 >= 30:
        d2 = 30
    if d1 == 31:
        d1 = 30
    return max(0, 360 * (b.year - a.year) + 30 * (b.month - a.month) + (d2 - d1))


def period_rate(day_count, annual, a, b):
    """Rate of the period a->b (day numbers) as an exact fraction."""
    r = Fraction(annual, ONE)
    if day_count == "Thirty360":
        return r / 12
    return r * (b - a) / 365


def accrual_rate(day_count, annual, a, b):
    r = Fraction(annual, ONE)
    if b <= a:
        return Fraction(0)
    if day_count == "Thirty360":
        return r * days_30_360(date_of(a), date_of(b)) / 360
    return r * (b - a) / 365


class Refused(Exception):
    pass


def dues_of(t):
    first = dt.date.fromisoformat(t["first_due"])
    start = day_of(add_months(first, -1))
    return start, [day_of(add_months(first, k)) for k in range(t["periods"])]


def level(day_count, annual, balance, pmt, periods):
    out = []
    for k, (a, b) in enumerate(periods):
        interest = half_up(balance * period_rate(day_count, annual, a, b))
        principal = balance if k == len(periods) - 1 else min(max(pmt - interest, 0), balance)
        balance -= principal
        out.append([b, interest, principal])
        if balance == 0:
            break
    return out


def interest_only(day_count, annual, balance, periods):
    return [[b, half_up(balance * period_rate(day_count, annual, a, b)),
             balance if k == len(periods) - 1 else 0] for k, (a, b) in enumerate(periods)]


def schedule(t):
    P, a, n = t["principal"], t["annual_rate"], t["periods"]
    if P == 0:
        raise Refused("ZeroPrincipal")
    if P > ONE:
        raise Refused("PrincipalTooLarge")
    if n == 0:
        raise Refused("ZeroPeriods")
    if n > 480:
        raise Refused("TooManyPeriods")
    if a > ONE:
        raise Refused("RateOutOfRange")
    start, dues = dues_of(t)
    periods = list(zip([start] + dues[:-1], dues))
    if t["amortization"] == "LevelAnnuity":
        r = Fraction(a, ONE) / 12
        pmt = half_up(Fraction(P, n) if a == 0 else P * r / (1 - (1 + r) ** -n))
        if t["day_count"] == "Actual365" and a > 0 and pmt <= Fraction(P * a * 31, ONE * 365):
            raise Refused("NegativeAmortization")
        return pmt, start, level(t["day_count"], a, P, pmt, periods)
    if t["amortization"] == "InterestOnly":
        return 0, start, interest_only(t["day_count"], a, P, periods)
    # Bullet: simple interest for the whole term.
    if t["day_count"] == "Thirty360":
        interest = half_up(P * Fraction(a, ONE) * n / 12)
    else:
        interest = half_up(P * Fraction(a, ONE) * (dues[-1] - start) / 365)
    return 0, start, [[dues[-1], interest, P]]


class Book:
    def __init__(self, t):
        self.t = t
        self.pmt, self.start, sched = schedule(t)
        # due, interest, principal, paid_interest, paid_principal, late_fee, paid_late_fee
        self.inst = [dict(due=d, i=i, p=p, pi=0, pp=0, f=0, pf=0) for d, i, p in sched]

    @staticmethod
    def settled(x):
        return x["pi"] == x["i"] and x["pp"] == x["p"]

    def closed(self):
        return all(self.settled(x) and x["pf"] == x["f"] for x in self.inst)

    def current(self, day):
        for k, x in enumerate(self.inst):
            if x["due"] >= day:
                return k
        return None

    def dpd(self, day):
        for x in self.inst:
            if not self.settled(x):
                return day - x["due"] if x["due"] < day else 0
        return 0

    def payoff(self, day):
        overdue = sum(x["i"] - x["pi"] + x["p"] - x["pp"] for x in self.inst if x["due"] < day)
        principal = sum(x["p"] - x["pp"] for x in self.inst if x["due"] >= day)
        fees = sum(x["f"] - x["pf"] for x in self.inst)
        last = max([x["due"] for x in self.inst if x["due"] < day], default=self.start)
        if self.t["day_count"] == "Thirty360" and any(x["due"] == day for x in self.inst):
            # On a due day the period is whole months under 30/360 (Jan 31 -> Feb 28 is one
            # month, 1/12 of a year, though its 30/360 day count is 28).
            a, b = date_of(last), date_of(day)
            months = (b.year - a.year) * 12 + b.month - a.month
            rate = Fraction(self.t["annual_rate"], ONE) * months / 12
        else:
            rate = accrual_rate(self.t["day_count"], self.t["annual_rate"], last, day)
        accrued = half_up(principal * rate)
        c = self.current(day)
        paid_cur = self.inst[c]["pi"] if c is not None else 0
        return overdue + fees + principal + max(accrued - paid_cur, 0), accrued

    def late_fee(self, k, fee):
        x = self.inst[k]
        if x["f"] > 0 or self.settled(x):
            return 0
        amt = fee["fixed"] if "fixed" in fee else half_up(Fraction((x["i"] + x["p"]) * fee["percent"], ONE))
        x["f"] = amt
        return amt

    def servicing_fee(self, k, bps):
        opening = sum(x["p"] for x in self.inst[k:])
        frm = self.start if k == 0 else self.inst[k - 1]["due"]
        frac = Fraction(1, 12) if self.t["day_count"] == "Thirty360" else Fraction(self.inst[k]["due"] - frm, 365)
        return floor(opening * Fraction(bps, 10000) * frac)

    def pay(self, day, amount):
        if amount == 0:
            raise Refused("ZeroPayment")
        if self.closed():
            raise Refused("LoanClosed")
        payoff, accrued = self.payoff(day)
        if amount > payoff:
            raise Refused(("BeyondPayoff", payoff))
        lines = []

        def line(k, kind, amt):
            if amt:
                lines.append([k, kind, amt])

        c = self.current(day)
        if amount == payoff:
            end = c if c is not None else len(self.inst)
            for k in range(end):
                x = self.inst[k]
                line(k, "Interest", x["i"] - x["pi"])
                line(k, "Principal", x["p"] - x["pp"])
                x["pi"], x["pp"] = x["i"], x["p"]
            for k, x in enumerate(self.inst):
                line(k, "LateFee", x["f"] - x["pf"])
                x["pf"] = x["f"]
            if c is not None:
                rest = sum(x["p"] - x["pp"] for x in self.inst[c:])
                x = self.inst[c]
                acc = max(accrued - x["pi"], 0)
                x["i"] = x["pi"] + acc
                x["pi"] = x["i"]
                x["p"] = x["pp"] + rest
                x["pp"] = x["p"]
                line(c, "Interest", acc)
                line(c, "Principal", rest)
                del self.inst[c + 1:]
            return lines, True
        left = amount
        end = c if c is not None else len(self.inst) - 1
        for k in range(0, end + 1):
            x = self.inst[k]
            pay = min(x["i"] - x["pi"], left)
            x["pi"] += pay
            left -= pay
            line(k, "Interest", pay)
            pay = min(x["p"] - x["pp"], left)
            x["pp"] += pay
            left -= pay
            line(k, "Principal", pay)
        for k, x in enumerate(self.inst):
            pay = min(x["f"] - x["pf"], left)
            x["pf"] += pay
            left -= pay
            line(k, "LateFee", pay)
        if left:
            # Prepayment: the current installment is settled; re-amortize the rest, same PMT.
            cur = self.inst[c]
            tail = self.inst[c + 1:]
            balance = sum(x["p"] - x["pp"] for x in tail) - left
            assert balance > 0
            dues = [x["due"] for x in tail]
            periods = list(zip([cur["due"]] + dues[:-1], dues))
            if self.t["amortization"] == "LevelAnnuity":
                new = level(self.t["day_count"], self.t["annual_rate"], balance, self.pmt, periods)
            else:
                new = interest_only(self.t["day_count"], self.t["annual_rate"], balance, periods)
            cur["p"] += left
            cur["pp"] += left
            del self.inst[c + 1:]
            self.inst += [dict(due=d, i=i, p=p, pi=0, pp=0, f=0, pf=0) for d, i, p in new]
            line(c, "Prepayment", left)
        return lines, False

    def restructure(self, day, new_terms):
        principal = sum(x["p"] - x["pp"] + x["f"] - x["pf"] for x in self.inst)
        principal += sum(x["i"] - x["pi"] for x in self.inst if x["due"] < day)
        return Book(dict(new_terms, principal=principal))

    def dump(self):
        return [[x["due"], x["i"], x["p"], x["pi"], x["pp"], x["f"], x["pf"]] for x in self.inst]


def terms(principal, rate_pct, periods, first_due, amortization="LevelAnnuity", day_count="Thirty360"):
    # rate_pct as a string, e.g. "7.125": exact parts per 10^18.
    return dict(principal=principal, annual_rate=int(Fraction(rate_pct) * ONE / 100), periods=periods,
                amortization=amortization, day_count=day_count, first_due=first_due)


SCHEDULE_CASES = [
    ("textbook 100,000.00 at 6% over 360 months, in cents", terms(10_000_000, "6", 360, "2027-01-01")),
    ("textbook in 6-decimal units", terms(100_000_000_000, "6", 360, "2027-01-01")),
    ("zero rate", terms(1_000_000_007, "0", 12, "2027-03-15")),
    ("one period", terms(5_000_000, "12", 1, "2027-01-31")),
    ("480 periods", terms(250_000_000_000, "5.5", 480, "2027-01-31")),
    ("odd rate 7.125%", terms(123_456_789_012, "7.125", 60, "2027-01-31")),
    ("odd rate 19.99%", terms(9_999_999, "19.99", 36, "2026-12-29")),
    ("actual/365 across February and 31-day months", terms(50_000_000_000, "7.125", 24, "2027-01-31", day_count="Actual365")),
    ("actual/365 leap year", terms(10_000_000_000, "9.5", 13, "2027-12-31", day_count="Actual365")),
    ("interest-only + balloon", terms(75_000_000_000, "19.99", 24, "2027-02-28", "InterestOnly")),
    ("interest-only actual/365", terms(75_000_000_000, "4.25", 6, "2027-01-30", "InterestOnly", "Actual365")),
    ("bullet 30/360", terms(1_000_000_000, "8", 12, "2027-06-30", "Bullet")),
    ("bullet actual/365", terms(1_000_000_000, "8", 18, "2027-06-30", "Bullet", "Actual365")),
    ("max principal and rate", terms(10**18, "100", 480, "2027-01-31")),
    ("tiny principal", terms(3, "1", 5, "2027-01-31")),
    ("refused: negative amortization", terms(1_000_000, "100", 480, "2027-01-31", day_count="Actual365")),
    ("refused: zero principal", terms(0, "5", 12, "2027-01-31")),
    ("refused: zero periods", terms(1000, "5", 0, "2027-01-31")),
    ("refused: 481 periods", terms(1000, "5", 481, "2027-01-31")),
    ("refused: rate above 100%", terms(1000, "100.000000000000000001", 12, "2027-01-31")),
]


def schedule_fixture(name, t):
    try:
        pmt, start, inst = schedule(t)
        return dict(name=name, terms=t, payment=pmt, start=start, installments=inst)
    except Refused as e:
        return dict(name=name, terms=t, error=e.args[0])


# Every scenario's payments and checks are also measured at this servicing-fee rate.
SERVICING_BPS = 25


def fee_taken(before, after, lines, bps):
    """The servicing fee a payment carries: each installment's fee is taken from its interest
    first, so an interest line on k carries min(fee_k, paid after) - min(fee_k, paid before)."""
    total = 0
    for k, kind, _ in lines:
        if kind == "Interest":
            fee = before.servicing_fee(k, bps)
            total += min(fee, after.inst[k]["pi"]) - min(fee, before.inst[k]["pi"])
    return total


def share_unpaid(book, day, bps):
    """The servicer's part of the arrears on `day`: unpaid late fees, and the servicing fee
    still owed by the unpaid interest of every installment due before `day`."""
    fees = sum(x["f"] - x["pf"] for x in book.inst)
    for k, x in enumerate(book.inst):
        if x["due"] < day:
            fee = book.servicing_fee(k, bps)
            fees += min(fee, x["i"]) - min(fee, x["pi"])
    return fees


def scenario(name, t, late_fee, ops):
    """Replay ops on a Book and record every result the Rust side must reproduce."""
    book = Book(t)
    events = []
    for op in ops:
        if op[0] == "payoff":  # pay exactly what closes the loan that day
            op = ("pay", op[1], book.payoff(op[1])[0])
        kind = op[0]
        if kind == "pay":
            _, day, amount = op
            try:
                before = copy.deepcopy(book)
                lines, closed = book.pay(day, amount)
                events.append(dict(op="pay", day=day, amount=amount, lines=lines, closed=closed,
                                   fee_taken=fee_taken(before, book, lines, SERVICING_BPS)))
            except Refused as e:
                err = e.args[0]
                if isinstance(err, tuple):
                    events.append(dict(op="pay", day=day, amount=amount, error=err[0], payoff=err[1]))
                else:
                    events.append(dict(op="pay", day=day, amount=amount, error=err))
        elif kind == "late_fee":
            events.append(dict(op="late_fee", index=op[1], charged=book.late_fee(op[1], late_fee)))
        elif kind == "check":
            day = op[1]
            events.append(dict(op="check", day=day, payoff=book.payoff(day)[0], dpd=book.dpd(day),
                               current=book.current(day),
                               servicer_share=share_unpaid(book, day, SERVICING_BPS)))
        elif kind == "fee":
            events.append(dict(op="servicing_fee", index=op[1], bps=op[2], fee=book.servicing_fee(op[1], op[2])))
        elif kind == "restructure":
            _, day, nt = op
            book = book.restructure(day, nt)
            events.append(dict(op="restructure", day=day, terms=dict(nt, principal=0),
                               principal=book.t["principal"], payment=book.pmt))
        # The whole book after each event for short loans; after the last event for all.
        if len(book.inst) <= 24:
            events[-1]["book"] = book.dump()
    events[-1]["book"] = book.dump()
    return dict(name=name, terms=t, late_fee=late_fee, events=events)


def d(s):
    return day_of(dt.date.fromisoformat(s))


def hand_scenarios():
    out = []
    t = terms(100_000_000_000, "6", 360, "2027-01-01")
    pmt = schedule(t)[0]
    out.append(scenario("mortgage: on time, partial, missed, late fee, catch-up, prepayment, payoff", t,
                        {"fixed": 25_000_000}, [
        ("check", d("2026-12-15")),
        ("pay", d("2026-12-20"), pmt),                 # paid early: current, not prepayment
        ("pay", d("2027-02-01"), 300_000_000),         # partial
        ("check", d("2027-02-05")),
        ("pay", d("2027-02-10"), pmt - 300_000_000),   # completed later
        ("check", d("2027-03-20")),                    # March missed
        ("late_fee", 2),
        ("check", d("2027-03-20")),
        ("fee", 2, 25),
        ("pay", d("2027-03-25"), pmt + 25_000_000 + 1_000),  # March, then April (current) before the fee
        ("pay", d("2027-04-01"), pmt + 5_000_000_000), # April + prepayment
        ("check", d("2027-04-02")),
        ("fee", 4, 25),
        ("pay", d("2027-05-01"), 10**18),              # refused: beyond payoff
        ("pay", d("2027-05-01"), 0),                   # refused: zero
        ("check", d("2027-05-17")),
        ("payoff", d("2027-05-17")),
        ("pay", d("2027-05-18"), 1),                   # refused: closed
    ]))
    t = terms(50_000_000_000, "7.125", 24, "2027-01-31", day_count="Actual365")
    pmt = schedule(t)[0]
    out.append(scenario("actual/365: February, partials, missed, percent late fee, payoff mid-period", t,
                        {"percent": 5 * 10**16}, [
        ("pay", d("2027-01-31"), pmt),
        ("pay", d("2027-02-27"), pmt // 3),
        ("check", d("2027-03-02")),
        ("late_fee", 1),
        ("check", d("2027-03-31")),
        ("fee", 1, 50),
        ("fee", 2, 50),
        ("pay", d("2027-04-05"), pmt * 2),
        ("check", d("2027-04-05")),
        ("payoff", d("2027-04-20")),
    ]))
    t = terms(75_000_000_000, "19.99", 24, "2027-02-28", "InterestOnly")
    out.append(scenario("interest-only: prepayment lowers later interest, restructure, payoff", t,
                        {"fixed": 1_000_000}, [
        ("pay", d("2027-02-28"), schedule(t)[2][0][1]),
        ("pay", d("2027-03-28"), schedule(t)[2][1][1] + 5_000_000_000),
        ("check", d("2027-05-01")),
        ("late_fee", 2),
        ("restructure", d("2027-05-01"), terms(0, "12.5", 36, "2027-06-15")),
        ("check", d("2027-06-10")),
        ("pay", d("2027-06-15"), 2_000_000_000),
        ("payoff", d("2027-07-01")),
    ]))
    t = terms(1_000_000_000, "8", 12, "2027-06-30", "Bullet")
    out.append(scenario("bullet: early partial, payoff before maturity", t, {"fixed": 0}, [
        ("check", d("2027-01-10")),
        ("pay", d("2027-01-10"), 40_000_000),
        ("check", d("2027-03-01")),
        ("payoff", d("2027-03-01")),
    ]))
    t = terms(1_200_000, "0", 12, "2027-01-31")
    out.append(scenario("zero rate: missed installments, dpd, payoff after maturity", t, {"fixed": 10_000}, [
        ("check", d("2027-03-01")),
        ("late_fee", 0),
        ("late_fee", 0),                                 # once per installment
        ("check", d("2028-02-15")),
        ("payoff", d("2028-02-15")),
    ]))
    t = terms(1_000_000_000, "12", 2, "2027-01-31")
    inst = schedule(t)[2]
    out.append(scenario("30/360 short February: the last installment, due Feb 28 after Jan 31, paid on its day", t,
                        {"fixed": 0}, [
        ("pay", d("2027-01-31"), inst[0][1] + inst[0][2]),
        ("check", d("2027-02-27")),                      # 27 days accrued
        ("check", d("2027-02-28")),                      # the whole month: the scheduled interest
        ("pay", d("2027-02-28"), inst[1][1] + inst[1][2]),  # as scheduled, closes the loan
    ]))
    return out


def random_scenarios(n, seed):
    rng = random.Random(seed)
    out = []
    for k in range(n):
        am = rng.choice(["LevelAnnuity", "LevelAnnuity", "InterestOnly", "Bullet"])
        dc = rng.choice(["Thirty360", "Actual365"])
        rate = str(Fraction(rng.randint(0, 3000), 100))
        periods = rng.randint(1, 60)
        P = rng.randint(1, 10**12)
        first = add_months(dt.date(2027, 1, rng.choice([1, 15, 28, 29, 30, 31])), rng.randint(0, 11))
        t = terms(P, rate, periods, first.isoformat(), am, dc)
        try:
            book = Book(t)
        except Refused:
            continue
        ops = []
        day = book.start + rng.randint(0, 20)
        fee = {"fixed": rng.randint(0, 10**6)} if rng.random() < .5 else {"percent": rng.randint(0, 10**17)}
        sim = Book(t)
        for _ in range(rng.randint(1, 15)):
            day += rng.randint(0, 70)
            ops.append(("check", day))
            po = sim.payoff(day)[0]
            if sim.closed() or po == 0:
                break
            r = rng.random()
            if r < .15:
                k2 = rng.randrange(len(sim.inst))
                ops.append(("late_fee", k2))
                sim.late_fee(k2, fee)
            amt = rng.choice([po, rng.randint(1, po), rng.randint(1, max(1, po // 10)),
                              sim.inst[min(len(sim.inst) - 1, sim.current(day) or 0)]["i"] + 1])
            amt = max(1, min(amt, po))
            ops.append(("pay", day, amt))
            sim.pay(day, amt)
            if sim.closed():
                break
        if not sim.closed():
            ops.append(("payoff", day + rng.randint(0, 40)))
        out.append(scenario(f"random #{k} ({am}, {dc}, {rate}%, {periods} periods)", t, fee, ops))
    return out


# --- Distributions: the waterfall step, a payment's split, a sale's proceeds -------------

def pay_in_order(cash, steps):
    """steps: [(claims, cap or None)] -> ([[paid per claim] per step], remainder)."""
    left, out = cash, []
    for claims, cap in steps:
        room = min(left, cap) if cap is not None else left
        paid = []
        for c in claims:
            p = min(c, room)
            room -= p
            left -= p
            paid.append(p)
        out.append(paid)
    return out, left


def split_payment(amount, servicing_fee, late_fees, arrears):
    fees = servicing_fee + late_fees
    if fees > amount:
        raise Refused("Overflow")
    owner_part = amount - fees
    carried = min(arrears, owner_part)
    return dict(to_owner=owner_part - carried, to_servicer=fees + carried, arrears_paid=carried)


def recovery_proceeds(price, claims, cap_ppb, servicer_fees, debt):
    cap = floor(Fraction(price * cap_ppb, 10**9))
    owner_claim = max(debt - servicer_fees, 0)
    (costs, (sp,), (op,)), rest = pay_in_order(price, [(claims, cap), ([servicer_fees], None), ([owner_claim], None)])
    return dict(costs=costs, servicer_paid=sp, owner_paid=op, borrower_paid=rest, loss=max(debt - sp - op, 0))


def distribution_cases(n, seed):
    rng = random.Random(seed)
    out = [
        # A sale above the debt: costs under the cap, fees, owner in full, surplus to the borrower.
        dict(op="proceeds", price=1_200_000_000, claims=[30_000_000, 20_000_000], cap_ppb=100_000_000,
             servicer_fees=20_000_000, debt=900_000_000),
        # Below the debt with costs above the cap (10 % of 500 = 50): the second claim is cut.
        dict(op="proceeds", price=500_000_000, claims=[40_000_000, 40_000_000], cap_ppb=100_000_000,
             servicer_fees=20_000_000, debt=900_000_000),
        # A cap that does not divide: 10 % of 333,333,333 rounds down.
        dict(op="proceeds", price=333_333_333, claims=[10**9], cap_ppb=100_000_000, servicer_fees=0, debt=10**9),
        dict(op="split", amount=599_550_525, servicing_fee=20_833_333, late_fees=25_000_000, arrears=0),
        dict(op="split", amount=10_000_000, servicing_fee=1_000_000, late_fees=0, arrears=50_000_000),
        dict(op="split", amount=1, servicing_fee=1, late_fees=1, arrears=0),   # refused
        dict(op="pay", cash=100, steps=[([30, 30], 50), ([40], None), ([100], None)]),
    ]
    for _ in range(n):
        r = rng.random()
        if r < .4:
            price = rng.randint(0, 10**12)
            claims = [rng.randint(0, 10**11) for _ in range(rng.randint(0, 4))]
            out.append(dict(op="proceeds", price=price, claims=claims, cap_ppb=rng.randint(0, 10**9),
                            servicer_fees=rng.randint(0, 10**10), debt=rng.randint(0, 2 * 10**12)))
        elif r < .7:
            a = rng.randint(0, 10**12)
            out.append(dict(op="split", amount=a, servicing_fee=rng.randint(0, a // 10 + 1),
                            late_fees=rng.randint(0, a // 10 + 1), arrears=rng.randint(0, a)))
        else:
            steps = [([rng.randint(0, 10**9) for _ in range(rng.randint(0, 3))],
                      rng.choice([None, rng.randint(0, 10**9)])) for _ in range(rng.randint(1, 5))]
            out.append(dict(op="pay", cash=rng.randint(0, 3 * 10**9), steps=steps))
    for c in out:
        try:
            if c["op"] == "proceeds":
                c["expect"] = recovery_proceeds(c["price"], c["claims"], c["cap_ppb"], c["servicer_fees"], c["debt"])
            elif c["op"] == "split":
                c["expect"] = split_payment(c["amount"], c["servicing_fee"], c["late_fees"], c["arrears"])
            else:
                paid, rest = pay_in_order(c["cash"], c["steps"])
                c["steps"] = [dict(claims=cl, cap=cap) for cl, cap in c["steps"]]
                c["expect"] = dict(steps=paid, remainder=rest)
        except Refused as e:
            c["error"] = str(e.args[0])
    return out


# Pool performance (domain.md "Performance metrics"): fixed point with 18 decimals, every
# division and each of the twelve multiplications of an annualization rounded down.
def fx_ratio(n, d):
    if d == 0:
        return 0
    return min(floor(Fraction(min(n, d) * ONE, d)), ONE)


def annualize(m):
    survive, p = ONE - min(m, ONE), ONE
    for _ in range(12):
        p = floor(Fraction(p * survive, ONE))
    return ONE - p


def pool_metrics(loans, scheduled, unscheduled, defaulted):
    """loans: [(balance, rate ppq, remaining installments, age installments)] at the
    period's opening; the period's scheduled principal, unscheduled principal and principal
    newly defaulted."""
    opening = sum(b for b, _, _, _ in loans)
    smm = fx_ratio(unscheduled, max(opening - scheduled, 0))
    mdr = fx_ratio(defaulted, opening)
    wac = floor(Fraction(sum(b * (r // 10**9) for b, r, _, _ in loans), opening)) if opening else 0
    wam = floor(Fraction(sum(b * n * 1000 for b, _, n, _ in loans), opening)) if opening else 0
    wala = floor(Fraction(sum(b * a * 1000 for b, _, _, a in loans), opening)) if opening else 0
    return dict(opening=opening, smm=smm, mdr=mdr, cpr=annualize(smm), cdr=annualize(mdr),
                wac_ppb=wac, wam_milli=wam, wala_milli=wala)


def pool_metric_cases(n, seed):
    rng = random.Random(seed)
    out = [
        # 1 % a month prepays; nothing defaults.
        dict(loans=[(100_000_000, 6 * 10**16, 60, 0)], scheduled=0, unscheduled=1_000_000, defaulted=0),
        # Everything prepays; everything defaults; an empty pool.
        dict(loans=[(5, 10**17, 1, 11)], scheduled=0, unscheduled=5, defaulted=5),
        dict(loans=[], scheduled=0, unscheduled=0, defaulted=0),
    ]
    for _ in range(n):
        loans = []
        for _ in range(rng.randint(1, 40)):
            term = rng.randint(6, 360)
            age = rng.randint(0, term - 1)
            loans.append((rng.randint(1, 10**12), rng.randint(0, 3 * 10**17), term - age, age))
        opening = sum(b for b, _, _, _ in loans)
        scheduled = rng.randint(0, opening // 20)
        unscheduled = rng.randint(0, (opening - scheduled) // rng.choice([5, 50, 500]))
        defaulted = rng.randint(0, opening // rng.choice([10, 100, 1000]))
        out.append(dict(loans=loans, scheduled=scheduled, unscheduled=unscheduled, defaulted=defaulted))
    for c in out:
        c["expect"] = pool_metrics(c["loans"], c["scheduled"], c["unscheduled"], c["defaulted"])
        c["loans"] = [list(l) for l in c["loans"]]
    return out


# The payment-date waterfall (finance/src/waterfall.rs's conventions, written independently).
def wf_pro_rata(total, claims):
    s = sum(claims)
    total = min(total, s)
    if s == 0:
        return [0 for _ in claims]
    out = [floor(Fraction(total * c, s)) for c in claims]
    left = total - sum(out)
    while left > 0:
        before = left
        for i, c in enumerate(claims):
            if left > 0 and out[i] < c:
                out[i] += 1
                left -= 1
        if left == before:
            break
    return out


def wf_accrue(amount, rate, days):
    return half_up(Fraction(amount * rate * days, ONE * 360))


def waterfall(steps, inp):
    n = len(inp["tranches"])
    t = [dict(x) for x in inp["tranches"]]
    due = []
    for x in t:
        d = wf_accrue(x["outstanding"], x["coupon"], inp["days"]) + x["shortfall"]
        if inp["compound_shortfalls"]:
            d += wf_accrue(x["shortfall"], x["coupon"], inp["days"])
        due.append(d)
    out = dict(steps=[], fees_paid=[], fee_shortfalls=[], interest_due=list(due), interest_paid=[0] * n,
               principal_paid=[0] * n, residual_paid=0, reserve_drawn=0, reserve_funded=0, oc_failed=[])
    loss = inp["losses"]
    for x in reversed(t):
        w = min(loss, x["outstanding"])
        x["outstanding"] -= w
        x["written_down"] += w
        loss -= w
    cash = {"Interest": inp["interest"], "Principal": inp["principal"]}
    reserve = inp["reserve"]
    fee_i = 0
    # Principal proceeds that already back a write-up of this date (cured cash not yet paid).
    backing = 0
    for st in steps:
        src, kind = st["source"], st["kind"]
        moved = 0
        if kind == "Fee":
            carried = inp["fee_shortfalls"][fee_i] if fee_i < len(inp["fee_shortfalls"]) else 0
            fee_i += 1
            d = half_up(Fraction(inp["opening_balance"] * st["bps"] * inp["days"], 10_000 * 360)) + st["fixed"] + carried
            p = min(d, cash[src])
            cash[src] -= p
            out["fees_paid"].append(p)
            out["fee_shortfalls"].append(d - p)
        elif kind == "Interest":
            claims = [due[k] - out["interest_paid"][k] for k in st["tranches"]]
            owed = sum(claims)
            from_cash = min(owed, cash[src])
            cash[src] -= from_cash
            from_res = min(owed - from_cash, reserve) if st["reserve"] else 0
            reserve -= from_res
            out["reserve_drawn"] += from_res
            p = from_cash + from_res
            for k, q in zip(st["tranches"], wf_pro_rata(p, claims)):
                out["interest_paid"][k] += q
        elif kind == "OcTest":
            seniors = min(st["class"] + 1, n)
            s_ = sum(x["outstanding"] for x in t[:seniors])
            allowed = floor(Fraction(inp["closing_balance"] * 10**9, st["min_ppb"]))
            need = max(s_ - allowed, 0)
            if need > 0:
                out["oc_failed"].append(st["class"])
            p = min(need, cash[src])
            cash[src] -= p
            left = p
            for k in range(seniors):
                q = min(left, t[k]["outstanding"])
                t[k]["outstanding"] -= q
                left -= q
                out["principal_paid"][k] += q
        elif kind == "FundReserve":
            p = min(max(inp["reserve_target"] - reserve, 0), cash[src])
            cash[src] -= p
            reserve += p
            out["reserve_funded"] += p
        elif kind == "CureWriteDowns":
            avail = cash[src] - backing if src == "Principal" else cash[src]
            p = min(sum(x["written_down"] for x in t), avail)
            cash[src] -= p
            left = p
            for x in t:
                q = min(left, x["written_down"])
                x["written_down"] -= q
                x["outstanding"] += q
                left -= q
            moved = p
        elif kind == "Principal":
            claims = [t[k]["outstanding"] for k in st["tranches"]]
            p = min(sum(claims), cash[src])
            cash[src] -= p
            if st["pro_rata"]:
                pays = wf_pro_rata(p, claims)
            else:
                pays, left = [], p
                for c in claims:
                    q = min(left, c)
                    left -= q
                    pays.append(q)
            for k, q in zip(st["tranches"], pays):
                t[k]["outstanding"] -= q
                out["principal_paid"][k] += q
        elif kind == "Residual":
            p = cash[src]
            cash[src] = 0
            out["residual_paid"] += p
        else:
            raise ValueError(kind)
        cash["Principal"] += moved
        backing = min(backing + moved, cash["Principal"])
        out["steps"].append(p)
    for k, x in enumerate(t):
        x["shortfall"] = due[k] - out["interest_paid"][k]
    out.update(tranches=t, reserve=reserve, interest_left=cash["Interest"], principal_left=cash["Principal"])
    return out


def waterfall_steps(rng, n):
    """A deal of n tranches (the last the residual): fees, senior interest drawing the reserve,
    the others' interest (some pari passu), OC tests, the reserve, cures, principal, residual."""
    I, P = "Interest", "Principal"
    steps = [dict(source=I, kind="Fee", bps=rng.choice([0, 5, 25, 100]), fixed=rng.choice([0, 1_000, 250_000]))]
    if rng.random() < .5:
        steps.append(dict(source=I, kind="Fee", bps=0, fixed=rng.randint(0, 10**6)))
    k = 0
    while k < n - 1:
        group = [k] if k == 0 or rng.random() < .7 or k == n - 2 else [k, k + 1]
        steps.append(dict(source=I, kind="Interest", tranches=group, reserve=k == 0))
        if rng.random() < .5 and group[-1] < n - 1:
            steps.append(dict(source=I, kind="OcTest", class_=group[-1], min_ppb=rng.choice([1_000_000_000, 1_050_000_000, 1_200_000_000])))
        k = group[-1] + 1
    steps.append(dict(source=I, kind="FundReserve"))
    steps.append(dict(source=I, kind="CureWriteDowns"))
    if rng.random() < .5:
        steps.append(dict(source=P, kind="CureWriteDowns"))
    pro = rng.random() < .3
    notes = list(range(n - 1))
    steps.append(dict(source=P, kind="Principal", tranches=notes, pro_rata=pro))
    steps.append(dict(source=I, kind="Principal", tranches=notes, pro_rata=False))
    steps.append(dict(source=P, kind="Residual"))
    steps.append(dict(source=I, kind="Residual"))
    for st in steps:
        if "class_" in st:
            st["class"] = st.pop("class_")
    return steps


def waterfall_cases(n, seed):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        nt = rng.randint(2, 8)
        faces = [rng.randint(0, 10**12) for _ in range(nt)]
        tranches = [dict(outstanding=f, coupon=(rng.randint(0, 15 * 10**16) if i < nt - 1 else 0),
                         shortfall=rng.choice([0, 0, rng.randint(0, 10**9)]),
                         written_down=rng.choice([0, 0, rng.randint(0, 10**10)])) for i, f in enumerate(faces)]
        pool = sum(faces) + rng.randint(-sum(faces) // 5, sum(faces) // 5)
        steps = waterfall_steps(rng, nt)
        inp = dict(interest=rng.randint(0, max(sum(faces) // 100, 1)), principal=rng.randint(0, max(sum(faces) // 20, 1)),
                   opening_balance=max(pool, 0), closing_balance=max(pool - rng.randint(0, max(pool, 1) // 20), 0),
                   days=rng.choice([28, 30, 31, 60, 90]), reserve=rng.randint(0, 10**10), reserve_target=rng.randint(0, 2 * 10**10),
                   losses=rng.choice([0, 0, rng.randint(0, max(sum(faces) // 10, 1))]),
                   fee_shortfalls=[rng.choice([0, rng.randint(0, 10**7)]) for _ in range(2)],
                   compound_shortfalls=rng.random() < .5, tranches=tranches)
        out.append(dict(steps=steps, input=inp, expect=waterfall(steps, inp)))
    return out


# A deal through its payment dates (pallets/pools/src/features/dates.rs's conventions, written
# independently): the reserve's target and release, the waterfall of the deal's status, the
# tranches after it, the triggers (OC, IC, cumulative net loss, 60+ delinquency averaged over
# three dates; curable or latched), events of default and the next status.
PPB = 10**9


def ppb(n, d):
    return 0 if d == 0 else n * PPB // d


def deal_dates(deal, periods):
    tranches = [dict(face=t["face"], coupon=t["coupon"], final=t["final_maturity"], principal_paid=0,
                     written_down=0, written_up=0, interest_paid=0, shortfall=0) for t in deal["tranches"]]
    n = len(tranches)
    out_of = lambda t: t["face"] - t["principal_paid"] - t["written_down"] + t["written_up"]
    st = dict(status="Normal", reserve=deal["initial_reserve"], interest_cash=0, principal_cash=0,
              fee_shortfalls=[], breached=0, history=[0, 0, 0], dates=0)
    reports = []
    for f in periods:
        share, fl = deal["reserve"]["share_ppb"], deal["reserve"]["floor"]
        target = 0 if f.get("last") else max(f["closing_balance"] * share // PPB, fl)
        released = max(st["reserve"] - target, 0)
        reserve = st["reserve"] - released
        days = days_30_360(date_of(f["start"]), date_of(f["end"]))
        steps = deal["waterfalls"][st["status"]]
        inp = dict(interest=f["interest"] + st["interest_cash"] + released, principal=f["principal"] + st["principal_cash"],
                   opening_balance=f["opening_balance"], closing_balance=f["closing_balance"], days=days, reserve=reserve,
                   reserve_target=target, losses=f["defaults"], fee_shortfalls=list(st["fee_shortfalls"]),
                   compound_shortfalls=deal["compound_shortfalls"],
                   tranches=[dict(outstanding=out_of(t), coupon=t["coupon"] or 0, shortfall=t["shortfall"],
                                  written_down=t["written_down"] - t["written_up"]) for t in tranches])
        o = waterfall(steps, inp)
        # Losses junior first, as the waterfall wrote them down; cures are what the net
        # write-down fell by beyond them.
        loss, wd = f["defaults"], [0] * n
        for k in reversed(range(n)):
            w = min(loss, inp["tranches"][k]["outstanding"])
            wd[k] = w
            loss -= w
        lines = []
        for k, t in enumerate(tranches):
            opening = out_of(t)
            wu = inp["tranches"][k]["written_down"] + wd[k] - o["tranches"][k]["written_down"]
            t["principal_paid"] += o["principal_paid"][k]
            t["written_down"] += wd[k]
            t["written_up"] += wu
            t["interest_paid"] += o["interest_paid"][k]
            t["shortfall"] = o["tranches"][k]["shortfall"]
            assert out_of(t) == o["tranches"][k]["outstanding"], "the tranche's books agree with the waterfall"
            lines.append(dict(opening=opening, interest_due=o["interest_due"][k], interest_paid=o["interest_paid"][k],
                              principal_paid=o["principal_paid"][k], written_down=wd[k], written_up=wu,
                              closing=out_of(t), shortfall=t["shortfall"], factor_ppb=ppb(out_of(t), t["face"])))
        fees = sum(o["fees_paid"])
        history = [ppb(f["delinquent_60"], f["closing_balance"]), st["history"][0], st["history"][1]]
        dates = st["dates"] + 1
        readings, now = [], 0
        for i, tr in enumerate(deal["triggers"]):
            kind = tr["kind"]
            if kind == "Oc":
                s_ = sum(out_of(t) for t in tranches[: tr["class"] + 1])
                value, limit, skipped, higher = ppb(f["closing_balance"], s_), tr["min_ppb"], s_ == 0, True
            elif kind == "Ic":
                due = sum(o["interest_due"][: tr["class"] + 1])
                value, limit, skipped, higher = ppb(max(f["interest"] - fees, 0), due), tr["min_ppb"], f["index"] == 0 or due == 0, True
            elif kind == "Cnl":
                limit = PPB
                for idx, lim in tr["curve"]:
                    if idx <= f["index"]:
                        limit = lim
                value, skipped, higher = ppb(f["net_loss"], f["original_balance"]), False, False
            else:
                seen = min(dates, 3)
                value, limit, skipped, higher = sum(history[:seen]) // seen, tr["max_ppb"], False, False
            failed = not skipped and (value < limit if higher else value > limit)
            was = bool(st["breached"] & (1 << i))
            b = failed or (was and not tr["curable"])
            if b:
                now |= 1 << i
            readings.append(dict(value_ppb=value, limit_ppb=limit, breached=b, skipped=skipped))
        default = None
        notes = [k for k in range(n - 1) if lines[k]["opening"] > 0]
        if notes and lines[notes[0]]["shortfall"] > 0:
            default = "SeniorInterestUnpaid"
        if default is None:
            for k in range(n - 1):
                if tranches[k]["final"] <= f["end"] and out_of(tranches[k]) > 0:
                    default = "FinalMaturityPassed"
                    break
        status = st["status"]
        eod = default is not None and status != "Accelerated"
        after = "Accelerated" if eod or status == "Accelerated" else ("Sequential" if now else "Normal")
        reports.append(dict(index=f["index"], status=status, status_after=after, event_of_default=eod,
                            reserve_released=released, reserve_target=target, steps=o["steps"], fees_paid=fees,
                            residual_paid=o["residual_paid"], reserve_drawn=o["reserve_drawn"],
                            reserve_funded=o["reserve_funded"], reserve=o["reserve"], tranches=lines,
                            triggers=readings, interest_left=o["interest_left"], principal_left=o["principal_left"]))
        st.update(status=after, breached=now, history=history, reserve=o["reserve"], interest_cash=o["interest_left"],
                  principal_cash=o["principal_left"], fee_shortfalls=o["fee_shortfalls"], dates=dates)
    return reports


def deal_fixtures():
    """Two deals of three notes and a residual with a reserve, an OC and an IC test: the
    first breaches its 60+ trigger (sequential) and cures it, takes a loss cured by a
    recovery, then its collections dry up until the senior's interest goes unpaid (an event of
    default); the second is a random walk of the same shape."""
    U = 10**6
    I, P = "Interest", "Principal"
    notes = [0, 1, 2]
    def normal(pro):
        return [dict(source=I, kind="Fee", bps=10, fixed=0),
                dict(source=I, kind="Interest", tranches=[0], reserve=True),
                dict(source=I, kind="Interest", tranches=[1], reserve=False),
                dict(source=I, kind="OcTest", **{"class": 1}, min_ppb=1_150_000_000),
                dict(source=I, kind="Interest", tranches=[2], reserve=False),
                dict(source=I, kind="CureWriteDowns"),
                dict(source=I, kind="FundReserve"),
                dict(source=P, kind="CureWriteDowns"),
                dict(source=P, kind="Principal", tranches=notes, pro_rata=pro),
                dict(source=P, kind="Principal", tranches=[3], pro_rata=False),
                dict(source=P, kind="Residual"),
                dict(source=I, kind="Residual")]
    accelerated = [dict(source=I, kind="Fee", bps=10, fixed=0), dict(source=P, kind="CureWriteDowns")]
    for src in (I, P):
        for k in notes:
            accelerated.append(dict(source=src, kind="Interest", tranches=[k], reserve=(k == 0 and src == I)))
            accelerated.append(dict(source=src, kind="Principal", tranches=[k], pro_rata=False))
    accelerated += [dict(source=P, kind="Principal", tranches=[3], pro_rata=False), dict(source=P, kind="Residual"),
                    dict(source=I, kind="Residual")]
    start = dt.date(2027, 1, 25)
    base = dict(
        tranches=[dict(face=700_000 * U, coupon=30_000_000_000_000_000, final_maturity=day_of(add_months(start, 120))),
                  dict(face=150_000 * U, coupon=50_000_000_000_000_000, final_maturity=day_of(add_months(start, 120))),
                  dict(face=80_000 * U, coupon=80_000_000_000_000_000, final_maturity=day_of(add_months(start, 120))),
                  dict(face=70_000 * U, coupon=None, final_maturity=day_of(add_months(start, 120)))],
        waterfalls=dict(Normal=normal(True), Sequential=normal(False), Accelerated=accelerated),
        reserve=dict(share_ppb=10_000_000, floor=5_000 * U), initial_reserve=10_000 * U, compound_shortfalls=True,
        triggers=[dict(kind="Oc", **{"class": 1}, min_ppb=1_100_000_000, curable=True),
                  dict(kind="Ic", **{"class": 0}, min_ppb=1_500_000_000, curable=True),
                  dict(kind="Cnl", curve=[(0, 40_000_000), (6, 60_000_000)], curable=False),
                  dict(kind="D60", max_ppb=50_000_000, curable=True)])
    def walk(script):
        out, bal, net, cum_d, cum_r = [], 1_000_000 * U, 0, 0, 0
        for i, (interest, principal, defaults, recoveries, d60) in enumerate(script):
            a, b = add_months(start, i), add_months(start, i + 1)
            closing = bal - principal - defaults
            cum_d += defaults
            cum_r += recoveries
            out.append(dict(index=i, start=day_of(a), end=day_of(b), interest=interest, principal=principal + recoveries,
                            opening_balance=bal, closing_balance=closing, defaults=defaults, delinquent_60=d60,
                            net_loss=max(cum_d - cum_r, 0), original_balance=1_000_000 * U))
            bal = closing
        return out
    scripted = [
        (7_000 * U, 20_000 * U, 0, 0, 0),
        (6_900 * U, 20_000 * U, 0, 0, 10_000 * U),
        (6_800 * U, 19_000 * U, 0, 0, 90_000 * U),   # 60+ spikes: the 3-date average breaches
        (6_700 * U, 19_000 * U, 0, 0, 80_000 * U),
        (6_500 * U, 18_000 * U, 30_000 * U, 0, 20_000 * U),  # a default written down
        (6_400 * U, 18_000 * U, 0, 0, 0),
        (6_300 * U, 18_000 * U, 0, 12_000 * U, 0),   # a recovery cures part of it
        (6_200 * U, 17_000 * U, 0, 0, 0),
        (2_000 * U, 3_000 * U, 0, 0, 0),             # collections dry up
    ] + [(0, 0, 0, 0, 0)] * 8 + [
        (5_000 * U, 10_000 * U, 0, 0, 0),            # accelerated: everything to the senior
    ]
    rng = random.Random(20261205)
    randomized = []
    for _ in range(24):
        randomized.append((rng.randint(0, 8_000) * U + rng.randint(0, U), rng.randint(0, 25_000) * U + rng.randint(0, U),
                           rng.choice([0, 0, 0, rng.randint(0, 20_000) * U]), rng.choice([0, 0, rng.randint(0, 8_000) * U]),
                           rng.choice([0, rng.randint(0, 60_000) * U])))
    out = []
    for name, script in (("scripted", scripted), ("random", randomized)):
        periods = walk(script)
        reports = deal_dates(base, periods)
        out.append(dict(name=name, deal=base, periods=periods, reports=reports))
    s = out[0]["reports"]
    assert any(r["status_after"] == "Sequential" for r in s) and any(
        r["status"] == "Sequential" and r["status_after"] == "Normal" for r in s), "the breach and its cure"
    assert any(r["event_of_default"] for r in s), "an event of default"
    assert any(t["written_up"] > 0 for r in s for t in r["tranches"]), "a cure"
    return out


def build():
    scenarios = hand_scenarios() + random_scenarios(40, 20261126)
    return dict(
        generator="finance/reference/model.py",
        schedules=[schedule_fixture(n, t) for n, t in SCHEDULE_CASES],
        scenarios=scenarios,
        distributions=distribution_cases(200, 20261202),
        pool_metrics=pool_metric_cases(60, 20261203),
        waterfalls=waterfall_cases(300, 20261204),
        deals=deal_fixtures(),
    )


if __name__ == "__main__":
    data = json.dumps(build(), indent=1, sort_keys=True) + "\n"
    if "--check" in sys.argv:
        if OUT.read_text() != data:
            print("fixtures differ from the model's output", file=sys.stderr)
            sys.exit(1)
        print("fixtures up to date")
    else:
        OUT.write_text(data)
        print(f"wrote {OUT} ({len(data)} bytes)")
