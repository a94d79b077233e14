/**
 * The fact sheet as a Word document (docx library): the same sections, words and citations as
 * the HTML page, a real table for the key figures with conflicts shaded and labelled in words.
 * Formats a FactSheet; computes no fact.
 */
import { BorderStyle, Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { PhrasingContent, RootContent } from 'mdast';
import type { Citation, FactSheet, FigureCell } from '../../../shared/factsheet/build';
import { citationText, corroboration, refLabel, dateText, decidedBy, formatFigure, givenBy, madeAt, statusLabel } from '../../../shared/factsheet/format';

const SHADE: Record<FigureCell['status'], string> = { conflict: 'FDF0EF', resolved: 'F6F1FB', 'single-source': 'FFF8E6', corroborated: 'FFFFFF' };

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2) => new Paragraph({ text, heading: level, spacing: { before: 240, after: 80 } });
const para = (...runs: (string | TextRun)[]) => new Paragraph({ children: runs.map((r) => (typeof r === 'string' ? new TextRun(r) : r)), spacing: { after: 60 } });
const bullet = (...runs: (string | TextRun)[]) => new Paragraph({ children: runs.map((r) => (typeof r === 'string' ? new TextRun(r) : r)), bullet: { level: 0 } });
const bold = (text: string) => new TextRun({ text, bold: true });
const empty = (text: string) => para(new TextRun({ text, italics: true, color: '666666' }));
const refs = (cs: Citation[]) => cs.map((c) => `[${refLabel(c)}]`).join('');

function cell(c: FigureCell | null): TableCell {
  if (!c) return new TableCell({ children: [para('—')] });
  const label = c.status === 'corroborated' ? `Corroborated by ${corroboration(c.values[0])}` : statusLabel(c);
  const children = [para(new TextRun({ text: label.toUpperCase(), bold: true, size: 16, color: c.status === 'conflict' ? 'B3261E' : '444444' }))];
  for (const v of c.values) children.push(para(bold(formatFigure(v)), ` ${refs(v.citations)}`, ...(givenBy(v) ? [new TextRun({ text: ` — ${givenBy(v)}`, color: '555555', size: 18 })] : [])));
  if (c.resolution) children.push(para(`Stands: `, bold(formatFigure({ ...c.resolution, unit: c.values[0]?.unit ?? null })), ` — ${c.resolution.note}${decidedBy(c.resolution)}`));
  return new TableCell({ children, shading: { type: ShadingType.CLEAR, color: 'auto', fill: SHADE[c.status] } });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: 'C8C8CF' };

type Run = TextRun | ExternalHyperlink;
interface Style {
  bold?: boolean;
  italics?: boolean;
}

/** The runs of Markdown's inline content: emphasis as bold and italics, web links live, an image by its words. */
function runs(nodes: PhrasingContent[], style: Style = {}): Run[] {
  return nodes.flatMap((n): Run[] => {
    switch (n.type) {
      case 'text':
        return [new TextRun({ text: n.value, ...style })];
      case 'strong':
        return runs(n.children, { ...style, bold: true });
      case 'emphasis':
        return runs(n.children, { ...style, italics: true });
      case 'inlineCode':
        return [new TextRun({ text: n.value, font: 'Courier New', ...style })];
      case 'break':
        return [new TextRun({ text: '', break: 1 })];
      case 'link':
        return /^(https?:|mailto:)/i.test(n.url)
          ? [new ExternalHyperlink({ link: n.url, children: runs(n.children, style).filter((r): r is TextRun => r instanceof TextRun) })]
          : runs(n.children, style);
      case 'image':
        return n.alt ? [new TextRun({ text: n.alt, ...style })] : [];
      case 'html':
        return [new TextRun({ text: n.value, ...style })];
      default:
        return 'children' in n ? runs(n.children as PhrasingContent[], style) : 'value' in n ? [new TextRun({ text: String(n.value), ...style })] : [];
    }
  });
}

/** The reporter's Markdown (the summary) as Word paragraphs: paragraphs, headings, lists and quotes, emphasis and links. */
export function markdownParagraphs(markdown: string): Paragraph[] {
  const blocks = (nodes: RootContent[], level = 0): Paragraph[] =>
    nodes.flatMap((n): Paragraph[] => {
      switch (n.type) {
        case 'paragraph':
          return [new Paragraph({ children: runs(n.children), spacing: { after: 60 } })];
        case 'heading':
          return [new Paragraph({ children: runs(n.children, { bold: true }), spacing: { before: 120, after: 60 } })];
        case 'list':
          return n.children.flatMap((item) =>
            item.children.flatMap((child, i) =>
              child.type === 'paragraph' && i === 0 ? [new Paragraph({ children: runs(child.children), bullet: { level: Math.min(level, 8) } })] : blocks([child], level + 1),
            ),
          );
        case 'blockquote':
          return blocks(n.children, level);
        case 'code':
          return [new Paragraph({ children: [new TextRun({ text: n.value, font: 'Courier New' })] })];
        case 'html':
          return [para(n.value)];
        case 'thematicBreak':
          return [];
        default:
          return 'children' in n ? blocks(n.children as RootContent[], level) : [];
      }
    });
  return blocks(fromMarkdown(markdown).children);
}

