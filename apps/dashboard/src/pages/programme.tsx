import { AREAS, type AreaId, TIERS } from '@partner-program/domain';
import { useContext, useMemo, useState } from 'preact/hooks';
import type { AlignedData, Options } from 'uplot';
import type { CloseToNextTier, NoticesPage, ProgrammeForecast, ProgrammeSummary, RejectionsPage, TierHistory } from '../api-types';
import { Chart, TIER_COLOURS, epochSeconds } from '../components/chart';
import { DataTable } from '../components/data-table';
import { PartnerLink } from '../components/links';
import { Section } from '../components/section';
import { formatNumber, formatTime, isoDay, preventionText, tierName } from '../format';
import { may } from '../roles';
import { SessionContext } from '../session-context';
import { useApi } from '../use-api';

const TIER_COLUMNS = [...[...TIERS].reverse(), 'none'] as const;

/** The programme at a glance: summary, the tier trend, coming drops, notices due, close to the next tier. */
export function ProgrammePage() {
  const { role } = useContext(SessionContext);
  const [area, setArea] = useState<AreaId>(AREAS[0]);
  const reader = may(role, 'reader');
  const summary = useApi<ProgrammeSummary>(reader ? '/v1/programme/summary' : null);
  return (
    <>
      <h1>Programme</h1>
      {!reader && !may(role, 'notifier') && <p class="muted">A {role} key may not read the programme.</p>}
      {reader && (
        <Section title="Summary" loaded={summary}>
          {(data) => <Summary summary={data} />}
        </Section>
      )}
      {reader && (
        <div class="area-picker">
          <label for="programme-area">Area</label>
          <select id="programme-area" value={area} onChange={(event) => setArea(event.currentTarget.value as AreaId)}>
            {AREAS.map((id) => (
              <option value={id}>{id}</option>
            ))}
          </select>
        </div>
      )}
      {reader && <TierTrend area={area} />}
      {reader && <UpcomingDrops area={area} />}
      {reader && <CloseToNext area={area} />}
      {may(role, 'notifier') && <NoticesDue />}
      {may(role, 'admin') && <RecentRejections />}
    </>
  );
}

