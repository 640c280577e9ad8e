/**
 * The sandbox page's script: evaluates the pattern, event and target as the user types, with the
 * library bundled into this file (src/sandbox/evaluate.ts), and talks to the server it came from for
 * the loaded rules (AWS protocol: ListEventBuses, ListRules, DescribeRule, ListTargetsByRule) and
 * the recently matched events (`GET /_matches`). Nothing is fetched from anywhere else.
 */

import { evaluatePattern, evaluateTarget, matchesParsed, parsePattern } from '../evaluate.js';
import { byId, element } from './dom.js';
import type { FormField, PageElement } from './dom.js';
import { EXAMPLES } from './examples.js';

const patternBox = byId<FormField>('pattern');
const eventBox = byId<FormField>('event');
const targetBox = byId<FormField>('target');
const patternMarks = byId('pattern-marks');
const result = byId('result');
const errorBox = byId('error');
const output = byId('output');
const outputNote = byId('output-note');
const examples = byId<FormField>('examples');
const busSelect = byId<FormField>('bus');
const ruleSelect = byId<FormField>('rule');
const rulesStatus = byId('rules-status');
const recentSummary = byId('recent-summary');
const recentList = byId('recent');

/** The rule loaded with "Use this rule": its name and ARN fill the predefined template variables. */
let loadedRule: { readonly name: string; readonly arn: string } | undefined;

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Shows the pattern's text behind the editor with the character at `line`/`column` marked. */
function markPattern(line: number | undefined, column: number | undefined): void {
  const text = patternBox.value;
  if (line === undefined || column === undefined) {
    patternMarks.replaceChildren(text);
    return;
  }
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) break;
    offset = next + 1;
  }
  // AWS's column is 1-based and points at or just past the offending token; mark a visible character.
  let at = Math.min(offset + Math.max(column - 1, 0), text.length);
  if (at >= text.length || text[at] === '\n') at = Math.max(at - 1, 0);
  const mark = element('mark', text.slice(at, at + 1) || ' ');
  patternMarks.replaceChildren(text.slice(0, at), mark, text.slice(at + 1));
  patternMarks.scrollTop = patternBox.scrollTop;
}

function setInvalid(field: FormField, invalid: boolean): void {
  if (invalid) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
}

/** Re-evaluates everything; runs on every keystroke. */
function update(): void {
  const outcome = evaluatePattern(patternBox.value, eventBox.value);
  setInvalid(patternBox, outcome.kind === 'invalid-pattern');
  setInvalid(eventBox, outcome.kind === 'invalid-event');
  result.classList.toggle('match', outcome.kind === 'verdict' && outcome.matches);
  result.classList.toggle('no-match', outcome.kind === 'verdict' && !outcome.matches);
  if (outcome.kind === 'verdict') {
    result.textContent = outcome.text;
    errorBox.textContent = '';
    errorBox.hidden = true;
    markPattern(undefined, undefined);
  } else if (outcome.kind === 'invalid-pattern') {
    result.textContent = '';
    const where = outcome.location === undefined ? '' : ` (line ${outcome.location.line}, column ${outcome.location.column})`;
    errorBox.textContent = `Invalid pattern${where}:\n${outcome.message}`;
    errorBox.hidden = false;
    markPattern(outcome.location?.line, outcome.location?.column);
  } else {
    result.textContent = '';
    errorBox.textContent = `Invalid event:\n${outcome.message}`;
    errorBox.hidden = false;
    markPattern(undefined, undefined);
  }
  updateTarget();
}

