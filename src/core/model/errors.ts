/** A refusal a person can act on: the message says what is wrong and what to do instead. */
export class OperationRefused extends Error {
  override readonly name = 'OperationRefused';
}
