/** The notebook-wide list of annotations. */
export { AnnotationsView } from './AnnotationsView';
