// Typed errors thrown by the CRD validator. Validation findings are never thrown: they are
// returned as issues. Only problems with the *inputs* (unreadable/invalid CRD text) throw.

/** The CRD text could not be parsed or is not a usable CustomResourceDefinition. */
export class CrdLoadError extends Error {
  override readonly name = 'CrdLoadError';
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}

/** A CRD source (file, directory, stdin) could not be read. */
export class CrdSourceError extends Error {
  override readonly name = 'CrdSourceError';
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
  }
}

/** A CEL rule could not be compiled (syntax error, unknown function, undeclared variable). */
export class CelCompileError extends Error {
  override readonly name = 'CelCompileError';
  constructor(
    readonly rule: string,
    readonly reason: string,
  ) {
    super(`compilation failed: ${reason}`);
  }
}