/** Renders a fact sheet as a .docx file. */
export async function factSheetDocx(sheet: FactSheet): Promise<Uint8Array> {
  const { conflicts, singleSource, corroborated, resolved } = sheet.counts;
  const children: (Paragraph | Table)[] = [
    heading(sheet.title, HeadingLevel.HEADING_1),
    para(new TextRun({ text: `Notebook: ${sheet.notebook} · Made ${madeAt(sheet.generatedAt)} · ${sheet.sources.length} source${sheet.sources.length === 1 ? '' : 's'}`, color: '555555' })),
    para(
      bold(`${conflicts} unresolved conflict${conflicts === 1 ? '' : 's'} between sources`),
      ` · ${resolved} resolved · ${singleSource} single-source figure${singleSource === 1 ? '' : 's'} · ${corroborated} corroborated`,
    ),
    heading('Summary'),
    ...(sheet.summary ? markdownParagraphs(sheet.summary) : [empty('No summary written yet.')]),
    heading('Key figures'),
  ];
  if (sheet.figures.rows.length === 0) children.push(empty('No figures marked yet: mark a passage as a figure and give its metric and value.'));
  else {
    const header = new TableRow({
      tableHeader: true,
      children: ['Metric', ...sheet.figures.columns.map((c) => c.name)].map((t) => new TableCell({ children: [para(bold(t))], shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F5' } })),
    });
    const rows = sheet.figures.rows.map((r) => new TableRow({ cantSplit: true, children: [new TableCell({ children: [para(bold(r.metric))] }), ...r.cells.map(cell)] }));
    children.push(
      new Table({
        rows: [header, ...rows],
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      }),
    );
    children.push(heading('Where each figure comes from', HeadingLevel.HEADING_3));
    for (const r of sheet.figures.rows) {
      r.cells.forEach((c, i) => {
        if (!c) return;
        children.push(bullet(bold(`${sheet.figures.columns[i].name} — ${r.metric}`), ` (${statusLabel(c)})`));
        for (const v of c.values)
          children.push(new Paragraph({ bullet: { level: 1 }, children: [new TextRun(`${formatFigure(v)}${givenBy(v) ? ` — ${givenBy(v)}` : ''}: ${v.citations.map(citationText).join('; ')}`)] }));
        if (c.resolution)
          children.push(
            new Paragraph({
              bullet: { level: 1 },
              children: [new TextRun(`Resolved: ${formatFigure({ ...c.resolution, unit: c.values[0]?.unit ?? null })} stands — ${c.resolution.note}${decidedBy(c.resolution)}`)],
            }),
          );
      });
    }
  }

  children.push(heading('Timeline'));
  if (sheet.timeline.length === 0 && sheet.undatedSources.length === 0) children.push(empty('No dated events or sources.'));
  for (const t of sheet.timeline) {
    if (t.kind === 'event') children.push(bullet(bold(dateText(t.date)), ` — ${t.citation ? citationText(t.citation) : t.text}${t.note ? ` — ${t.note}` : ''}`));
    else children.push(bullet(bold(dateText(t.date)), ` — published: [${t.n}] ${t.text}${t.note ? ` (${t.note})` : ''}`));
  }
  if (sheet.undatedSources.length > 0) children.push(bullet(`Not dated: ${sheet.undatedSources.map((n) => `[${n}]`).join(', ')} (the source gives no date)`));

  for (const [title, list] of [
    ['People', sheet.people],
    ['Organisations', sheet.organisations],
  ] as const) {
    children.push(heading(title));
    if (list.length === 0) children.push(empty('None linked.'));
    for (const e of list) children.push(bullet(bold(e.name), `${e.role ? ` — ${e.role}` : ''} ${refs(e.citations)}`));
  }

  children.push(heading('Quotes'));
  if (sheet.quotes.length === 0) children.push(empty('No quotes marked.'));
  for (const q of sheet.quotes) children.push(bullet(bold(q.speaker?.name ?? 'Speaker not named'), `, ${q.outlet ?? 'outlet not named'}, ${dateText(q.published)}: ${citationText(q.citation)}`));

  children.push(heading('Open questions'));
  if (sheet.questions.length === 0) children.push(empty('No open questions.'));
  for (const q of sheet.questions) children.push(bullet(`${q.note ? `${q.note} — ` : ''}${citationText(q.citation)}`));

  children.push(heading('Sources'));
  for (const s of sheet.sources) {
    children.push(
      new Paragraph({
        spacing: { after: 60 },
        children: [
          new TextRun(`${s.n}. `),
          bold(s.title),
          new TextRun(` — ${s.outlet ?? 'outlet not named'}, ${dateText(s.published)}. `),
          s.url ? new ExternalHyperlink({ link: s.url, children: [new TextRun({ text: s.url, style: 'Hyperlink' })] }) : new TextRun('No URL'),
          new TextRun(`. Text sha256 ${s.sha256}. Imported ${dateText(s.importedAt.slice(0, 10))}.`),
        ],
      }),
    );
  }

  const doc = new Document({ creator: 'Dossier', title: sheet.title, description: `Fact sheet made ${sheet.generatedAt}`, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
