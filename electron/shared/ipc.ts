// The two Electron IPC channel names, shared by the main process and the preload so they cannot drift apart.
/** Renderer → main: `invoke(name, input)`, answered with a Result. */
export const invokeChannel = 'kiosk:invoke';
/** Main → renderer: `(name, payload)` for every core event. */
export const eventChannel = 'kiosk:event';
