/**
 * The fact sheet as Markdown: headings, a table of key figures (a column per round), every value
 * cited with the exact words of its passage, conflicts spelled out, then the timeline, people and
 * organisations, quotes, open questions and the numbered sources. Formats a FactSheet; computes
 * no fact.
 */
import type { FactSheet, FigureCell } from './build';
import { citationText, corroboration, refLabel, dateText, decidedBy, formatFigure, givenBy, madeAt, statusLabel } from './format';

/**
 * Text safe inside a Markdown table cell or line: pipes, emphasis, code and HTML marks escaped,
 * and a "](" that would make a link. Square brackets alone stay as written ([2] is a citation).
 */
function md(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`<>#])/g, '\\$1')
    .replace(/\]\(/g, '\\](')
    .replace(/\s*\n\s*/g, ' ');
}

function cellText(cell: FigureCell | null): string {
  if (!cell) return '—';
  if (cell.status === 'conflict') return `**Sources disagree:** ${cell.values.map((v) => `${md(formatFigure(v))} ${v.citations.map((c) => `[${refLabel(c)}]`).join('')}`).join(' vs ')}`;
  if (cell.status === 'resolved' && cell.resolution)
    return `${md(formatFigure({ ...cell.resolution, unit: cell.values[0]?.unit ?? null }))} (resolved; given: ${cell.values.map((v) => `${md(formatFigure(v))} ${v.citations.map((c) => `[${refLabel(c)}]`).join('')}`).join(' vs ')})`;
  const v = cell.values[0];
  return `${md(formatFigure(v))} ${v.citations.map((c) => `[${refLabel(c)}]`).join('')} — ${cell.status === 'corroborated' ? `corroborated by ${corroboration(v)}` : 'single source'}`;
}

/**
 * Markdown as written, with what a renderer would make live made text: "<" (raw HTML) escaped,
 * and a link to anything but http(s), mail or a place in the page escaped so it shows as written.
 */
export function inertMarkdown(text: string): string {
  return text.replace(/\\?</g, '\\<').replace(/\]\((?!\s*(?:https?:|mailto:|#))/gi, '\\](');
}

/** Renders a fact sheet as Markdown. */
export function factSheetMarkdown(sheet: FactSheet): string {
  const out: string[] = [];
  out.push(`# ${md(sheet.title)}`, '');
  out.push(`Notebook: ${md(sheet.notebook)} · Made ${madeAt(sheet.generatedAt)} · ${sheet.sources.length} source${sheet.sources.length === 1 ? '' : 's'}`, '');
  const { conflicts, singleSource, corroborated, resolved } = sheet.counts;
  out.push(
    `> ${conflicts} unresolved conflict${conflicts === 1 ? '' : 's'} between sources · ${resolved} resolved · ${singleSource} single-source figure${singleSource === 1 ? '' : 's'} · ${corroborated} corroborated`,
    '',
  );

  // The summary is the reporter's Markdown, kept as written (the HTML and PDF sheets render it),
  // but never live: raw HTML and links to anything but web and mail addresses are shown as text.
  out.push('## Summary', '', sheet.summary ? inertMarkdown(sheet.summary) : '_No summary written yet._', '');

  out.push('## Key figures', '');
  if (sheet.figures.rows.length === 0) out.push('_No figures marked yet: mark a passage as a figure and give its metric and value._', '');
  else {
    out.push(`| Metric | ${sheet.figures.columns.map((c) => md(c.name)).join(' | ')} |`);
    out.push(`|---|${sheet.figures.columns.map(() => '---').join('|')}|`);
    for (const row of sheet.figures.rows) out.push(`| ${md(row.metric)} | ${row.cells.map(cellText).join(' | ')} |`);
    out.push('');
    out.push('### Where each figure comes from', '');
    for (const row of sheet.figures.rows) {
      row.cells.forEach((cell, i) => {
        if (!cell) return;
        out.push(`- **${md(sheet.figures.columns[i].name)} — ${md(row.metric)}** (${statusLabel(cell)})`);
        for (const v of cell.values) {
          const who = givenBy(v);
          out.push(`  - ${md(formatFigure(v))}${who ? ` — ${md(who)}` : ''}: ${v.citations.map((c) => md(citationText(c))).join('; ')}`);
        }
        if (cell.resolution)
          out.push(`  - Resolved: ${md(formatFigure({ ...cell.resolution, unit: cell.values[0]?.unit ?? null }))} stands — ${md(cell.resolution.note)}${md(decidedBy(cell.resolution))}`);
      });
    }
    out.push('');
  }

  out.push('## Timeline', '');
  if (sheet.timeline.length === 0) out.push('_No dated events or sources._');
  for (const t of sheet.timeline) {
    if (t.kind === 'event') out.push(`- **${dateText(t.date)}** — ${md(t.citation ? citationText(t.citation) : t.text)}${t.note ? ` — ${md(t.note)}` : ''}`);
    else out.push(`- **${dateText(t.date)}** — published: [${t.n}] ${md(t.text)}${t.note ? ` (${md(t.note)})` : ''}`);
  }
  if (sheet.undatedSources.length > 0) out.push(`- Not dated: ${sheet.undatedSources.map((n) => `[${n}]`).join(', ')} (the source gives no date)`);
  out.push('');

  for (const [heading, list] of [
    ['People', sheet.people],
    ['Organisations', sheet.organisations],
  ] as const) {
    out.push(`## ${heading}`, '');
    if (list.length === 0) out.push(`_None linked._`);
    for (const e of list) out.push(`- **${md(e.name)}**${e.role ? ` — ${md(e.role)}` : ''} (${e.citations.map((c) => `[${refLabel(c)}]`).join('')})`);
    out.push('');
  }

  out.push('## Quotes', '');
  if (sheet.quotes.length === 0) out.push('_No quotes marked._');
  for (const q of sheet.quotes) out.push(`- ${md(q.speaker?.name ?? 'Speaker not named')}, ${md(q.outlet ?? 'outlet not named')}, ${dateText(q.published)}: ${md(citationText(q.citation))}`);
  out.push('');

  out.push('## Open questions', '');
  if (sheet.questions.length === 0) out.push('_No open questions._');
  for (const q of sheet.questions) out.push(`- ${q.note ? `${md(q.note)} — ` : ''}${md(citationText(q.citation))}`);
  out.push('');

  out.push('## Sources', '');
  for (const s of sheet.sources) {
    out.push(
      `${s.n}. ${md(s.title)} — ${md(s.outlet ?? 'outlet not named')}, ${dateText(s.published)}. ${s.url ? `<${s.url.replace(/[<>\s]/g, encodeURIComponent)}>` : 'No URL'}. Text sha256 \`${s.sha256}\`. Imported ${dateText(s.importedAt.slice(0, 10))}.`,
    );
  }
  out.push('');
  return out.join('\n');
}
