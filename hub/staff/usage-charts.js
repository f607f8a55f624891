/* global document, Chart */
// Draws the charts of the hub's usage page (/staff/usage) with Chart.js, which the hub serves itself. The figures come
// from the page's <script type="application/json" id="usage-figures"> block (see usage-page.ts), never from markup
// or code built from data, so the page keeps a CSP without inline script or eval. The tables beside each chart carry
// the same numbers; this only makes them readable from the back of a room: large type, black on white, the value
// written at the end of every bar, no animation.
(() => {
  const source = document.getElementById('usage-figures');
  if (!source || typeof Chart === 'undefined') return;
  let figures;
  try {
    figures = JSON.parse(source.textContent || '{}');
  } catch {
    return;
  }
  const charts = Array.isArray(figures.charts) ? figures.charts : [];

  const ink = '#000000';
  const bar = '#1f3a5f';
  const grid = '#b8bcc4';
  Chart.defaults.font.size = 20;
  Chart.defaults.font.family = 'system-ui, sans-serif';
  Chart.defaults.color = ink;
  Chart.defaults.animation = false;

  // Each bar's value as text at its end: on a projector nobody can read a value off the axis.
  const valueLabels = {
    id: 'usageValueLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const horizontal = chart.options.indexAxis === 'y';
      ctx.save();
      ctx.fillStyle = ink;
      ctx.font = `bold 18px ${Chart.defaults.font.family}`;
      chart.getDatasetMeta(0).data.forEach((element, index) => {
        const value = chart.data.datasets[0].data[index];
        const text = Number(value).toLocaleString('ru-RU');
        if (horizontal) {
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ctx.fillText(text, element.x + 8, element.y);
        } else {
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          ctx.fillText(text, element.x, element.y - 4);
        }
      });
      ctx.restore();
    },
  };

  // Long names on several lines rather than cut off (Chart.js draws an array label as lines).
  const wrap = (label, width) => {
    const words = String(label).split(' ');
    const lines = [];
    let line = '';
    for (const word of words) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
    return lines.length > 1 ? lines : String(label);
  };

  for (const spec of charts) {
    const figure = document.getElementById(`figure-${spec.id}`);
    const canvas = document.getElementById(`chart-${spec.id}`);
    if (!figure || !canvas || !Array.isArray(spec.labels) || !Array.isArray(spec.values)) continue;
    const horizontal = spec.kind === 'bars';
    figure.hidden = false;
    // The chart fills its box; horizontal bars get a fixed height per bar so that every name stays legible.
    figure.style.height = horizontal ? `${Math.max(160, spec.labels.length * 56 + 60)}px` : '440px';
    const max = Math.max(1, ...spec.values);
    const valueAxis = { beginAtZero: true, suggestedMax: Math.ceil(max * 1.12), ticks: { precision: 0 }, grid: { color: grid } };
    const nameAxis = { grid: { display: false }, ticks: { autoSkip: !horizontal } };
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: horizontal ? spec.labels.map((label) => wrap(label, 34)) : spec.labels,
        datasets: [{ label: spec.title, data: spec.values, backgroundColor: bar, borderColor: ink, borderWidth: 1, maxBarThickness: 64 }],
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { top: 28, right: 48 } },
        plugins: { legend: { display: false }, tooltip: { titleFont: { size: 18 }, bodyFont: { size: 18 } } },
        scales: horizontal ? { x: valueAxis, y: nameAxis } : { x: nameAxis, y: valueAxis },
      },
      plugins: [valueLabels],
    });
  }
})();