function updateTarget(): void {
  if (targetBox.value.trim() === '') {
    output.textContent = '';
    output.classList.toggle('problem', false);
    setInvalid(targetBox, false);
    outputNote.textContent = 'No target given: a target without Input, InputPath or InputTransformer receives the whole event.';
    return;
  }
  const outcome = evaluateTarget(targetBox.value, eventBox.value, loadedRule === undefined ? {} : { ruleName: loadedRule.name, ruleArn: loadedRule.arn });
  output.textContent = outcome.kind === 'input' ? outcome.text : outcome.message;
  output.classList.toggle('problem', outcome.kind !== 'input');
  setInvalid(targetBox, outcome.kind === 'invalid' && outcome.message.startsWith('invalid target'));
  outputNote.textContent =
    loadedRule === undefined
      ? 'Rule name and ARN variables are empty until a loaded rule is used.'
      : `<aws.events.rule-name> is ${loadedRule.name}.`;
}

function loadExample(): void {
  const example = EXAMPLES[Number(examples.value)];
  if (example === undefined) return;
  loadedRule = undefined;
  patternBox.value = pretty(example.pattern);
  eventBox.value = pretty(example.event);
  targetBox.value = example.target === undefined ? '' : pretty(example.target);
  showRulesStatus(`Example "${example.name}" loaded.`);
  update();
}

// ---- The server's rules and recent events ----

class ServerError extends Error {}

