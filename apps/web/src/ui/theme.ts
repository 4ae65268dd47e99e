const KEY = 'ratelab.theme';

/** The saved theme, else the system preference. */
export function initialTheme(): 'light' | 'dark' {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // Storage can be blocked (private mode, sandboxed embeds); the system preference still applies.
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function saveTheme(theme: 'light' | 'dark'): void {
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Not saving is harmless: the choice lasts for this page.
  }
}

/** Literal colours for charts: serialized SVG (PNG export) cannot resolve CSS variables. */
export const PALETTE = {
  light: { allowed: '#1f7a3f', delayed: '#b26a00', blocked: '#c0392b', line: '#2456a6', line2: '#8a3ffc', limit: '#c0392b', grid: '#d9dde3', text: '#3b4250', bg: '#ffffff' },
  dark: { allowed: '#4cc27a', delayed: '#f0a73c', blocked: '#ff6b5e', line: '#7fb0ff', line2: '#c59cff', limit: '#ff6b5e', grid: '#343a46', text: '#c9d1dc', bg: '#161a21' },
} as const;
