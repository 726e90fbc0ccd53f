import { AiGatewayCoreError } from '../errors.js';

/** An input of `diff` that cannot be read as objects (exit 2: nothing was compared). */
export class DiffInputError extends AiGatewayCoreError {
  constructor(message: string) {
    super(message, 2);
  }
}
