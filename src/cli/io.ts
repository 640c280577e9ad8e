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
export async function writeText(stream: Writable, text: string | Uint8Array): Promise<void> {
  if (text.length === 0 || stream.write(text)) return;
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
 * Whole lines of an NDJSON stream, not yet decoded: what one input chunk completed. The reader
 * ({@link readNdjsonBytes}) only finds line ends; splitting and decoding ({@link ndjsonLinesOf})
 * can then run on another thread.
 */
export interface NdjsonBytes {
  /** Lines, each ended by `\n`, except the stream's last line, which may be unended. */
  readonly bytes: Uint8Array;
  /** The stream offset of `bytes[0]` (for the byte offsets of UTF-8 errors). */
  readonly offset: number;
  /** Whether a line longer than the cap comes first; its bytes were not kept. */
  readonly longFirst: boolean;
  /**
   * Whether `bytes` was assembled for this run alone (the start of a line carried from earlier
   * chunks, joined), so nothing else refers to its memory; otherwise it is a view of an input chunk
   * that the reader still uses.
   */
  readonly fresh: boolean;
}

/**
 * Reads a byte stream as runs of whole lines (`\n`), without decoding them. Per input chunk that
 * ends a line it yields the lines the chunk completed: the chunk's bytes up to its last `\n`, and
 * when a line started in earlier chunks, that line first as a run of its own (its pieces joined: the
 * only bytes copied). A line longer than `maxLineBytes` is not
 * buffered past the cap: it is flagged (`longFirst`) in place of its bytes. Memory is one chunk plus
 * one line of at most `maxLineBytes`, whatever the stream's length.
 *
 * @param input - The byte stream.
 * @param maxLineBytes - Longest line accepted, in bytes.
 * @returns The runs of lines, in order (a last line without `\n` as a run of its own).
 */
export async function* readNdjsonBytes(input: Readable, maxLineBytes: number): AsyncGenerator<NdjsonBytes> {
  /** Pieces of the current line from earlier chunks, `lineBytes` in all (pieces past the cap dropped). */
  let carry: Buffer[] = [];
  let lineBytes = 0;
  /** Stream offset of the current line's first byte. */
  let lineStart = 0;
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : (raw as Buffer);
    const last = chunk.lastIndexOf(0x0a);
    if (last === -1) {
      // Past the cap, only the length is kept: the line is rejected without being buffered.
      if (lineBytes + chunk.length <= maxLineBytes) carry.push(chunk);
      else carry = [];
      lineBytes += chunk.length;
      continue;
    }
    const whole = chunk.subarray(0, last + 1);
    if (lineBytes === 0) {
      yield { bytes: whole, offset: lineStart, longFirst: false, fresh: false };
    } else {
      const first = chunk.indexOf(0x0a);
      if (lineBytes + first > maxLineBytes) {
        yield { bytes: chunk.subarray(first + 1, last + 1), offset: lineStart + lineBytes + first + 1, longFirst: true, fresh: false };
      } else {
        // Only the line that straddles the chunks is joined (one line copied); the rest of the
        // chunk follows as a view.
        yield { bytes: Buffer.concat([...carry, chunk.subarray(0, first + 1)], lineBytes + first + 1), offset: lineStart, longFirst: false, fresh: true };
        if (first < last) yield { bytes: chunk.subarray(first + 1, last + 1), offset: lineStart + lineBytes + first + 1, longFirst: false, fresh: false };
      }
    }
    lineStart += lineBytes + last + 1;
    carry = [];
    lineBytes = chunk.length - last - 1;
    if (lineBytes > 0 && lineBytes <= maxLineBytes) carry.push(chunk.subarray(last + 1));
  }
  if (lineBytes > maxLineBytes) yield { bytes: new Uint8Array(0), offset: lineStart + lineBytes, longFirst: true, fresh: true };
  else if (lineBytes > 0) yield { bytes: Buffer.concat(carry, lineBytes), offset: lineStart, longFirst: false, fresh: true };
}

/**
 * Splits a run of lines from {@link readNdjsonBytes} and decodes each as strict UTF-8. A line with
 * bad bytes, or longer than `maxLineBytes`, becomes an `{error}` item in its place, so numbering
 * stays right. A line's last `\r` (CRLF files) is dropped before decoding: the matcher reads a
 * string decoded whole faster than one sliced from it (design note 012, tenth pass).
 *
 * @param run - The lines' bytes.
 * @param origin - The stream's name in messages (a file path or `stdin`).
 * @param maxLineBytes - Longest line accepted, in bytes.
 * @returns The lines, in order.
 */
export function ndjsonLinesOf(run: NdjsonBytes, origin: string, maxLineBytes: number): NdjsonLine[] {
  const lines: NdjsonLine[] = [];
  if (run.longFirst) lines.push(tooLong(maxLineBytes));
  const bytes = Buffer.isBuffer(run.bytes) ? run.bytes : Buffer.from(run.bytes.buffer, run.bytes.byteOffset, run.bytes.byteLength);
  const n = bytes.length;
  // A `\n` byte is never inside a UTF-8 sequence, so when the run is valid so is every line of it:
  // one check for the run, line by line only when it fails.
  const valid = isUtf8(bytes);
  for (let start = 0; start < n; ) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? n : newline;
    const textEnd = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    lines.push(end - start > maxLineBytes ? tooLong(maxLineBytes) : decodeLine(bytes.subarray(start, textEnd), run.offset + start, origin, valid));
    start = end + 1;
  }
  return lines;
}

/**
 * The number of lines in a run from {@link readNdjsonBytes} (what {@link ndjsonLinesOf} returns
 * as many items), counted without decoding.
 *
 * @param run - The lines' bytes.
 * @returns The number of lines.
 */
export function ndjsonLineCount(run: NdjsonBytes): number {
  const bytes = run.bytes;
  const n = bytes.length;
  let count = run.longFirst ? 1 : 0;
  let start = 0;
  for (let newline = bytes.indexOf(0x0a); newline !== -1; newline = bytes.indexOf(0x0a, start)) {
    count++;
    start = newline + 1;
  }
  return start < n ? count + 1 : count;
}

function tooLong(maxLineBytes: number): NdjsonLine {
  return { error: `Line is longer than ${maxLineBytes} bytes` };
}

/**
 * Splits a byte stream into lines (`\n`; a line's last `\r` dropped) and decodes each
 * as strict UTF-8: {@link readNdjsonBytes} then {@link ndjsonLinesOf}. A line with bad bytes, or
 * longer than `maxLineBytes`, becomes an `{error}` item in its place, so numbering stays right and
 * the stream goes on. Memory is one chunk plus one line of at most `maxLineBytes`.
 *
 * @param input - The byte stream.
 * @param origin - Its name in messages (a file path or `stdin`).
 * @param maxLineBytes - Longest line accepted, in bytes.
 * @returns Per input chunk that ends a line, the lines it completed, in one or two runs (a last
 *   line without `\n` included).
 */
export async function* readNdjsonLines(input: Readable, origin: string, maxLineBytes: number): AsyncGenerator<NdjsonLine[]> {
  for await (const run of readNdjsonBytes(input, maxLineBytes)) yield ndjsonLinesOf(run, origin, maxLineBytes);
}

function decodeLine(bytes: Buffer, fileOffset: number, origin: string, valid: boolean): NdjsonLine {
  if (valid || isUtf8(bytes)) {
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
