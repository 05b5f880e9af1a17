import { Injectable, Logger } from '@nestjs/common';
import { DriftTransition } from './drift.events';

export type DriftTransitionListener = (transition: DriftTransition) => void | Promise<void>;

/**
 * A tiny typed in-process bus for drift event transitions (opened, worsened, resolved). The engine
 * publishes after its transaction commits; the escalation/alert module subscribes in its onModuleInit.
 * A failing listener is logged and never breaks the evaluation or the other listeners.
 */
@Injectable()
export class DriftEventBus {
  private readonly logger = new Logger('DriftEventBus');
  private readonly listeners = new Set<DriftTransitionListener>();

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: DriftTransitionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async publish(transitions: readonly DriftTransition[]): Promise<void> {
    for (const transition of transitions) {
      for (const listener of [...this.listeners]) {
        try {
          await listener(transition);
        } catch (error) {
          this.logger.error(
            `Listener failed on ${transition.name} ${transition.eventId}: ${(error as Error).message}`,
          );
        }
      }
    }
  }
}
