/** The annotate feature: the reader of the open source, its highlights and annotations. */
export { useAnnotate } from './store';
export { AnnotatedReader } from './AnnotatedReader';
export { AnnotationFact, byline } from './components/AnnotationCard';
