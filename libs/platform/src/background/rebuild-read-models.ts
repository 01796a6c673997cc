import type { PartnerProjector } from '@partner-program/read-models';
import type { RebuildResult } from '../leadership/rebuild-requests';

/** Rebuilds every read model and swaps it in; what `POST /v1/admin/projections/rebuild` reports. */
export async function rebuildReadModels(projector: PartnerProjector): Promise<RebuildResult> {
  const { events, ms } = await projector.rebuild();
  return { events, ms, position: Number(await projector.checkpoint()) };
}
