import { useEffect, useRef, useState } from 'react';
import { decidingLines, loadModelSource, loadRedisSource, type SourceFile } from './source-loaders';

type Tab = 'model' | 'redis';

/** The real source of the algorithm with the deciding lines highlighted; loaded when first shown. */
export default function SourceView({ algorithm, allowed }: { algorithm: string; allowed: boolean }) {
  const [tab, setTab] = useState<Tab>('model');
  const [file, setFile] = useState<SourceFile | null | 'error'>(null);
  const codeRef = useRef<HTMLPreElement>(null);

  useEffect(() => {
    let live = true;
    setFile(null);
    (tab === 'model' ? loadModelSource(algorithm) : loadRedisSource(algorithm))
      .then((f) => live && setFile(f ?? 'error'))
      .catch(() => live && setFile('error'));
    return () => {
      live = false;
    };
  }, [tab, algorithm]);

  useEffect(() => {
    const first = codeRef.current?.querySelector('.decide, .branch');
    if (first && codeRef.current) codeRef.current.scrollTop = (first as HTMLElement).offsetTop - codeRef.current.clientHeight / 3;
  }, [file, allowed]);

  const lines = file && file !== 'error' ? file.text.split('\n') : [];
  const marks = file && file !== 'error' ? decidingLines(file.text, allowed) : { decide: [], branch: [] };
  return (
    <div className="source">
      <div className="tabs" role="tablist" aria-label="Source">
        <button type="button" role="tab" aria-selected={tab === 'model'} onClick={() => setTab('model')}>TypeScript model</button>
        <button type="button" role="tab" aria-selected={tab === 'redis'} onClick={() => setTab('redis')}>{algorithm === 'token-bucket-naive' ? 'Redis steps' : 'Lua script'}</button>
      </div>
      {file === null && <p className="loading">Loading the source…</p>}
      {file === 'error' && <p className="warn">This source could not be loaded.</p>}
      {file && file !== 'error' && (
        <>
          <p className="muted">
            <code>{file.path}</code>: highlighted, <mark className="decide">the comparison that decides</mark> and <mark className="branch">the branch this request took</mark>.
          </p>
          <pre ref={codeRef} className="code" tabIndex={0} aria-label={`${file.title} source`}>
            {lines.map((line, i) => (
              <span key={i} className={marks.decide.includes(i) ? 'decide' : marks.branch.includes(i) ? 'branch' : undefined}>
                <span className="ln" aria-hidden="true">{i + 1}</span>
                {line}
                {'\n'}
              </span>
            ))}
          </pre>
        </>
      )}
    </div>
  );
}
