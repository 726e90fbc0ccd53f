/**
 * Every error the library throws on purpose is an AiGatewayCoreError: the CLI prints its message
 * (never a stack trace) and exits with its exitCode. Anything else is a bug.
 */
export class AiGatewayCoreError extends Error {
  /** 1: the input is invalid; 2: usage or I/O error. */
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A flag or argument the command cannot work with. */
export class UsageError extends AiGatewayCoreError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** A file that cannot be read (missing, a directory, no permission). */
export class InputFileError extends AiGatewayCoreError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** A template stopped rendering on purpose (the twin of Go's `fail`). */
export class TemplateFailError extends AiGatewayCoreError {
  readonly template: string;
  constructor(template: string, message: string) {
    super(`${template}: ${message}`);
    this.template = template;
  }
}

/** `--show-only` named a template that renders nothing. */
export class TemplateNotFoundError extends AiGatewayCoreError {
  constructor(pattern: string) {
    super(`could not find template ${pattern} in chart`);
  }
}

/**
 * The command has printed everything it had to say and only its exit code remains (`diff
 * --detailed-exitcode` exits 3 when there are changes): the CLI prints nothing more.
 */
export class QuietExit extends AiGatewayCoreError {
  constructor(exitCode: number) {
    super('', exitCode);
  }
}
