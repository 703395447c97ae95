"use client";
import { editorStore } from "../store";

/**
 * A text input bound to one node field. Keystrokes share a typing key, so a burst of typing
 * is one undo step; leaving the field ends the burst.
 */
export function TextField({ label, value, onChange, typingKey, testId, placeholder, mono, multiline, readOnly, hint }: {
  label: React.ReactNode;
  value: string;
  onChange: (value: string, typingKey: string) => void;
  typingKey: string;
  testId?: string;
  placeholder?: string;
  mono?: boolean;
  multiline?: boolean;
  readOnly?: boolean;
  hint?: React.ReactNode;
}) {
  const common = {
    value,
    placeholder,
    readOnly,
    "data-testid": testId,
    className: mono ? "mono" : undefined,
    spellCheck: mono ? false : undefined,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value, typingKey),
    onBlur: () => editorStore.getState().endTyping(),
  };
  return (
    <label className="field">
      <span>{label}</span>
      {multiline ? <textarea rows={2} {...common} /> : <input type="text" {...common} />}
      {hint ? <small className="field-hint">{hint}</small> : null}
    </label>
  );
}
