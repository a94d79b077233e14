/** The keyboard shortcuts, on "?" (and Help › Keyboard Shortcuts in the desktop app). */
import { Modal } from '../../components/Modal';
import { useSettings } from './store';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

const GROUPS: { title: string; keys: [string, string][] }[] = [
  {
    title: 'Anywhere',
    keys: [
      [`${MOD}+K`, 'Search the notebook'],
      [`${MOD}+Z`, 'Undo the last annotation change'],
      ['?', 'This list'],
      ['Esc', 'Close a dialog, the search or the editor'],
    ],
  },
  {
    title: 'Library and lists',
    keys: [
      ['j / ↓', 'Next source'],
      ['k / ↑', 'Previous source'],
      ['Enter', 'Open what is chosen (search results, entities)'],
      ['Space', 'Tick a source when editing several'],
    ],
  },
  {
    title: 'Reading',
    keys: [
      ['H', 'Highlight the selected words'],
      ['N', 'Annotate the selected words (a note, a kind, entities)'],
      ['/', 'Select words of the source with the keyboard (Enter: the next place they occur)'],
      [`${MOD}+Enter`, 'Save the annotation being written'],
    ],
  },
];

export function ShortcutSheet() {
  const close = useSettings((s) => s.close);
  return (
    <Modal title="Keyboard shortcuts" onClose={close}>
      <div className="shortcut-sheet">
        {GROUPS.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h3>{g.title}</h3>
            <dl>
              {g.keys.map(([key, what]) => (
                <div key={key}>
                  <dt>
                    <kbd>{key}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={close} autoFocus>
          Close
        </button>
      </div>
    </Modal>
  );
}
