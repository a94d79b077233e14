/**
 * The one module that imports the state library. Feature stores build on `createStore`, so a
 * change of library is a change here.
 */
export { create as createStore } from 'zustand';
