import type { ChartType, Plugin } from 'chart.js';

/** Options of our target line, under `options.plugins.pbTargetLine`. */
export interface TargetLineOptions {
  /** The target on the y scale; nothing is drawn when null. */
  value: number | null;
  label: string;
  color: string;
  background: string;
  font: string;
}

declare module 'chart.js' {
  // Merged declarations must repeat Chart.js's type parameter, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    pbTargetLine?: TargetLineOptions;
  }
}

/**
 * Draws the target as a dashed line across the whole plot, labelled at its right end, like
 * Mattermost's annotation. A line dataset would stop at the first and last bar's centres, and the
 * annotation plugin is more than this needs.
 */
export const targetLinePlugin: Plugin<'bar', TargetLineOptions> = {
  id: 'pbTargetLine',
  afterDatasetsDraw(chart, _args, options) {
    const scale = chart.scales['y'];
    if (options.value === null || options.value === undefined || !scale) return;
    const y = scale.getPixelForValue(options.value);
    const { left, right, top, bottom } = chart.chartArea;
    if (y < top - 1 || y > bottom + 1) return;
    const context = chart.ctx;
    context.save();
    context.strokeStyle = options.color;
    context.lineWidth = 2;
    context.setLineDash([6, 4]);
    context.beginPath();
    context.moveTo(left, y);
    context.lineTo(right, y);
    context.stroke();
    context.setLineDash([]);
    context.font = options.font;
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    // Label above the line, or below it when the line hugs the top of the plot; on a plate, so a bar behind it does not hide it.
    const metrics = context.measureText(options.label);
    const height = metrics.actualBoundingBoxAscent + metrics.actualBoundingBoxDescent + 4;
    const middle = y - top > height + 4 ? y - 3 - height / 2 : y + 3 + height / 2;
    context.fillStyle = options.background;
    context.fillRect(right - metrics.width - 6, middle - height / 2, metrics.width + 6, height);
    context.fillStyle = options.color;
    context.fillText(options.label, right - 3, middle);
    context.restore();
  },
};