function Summary(props: { summary: ProgrammeSummary }) {
  const { summary } = props;
  const unmet = Object.entries(summary.goodStanding.byUnmetRequirement).sort(([, a], [, b]) => b - a);
  return (
    <>
      <p>
        {formatNumber(summary.partners)} partners, evaluated {formatTime(summary.evaluatedAt)}; read models {formatNumber(summary.projection.lagEvents)} events
        behind the store.
      </p>
      <table>
        <caption>Partners per area and tier</caption>
        <thead>
          <tr>
            <th scope="col">area</th>
            {TIER_COLUMNS.map((tier) => (
              <th scope="col" class="number">
                {tier}
              </th>
            ))}
            <th scope="col" class="number">
              badges
            </th>
          </tr>
        </thead>
        <tbody>
          {AREAS.map((area) => {
            const counts = summary.areas[area];
            return (
              <tr>
                <th scope="row">{area}</th>
                {TIER_COLUMNS.map((tier) => (
                  <td class="number">
                    <a href={`#/partners?area=${area}&tier=${tier}`} aria-label={`${counts?.[tier] ?? 0} ${area} partners at ${tier}`}>
                      {formatNumber(counts?.[tier] ?? 0)}
                    </a>
                  </td>
                ))}
                <td class="number">{formatNumber(counts?.badges ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="columns">
        <div>
          <h3>Good standing</h3>
          <p>
            {formatNumber(summary.goodStanding.yes)} in good standing, {formatNumber(summary.goodStanding.no)} not.
          </p>
          {unmet.length > 0 && (
            <table>
              <caption>Not in good standing, by unmet requirement</caption>
              <tbody>
                {unmet.map(([requirement, count]) => (
                  <tr>
                    <th scope="row">{requirement}</th>
                    <td class="number">{formatNumber(count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3>Renewal notices</h3>
          <CountList counts={summary.notices} />
          <h3>Agreements expiring</h3>
          <CountList
            counts={{
              'in 30 days': summary.agreementsExpiring.in30Days,
              'in 60 days': summary.agreementsExpiring.in60Days,
              'in 90 days': summary.agreementsExpiring.in90Days,
            }}
          />
        </div>
        {summary.rejections && (
          <div>
            <h3>Rejections</h3>
            <p>
              {formatNumber(summary.rejections.total)} from {formatTime(summary.rejections.from)} to {formatTime(summary.rejections.to)}
            </p>
            <table>
              <caption>By source and code</caption>
              <tbody>
                {summary.rejections.bySourceAndCode.map((row) => (
                  <tr>
                    <th scope="row">
                      {row.source || '(no source)'} · {row.code}
                    </th>
                    <td class="number">{formatNumber(row.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}

function CountList(props: { counts: Record<string, number> }) {
  return (
    <dl class="counts">
      {Object.entries(props.counts).map(([name, count]) => (
        <>
          <dt>{name}</dt>
          <dd>{formatNumber(count)}</dd>
        </>
      ))}
    </dl>
  );
}

function TierTrend(props: { area: AreaId }) {
  const history = useApi<TierHistory>('/v1/programme/tier-history', { area: props.area, interval: 'week', from: isoDay(-364), to: isoDay() });
  return (
    <Section title="Tier trend" id="tier-trend" loaded={history}>
      {(data) => <TrendChart history={data} />}
    </Section>
  );
}

function TrendChart(props: { history: TierHistory }) {
  const { points, area } = props.history;
  const chart = useMemo(() => {
    const data: AlignedData = [points.map((point) => epochSeconds(point.date)), ...TIER_COLUMNS.map((tier) => points.map((point) => point[tier]))];
    const options: Omit<Options, 'width' | 'height'> = {
      series: [{}, ...TIER_COLUMNS.map((tier) => ({ label: tier, stroke: TIER_COLOURS[tier], width: 2 }))],
      axes: [{}, { label: 'partners' }],
    };
    return { data, options };
  }, [points]);
  if (points.length === 0) return <p class="muted">No tier changes in this period.</p>;
  return <Chart label={`Partners per tier in ${area}, per week over the last year`} options={chart.options} data={chart.data} />;
}

function UpcomingDrops(props: { area: AreaId }) {
  const forecast = useApi<ProgrammeForecast>('/v1/forecast', { area: props.area, direction: 'drop', until: isoDay(90), limit: 20 });
  return (
    <Section title="Upcoming drops (next 90 days)" id="upcoming-drops" loaded={forecast}>
      {(data) => (
        <DataTable
          columns={['on', 'partner', 'change', 'what would prevent it']}
          rows={data.items}
          empty={`No tier drops forecast in ${props.area} within 90 days.`}
          row={(item) => (
            <tr>
              <td>{formatTime(item.at)}</td>
              <td>
                <PartnerLink partnerId={item.partnerId} />
              </td>
              <td>
                {tierName(item.from)} → {tierName(item.to)}
              </td>
              <td>{preventionText(item.prevention)}</td>
            </tr>
          )}
        />
      )}
    </Section>
  );
}

function CloseToNext(props: { area: AreaId }) {
  const close = useApi<CloseToNextTier>('/v1/programme/close-to-next-tier', { area: props.area, limit: 20 });
  return (
    <Section title="Close to the next tier" id="close-to-next-tier" loaded={close}>
      {(data) => (
        <DataTable
          columns={['partner', 'tier → next', 'missing', { label: 'credits needed', numeric: true }]}
          rows={data.items}
          empty={`Nobody in ${props.area} is one step from the next tier.`}
          row={(item) => (
            <tr>
              <td>
                <PartnerLink partnerId={item.partnerId} />
              </td>
              <td>
                {tierName(item.tier)} → {item.nextTier}
              </td>
              <td>{item.missing.join(', ')}</td>
              <td class="number">{formatNumber(item.creditsNeeded)}</td>
            </tr>
          )}
        />
      )}
    </Section>
  );
}

function NoticesDue() {
  const until = isoDay(30);
  const renewal = useApi<NoticesPage>('/v1/renewal-notices', { status: 'issued', dueBefore: until, limit: 20 });
  const tierRisk = useApi<NoticesPage>('/v1/tier-risk-notices', { status: 'issued', dueBefore: until, limit: 20 });
  return (
    <div class="columns">
      <Section title="Renewal notices due (30 days)" id="renewal-notices" loaded={renewal}>
        {(data) => <NoticeTable notices={data} what={(notice) => `agreement ${notice.agreementId ?? ''} ends ${notice.expiresOn ?? ''}`} />}
      </Section>
      <Section title="Tier-at-risk notices due (30 days)" id="tier-risk-notices" loaded={tierRisk}>
        {(data) => <NoticeTable notices={data} what={(notice) => `${notice.area ?? ''} drops ${notice.dropOn ?? ''}`} />}
      </Section>
    </div>
  );
}

function NoticeTable(props: { notices: NoticesPage; what: (notice: NoticesPage['items'][number]) => string }) {
  return (
    <DataTable
      columns={['due', 'partner', 'about']}
      rows={props.notices.items}
      empty="None due."
      row={(notice) => (
        <tr>
          <td>{notice.dueOn}</td>
          <td>
            <PartnerLink partnerId={notice.partnerId} />
          </td>
          <td>{props.what(notice)}</td>
        </tr>
      )}
    />
  );
}

function RecentRejections() {
  const rejections = useApi<RejectionsPage>('/v1/rejections', { limit: 10 });
  return (
    <Section title="Rejected messages (first 10)" id="rejections" loaded={rejections}>
      {(data) => (
        <DataTable
          columns={['received', 'outcome', 'code', 'message', 'reason']}
          rows={data.items}
          empty="No message was refused."
          row={(item) => (
            <tr>
              <td>{formatTime(item.receivedAt)}</td>
              <td>{item.outcome}</td>
              <td>{item.code}</td>
              <td>{item.messageId ?? '—'}</td>
              <td>{item.reason}</td>
            </tr>
          )}
        />
      )}
    </Section>
  );
}
