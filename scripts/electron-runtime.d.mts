/** Returns the Electron executable's path, or the reason in one line why it cannot be had. */
export function findElectronRuntime(cwd?: string): { path?: string; reason?: string };
