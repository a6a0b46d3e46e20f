/** Who acts: the person Grafana names (or the token), and the token that grants it. */
export interface Actor {
  actor: string;
  tokenName: string | null;
}

/** The collector itself, acting on policy (automatic retry, ordered release, drain). */
export const POLICY_ACTOR: Actor = { actor: 'syncgov-policy', tokenName: null };
