/**
 * A uPlot time chart. uPlot draws on a canvas, so the figure is also given as
 * text (`summary`) for screen readers.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  color: string;
  values: (number | null)[];
}

export function Chart({ title, summary, x, series, bars = false }: { title: string; summary: string; x: number[]; series: Series[]; bars?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = Math.max(240, el.clientWidth);
    const opts: uPlot.Options = {
      width,
      height: 180,
      legend: { show: true },
      cursor: { show: true },
      scales: { x: { time: true } },
      axes: [{ stroke: '#444' }, { stroke: '#444' }],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          fill: bars ? `${s.color}55` : undefined,
          width: 2,
          ...(bars ? { paths: uPlot.paths.bars?.({ size: [0.8, 40] }) } : {}),
        })),
      ],
    };
    plot.current = new uPlot(opts, [x, ...series.map((s) => s.values)], el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(240, el.clientWidth), height: 180 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuilt when the set of series changes; data updates go through setData below.
  }, [series.length, bars]);

  useEffect(() => {
    plot.current?.setData([x, ...series.map((s) => s.values)]);
  }, [x, series]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${summary}`} />
      <p className="sr-only">{summary}</p>
    </figure>
  );
}