/** Calls an operation of the server's AWS JSON 1.1 protocol. */
async function callAws(operation: string, input: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const response = await fetch('/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSEvents.${operation}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new ServerError(`${operation}: ${String(body['__type'] ?? response.status)}: ${String(body['message'] ?? '')}`);
  return body;
}

/** Every page of a List operation's member. */
async function listAll(operation: string, input: Readonly<Record<string, unknown>>, member: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let next: unknown;
  do {
    const page = await callAws(operation, next === undefined ? input : { ...input, NextToken: next });
    const list = page[member];
    if (Array.isArray(list)) items.push(...(list as Record<string, unknown>[]));
    next = page['NextToken'];
  } while (typeof next === 'string' && next !== '');
  return items;
}

function option(value: string, label: string): PageElement {
  return element('option', label, { value });
}

function showRulesStatus(text: string): void {
  rulesStatus.textContent = text;
}

async function loadBuses(): Promise<void> {
  try {
    const buses = await listAll('ListEventBuses', {}, 'EventBuses');
    busSelect.replaceChildren(...buses.map((bus) => option(String(bus['Name']), String(bus['Name']))));
    busSelect.value = 'default';
    await loadRules();
  } catch (error) {
    showRulesStatus(`Could not read the server's buses: ${(error as Error).message}`);
  }
}

async function loadRules(): Promise<void> {
  try {
    const rules = await listAll('ListRules', { EventBusName: busSelect.value }, 'Rules');
    const withPattern = rules.filter((rule) => typeof rule['EventPattern'] === 'string');
    ruleSelect.replaceChildren(...withPattern.map((rule) => option(String(rule['Name']), `${String(rule['Name'])}${rule['State'] === 'DISABLED' ? ' (disabled)' : ''}`)));
    ruleSelect.disabled = withPattern.length === 0;
    showRulesStatus(
      withPattern.length === 0
        ? `No rules with an event pattern on bus ${busSelect.value}.`
        : `${withPattern.length} rule${withPattern.length === 1 ? '' : 's'} on bus ${busSelect.value}.`,
    );
  } catch (error) {
    showRulesStatus(`Could not read the rules: ${(error as Error).message}`);
  }
}

async function useRule(): Promise<void> {
  if (ruleSelect.value === '') return;
  try {
    const rule = await callAws('DescribeRule', { Name: ruleSelect.value, EventBusName: busSelect.value });
    const pattern = String(rule['EventPattern'] ?? '');
    loadedRule = { name: String(rule['Name']), arn: String(rule['Arn'] ?? '') };
    try {
      patternBox.value = pretty(JSON.parse(pattern));
    } catch {
      patternBox.value = pattern;
    }
    const targets = await listAll('ListTargetsByRule', { Rule: loadedRule.name, EventBusName: busSelect.value }, 'Targets');
    const shaped = targets.find((t) => t['Input'] !== undefined || t['InputPath'] !== undefined || t['InputTransformer'] !== undefined);
    if (shaped !== undefined) {
      const { Id, Input, InputPath, InputTransformer } = shaped;
      targetBox.value = pretty({ Id, Input, InputPath, InputTransformer });
    }
    showRulesStatus(`Rule ${loadedRule.name} of bus ${busSelect.value} is in the pattern editor.`);
    update();
  } catch (error) {
    showRulesStatus(`Could not read the rule: ${(error as Error).message}`);
  }
}

/** How many recent events "Test against recent events" reads from `/_matches`. */
const RECENT = 100;

interface RecentEvent {
  readonly bus: string;
  readonly event: unknown;
}

async function recentEvents(): Promise<RecentEvent[]> {
  // `since` past the end answers the log's real last Seq; then read the newest RECENT records.
  const head = (await (await fetch('/_matches?since=999999999999999&limit=0')).json()) as { LastSeq?: number };
  const last = typeof head.LastSeq === 'number' ? head.LastSeq : 0;
  const page = (await (await fetch(`/_matches?since=${Math.max(last - RECENT, 0)}`)).json()) as { Matches?: Record<string, unknown>[] };
  const seen = new Set<string>();
  const events: RecentEvent[] = [];
  for (const record of (page.Matches ?? []).reverse()) {
    const key = `${String(record['EventBusName'])}/${String(record['EventId'])}`;
    if (seen.has(key)) continue;
    seen.add(key);
    events.push({ bus: String(record['EventBusName']), event: record['Event'] });
  }
  return events;
}

async function testRecent(): Promise<void> {
  let pattern;
  try {
    pattern = parsePattern(patternBox.value);
  } catch {
    recentSummary.textContent = 'The pattern is invalid: fix it first (see the error above).';
    recentList.replaceChildren();
    return;
  }
  let events: RecentEvent[];
  try {
    events = await recentEvents();
  } catch (error) {
    recentSummary.textContent = `Could not read the recent events: ${(error as Error).message}`;
    return;
  }
  let matched = 0;
  const items = events.map(({ bus, event }) => {
    const text = JSON.stringify(event);
    const verdict = matchesParsed(pattern, text);
    if (verdict === true) matched++;
    const fields = (event ?? {}) as Record<string, unknown>;
    const item = element('li', undefined, { class: verdict === true ? 'match' : 'no-match' });
    item.append(
      element('span', verdict === true ? 'matches' : 'no match', { class: 'verdict' }),
      ` ${String(fields['source'])} / ${String(fields['detail-type'])} (id ${String(fields['id'])}, bus ${bus}) `,
    );
    const open = element('button', 'Open', { type: 'button', 'aria-label': `Open event ${String(fields['id'])} in the event editor` });
    open.addEventListener('click', () => {
      eventBox.value = pretty(event);
      update();
      eventBox.focus();
    });
    item.append(open);
    return item;
  });
  recentList.replaceChildren(...items);
  recentSummary.textContent =
    events.length === 0
      ? 'The server has not seen any matched events yet (only events that matched a rule are kept).'
      : `${matched} of ${events.length} recent event${events.length === 1 ? '' : 's'} match.`;
}

// ---- Wiring ----

examples.replaceChildren(...EXAMPLES.map((example, index) => option(String(index), example.name)));
byId('load-example').addEventListener('click', loadExample);
for (const box of [patternBox, eventBox, targetBox]) box.addEventListener('input', update);
patternBox.addEventListener('scroll', () => {
  patternMarks.scrollTop = patternBox.scrollTop;
  patternMarks.scrollLeft = patternBox.scrollLeft;
});
busSelect.addEventListener('change', () => void loadRules());
byId('use-rule').addEventListener('click', () => void useRule());
byId('test-recent').addEventListener('click', () => void testRecent());
byId('reload-rules').addEventListener('click', () => void loadBuses());

loadExample();
void loadBuses();
