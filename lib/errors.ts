/** An expected failure with a message meant for the person who caused it. */
export class DomainError extends Error {
  constructor(
    readonly code: 'unauthenticated' | 'forbidden' | 'not_found' | 'invalid' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
