/** A problem statement with its `field names` set as code, as the templates quote them. */
export function StatementText({ text }: { text: string }) {
  // split on a capture group: odd indexes are the quoted parts
  return <>{text.split(/`([^`\n]+)`/).map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}</>;
}
