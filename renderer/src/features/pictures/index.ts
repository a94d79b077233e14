/** Pictures: the timeline and the graph of a subject. */
export { PicturesView } from './PicturesView';
