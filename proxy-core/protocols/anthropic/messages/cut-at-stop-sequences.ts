/**
 * Enforces Anthropic `stop_sequences` on the answer text
 * (https://docs.anthropic.com/en/api/messages#body-stop-sequences): the text ends right before the
 * first sequence found, the stream finishes there with the sequence named, and the upstream is
 * closed (leaving the loop returns the source iterator, which aborts the upstream call).
 *
 * The sequences are also forwarded upstream (at most five), which stops the model sooner but
 * does not say which sequence matched: Gemini drops the sequence and reports a plain STOP. So the
 * stop reason is `stop_sequence` exactly when the gateway itself found one in the text (a
 * sequence beyond the upstream's five, or one the upstream let through); when the upstream
 * stopped on a forwarded one, the answer ends as `end_turn`.
 *
 * The last `longest - 1` characters are held back until the next delta shows whether they start
 * a sequence; they are released before any other event. Thinking is not searched. Google Search's
 * sources are answer text in this protocol: with sequences to find, a `grounding` event is
 * searched and passed on as the text the client would see (`sourcesAsText`); without, it passes
 * unchanged and the stream converter writes the same text.
 */
import type { GenerationEvent, TokenUsage } from '../../../canonical/generation-event.js';
import { emptyUsage } from '../../../canonical/generation-event.js';
import { formatGroundingSources } from '../../shared/format-grounding-sources.js';

type FinishEvent = Extract<GenerationEvent, { type: 'finish' }>;

/** The canonical events, whose finish may name the stop sequence the text was cut at. */
export type StopAwareGenerationEvent = Exclude<GenerationEvent, FinishEvent> | (FinishEvent & { stopSequence?: string });

export async function* cutAtStopSequences(
  events: AsyncIterable<GenerationEvent>,
  stopSequences: readonly string[],
  options: { sourcesAsText: boolean },
): AsyncGenerator<StopAwareGenerationEvent> {
  const sequences = stopSequences.filter((sequence) => sequence !== '');
  if (sequences.length === 0) {
    yield* events;
    return;
  }
  const holdBack = Math.max(...sequences.map((sequence) => sequence.length)) - 1;
  let held = '';
  let usage: TokenUsage = emptyUsage;
  for await (const event of events) {
    if (event.type === 'usage') usage = event.usage;
    const delta = event.type === 'text-delta' ? event.text : event.type === 'grounding' && options.sourcesAsText ? formatGroundingSources(event.sources) : undefined;
    if (delta === undefined) {
      if (held !== '') yield { type: 'text-delta', text: held };
      held = '';
      yield event;
      continue;
    }
    const text = held + delta;
    const match = findFirstSequence(text, sequences);
    if (match !== undefined) {
      if (match.index > 0) yield { type: 'text-delta', text: text.slice(0, match.index) };
      yield { type: 'finish', reason: 'stop', usage, stopSequence: match.sequence };
      return;
    }
    let release = Math.max(0, text.length - holdBack);
    // Never split a surrogate pair between two deltas.
    if (release > 0 && release < text.length && /[\uD800-\uDBFF]/.test(text.charAt(release - 1))) release -= 1;
    if (release > 0) yield { type: 'text-delta', text: text.slice(0, release) };
    held = text.slice(release);
  }
  if (held !== '') yield { type: 'text-delta', text: held };
}

/** Earliest occurrence; at the same position the longer sequence wins. */
function findFirstSequence(text: string, sequences: readonly string[]): { index: number; sequence: string } | undefined {
  let best: { index: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    const index = text.indexOf(sequence);
    if (index === -1) continue;
    if (best === undefined || index < best.index || (index === best.index && sequence.length > best.sequence.length)) best = { index, sequence };
  }
  return best;
}
