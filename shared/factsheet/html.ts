/**
 * The fact sheet as one self-contained HTML page, styled for reading and for print (A4): no
 * script, no remote font or image, and a content security policy that lets nothing load. The
 * same page is printed to PDF. Conflicts and single-source figures are marked in words, not by
 * colour alone. Formats a FactSheet; computes no fact.
 */
import type { Citation, FactSheet, FigureCell } from './build';
import { graphSvg, layoutGraph, NO_GRAPH_FILTER } from '../pictures/graph';
import { layoutTimeline, timelineSvg } from '../pictures/timeline';
import { corroboration, dateText, refLabel, decidedBy, formatFigure, givenBy, inQuotes, madeAt, marksWarning, statusLabel } from './format';

import { micromark } from 'micromark';
import { esc } from '../escape';

export { esc };

/**
 * The reporter's Markdown (the summary), as HTML: micromark keeps raw HTML as text and drops
 * links to anything but web and mail addresses; an image is shown by its words, never loaded
 * (the page loads nothing).
 */
export function markdownHtml(markdown: string): string {
  return micromark(markdown)
    .replace(/<img\b[^>]*?\balt="([^"]*)"[^>]*>/g, '$1')
    .replace(/<img\b[^>]*>/g, '');
}

const ref = (c: Citation) => `<a class="ref" href="#source-${c.n}">[${esc(refLabel(c))}]</a>`;
const quoted = (c: Citation) => {
  const warning = marksWarning(c);
  return `${ref(c)} <span class="quote">${esc(inQuotes(c.quote))}</span>${c.orphan ? ' <em>(no longer in the source’s current text)</em>' : ''}${warning ? ` <em class="marks-warning">(${esc(warning)})</em>` : ''}`;
};

const STATUS_CLASS: Record<FigureCell['status'], string> = { conflict: 'conflict', resolved: 'resolved', corroborated: 'corroborated', 'single-source': 'single' };

