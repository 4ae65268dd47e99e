import type { View } from '../app/App';
import { actions } from '../state/app-store';
import { useApp } from '../state/use-app';
import { SharePanel } from '../share/SharePanel';
import { saveTheme } from './theme';

export function Header({ view, onHelp }: { view: View; onHelp: () => void }) {
  const theme = useApp((s) => s.theme);
  const flip = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    saveTheme(next);
    actions.setTheme(next);
  };
  return (
    <header className="top">
      <h1 className="brand">ratelab <span>playground</span></h1>
      <nav aria-label="Views">
        <a href="#" aria-current={view === 'playground' ? 'page' : undefined}>Playground</a>
        <a href="#labs" aria-current={view === 'labs' ? 'page' : undefined}>Labs</a>
      </nav>
      <div className="top-actions">
        {view === 'playground' && <SharePanel />}
        <button type="button" onClick={flip} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>{theme === 'dark' ? '☀ Light' : '☾ Dark'}</button>
        <button type="button" onClick={onHelp} aria-label="Keyboard shortcuts and help (?)">?</button>
      </div>
    </header>
  );
}
