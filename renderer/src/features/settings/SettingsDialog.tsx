/**
 * Settings: the theme (the system's, light or dark), the reading size, where new notebooks go and
 * how often the open notebook is snapshotted. Each change is saved as it is made.
 */
import { ErrorLine } from '../../components/ErrorLine';
import { useId, useState } from 'react';
import { READING_SIZES, type Theme } from '../../../../shared/domain/settings';
import { Modal } from '../../components/Modal';
import { useSettings } from './store';

const THEMES: { theme: Theme; label: string }[] = [
  { theme: 'system', label: 'As the system' },
  { theme: 'light', label: 'Light' },
  { theme: 'dark', label: 'Dark' },
];

export function SettingsDialog({ canChooseFolder }: { canChooseFolder: boolean }) {
  const settings = useSettings((s) => s.settings);
  const error = useSettings((s) => s.error);
  const update = useSettings((s) => s.update);
  const close = useSettings((s) => s.close);
  const chooseFolder = useSettings((s) => s.chooseFolder);
  const id = useId();
  const [folder, setFolder] = useState(settings.notebookFolder ?? '');
  const [every, setEvery] = useState(String(settings.snapshots.everyMinutes));
  const everyNumber = Number(every);
  const everyOk = /^\d+$/.test(every.trim()) && everyNumber >= 0 && everyNumber <= 1440;
  return (
    <Modal title="Settings" onClose={close}>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          close();
        }}
      >
        <fieldset className="settings-group">
          <legend>Theme</legend>
          {THEMES.map((t) => (
            <label key={t.theme} className="field-inline">
              <input type="radio" name={`${id}-theme`} value={t.theme} checked={settings.theme === t.theme} onChange={() => void update({ theme: t.theme })} /> {t.label}
            </label>
          ))}
        </fieldset>
        <fieldset className="settings-group">
          <legend>Reading size</legend>
          <div className="reading-sizes" role="radiogroup" aria-label="Reading size">
            {READING_SIZES.map((size) => (
              <label key={size} className="field-inline">
                <input type="radio" name={`${id}-size`} checked={settings.readingSize === size} onChange={() => void update({ readingSize: size })} /> {size}%
              </label>
            ))}
          </div>
          <p className="reading-preview">Police in Kerala on Sunday arrested 11 people in the third round of the crackdown.</p>
        </fieldset>
        <fieldset className="settings-group">
          <legend>New notebooks</legend>
          <label htmlFor={`${id}-folder`}>Folder for new notebooks (empty: Dossier’s own)</label>
          <div className="settings-row">
            <input
              id={`${id}-folder`}
              type="text"
              spellCheck={false}
              value={folder}
              placeholder="Dossier’s notebooks folder"
              onChange={(e) => setFolder(e.target.value)}
              onBlur={() => void update({ notebookFolder: folder.trim() || null })}
            />
            {canChooseFolder ? (
              <button
                type="button"
                onClick={async () => {
                  const chosen = await chooseFolder();
                  if (chosen) {
                    setFolder(chosen);
                    void update({ notebookFolder: chosen });
                  }
                }}
              >
                Choose…
              </button>
            ) : null}
          </div>
        </fieldset>
        <fieldset className="settings-group">
          <legend>Snapshots of the open notebook</legend>
          <label htmlFor={`${id}-every`}>Every how many minutes, while it changes (0: none)</label>
          <div className="settings-row">
            <input
              id={`${id}-every`}
              type="text"
              inputMode="numeric"
              value={every}
              aria-invalid={!everyOk}
              onChange={(e) => setEvery(e.target.value)}
              onBlur={() => everyOk && void update({ snapshots: { ...settings.snapshots, everyMinutes: everyNumber } })}
            />
          </div>
          {!everyOk ? <p className="error-text small-note">Write a whole number of minutes from 0 to 1440.</p> : null}
          <p className="small-note muted">
            Kept: one an hour for the last {settings.snapshots.hourly} hours, one a day for {settings.snapshots.daily} days.
          </p>
        </fieldset>
        <ErrorLine error={error} />
        <div className="actions">
          <button type="submit" className="primary">
            Done
          </button>
        </div>
      </form>
    </Modal>
  );
}
