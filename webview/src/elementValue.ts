/** Reads the value of a VS Code Elements input (or any input) from its event. */
export function valueOf(event: Event): string {
  const target = event.target as { value?: unknown } | null;
  return typeof target?.value === 'string' ? target.value : '';
}
