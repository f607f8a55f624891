import { describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { blockRemoteRequests, denyAllPermissions } from '../../../electron/main/guards';

describe('session guards', () => {
  it('cancels every http(s) and ws(s) request a page makes', () => {
    let filter: { urls: string[] } | undefined;
    let listener: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | undefined;
    const session = { webRequest: { onBeforeRequest: (f: typeof filter, l: typeof listener) => ((filter = f), (listener = l)) } };
    blockRemoteRequests(session as unknown as Session);
    expect(filter?.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    const callback = vi.fn();
    listener?.({ url: 'https://example.org/track.gif' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });

  it('denies every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let device: (() => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
    };
    denyAllPermissions(session as unknown as Session);
    const callback = vi.fn();
    request?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check?.()).toBe(false);
    expect(device?.()).toBe(false);
  });
});
