/** The one way to choose an annotation's kind (the editor) or filter by it (lists): the same names, in the same order. */
import type { AnnotationKind } from '../../../shared/domain/annotation';
import { KINDS } from '../lib/kinds';

export function KindSelect<T extends AnnotationKind | 'all'>({ value, onChange, all }: { value: T; onChange(kind: T): void; all?: string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as T)}>
      {all ? <option value="all">{all}</option> : null}
      {KINDS.map((k) => (
        <option key={k.kind} value={k.kind}>
          {k.label}
        </option>
      ))}
    </select>
  );
}
