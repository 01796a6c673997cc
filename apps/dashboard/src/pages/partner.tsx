import { AREAS, type AreaId } from '@partner-program/domain';
import { useContext, useState } from 'preact/hooks';
import type { AreaStatus, Evidence, HistoryPage, PartnerForecast, PartnerStatus, Timeline } from '../api-types';
import { DataTable } from '../components/data-table';
import { Section } from '../components/section';
import { TierTimelineChart } from '../components/tier-timeline-chart';
import { causesText, creditsProgress, formatNumber, formatTime, isoDay, preventionText, tierName } from '../format';
import { may } from '../roles';
import { SessionContext } from '../session-context';
import { type Loaded, useApi } from '../use-api';

const FORECAST_DAYS = 365;

/** One partner: status and requirements, progress per area, timeline, forecast, history; as of a date for auditors. */
export function PartnerPage(props: { partnerId: string }) {
  const { role } = useContext(SessionContext);
  const auditor = may(role, 'auditor');
  const [asOf, setAsOf] = useState('');
  const path = `/v1/partners/${encodeURIComponent(props.partnerId)}`;
  const status = useApi<PartnerStatus>(path, { asOf: asOf || undefined });
  const evidence = useApi<PartnerStatus>(auditor ? path : null, { asOf: asOf || undefined, evidence: true });
  return (
    <>
      <h1>Partner {props.partnerId}</h1>
      {auditor && (
        <div class="filters">
          <label for="as-of">Status as of</label>
          <input id="as-of" type="date" value={asOf} max={isoDay()} onChange={(event) => setAsOf(event.currentTarget.value)} />
          <button type="button" onClick={() => setAsOf('')} disabled={asOf === ''}>
            Now
          </button>
          <span class="muted" data-testid="as-of-shown" aria-live="polite">
            {asOf ? `showing the status as of ${asOf}, rebuilt from the event store` : 'showing the current status'}
          </span>
        </div>
      )}
      <Section title="Status" id="status" loaded={status}>
        {(data) => <StatusCard status={data} />}
      </Section>
      <Section title="Areas" id="areas" loaded={status}>
        {(data) => <AreaGrid status={data} />}
      </Section>
      {auditor && <EvidenceSection loaded={evidence} />}
      {auditor && <TimelineSection path={path} />}
      {may(role, 'reader') && <ForecastSection path={path} />}
      {auditor && <HistorySection path={path} />}
    </>
  );
}

function StatusCard(props: { status: PartnerStatus }) {
  const { status } = props;
  return (
    <>
      <dl class="facts">
        <dt>evaluated at</dt>
        <dd data-testid="evaluated-at">{formatTime(status.evaluatedAt)}</dd>
        <dt>good standing</dt>
        <dd>{status.goodStanding ? 'yes' : 'no'}</dd>
        <dt>programme</dt>
        <dd>
          {status.programme}
          {status.ruleset ? ` (${status.ruleset})` : ''}
        </dd>
        <dt>agreement</dt>
        <dd>
          {status.agreement
            ? `${status.agreement.agreementId}: ${status.agreement.status}, ${status.agreement.effectiveFrom} to ${status.agreement.expiresOn}${status.agreement.renewalNotice ? `; renewal notice ${status.agreement.renewalNotice.status}, due ${status.agreement.renewalNotice.dueOn}` : ''}`
            : 'none signed'}
        </dd>
        <dt>business models</dt>
        <dd>{status.businessModels.join(', ') || '—'}</dd>
        <dt>badges</dt>
        <dd>{status.badges.map((badge) => `${badge.area} since ${formatTime(badge.since)}`).join('; ') || 'none'}</dd>
      </dl>
      <h3>Requirements</h3>
      <ul class="checklist" aria-label="Requirements">
        {status.requirements.map((requirement) => (
          <li class={requirement.met ? 'met' : 'unmet'}>
            <span aria-hidden="true">{requirement.met ? '✓' : '✗'}</span> <strong>{requirement.id}</strong>
            <span class="visually-hidden">{requirement.met ? ' met' : ' not met'}</span>: {requirement.detail}
          </li>
        ))}
      </ul>
    </>
  );
}

function AreaGrid(props: { status: PartnerStatus }) {
  return (
    <div class="areas">
      {AREAS.map((area) => (
        <AreaCard area={area} status={props.status.areas[area]} />
      ))}
    </div>
  );
}

