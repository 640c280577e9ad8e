/**
 * Shared plumbing of the command-line tool: the streams a command talks to, exit codes, reading a
 * "file path or inline JSON" argument, and writing with backpressure. No engine logic lives here;
 * commands call the library and only turn its answers and errors into text.
 */

import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import type { EventBridgeError } from '../errors.js';

/** The streams a command reads and writes; `process.stdin`/`stdout`/`stderr` in the real tool. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable & { readonly isTTY?: boolean };
  readonly stderr: Writable & { readonly isTTY?: boolean };
}

/** Exit codes shared by every command (`test`: match / no match / bad input). */
export const ExitCode = {
  /** Success: the event matched, every pattern is valid, the stream was processed. */
  ok: 0,
  /** A negative answer: no match, some pattern invalid, some event line rejected. */
  negative: 1,
  /** Bad input: unreadable file, invalid JSON argument, invalid pattern where one was required, bad usage. */
  badInput: 2,
} as const;

/** An exit code of {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * A problem with the command line or an input the user named: printed on stderr, exit code 2.
 * The message is meant for people and is printed as is.
 */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/**
 * Creates the {@link CliIo} of the running process.
 *
 * @returns `process.stdin`, `process.stdout` and `process.stderr`.
 */
export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/**
 * Writes text to a stream and waits for `drain` when the stream asks the writer to back off, so a
 * slow consumer never makes the tool buffer without bound.
 *
 * @param stream - Where to write.
 * @param text - What to write.
 * @returns A promise that settles once the stream can take more.
 */
export async function writeText(stream: Writable, text: string): Promise<void> {
  if (text === '' || stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = (): void => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

/**
 * Reads a whole stream as UTF-8 text.
 *
 * @param stream - The stream, typically stdin.
 * @returns Its content, without a leading byte-order mark.
 */
export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer));
  }
  return stripBom(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Reads a text file as UTF-8.
 *
 * @param path - The file.
 * @returns Its content, without a leading byte-order mark.
 * @throws {@link CliUsageError} when the file cannot be read, naming the file and the reason.
 */
export async function readTextFile(path: string): Promise<string> {
  try {
    return stripBom(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`cannot read ${path}: ${describeFsError(error)}`);
  }
}

/** Where the text of a `--pattern`/`--event` argument came from. */
export interface InputText {
  /** The text, verbatim. */
  readonly text: string;
  /** `inline JSON`, `stdin`, or the file path: used in messages. */
  readonly origin: string;
}

/**
 * Resolves an argument that is either inline JSON, `-` for stdin, or a file path. It is inline JSON
 * when its first non-blank character is `{`, `[` or `"`; otherwise it names a file.
 *
 * @param value - The argument as given.
 * @param io - Streams; stdin is read for `-`.
 * @returns The text and where it came from.
 * @throws {@link CliUsageError} when the file cannot be read.
 */
export async function readJsonArgument(value: string, io: CliIo): Promise<InputText> {
  const first = value.trimStart().charAt(0);
  if (first === '{' || first === '[' || first === '"') return { text: value, origin: 'inline JSON' };
  if (value === '-') return { text: await readAll(io.stdin), origin: 'stdin' };
  return { text: await readTextFile(value), origin: value };
}

/**
 * Turns a file-system error into a short human reason (`no such file or directory`).
 *
 * @param error - What `fs` threw.
 * @returns A one-line reason.
 */
export function describeFsError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
      case 'ENOENT':
        return 'no such file or directory';
      case 'EACCES':
      case 'EPERM':
        return 'permission denied';
      case 'EISDIR':
        return 'is a directory';
      case 'ENOTDIR':
        return 'not a directory';
      default:
        return code === undefined ? error.message : `${code}: ${error.message}`;
    }
  }
  return String(error);
}

/**
 * Formats a number with thousands separators for summaries (`1,000,000`).
 *
 * @param n - The number.
 * @returns Its text with `,` every three digits.
 */
export function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * AWS's message of a library error, plus its `reason` when it carries a more precise one (the
 * event reader's `InvalidEventError` says where the JSON went wrong).
 *
 * @param error - A library error.
 * @returns One or two lines of text.
 */
export function describeLibraryError(error: EventBridgeError): string {
  const reason = (error as { readonly reason?: unknown }).reason;
  return typeof reason === 'string' && reason !== '' && !error.message.includes(reason)
    ? `${error.message} (${reason})`
    : error.message;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
