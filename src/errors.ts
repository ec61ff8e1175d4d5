/**
 * The user's mistake (a file, a feature, a flag): printed as one line, exit code 2.
 * Anything else thrown is our bug and keeps its stack.
 */
export interface InputErrorWhere {
  /** The file (or flag) the problem is in. */
  file?: string;
  /** 0-based feature index (or 1-based CSV line, see `line`). */
  feature?: number;
  /** 1-based line of a text file. */
  line?: number;
  /** The feature's `id`, when it has one. */
  id?: string | number;
  /** The property or member that is wrong, e.g. `properties.households`. */
  field?: string;
  /** The offending value, shown as JSON. */
  value?: unknown;
  /** What the user can do about it. */
  hint?: string;
  /**
   * A stable key for the kind of problem (`self-intersection`, `bad-households`, …), not printed:
   * `--invalid=skip` counts skipped features by it.
   */
  code?: string;
}

/** The code of an input that is missing or cannot be read (a queue worker may see what another cannot). */
export const UNREADABLE_FILE = 'unreadable-file';

export class InputError extends Error {
  override readonly name = 'InputError';
  readonly where: InputErrorWhere;
  /** What is wrong, without its place: to say it again in other words (the CLI names flags). */
  readonly problem?: string;

  constructor(problem: string, where: InputErrorWhere = {}) {
    super(formatInputError(problem, where));
    this.where = placeOf(where);
    this.problem = problem;
  }

  /** An InputError whose message is already formatted (one that crossed from a thread). */
  static formatted(message: string, where: InputErrorWhere = {}, problem?: string): InputError {
    const error = new InputError(message);
    (error as { where: InputErrorWhere }).where = where;
    (error as { problem?: string }).problem = problem;
    return error;
  }

  /** The same error with its problem, field and hint said in other words (`rename`), place and value kept. */
  reworded(rename: (text: string) => string): InputError {
    if (this.problem === undefined) return this;
    const { field, hint } = this.where;
    const where = {
      ...this.where,
      ...(field === undefined ? {} : { field: rename(field) }),
      ...(hint === undefined ? {} : { hint: rename(hint) }),
    };
    return InputError.formatted(formatInputError(rename(this.problem), where), where, rename(this.problem));
  }
}

const PLACE_KEYS = ['file', 'feature', 'line', 'id', 'field', 'value', 'hint', 'code'] as const;

/**
 * Only the place itself: callers spread contexts that carry more (a CRS with its functions), which
 * must not travel with the error — a worker's error is cloned to the main thread.
 */
function placeOf(where: InputErrorWhere): InputErrorWhere {
  const place: Record<string, unknown> = {};
  for (const key of PLACE_KEYS) if (key in where) place[key] = where[key];
  return place as InputErrorWhere;
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof Error && error.name === 'InputError';
}

function formatInputError(problem: string, w: InputErrorWhere): string {
  const place: string[] = [];
  if (w.file !== undefined) place.push(w.file);
  if (w.line !== undefined) place.push(`line ${w.line}`);
  if (w.feature !== undefined) place.push(`feature ${w.feature}`);
  if (w.id !== undefined) place.push(`id ${JSON.stringify(w.id)}`);
  if (w.field !== undefined) place.push(`field ${w.field}`);
  let text = place.length > 0 ? `${place.join(', ')}: ${problem}` : problem;
  if ('value' in w) text += ` (value: ${showValue(w.value)})`;
  if (w.hint) text += ` — ${w.hint}`;
  // One line, always: messages may quote input (V8's JSON errors quote a snippet, line breaks and all).
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Levels of arrays and objects shown before `…`: user values may nest a million deep. */
const SHOWN_DEPTH = 8;
const SHOWN_CHARS = 80;

/** The value as JSON, depth-limited and cut at 80 characters, without recursing past SHOWN_DEPTH. */
export function showValue(value: unknown): string {
  const shown = boundedJson(value, 0, { text: '' }).text;
  return shown.length > SHOWN_CHARS ? `${shown.slice(0, SHOWN_CHARS - 3)}...` : shown;
}

function boundedJson(value: unknown, depth: number, out: { text: string }): { text: string } {
  if (out.text.length > SHOWN_CHARS) return out;
  if (value !== null && typeof value === 'object') {
    const array = Array.isArray(value);
    if (depth >= SHOWN_DEPTH) {
      out.text += array ? '[…]' : '{…}';
      return out;
    }
    out.text += array ? '[' : '{';
    const keys = array ? value.keys() : Object.keys(value).values();
    let first = true;
    for (const key of keys) {
      if (out.text.length > SHOWN_CHARS) break;
      if (!first) out.text += ',';
      first = false;
      if (!array) out.text += `${JSON.stringify(key)}:`;
      boundedJson((value as Record<string | number, unknown>)[key], depth + 1, out);
    }
    out.text += array ? ']' : '}';
    return out;
  }
  if (typeof value === 'string') out.text += JSON.stringify(value.slice(0, SHOWN_CHARS + 1));
  else if (typeof value === 'number' && !Number.isFinite(value)) out.text += String(value);
  else out.text += safeStringify(value);
  return out;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