function cell(c: FigureCell | null): string {
  if (!c) return '<td class="none">—</td>';
  const values = c.values
    .map((v) => {
      const who = givenBy(v);
      return `<div class="value"><strong>${esc(formatFigure(v))}</strong> ${v.citations.map(ref).join('')}${who ? `<span class="who">${esc(who)}</span>` : ''}</div>`;
    })
    .join('');
  const label = c.status === 'corroborated' ? `Corroborated by ${esc(corroboration(c.values[0]))}` : esc(statusLabel(c));
  const resolution = c.resolution
    ? `<div class="resolution">Stands: <strong>${esc(formatFigure({ ...c.resolution, unit: c.values[0]?.unit ?? null }))}</strong> — ${esc(c.resolution.note)}${esc(decidedBy(c.resolution))}</div>`
    : '';
  return `<td class="${STATUS_CLASS[c.status]}"><span class="status">${label}</span>${values}${resolution}</td>`;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Malayalam", sans-serif; color: #1d1d1f; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d0d5; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.meta { color: #555; margin: 0 0 1rem; }
.alert { border: 1px solid #b3261e; border-left-width: 6px; background: #fdf0ef; padding: .5rem .8rem; margin: 1rem 0; }
.alert.calm { border-color: #3a7d44; background: #f0f7f1; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { border: 1px solid #c8c8cf; padding: .45rem .55rem; text-align: left; vertical-align: top; }
th { background: #f2f2f5; }
td .status { display: block; font-size: .78rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; margin-bottom: .15rem; }
td.conflict { background: #fdf0ef; border-left: 5px solid #b3261e; }
td.conflict .status { color: #b3261e; }
td.resolved { background: #f6f1fb; border-left: 5px solid #6b3fa0; }
td.resolved .status { color: #6b3fa0; }
td.single { background: #fff8e6; border-left: 5px solid #a86b00; }
td.single .status { color: #8a5800; }
td.corroborated .status { color: #2f6b3a; }
td.none { color: #888; }
.value + .value { margin-top: .3rem; border-top: 1px dashed #d9b3b0; padding-top: .3rem; }
.who { display: block; color: #555; font-size: .85rem; }
.resolution { margin-top: .35rem; font-size: .88rem; }
.ref { text-decoration: none; color: #1a56a8; font-size: .85em; }
ul.cites li, ol.sources li { margin: .3rem 0; }
.empty { color: #666; font-style: italic; }
.marks-warning { color: #8a4b00; font-style: normal; font-weight: 600; }
.picture-box { margin: .5rem 0 1rem; break-inside: avoid; }
.picture-box figcaption { font-size: .85rem; color: #555; }
.picture text { font: 11px system-ui, sans-serif; fill: #333; }
.picture .lane { font-weight: 600; }
.picture .grid { stroke: #e4e1da; }
.picture .tick { stroke: #efede8; }
.picture .tick-label { fill: #666; }
.picture .mark-label { font-size: 9px; fill: #222; }
.picture .mark.published { fill: #9bb7d9; }
.picture .mark.event { fill: #b9a2e8; }
.picture .mark.figure { fill: #f1c75b; }
.picture .mark.month, .picture .mark.year { fill-opacity: .55; stroke: #555; stroke-dasharray: 3 2; }
.picture .mark.conflict { stroke: #b3261e; stroke-width: 2; stroke-dasharray: none; }
.picture .flag, .flag { fill: #b3261e; color: #b3261e; font-weight: 700; }
.picture .edge { stroke: #9aa3ad; stroke-opacity: .7; }
.picture .edge.by-source { stroke-dasharray: 4 3; }
.picture .node circle { fill: #cfe0f5; stroke: #1f5fa8; }
.picture .node.person circle { fill: #d7f0de; stroke: #2f6b3a; }
.picture .node.organisation circle { fill: #fbe3c6; stroke: #8a5800; }
.picture .node.operation circle { fill: #e2d9f7; stroke: #5b3c99; }
code { font: .8rem ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  /* A figures row may be taller than what is left of a page: it breaks (between values, never
     inside one) rather than moving whole and leaving the page a third blank; the header row is
     printed again on each page the table runs onto. */
  thead { display: table-header-group; }
  tr { break-inside: auto; }
  .value, li { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; }
}
`;

/** Renders a fact sheet as a self-contained HTML page. */
export function factSheetHtml(sheet: FactSheet): string {
  const { conflicts, singleSource, corroborated, resolved } = sheet.counts;
  const parts: string[] = [];
  parts.push(`<h1>${esc(sheet.title)}</h1>`);
  parts.push(`<p class="meta">Notebook: ${esc(sheet.notebook)} · Made ${esc(madeAt(sheet.generatedAt))} · ${sheet.sources.length} source${sheet.sources.length === 1 ? '' : 's'}</p>`);
  parts.push(
    `<p class="alert${conflicts === 0 ? ' calm' : ''}"><strong>${conflicts} unresolved conflict${conflicts === 1 ? '' : 's'} between sources</strong> · ${resolved} resolved · ${singleSource} single-source figure${singleSource === 1 ? '' : 's'} · ${corroborated} corroborated</p>`,
  );
  parts.push(`<h2>Summary</h2>${sheet.summary ? `<div class="summary">${markdownHtml(sheet.summary)}</div>` : '<p class="empty">No summary written yet.</p>'}`);

  parts.push('<h2>Key figures</h2>');
  if (sheet.figures.rows.length === 0) parts.push('<p class="empty">No figures marked yet: mark a passage as a figure and give its metric and value.</p>');
  else {
    parts.push(`<table class="figures"><thead><tr><th>Metric</th>${sheet.figures.columns.map((c) => `<th>${esc(c.name)}</th>`).join('')}</tr></thead><tbody>`);
    for (const row of sheet.figures.rows) parts.push(`<tr><th>${esc(row.metric)}</th>${row.cells.map(cell).join('')}</tr>`);
    parts.push('</tbody></table>');
    parts.push('<h3>Where each figure comes from</h3><ul class="cites">');
    for (const row of sheet.figures.rows) {
      row.cells.forEach((c, i) => {
        if (!c) return;
        const lines = c.values.map((v) => `<li>${esc(formatFigure(v))}${givenBy(v) ? ` — ${esc(givenBy(v))}` : ''}: ${v.citations.map(quoted).join('; ')}</li>`).join('');
        parts.push(`<li><strong>${esc(sheet.figures.columns[i].name)} — ${esc(row.metric)}</strong> (${esc(statusLabel(c))})<ul>${lines}</ul></li>`);
      });
    }
    parts.push('</ul>');
  }

  parts.push('<h2>Timeline</h2>');
  if (sheet.pictures.timeline.length > 0) {
    const model = layoutTimeline(sheet.pictures.timeline, 760);
    parts.push(
      `<figure class="picture-box">${timelineSvg(model)}<figcaption>Publications, events and figures by date; a bar is a month or a year (the date is known only that far), a dot a day; <span class="flag">!</span> marks a figure the sources disagree on.${model.hidden > 0 ? ` ${model.hidden} marks stack on a full lane.` : ''}</figcaption></figure>`,
    );
  }
  if (sheet.timeline.length === 0 && sheet.undatedSources.length === 0) parts.push('<p class="empty">No dated events or sources.</p>');
  else {
    parts.push('<ul class="timeline">');
    for (const t of sheet.timeline) {
      if (t.kind === 'event') parts.push(`<li><strong>${esc(dateText(t.date))}</strong> — ${t.citation ? quoted(t.citation) : esc(t.text)}${t.note ? ` — ${esc(t.note)}` : ''}</li>`);
      else parts.push(`<li><strong>${esc(dateText(t.date))}</strong> — published: <a class="ref" href="#source-${t.n}">[${t.n}]</a> ${esc(t.text)}${t.note ? ` (${esc(t.note)})` : ''}</li>`);
    }
    if (sheet.undatedSources.length > 0) parts.push(`<li>Not dated: ${sheet.undatedSources.map((n) => `<a class="ref" href="#source-${n}">[${n}]</a>`).join(', ')} (the source gives no date)</li>`);
    parts.push('</ul>');
  }

  if (sheet.pictures.graph.edges.length > 0) {
    const model = layoutGraph(sheet.pictures.graph, NO_GRAPH_FILTER, 760, 460);
    parts.push(
      `<h2>Who and what are linked</h2><figure class="picture-box">${graphSvg(model)}<figcaption>Entities that share passages: the larger, the more passages; the thicker a line, the more passages two share.${model.hidden > 0 ? ` ${model.hidden} less-mentioned entities are left out.` : ''}</figcaption></figure>`,
    );
  }

  for (const [heading, list] of [
    ['People', sheet.people],
    ['Organisations', sheet.organisations],
  ] as const) {
    parts.push(`<h2>${heading}</h2>`);
    if (list.length === 0) parts.push('<p class="empty">None linked.</p>');
    else parts.push(`<ul>${list.map((e) => `<li><strong>${esc(e.name)}</strong>${e.role ? ` — ${esc(e.role)}` : ''} ${e.citations.map(ref).join('')}</li>`).join('')}</ul>`);
  }

  parts.push('<h2>Quotes</h2>');
  if (sheet.quotes.length === 0) parts.push('<p class="empty">No quotes marked.</p>');
  else
    parts.push(
      `<ul>${sheet.quotes.map((q) => `<li><strong>${esc(q.speaker?.name ?? 'Speaker not named')}</strong>, ${esc(q.outlet ?? 'outlet not named')}, ${esc(dateText(q.published))}: ${quoted(q.citation)}</li>`).join('')}</ul>`,
    );

  parts.push('<h2>Open questions</h2>');
  if (sheet.questions.length === 0) parts.push('<p class="empty">No open questions.</p>');
  else parts.push(`<ul>${sheet.questions.map((q) => `<li>${q.note ? `${esc(q.note)} — ` : ''}${quoted(q.citation)}</li>`).join('')}</ul>`);

  parts.push('<h2>Sources</h2><ol class="sources">');
  for (const s of sheet.sources) {
    const url = s.url ? `<a href="${esc(s.url)}">${esc(s.url)}</a>` : 'No URL';
    parts.push(
      `<li id="source-${s.n}" value="${s.n}"><strong>${esc(s.title)}</strong> — ${esc(s.outlet ?? 'outlet not named')}, ${esc(dateText(s.published))}. ${url}. Text sha256 <code>${s.sha256}</code>. Imported ${esc(dateText(s.importedAt.slice(0, 10)))}.</li>`,
    );
  }
  parts.push('</ol>');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Dossier">
<title>${esc(sheet.title)}</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
