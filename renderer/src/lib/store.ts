/**
 * The one module that imports the state library. Feature stores build on `createStore`, so a
 * change of library is a change here.
 */
export { create as createStore } from 'zustand';
/**
 * For a container that reads several fields: `useX(pick((s) => ({ a: s.a, b: s.b })))` draws again
 * only when one of those fields changes, not on every change of the store.
 */
export { useShallow as pick } from 'zustand/react/shallow';
