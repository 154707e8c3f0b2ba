// Charts with ECharts (a copy of its ES module build under /vendor/, no other origin). Canvas rendering and tooltips
// drawn on the canvas ("richText"), so nothing needs an inline style the page's Content-Security-Policy would refuse.
// Each chart's element is role="img", labelled by its caption and a sentence that says what it shows.

import * as echarts from '/vendor/echarts/6.1.0/echarts.esm.min.js';
import { locale, t } from './i18n.js';

const PALETTE = ['#1f5fa8', '#d1495b', '#2a9d8f', '#e9a23b', '#6c4f9c', '#5c6b73', '#8ab17d', '#b5651d'];
// ECharts 5's defaults where 6 changed them (its new theme): the page keeps its look, which the screenshots show
const AXIS_LINE = { lineStyle: { color: '#6e7079' } };
const LEGEND_GAP = 10;
const BAR_GAP = '20%';
const SYMBOL_SIZE = 4;
const TOOLTIP_BORDER = '#fff';
const POINTER_SHADOW = { color: 'rgba(210, 219, 238, 0.2)' };

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const resizing = new ResizeObserver(entries => entries.forEach(entry => echarts.getInstanceByDom(entry.target)?.resize()));

/**
 * Draws categories × series as bars (or lines), and writes the sentence that describes the chart.
 *
 * @param element    the chart's element
 * @param summary    the element holding the chart's description
 * @param categories labels of the category axis
 * @param series     [{name, values (numbers or null for a gap), type?: 'bar'|'line', stack?}]
 * @param horizontal categories down the side (long labels, many bars)
 */
export function bars(element, summary, { categories, series, horizontal = false, unit = '' }) {
  const chart = echarts.getInstanceByDom(element) ?? start(element);
  const categoryAxis = {
    type: 'category',
    data: categories,
    // long names down the side wrap instead of running off the canvas
    axisLabel: horizontal ? { color: '#333', width: 120, overflow: 'break' } : { color: '#333', hideOverlap: true },
    axisTick: { show: true, alignWithLabel: true },
    axisLine: AXIS_LINE,
    inverse: horizontal,
  };
  const numbers = new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 });
  const valueAxis = {
    type: 'value',
    minInterval: 1,
    // in the page's language (2.000 in Dutch), not ECharts' own
    axisLabel: { color: '#333', formatter: value => numbers.format(value) },
    splitLine: { lineStyle: { color: '#e3e3e3' } },
  };
  chart.setOption({
    animation: !reducedMotion.matches,
    color: PALETTE,
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    // room beyond the labels that containLabel measures: the last value label and a wide first letter stay inside.
    // containLabel is ECharts 5's layout, deprecated in 6 but kept by its full build, so the charts keep their size
    grid: { left: 16, right: 28, top: series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { top: 0, type: 'scroll', itemGap: LEGEND_GAP, textStyle: { color: '#333' } } : { show: false },
    tooltip: { trigger: 'axis', renderMode: 'richText', borderColor: TOOLTIP_BORDER,
      axisPointer: { type: 'shadow', shadowStyle: POINTER_SHADOW } },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map(s => ({
      name: s.name,
      type: s.type ?? 'bar',
      stack: s.stack,
      data: s.values,
      barMaxWidth: 28,
      barGap: BAR_GAP,
      connectNulls: false,
      emphasis: { focus: 'series' },
      showSymbol: categories.length <= 31,
      symbolSize: SYMBOL_SIZE,
    })),
  }, { notMerge: true });
  summary.textContent = describe(categories, series, unit);
}

/** Shows that there is nothing to draw. */
export function empty(element, summary, message) {
  echarts.getInstanceByDom(element)?.dispose();
  element.replaceChildren();
  element.dataset.empty = message;
  summary.textContent = message;
}

/** Charts laid out while their panel was hidden have no size yet: measure them again. */
export function resizeWithin(container) {
  container.querySelectorAll('.chart').forEach(element => echarts.getInstanceByDom(element)?.resize());
}

function start(element) {
  delete element.dataset.empty;
  element.replaceChildren();
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  resizing.observe(element);
  return chart;
}

/** "Mon 3 Nov: contacts 12, people reached 15. Tue 4 Nov: …" — what a sighted reader takes from the chart. */
function describe(categories, series, unit) {
  if (categories.length === 0) {
    return t('dashboard.chart.none');
  }
  const parts = categories.map((category, i) => {
    const values = series.map(s => `${s.name.toLowerCase()} ${s.values[i] === null ? t('dashboard.chart.withheld') : s.values[i]}${unit}`);
    return `${category}: ${values.join(', ')}`;
  });
  return `${parts.join('. ')}.`;
}
