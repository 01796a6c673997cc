import { useEffect, useRef } from 'preact/hooks';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A uPlot chart (canvas), rebuilt when its data change; `label` names it for screen readers. */
export function Chart(props: { label: string; options: Omit<Options, 'width' | 'height'>; data: AlignedData; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    const plot = new uPlot({ ...props.options, width: element.clientWidth || 600, height: props.height ?? 220 }, props.data, element);
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: props.height ?? 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [props.options, props.data, props.height]);
  return <div class="chart" role="img" aria-label={props.label} ref={host} />;
}

export const TIER_COLOURS = { principal: '#6a3d9a', advanced: '#1f78b4', partner: '#33a02c', none: '#999999' } as const;

/** Seconds since the epoch, uPlot's x scale, from an ISO date or time. */
export function epochSeconds(iso: string): number {
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) / 1000;
}
