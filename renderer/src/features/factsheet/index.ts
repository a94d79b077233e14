/** The fact sheet: figures and quotes cited to their passages, conflicts shown, exports. */
export { FactSheetView } from './FactSheetView';
