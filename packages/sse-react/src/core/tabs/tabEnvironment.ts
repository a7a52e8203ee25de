import { isEventTarget } from '../runtime/environment';
import type { BroadcastChannelConstructor, LockManagerLike, PageLifecycle, SSEEnvironment, WakeSource } from '../types';

/** What tab sharing needs beyond the core's environment; resolved here, so the root entry carries none of it. */
export interface TabEnvironment {
  readonly locks: LockManagerLike;
  readonly BroadcastChannel: BroadcastChannelConstructor;
}

/** The environment's Web Locks and BroadcastChannel, or why this tab cannot share (a sentence for the warning). */
export function tabEnvironment(overrides: Partial<SSEEnvironment> = {}): TabEnvironment | string {
  const locks = 'locks' in overrides ? overrides.locks : (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  const Channel =
    'BroadcastChannel' in overrides
      ? overrides.BroadcastChannel
      : (globalThis as { BroadcastChannel?: BroadcastChannelConstructor }).BroadcastChannel;
  if (typeof locks?.request !== 'function') {
    return 'the Web Locks API (navigator.locks) is missing: it needs a secure context (https:// or localhost) and a browser from 2022 on';
  }
  if (typeof Channel !== 'function') return 'BroadcastChannel is missing';
  return { locks, BroadcastChannel: Channel };
}

function eventSource(target: unknown, type: string): WakeSource | undefined {
  if (!isEventTarget(target)) return undefined;
  return {
    subscribe(onEvent) {
      const listener = () => onEvent();
      target.addEventListener(type, listener);
      return () => target.removeEventListener(type, listener);
    },
  };
}

/** `environment.pageLifecycle`, or the document's and window's events: read when a tab starts sharing, as globals may change. */
export function pageLifecycle(overrides: Partial<SSEEnvironment> = {}): PageLifecycle {
  if ('pageLifecycle' in overrides) return overrides.pageLifecycle ?? { freeze: undefined, resume: undefined, pagehide: undefined };
  const doc = (globalThis as { document?: unknown }).document;
  return { freeze: eventSource(doc, 'freeze'), resume: eventSource(doc, 'resume'), pagehide: eventSource(globalThis, 'pagehide') };
}

export interface PageHandlers {
  /** Page Lifecycle `freeze`: the tab is about to stop running. */
  frozen(): void;
  /** `resume`: it runs again. */
  resumed(): void;
  /** `pagehide`: closing, or entering the back-forward cache. */
  hidden(): void;
  /** This tab was shown or hidden. */
  visibilityChanged(): void;
}

/** Watches the page's lifecycle and visibility through the environment; returns the unsubscribe. */
export function watchPage(env: SSEEnvironment, handlers: PageHandlers): () => void {
  const lifecycle = pageLifecycle(env);
  const offs = [
    lifecycle.freeze?.subscribe(handlers.frozen),
    lifecycle.resume?.subscribe(handlers.resumed),
    lifecycle.pagehide?.subscribe(handlers.hidden),
    env.visibility?.subscribe(handlers.visibilityChanged),
  ];
  return () => {
    for (const off of offs) off?.();
  };
}
