/**
 * JSON text for the AWS JSON 1.1 wire. Timestamps (`Date`) become epoch seconds, as the protocol
 * requires; `undefined` members are left out. The native serializer handles the common case; values
 * nested deeper than V8's stack allows (a stored target `Input` 10,000 levels deep, say) fall back
 * to an iterative writer, so serialising never depends on the call-stack depth.
 */

/**
 * Serialises a response value for the wire.
 *
 * @param value - Any JSON-like value; `Date` anywhere inside is written as epoch seconds (a number,
 *   fractional when the date has milliseconds).
 * @returns The JSON text.
 * @throws TypeError for values JSON cannot hold (a `bigint`), as `JSON.stringify` does.
 */
export function toWireJson(value: unknown): string {
  try {
    return JSON.stringify(value, dateReplacer) ?? 'null';
  } catch (error) {
    if (error instanceof RangeError) return writeIteratively(value);
    throw error;
  }
}

/** `JSON.stringify` replacer; `this[key]` is the raw member, before `Date#toJSON` ran. */
function dateReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return raw instanceof Date ? raw.getTime() / 1000 : value;
}

/** One open container on the writer's explicit stack. */
interface Frame {
  readonly items: readonly unknown[];
  /** Object keys aligned with `items`, or `undefined` for an array. */
  readonly keys: readonly string[] | undefined;
  next: number;
}

/**
 * Iterative twin of `JSON.stringify` with the date rule: an explicit stack of open containers
 * instead of recursion. Only reached for very deep values, so clarity beats speed here.
 */
function writeIteratively(root: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  // Writes a scalar, or opens a container and pushes its frame.
  const emit = (value: unknown): void => {
    const v = value instanceof Date ? value.getTime() / 1000 : toJsonOf(value);
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v) ?? 'null');
    } else if (Array.isArray(v)) {
      out.push('[');
      stack.push({ items: v, keys: undefined, next: 0 });
    } else {
      const keys: string[] = [];
      const items: unknown[] = [];
      for (const key of Object.keys(v)) {
        const member = (v as Record<string, unknown>)[key];
        if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
        keys.push(key);
        items.push(member);
      }
      out.push('{');
      stack.push({ items, keys, next: 0 });
    }
  };
  emit(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next >= frame.items.length) {
      out.push(frame.keys === undefined ? ']' : '}');
      stack.pop();
      continue;
    }
    const index = frame.next++;
    if (index > 0) out.push(',');
    if (frame.keys !== undefined) out.push(JSON.stringify(frame.keys[index]), ':');
    const item = frame.items[index];
    // Inside arrays, JSON writes unrepresentable members as null.
    emit(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item);
  }
  return out.join('');
}

/** Applies a value's own `toJSON` (other than Date's, handled by the caller), as JSON does. */
function toJsonOf(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}
