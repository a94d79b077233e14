/** Handlers of the `factsheet:` namespace. */
import type { DossierApp } from '../app';
import { renderFactSheet } from '../factsheet/export';
import { writeExport } from '../files';
import { factSheetOf, reopenConflict, resolveConflict, saveSummary, withCells } from '../factsheet/service';
import type { Handlers } from './dispatch';

type FactsheetChannels = 'factsheet:build' | 'factsheet:pictures' | 'factsheet:resolve' | 'factsheet:reopen' | 'factsheet:summary' | 'factsheet:export';

/** Builds the `factsheet:` handlers over a running app. */
export function factsheetHandlers(app: DossierApp): Pick<Handlers, FactsheetChannels> {
  const nb = () => app.requireNotebook();
  return {
    'factsheet:build': ({ entityId }) => withCells(nb(), factSheetOf(nb(), entityId)),
    'factsheet:pictures': async ({ entityId }) => (await factSheetOf(nb(), entityId)).pictures,
    'factsheet:resolve': (input) => resolveConflict(nb(), input, app.author()),
    'factsheet:reopen': async (input) => {
      await reopenConflict(nb(), input);
      return {};
    },
    'factsheet:summary': async (input) => {
      await saveSummary(nb(), input);
      return {};
    },
    'factsheet:export': async ({ entityId, format, path, overwrite }) => {
      const sheet = await withCells(nb(), factSheetOf(nb(), entityId));
      return writeExport(path, await renderFactSheet(sheet, format, app.printPdf), overwrite);
    },
  };
}
