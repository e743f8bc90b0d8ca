// Apache ECharts, served from the app's own files (lib/, copied by the build from the pinned npm package).
import * as echarts from '../lib/echarts.esm.min.js';

const live = new Set();

window.addEventListener('resize', () => live.forEach(chart => chart.resize()));

/**
 * Draws a chart into element and resolves once it has been drawn (ECharts' "finished" event); element gets
 * data-drawn="true" then, which the browser tests wait for. onClick gets ECharts' click parameters.
 */
export function draw(element, option, onClick) {
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  live.add(chart);
  const drawn = new Promise(resolve => chart.on('finished', () => {
    element.dataset.drawn = 'true';
    resolve(chart);
  }));
  if (onClick) chart.on('click', onClick);
  chart.setOption({ animation: false, aria: { enabled: true }, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...option });
  return drawn;
}

/** Disposes the charts of the page being left. */
export function disposeAll() {
  live.forEach(chart => chart.dispose());
  live.clear();
}

export const colors = {
  closed: '#2f5bd3', provisional: '#b7791f', gain: '#1f8a4c', loss: '#c0392b', neutral: '#7b8698', arr: '#6f42c1',
};
