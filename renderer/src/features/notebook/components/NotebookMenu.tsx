/** The Notebook menu in the header: the same commands as the desktop app's File menu. */
import { useEffect, useRef, useState } from 'react';
import type { MenuCommand } from '../../../../../shared/api/menu';

const ITEMS: { command: MenuCommand; label: string; needsNotebook: boolean }[] = [
  { command: 'notebook:new', label: 'New notebook…', needsNotebook: false },
  { command: 'notebook:open', label: 'Open notebook…', needsNotebook: false },
  { command: 'notebook:rename', label: 'Rename notebook…', needsNotebook: true },
  { command: 'notebook:import', label: 'Import files…', needsNotebook: true },
  { command: 'notebook:exportAnnotations', label: 'Export annotations…', needsNotebook: true },
  { command: 'notebook:importAnnotations', label: 'Import annotations…', needsNotebook: true },
  { command: 'notebook:backup', label: 'Back up notebook…', needsNotebook: true },
  { command: 'notebook:restore', label: 'Restore from backup…', needsNotebook: false },
  { command: 'notebook:snapshots', label: 'Snapshots…', needsNotebook: true },
  { command: 'notebook:share', label: 'Share…', needsNotebook: false },
  { command: 'notebook:conflicts', label: 'Conflicts…', needsNotebook: true },
  { command: 'notebook:recreateSample', label: 'Recreate sample notebook…', needsNotebook: false },
  { command: 'app:settings', label: 'Settings…', needsNotebook: false },
  { command: 'app:shortcuts', label: 'Keyboard shortcuts (?)', needsNotebook: false },
];

export function NotebookMenu({ hasNotebook, onCommand }: { hasNotebook: boolean; onCommand(command: MenuCommand): void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <div className="menu" ref={root}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Notebook ▾
      </button>
      {open ? (
        <ul role="menu" aria-label="Notebook">
          {ITEMS.map((item) => (
            <li key={item.command} role="none">
              <button
                type="button"
                role="menuitem"
                disabled={item.needsNotebook && !hasNotebook}
                onClick={() => {
                  setOpen(false);
                  onCommand(item.command);
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
