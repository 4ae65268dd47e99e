import { createStore } from 'zustand/vanilla';
import { buildSteps, stepAtTime, type Steps } from '../run/steps';
import type { LimiterDetail, TraceData } from '../run/columns';
import type { Issue, ScenarioJson } from './types';

export type RunStatus = 'starting' | 'running' | 'ready' | 'invalid' | 'failed';

/** A learner's guesses for the next few decisions (predict-then-reveal). */
export interface PredictRound {
  /** The first step being guessed. */
  from: number;
  /** How many decisions are guessed in this round (bounded by PREDICT_MAX). */
  count: number;
  guesses: { step: number; guess: boolean; actual: boolean }[];
}

export const PREDICT_MAX = 5;

export interface AppState {
  builtins: ScenarioJson[];
  /** The scenario as edited; the simulator validates it before running. */
  scenario: ScenarioJson | null;
  /** Bumped on every edit so the run controller knows a new run is due. */
  revision: number;
  status: RunStatus;
  issues: Issue[];
  /** The latest valid run; kept while a new one is computed so the page never goes blank. */
  trace: TraceData | null;
  traceScenario: ScenarioJson | null;
  /** The scenario revision `trace` was computed for. */
  traceRevision: number;
  steps: Steps | null;
  step: number;
  /** A step to land on when the next run arrives (from a shared link). */
  wantedStep: number | null;
  /** Embed mode may lock the scrubber to a range of steps. */
  range: [number, number] | null;
  simMs: number | null;
  theme: 'light' | 'dark';
  predict: PredictRound | null;
  /** A file or link that failed validation: shown with every problem's path, the current run stays on screen. */
  rejected: { source: string; issues: Issue[] } | null;
  message: string;
}

const initial: AppState = {
  builtins: [],
  scenario: null,
  revision: 0,
  status: 'starting',
  issues: [],
  trace: null,
  traceScenario: null,
  traceRevision: 0,
  steps: null,
  step: 0,
  wantedStep: null,
  range: null,
  simMs: null,
  theme: 'light',
  predict: null,
  rejected: null,
  message: '',
};

export const appStore = createStore<AppState>()(() => ({ ...initial }));

const set = appStore.setState;
const get = appStore.getState;

export function stepBounds(s: AppState = get()): [number, number] {
  const last = Math.max(0, (s.steps?.length ?? 1) - 1);
  if (!s.range) return [0, last];
  return [Math.min(s.range[0], last), Math.min(s.range[1], last)];
}

function clampStep(step: number): number {
  const [lo, hi] = stepBounds();
  return Math.max(lo, Math.min(hi, Math.round(step)));
}

export const actions = {
  setBuiltins: (builtins: ScenarioJson[]) => set({ builtins }),
  reject: (source: string, issues: Issue[]) => set({ rejected: { source, issues } }),
  clearRejected: () => set({ rejected: null }),
  /** Replaces the scenario (library pick, import, shared link); `step` is where to land once it has run. */
  loadScenario(scenario: ScenarioJson, step: number | null = 0) {
    set((s) => ({ scenario, revision: s.revision + 1, wantedStep: step, predict: null, rejected: null }));
  },
  /** An edit of the current scenario: the run that follows keeps the cursor at the same moment in time. */
  editScenario(update: (s: ScenarioJson) => ScenarioJson) {
    const s = get();
    if (!s.scenario) return;
    set({ scenario: update(structuredClone(s.scenario)), revision: s.revision + 1, predict: null });
  },
  runStarted: () => set({ status: 'running' }),
  runFinished(trace: TraceData, scenario: ScenarioJson, simMs: number, revision = get().revision) {
    const s = get();
    const steps = buildSteps(trace);
    let step: number;
    if (s.wantedStep !== null) step = s.wantedStep;
    else if (s.steps && s.trace) step = stepAtTime(steps, s.steps.tMs[s.step] ?? 0);
    else step = 0;
    set({ trace, traceScenario: scenario, traceRevision: revision, steps, status: 'ready', issues: [], simMs, wantedStep: null });
    set({ step: clampStep(step) });
  },
  /** The second phase of a large run: the same decisions, now with explanations and state snapshots. */
  attachDetail(details: LimiterDetail[] | null) {
    const t = get().trace;
    if (!t || t.detail !== 'pending') return;
    if (!details || details.length !== t.limiters.length) return set({ trace: { ...t, detail: 'lean' } });
    set({ trace: { ...t, detail: 'full', limiters: t.limiters.map((l, i) => ({ ...l, detail: details[i]! })) } });
  },
  runRejected: (issues: Issue[]) => set({ status: 'invalid', issues, wantedStep: null }),
  runFailed: (message: string) => set({ status: 'failed', issues: [{ path: '', message }] }),
  setStep: (step: number) => set({ step: clampStep(step) }),
  stepBy: (delta: number) => set({ step: clampStep(get().step + delta) }),
  first: () => set({ step: stepBounds()[0] }),
  last: () => set({ step: stepBounds()[1] }),
  setRange: (range: [number, number] | null) => set({ range }),
  setTheme: (theme: 'light' | 'dark') => set({ theme }),
  say: (message: string) => set({ message }),
  startPredict(count: number) {
    const s = get();
    if (!s.steps) return;
    const [, hi] = stepBounds();
    const from = Math.min(s.step + 1, hi);
    set({ predict: { from, count: Math.max(1, Math.min(PREDICT_MAX, count, hi - s.step)), guesses: [] } });
  },
  guess(guess: boolean, actual: boolean) {
    const p = get().predict;
    if (!p) return;
    const step = p.from + p.guesses.length;
    set({ predict: { ...p, guesses: [...p.guesses, { step, guess, actual }] }, step: clampStep(step) });
  },
  stopPredict: () => set({ predict: null }),
};

export function isAtEnd(): boolean {
  return get().step >= stepBounds()[1];
}
