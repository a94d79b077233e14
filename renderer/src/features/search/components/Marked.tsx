/** A text with its matched words marked: what the search found, as the text spells it. */
export interface MarkedProps {
  text: string;
  ranges: [number, number][];
}

export function Marked({ text, ranges }: MarkedProps) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