function AreaCard(props: { area: AreaId; status: AreaStatus | undefined }) {
  const { area, status } = props;
  if (!status) return null;
  const progress = status.next ? creditsProgress(status.next.missing) : undefined;
  const barId = `progress-${area}`;
  return (
    <article class="area" data-area={area}>
      <h3>{area}</h3>
      <p>
        <span data-testid={`tier-${area}`}>{tierName(status.tier)}</span>
        {status.badge ? ' · principal badge' : ''} · {formatNumber(status.credits)} credits
      </p>
      {status.next ? (
        <>
          <label for={barId}>Toward {status.next.tier}</label>
          <progress
            id={barId}
            max={progress?.needed ?? 1}
            value={progress ? Math.min(progress.held, progress.needed) : status.next.missing.length === 0 ? 1 : 0}
          >
            {progress ? `${formatNumber(progress.held)} of ${formatNumber(progress.needed)} credits` : ''}
          </progress>
          {status.next.missing.length > 0 ? (
            <ul class="missing" aria-label={`Missing for ${status.next.tier} in ${area}`}>
              {status.next.missing.map((item) => (
                <li>{item}</li>
              ))}
            </ul>
          ) : (
            <p class="muted">Nothing missing.</p>
          )}
        </>
      ) : (
        <p class="muted">Highest tier.</p>
      )}
    </article>
  );
}

function EvidenceSection(props: { loaded: Loaded<PartnerStatus> }) {
  return (
    <Section title="Evidence" id="evidence" loaded={props.loaded}>
      {(data) => {
        const parts: [string, Evidence | undefined][] = [
          ...data.requirements.map((requirement): [string, Evidence | undefined] => [`requirement ${requirement.id}`, requirement.evidence]),
          ...AREAS.map((area): [string, Evidence | undefined] => [`area ${area}`, data.areas[area]?.evidence]),
        ];
        const present = parts.filter((part): part is [string, Evidence] => part[1] !== undefined);
        return present.map(([name, evidence]) => (
          <details>
            <summary>
              {name}: {evidence.facts.length} facts{evidence.missing.length ? `, missing ${evidence.missing.join(', ')}` : ''}
            </summary>
            <ul>
              {evidence.facts.map((fact) => (
                <li>
                  <code>{fact.messageId}</code> (position {fact.position}, {fact.type}, {formatTime(fact.occurredAt)}): {fact.why}
                </li>
              ))}
            </ul>
          </details>
        ));
      }}
    </Section>
  );
}

function TimelineSection(props: { path: string }) {
  const timeline = useApi<Timeline>(`${props.path}/timeline`);
  return (
    <Section title="Tier timeline" id="timeline" loaded={timeline}>
      {(data) =>
        data.changes.length === 0 ? (
          <p class="muted">No tier change yet.</p>
        ) : (
          <>
            <TierTimelineChart timeline={data} />
            <details>
              <summary>Every change ({data.changes.length})</summary>
              <DataTable
                columns={['at', 'area', 'change', 'cause']}
                rows={data.changes}
                empty="No tier change yet."
                row={(change) => (
                  <tr>
                    <td>{formatTime(change.at)}</td>
                    <td>{change.area}</td>
                    <td>
                      {tierName(change.from)} → {tierName(change.to)}
                    </td>
                    <td>{causesText(change.causes)}</td>
                  </tr>
                )}
              />
            </details>
          </>
        )
      }
    </Section>
  );
}

function ForecastSection(props: { path: string }) {
  const forecast = useApi<PartnerForecast>(`${props.path}/forecast`, { until: isoDay(FORECAST_DAYS) });
  return (
    <Section title={`Forecast (next ${FORECAST_DAYS} days, if no new fact arrives)`} id="forecast" loaded={forecast}>
      {(data) => (
        <DataTable
          columns={['on', 'area', 'change', 'why', 'what would prevent it']}
          rows={data.changes}
          empty="No tier or badge change forecast."
          row={(change) => (
            <tr data-direction={change.direction}>
              <td>{formatTime(change.at)}</td>
              <td>{change.area}</td>
              <td>
                {change.direction}: {tierName(change.from)} → {tierName(change.to)}
              </td>
              <td>{causesText(change.causes)}</td>
              <td>{preventionText(change.prevention)}</td>
            </tr>
          )}
        />
      )}
    </Section>
  );
}

function HistorySection(props: { path: string }) {
  const [from, setFrom] = useState<number | undefined>(undefined);
  const history = useApi<HistoryPage>(`${props.path}/history`, { from, limit: 50 });
  return (
    <Section title="History" id="history" loaded={history}>
      {(data) => (
        <>
          <DataTable
            columns={[{ label: 'position', numeric: true }, 'type', 'occurred', 'recorded', 'source', 'message']}
            rows={data.items}
            empty="No event."
            row={(item) => (
              <tr>
                <td class="number">{item.position}</td>
                <td>{item.type}</td>
                <td>{formatTime(item.occurredAt)}</td>
                <td>{formatTime(item.recordedAt)}</td>
                <td>{item.source ?? '—'}</td>
                <td>
                  <code>{item.messageId ?? '—'}</code>
                </td>
              </tr>
            )}
          />
          <div class="pager">
            <button type="button" disabled={from === undefined} onClick={() => setFrom(undefined)}>
              First events
            </button>
            <button type="button" disabled={data.nextFrom === null} onClick={() => setFrom(data.nextFrom ?? undefined)}>
              Next 50 events
            </button>
          </div>
        </>
      )}
    </Section>
  );
}
