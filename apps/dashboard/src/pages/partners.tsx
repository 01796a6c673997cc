import { AREAS, TIERS } from '@partner-program/domain';
import type { PartnersPage as Page } from '../api-types';
import { DataTable } from '../components/data-table';
import { PartnerLink } from '../components/links';
import { Section } from '../components/section';
import { formatNumber, tierName } from '../format';
import { useApi } from '../use-api';

/** Partners in an area at a tier (GET /v1/partners), the way into a partner's page. */
export function PartnersPage(props: { area?: string; tier?: string }) {
  const area = props.area ?? AREAS[0];
  const tier = props.tier ?? '';
  const partners = useApi<Page>('/v1/partners', { area, tier, limit: 100 });
  const go = (next: { area: string; tier: string }) => {
    location.hash = `#/partners?area=${next.area}${next.tier ? `&tier=${next.tier}` : ''}`;
  };
  return (
    <>
      <h1>Partners</h1>
      <div class="filters">
        <label for="partners-area">Area</label>
        <select id="partners-area" value={area} onChange={(event) => go({ area: event.currentTarget.value, tier })}>
          {AREAS.map((id) => (
            <option value={id}>{id}</option>
          ))}
        </select>
        <label for="partners-tier">Tier</label>
        <select id="partners-tier" value={tier} onChange={(event) => go({ area, tier: event.currentTarget.value })}>
          <option value="">any</option>
          {[...TIERS, 'none'].map((id) => (
            <option value={id}>{id}</option>
          ))}
        </select>
      </div>
      <Section title={`Partners in ${area}`} id="partners" loaded={partners}>
        {(data) => (
          <DataTable
            columns={['partner', 'tier', 'badge', { label: 'credits', numeric: true }]}
            rows={data.items}
            empty={`No partner in ${area} at this tier.`}
            row={(item) => (
              <tr>
                <td>
                  <PartnerLink partnerId={item.partnerId} />
                </td>
                <td>{tierName(item.tier)}</td>
                <td>{item.badge ? 'yes' : 'no'}</td>
                <td class="number">{formatNumber(item.credits)}</td>
              </tr>
            )}
          />
        )}
      </Section>
      {partners.state === 'ok' && partners.data.nextCursor && <p class="muted">Showing the first 100.</p>}
    </>
  );
}
