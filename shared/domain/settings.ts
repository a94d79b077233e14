/**
 * What the reporter chooses for the app as a whole, kept in the app's data folder
 * (settings.json): the theme, the reading size, where new notebooks go, and how often the open
 * notebook is snapshotted, and the name a team notebook shows beside the reporter's edits. Every field has a default, so a settings file from an older Dossier
 * (or none) reads as the defaults for what it lacks.
 */
import * as z from 'zod';

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

/** The reader's text size, in percent of the standard 17 px. */
export const READING_SIZES = [85, 100, 115, 130, 150] as const;

export const SnapshotSettings = z
  .object({
    /** Minutes between two snapshots while the notebook changes; 0 turns them off. */
    everyMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    /** How many of the last hours keep a snapshot each, and how many days keep one a day. */
    hourly: z
      .number()
      .int()
      .min(0)
      .max(24 * 7),
    daily: z.number().int().min(0).max(365),
  })
  .strict();

/** The limits of the panes the reporter can resize. */
export const PANE_LIMITS = { library: [200, 640], annotations: [240, 720] } as const;

export const PaneWidths = z
  .object({
    library: z.number().int().min(PANE_LIMITS.library[0]).max(PANE_LIMITS.library[1]),
    annotations: z.number().int().min(PANE_LIMITS.annotations[0]).max(PANE_LIMITS.annotations[1]),
  })
  .strict();

/** A reporter's name as colleagues see it beside their edits. */
export const DisplayName = z.string().trim().min(1, 'give a name your colleagues will recognise').max(80, 'a name can be at most 80 characters');

export const Settings = z
  .object({
    theme: Theme.default('system'),
    readingSize: z.number().int().min(70).max(200).default(100),
    /** Where new notebooks go; null is the app's own notebooks folder. */
    notebookFolder: z.string().trim().min(1).max(4096).nullable().default(null),
    snapshots: SnapshotSettings.default({ everyMinutes: 60, hourly: 24, daily: 7 }),
    /** The widths of the library's list and of the annotations panel, in pixels (dragged or keyed). */
    panes: PaneWidths.default({ library: 300, annotations: 340 }),
    /** The reporter's name as a team notebook records it with each edit (null: not given yet). */
    displayName: DisplayName.nullable().default(null),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

/** A change to the settings: any of the fields. */
export const SettingsPatch = z
  .object({
    theme: Theme.optional(),
    readingSize: z.number().int().min(70, 'must be at least 70%').max(200, 'must be at most 200%').optional(),
    notebookFolder: z.string().trim().min(1).max(4096).nullable().optional(),
    snapshots: SnapshotSettings.optional(),
    panes: PaneWidths.optional(),
    displayName: DisplayName.nullable().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
