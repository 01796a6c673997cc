import { AREAS } from '@partner-program/domain';
import { useState } from 'preact/hooks';
import type { Badges } from '../api-types';
import { DataTable } from '../components/data-table';
import { PartnerLink } from '../components/links';
import { Section } from '../components/section';
import { formatTime } from '../format';
import { useApi } from '../use-api';

/** The directory of active principal badges (GET /v1/badges), by area. */
export function BadgesPage() {
  const [area, setArea] = useState('');
  const badges = useApi<Badges>('/v1/badges', { area });
  return (
    <>
      <h1>Badge directory</h1>
      <div class="filters">
        <label for="badges-area">Area</label>
        <select id="badges-area" value={area} onChange={(event) => setArea(event.currentTarget.value)}>
          <option value="">every area</option>
          {AREAS.map((id) => (
            <option value={id}>{id}</option>
          ))}
        </select>
      </div>
      <Section title="Active principal badges" id="badges" loaded={badges}>
        {(data) => (
          <DataTable
            columns={['partner', 'area', 'since']}
            rows={data.badges}
            empty="No active badge."
            row={(badge) => (
              <tr>
                <td>
                  <PartnerLink partnerId={badge.partnerId} />
                </td>
                <td>{badge.area}</td>
                <td>{formatTime(badge.since)}</td>
              </tr>
            )}
          />
        )}
      </Section>
    </>
  );
}
