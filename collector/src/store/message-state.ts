import type { Stage } from '../ingest/event-schema.js';
import type { MessageState } from './store.js';

const STAGE_STATE: Record<Stage, MessageState> = {
  received: 'in_flight',
  transformed: 'in_flight',
  sent: 'in_flight',
  retried: 'in_flight',
  replayed: 'in_flight',
  delivered: 'delivered',
  failed: 'failed',
};

/** The part of a stored message the state machine looks at. */
export interface MessageProgress {
  state: MessageState;
  lastEventAt: number;
}

/**
 * The state a message moves to when an event arrives. Events can arrive out
 * of order: an older event only adds to the history, except a delivery, which
 * always ends the message's time in flight.
 */
export function nextState(
  previous: MessageProgress | undefined,
  stage: Stage,
  eventTime: number,
): MessageState {
  const proposed = STAGE_STATE[stage];
  if (previous === undefined) return proposed;
  if (stage === 'delivered') return 'delivered';
  if (eventTime < previous.lastEventAt) return previous.state;
  return proposed;
}
