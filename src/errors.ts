/**
 * The error hierarchy. Errors are thrown only for caller misuse (`TypeError`, `RangeError`)
 * and for the two contracts in the API: {@link DnsError} from resolvers and
 * `ReportParseError` from `parseAggregateReport`. Everything about untrusted input is a
 * `Diagnostic`, never an exception.
 * @module
 */

const BRAND: unique symbol = Symbol.for('dmarc-kit.error');

/** Base class of every error dmarc-kit throws on purpose; `code` is stable. */
export class DmarcKitError extends Error {
  /** A stable code; see the subclasses for their sets of codes. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
    Object.defineProperty(this, BRAND, { value: new.target.name, enumerable: false });
  }
}

/**
 * True when `value` is a dmarc-kit error, also across realms and duplicate package copies
 * (where `instanceof` fails), by a brand rather than the prototype chain.
 */
export function isDmarcKitError(value: unknown): value is DmarcKitError {
  return typeof value === 'object' && value !== null && BRAND in value;
}

/** @internal Brand check for one subclass by name. */
export function hasErrorBrand(value: unknown, name: string): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === name
  );
}
