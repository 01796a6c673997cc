import { TIERS, type Tier } from '@partner-program/domain';
import { useMemo } from 'preact/hooks';
import uPlot, { type AlignedData, type Options } from 'uplot';
import type { Timeline } from '../api-types';
import { Chart, epochSeconds } from './chart';

const LEVEL: Record<Tier, number> = { partner: 1, advanced: 2, principal: 3 };
const AREA_COLOURS = ['#1f78b4', '#33a02c', '#e31a1c', '#ff7f00', '#6a3d9a', '#b15928', '#a6cee3'];

/** Each area's tier over time as a step line (0 no tier … 3 principal), up to now. */
export function TierTimelineChart(props: { timeline: Timeline }) {
  const { changes } = props.timeline;
  const chart = useMemo(() => {
    const areas = [...new Set(changes.map((change) => change.area))];
    const times = [...new Set([...changes.map((change) => epochSeconds(change.at)), Date.now() / 1000])].sort((a, b) => a - b);
    const series = areas.map((area) =>
      levelsAt(
        times,
        changes.filter((change) => change.area === area),
      ),
    );
    const data: AlignedData = [times, ...series];
    const options: Omit<Options, 'width' | 'height'> = {
      series: [
        {},
        ...areas.map((area, index) => ({
          label: area,
          stroke: AREA_COLOURS[index % AREA_COLOURS.length],
          width: 2,
          paths: uPlot.paths.stepped!({ align: 1 }),
        })),
      ],
      scales: { y: { range: [0, 3.2] } },
      axes: [{}, { splits: () => [0, 1, 2, 3], values: (_plot, splits) => splits.map((level) => (level === 0 ? 'none' : (TIERS[level - 1] ?? ''))), size: 80 }],
    };
    return { data, options, areas };
  }, [changes]);
  return <Chart label={`Tier over time in ${chart.areas.join(', ')}`} options={chart.options} data={chart.data} />;
}

function levelsAt(times: number[], changes: Timeline['changes']): number[] {
  let index = 0;
  let level = changes[0]?.from ? LEVEL[changes[0].from] : 0;
  return times.map((time) => {
    while (index < changes.length && epochSeconds(changes[index]!.at) <= time) {
      const to = changes[index]!.to;
      level = to ? LEVEL[to] : 0;
      index += 1;
    }
    return level;
  });
}
