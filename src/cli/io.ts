/**
 * Shared plumbing of the command-line tool: the streams a command talks to, exit codes, reading a
 * "file path or inline JSON" argument, and writing with backpressure. No engine logic lives here;
 * commands call the library and only turn its answers and errors into text.
 */

import { isUtf8 } from 'node:buffer';
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
 * Offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF, no truncated sequence at the end).
 *
 * @param bytes - The bytes to check.
 * @returns The byte offset of the first invalid sequence, or -1 when every byte is valid UTF-8.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > n) return i;
    const second = bytes[i + 1] as number;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * Decodes bytes as strict UTF-8: bytes that are not UTF-8 are an error, never U+FFFD.
 *
 * @param bytes - The bytes.
 * @param origin - Where they came from (a file path, `stdin`), for the message.
 * @returns The text, without a leading byte-order mark.
 * @throws {@link CliUsageError} naming `origin` and the byte offset of the first invalid sequence.
 */
export function decodeUtf8(bytes: Uint8Array, origin: string): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buffer)) {
    throw new CliUsageError(`${origin} is not valid UTF-8: invalid byte sequence at byte offset ${invalidUtf8Offset(buffer)}`);
  }
  return stripBom(buffer.toString('utf8'));
}

/**
 * Reads a whole stream as strict UTF-8 text.
 *
 * @param stream - The stream, typically stdin.
 * @param origin - Its name in messages; default `stdin`.
 * @returns Its content, without a leading byte-order mark.
 * @throws {@link CliUsageError} when the bytes are not UTF-8, with the byte offset.
 */
export async function readAll(stream: Readable, origin = 'stdin'): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer));
  }
  return decodeUtf8(Buffer.concat(chunks), origin);
}

/**
 * Reads a text file as strict UTF-8.
 *
 * @param path - The file.
 * @returns Its content, without a leading byte-order mark.
 * @throws {@link CliUsageError} when the file cannot be read or is not UTF-8, naming the file and
 *   the reason (for bad bytes, the byte offset).
 */
export async function readTextFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CliUsageError(`cannot read ${path}: ${describeFsError(error)}`);
  }
  return decodeUtf8(bytes, path);
}

/** One line of an NDJSON stream: its text, or why it could not be read. */
export type NdjsonLine = string | { readonly error: string };

/**
 * Splits a byte stream into lines (`\n`; a `\r` before it is left to the caller) and decodes each
 * as strict UTF-8. A line with bad bytes, or longer than `maxLineBytes`, becomes an `{error}` item
 * in its place, so numbering stays right and the stream goes on. Memory is one chunk plus one
 * line of at most `maxLineBytes`, whatever the stream's length.
 *
 * @param input - The byte stream.
 * @param origin - Its name in messages (a file path or `stdin`).
 * @param maxLineBytes - Longest line accepted, in bytes.
 * @returns Per input chunk, the lines that chunk completed (a last line without `\n` included).
 */
export async function* readNdjsonLines(input: Readable, origin: string, maxLineBytes: number): AsyncGenerator<NdjsonLine[]> {
  /** Pieces of the current line from earlier chunks, `lineBytes` in all. */
  let carry: Buffer[] = [];
  let lineBytes = 0;
  let lineStart = 0;
  const finish = (last: Buffer): NdjsonLine => {
    const length = lineBytes + last.length;
    let line: NdjsonLine;
    if (length > maxLineBytes) {
      line = { error: `Line is longer than ${maxLineBytes} bytes` };
    } else {
      const bytes = carry.length === 0 ? last : Buffer.concat([...carry, last], length);
      line = decodeLine(bytes, lineStart, origin);
    }
    lineStart += length + 1;
    carry = [];
    lineBytes = 0;
    return line;
  };
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : (raw as Buffer);
    const lines: NdjsonLine[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline === -1) break;
      lines.push(finish(chunk.subarray(start, newline)));
      start = newline + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      // Past the cap, only the length is kept: the line is rejected without being buffered.
      if (lineBytes + rest.length <= maxLineBytes) carry.push(rest);
      else carry = [];
      lineBytes += rest.length;
    }
    yield lines;
  }
  if (lineBytes > 0) yield [finish(Buffer.alloc(0))];
}

function decodeLine(bytes: Buffer, fileOffset: number, origin: string): NdjsonLine {
  if (isUtf8(bytes)) {
    const text = bytes.toString('utf8');
    return fileOffset === 0 ? stripBom(text) : text;
  }
  const at = invalidUtf8Offset(bytes);
  return { error: `Line is not valid UTF-8: invalid byte sequence at byte offset ${fileOffset + at} of ${origin} (byte ${at} of the line)` };
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
