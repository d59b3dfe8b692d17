import { OperationRefused } from '../core/runs/operationContext';

/** An option's value when it is one of `allowed`; else a one-line refusal listing them. */
export function choice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new OperationRefused(`--${option} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}
