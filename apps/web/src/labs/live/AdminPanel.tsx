import { useEffect, useId, useState } from 'react';
import { api } from '../shared/api';
import type { LiveRule } from './LiveLab';

/**
 * Edits one rule through the admin API. The token lives only in this component's state: never in the URL, storage
 * or the scenario, and it is gone when the lab closes.
 */
export function AdminPanel({ rules, ruleId, onSaved }: { rules: LiveRule[]; ruleId: string; onSaved: () => Promise<void> }) {
  const tokenId = useId();
  const ruleTextId = useId();
  const [token, setToken] = useState('');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const rule = rules.find((r) => r.id === ruleId);
  useEffect(() => {
    if (rule) {
      // id is in the URL and version is the server's own bookkeeping; the editor holds only the rule's parameters.
      const { id: _id, version: _version, ...body } = rule;
      setText(JSON.stringify(body, null, 2));
    }
    // Only a different rule resets the editor; a refreshed list must not discard what the user is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ruleId]);
  const save = async () => {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      setMessage({ ok: false, text: `The rule is not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    setBusy(true);
    const res = await api<LiveRule & { version?: number }>(`/v1/rules/${encodeURIComponent(ruleId)}`, { method: 'PUT', body, token });
    setBusy(false);
    if (res.ok) {
      setMessage({ ok: true, text: `Saved "${ruleId}". Every server process sharing this Redis applies it within a second; the rule list above updates when the server announces it.` });
      await onSaved();
    } else setMessage({ ok: false, text: res.status === 401 || res.status === 403 ? `${res.message} — check the admin token.` : res.message });
  };
  return (
    <section className="lab-card" aria-labelledby="admin-h">
      <h4 id="admin-h">Edit rule “{ruleId}” (admin)</h4>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="lab-field">
          <label htmlFor={tokenId}>Admin token (kept in this page's memory only)</label>
          <input id={tokenId} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
        </div>
        <div className="lab-field lab-wide">
          <label htmlFor={ruleTextId}>Rule parameters (JSON)</label>
          <textarea id={ruleTextId} rows={6} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
        </div>
        <button type="submit" disabled={busy || !token}>{busy ? 'Saving…' : `Save rule (PUT /v1/rules/${ruleId})`}</button>
      </form>
      {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'lab-good' : 'lab-error'} data-testid="admin-message">{message.text}</p>}
    </section>
  );
}
