import { EDITOR_ACTIONS, FIELD_SHORTCUTS, prettyShortcut } from "./actions";

/** The keyboard shortcuts, from the same action list the keyboard runs. */
export function ShortcutsHelp() {
  return (
    <details className="shortcuts" data-testid="shortcuts-help">
      <summary className="btn small">Shortcuts</summary>
      <div className="shortcuts-pop">
        <table>
          <tbody>
            {EDITOR_ACTIONS.filter((a) => a.shortcuts).map((a) => (
              <tr key={a.id}>
                <td>{a.shortcuts!.map((k) => <kbd key={k}>{prettyShortcut(k)}</kbd>)}</td>
                <td>{a.label}</td>
              </tr>
            ))}
            {FIELD_SHORTCUTS.map((s) => (
              <tr key={s.keys}><td><kbd>{s.keys}</kbd></td><td>{s.label}</td></tr>
            ))}
            <tr><td><kbd>Double-click</kbd></td><td>collapse / expand a node</td></tr>
          </tbody>
        </table>
      </div>
    </details>
  );
}
