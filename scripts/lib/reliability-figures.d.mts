// Types of reliability-figures.mjs for the TypeScript tests that use it.
export const ROOT: string;
export const FRAGMENT_DIR: string;
export const FIGURES_FILE: string;
export function writeFigures(name: string, figures: Record<string, unknown>): void;
export function readFigures(): Record<string, { name: string; recordedAt: string; figures: Record<string, unknown> }>;
