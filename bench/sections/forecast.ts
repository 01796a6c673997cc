import {
  DAY_MS,
  DEFAULT_CATALOG,
  FORECAST_MAX_DAYS,
  type PartnerFold,
  type UpstreamEvent,
  decide,
  evolveInPlace,
  forecast,
  initialState,
} from '@partner-program/domain';
import { type Envelope, programme } from '../../scripts/programme-generator';
import type { BenchOptions } from '../support';

// ── The forecast's cost: the whole generated programme, and one partner with a long history ──
// Partners are folded as the decider would write them (outside the timing); each forecast looks
// two horizons (2 × 730 days) ahead, as the projector's at every evaluation of a partner.

const NOW = Date.parse('2026-11-01T00:00:00Z');
const STORED_HORIZON = 2 * FORECAST_MAX_DAYS * DAY_MS;

export type ForecastCost = { ms: number; perPartnerUs: number; changes: number; drops: number; events: number };

/** Every partner of the programme forecast once, in ms for all of them. */
export function programmeForecast(o: BenchOptions): ForecastCost {
  return forecastAll(folded(programme({ partners: o.partners, dealsPerPartner: o.dealsPerPartner, prefix: 'FC' })));
}

/** One partner with `deals` deals (9,850: about 14,000 events) forecast `calls` times, in ms per forecast. */
export function bigPartnerForecast(deals: number, calls: number): ForecastCost {
  const partners = folded(programme({ partners: 1, dealsPerPartner: deals, prefix: 'FCBIG' }));
  const [state] = partners.values();
  forecast(state!, DEFAULT_CATALOG, 'FCBIG', NOW, NOW + STORED_HORIZON); // warm-up: the first call would also time the JIT
  const started = performance.now();
  let result = forecast(state!, DEFAULT_CATALOG, 'FCBIG', NOW, NOW + STORED_HORIZON);
  for (let i = 1; i < calls; i++) result = forecast(state!, DEFAULT_CATALOG, 'FCBIG', NOW, NOW + STORED_HORIZON);
  const ms = (performance.now() - started) / calls;
  return { ms, perPartnerUs: ms * 1000, changes: result.changes.length, drops: dropsOf(result.changes), events: state!.version };
}

function forecastAll(partners: Map<string, PartnerFold>): ForecastCost {
  let [changes, drops, events] = [0, 0, 0];
  const started = performance.now();
  for (const [partnerId, state] of partners) {
    const result = forecast(state, DEFAULT_CATALOG, partnerId, NOW, NOW + STORED_HORIZON);
    changes += result.changes.length;
    drops += dropsOf(result.changes);
  }
  const ms = performance.now() - started;
  for (const state of partners.values()) events += state.version;
  return { ms, perPartnerUs: (ms * 1000) / partners.size, changes, drops, events };
}

const dropsOf = (changes: readonly { direction: string }[]) => changes.filter((change) => change.direction === 'drop').length;

/** Each partner's state, folded from what the decider makes of its messages. */
function folded(messages: Iterable<Envelope>): Map<string, PartnerFold> {
  const states = new Map<string, PartnerFold>();
  for (const { partnerId, type, data, messageId, occurredAt, source } of messages) {
    let state = states.get(partnerId);
    if (!state) states.set(partnerId, (state = initialState()));
    const fact = { type, data, meta: { messageId, occurredAt, source } } as UpstreamEvent;
    const decision = decide({ type: 'RecordFact', partnerId, fact }, state, DEFAULT_CATALOG);
    if (decision.kind === 'accepted') for (const event of decision.events) evolveInPlace(state, event);
  }
  return states;
}
