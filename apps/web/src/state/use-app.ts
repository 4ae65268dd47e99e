import { useStore } from 'zustand';
import { appStore, type AppState } from './app-store';

/** React only selects from the vanilla store; every change goes through `actions`. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
