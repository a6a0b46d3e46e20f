import type { IncomingHttpHeaders } from 'node:http';

/**
 * The header that names the Grafana user behind a call.
 *
 * What Grafana's plugin proxy (pkg/api/pluginproxy) sets on a request it
 * forwards to an app plugin's route, as of Grafana 10 to 12:
 * - `X-Grafana-User`: the signed-in user's login, only when grafana.ini has
 *   `[dataproxy] send_user_header = true`, and only for users and service
 *   accounts (never for anonymous viewers). Grafana deletes any value the
 *   browser sent before it sets its own.
 * - `X-Grafana-Id`: a signed ID token (a JWT) of the user, when the
 *   `idForwarding` feature is on. Its subject is `user:<uid>`, not a login,
 *   and trusting it would mean checking its signature against Grafana's
 *   keys, so the collector does not read it.
 * - `X-Grafana-Context`: older, undocumented JSON of the user; not read.
 *
 * A caller that reaches the collector without Grafana can send any
 * X-Grafana-User it likes: the value only names the actor in the audit and
 * never grants anything; the bearer token does.
 */
export const GRAFANA_USER_HEADER = 'x-grafana-user';

/** Longest user name kept; Grafana logins are far shorter. */
const MAX_USER_LENGTH = 200;

// Control characters would let a caller forge lines in logs and audit exports.
const PRINTABLE = /^[^\u0000-\u001f\u007f]+$/;

/** The Grafana user named in the headers, or null when absent or unusable. */
export function grafanaUserOf(headers: IncomingHttpHeaders): string | null {
  const raw = headers[GRAFANA_USER_HEADER];
  if (typeof raw !== 'string') return null;

  const user = raw.trim();
  if (user === '' || user.length > MAX_USER_LENGTH || !PRINTABLE.test(user)) return null;
  return user;
}
