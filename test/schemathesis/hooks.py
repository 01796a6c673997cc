"""Schemathesis hooks: the rules of the document that JSON Schema cannot state.

The OpenAPI document is generated from the validating DTOs and is exact wherever JSON Schema can
be (types, patterns, real calendar dates, bounds, vocabularies, unknown fields). Three rules depend
on something a schema cannot see, and the document states them in words (`description`,
`x-after`): `occurredAt` at most 5 minutes after the server's clock, `expiresOn` after
`effectiveFrom`, a period's start not after its end (and the tier history's 400 points at most),
`minPosition` (a read waits for the read models to reach it, then answers 503),
`cursor` (only a `nextCursor` the service handed out is valid: any other is a 400, by design),
a forecast's `until` (after the server's clock and at most 730 days ahead), and `knownAt` (not
after the server's clock: nothing recorded later is known yet).
For cases generated as VALID (positive mode) this hook moves those values into range, exactly as a
correct client would; cases generated as invalid are sent untouched, so every rule is still checked.
"""

import datetime
import re

import schemathesis
from hypothesis.internal import lambda_sources

# CPython 3.11's parser can fail with "SystemError: AST constructor recursion depth mismatch" when
# hypothesis parses a source file to name a lambda in a strategy's repr; the name is cosmetic.
_describe_lambda = lambda_sources._lambda_description


def _lambda_description_or_placeholder(f, *args, **kwargs):
    try:
        return _describe_lambda(f, *args, **kwargs)
    except SystemError:
        return "lambda: <source not shown>"


lambda_sources._lambda_description = _lambda_description_or_placeholder

PAST_YEAR = "2020"  # a leap year: 29 February stays a real date
HANDED_OUT_CURSORS = set()
MAX_HISTORY_POINTS = 400


def _instant(text):
    """A point in time of the query (a date is its start, UTC), comparable with any other."""
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def _periods_in_range(path, query):
    """Moves a period's bounds into order (and the tier history's within its points), as a correct client would."""
    if path == "/v1/programme/summary":
        start, end = query.get("rejectionsFrom"), query.get("rejectionsTo")
        if isinstance(start, str) and end is None:  # a start alone meets the default end, now: it may be later
            query["rejectionsTo"] = end = "9999-12-31"
        if isinstance(start, str) and isinstance(end, str):
            try:
                if _instant(start) > _instant(end):
                    query["rejectionsFrom"], query["rejectionsTo"] = end, start
            except ValueError:  # a fraction finer than Python reads: the default period instead
                del query["rejectionsFrom"], query["rejectionsTo"]
    if path == "/v1/programme/tier-history" and ("from" in query or "to" in query):
        # One bound alone meets the other's default (today): both are given, in order and in bounds.
        dates = sorted(datetime.date.fromisoformat(query[key]) for key in ("from", "to") if isinstance(query.get(key), str))
        if not dates:
            return
        step = 7 if query.get("interval") == "week" else 1
        start = dates[0]
        end = min(dates[-1], start + datetime.timedelta(days=step * (MAX_HISTORY_POINTS - 1)), datetime.date(9999, 12, 31))
        query["from"], query["to"] = start.isoformat(), end.isoformat()


def _in_range(envelope):
    if not isinstance(envelope, dict):
        return
    occurred = envelope.get("occurredAt")
    if isinstance(occurred, str) and len(occurred) >= 4 and occurred[:4] >= str(datetime.date.today().year):
        envelope["occurredAt"] = PAST_YEAR + occurred[4:]
    data = envelope.get("data")
    if envelope.get("type") == "AgreementSigned" and isinstance(data, dict):
        start, end = data.get("effectiveFrom"), data.get("expiresOn")
        if isinstance(start, str) and isinstance(end, str) and end <= start:
            if end < start:
                data["effectiveFrom"], data["expiresOn"] = end, start
            elif start != "0100-01-01":
                data["effectiveFrom"] = "0100-01-01"
            else:
                data["expiresOn"] = "9999-12-31"


@schemathesis.hook
def before_call(context, case, kwargs):
    # A valid minPosition stays valid at 0, in either mode: no read waits 5 s for a position never written.
    if isinstance(case.query, dict) and isinstance(case.query.get("minPosition"), str) and re.fullmatch(r"[0-9]{1,19}", case.query["minPosition"]):
        case.query["minPosition"] = "0"
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    if isinstance(case.query, dict) and "cursor" in case.query and case.query["cursor"] not in HANDED_OUT_CURSORS:
        del case.query["cursor"]
    if case.path.endswith("/forecast") and isinstance(case.query, dict) and "until" in case.query:
        case.query["until"] = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    if isinstance(case.query, dict):
        _periods_in_range(case.path, case.query)
        known = case.query.get("knownAt")
        if isinstance(known, str) and len(known) >= 4 and known[:4] >= str(datetime.date.today().year):
            case.query["knownAt"] = PAST_YEAR + known[4:]
    # Schemathesis offers a subnormal float just above `minimum` (2.2e-311) as a valid integer; a
    # correct client sends an integer there.
    if case.path == "/v1/rejections/replay" and isinstance(case.body, dict):
        for key, least in (("after", 0), ("limit", 1)):
            if isinstance(case.body.get(key), float):
                case.body[key] = max(least, int(case.body[key]))
    if case.path == "/v1/events" and case.method.upper() == "POST":
        body = case.body
        if isinstance(body, dict) and isinstance(body.get("events"), list):
            for envelope in body["events"]:
                _in_range(envelope)
        else:
            _in_range(body)


@schemathesis.hook
def after_call(context, case, response):
    try:
        body = response.json()
    except Exception:  # not JSON (metrics), or no body
        return
    if isinstance(body, dict) and isinstance(body.get("nextCursor"), str):
        HANDED_OUT_CURSORS.add(body["nextCursor"])
