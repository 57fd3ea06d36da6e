/** Standard reason phrases: we never forward the far end's own text. */
const REASONS: Record<number, string> = {
  180: 'Ringing',
  181: 'Call Is Being Forwarded',
  182: 'Queued',
  183: 'Session Progress',
  200: 'OK',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  410: 'Gone',
  480: 'Temporarily Unavailable',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  500: 'Server Internal Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  600: 'Busy Everywhere',
  603: 'Decline',
  604: 'Does Not Exist Anywhere',
};

/** The standard reason phrase for a status (a far end's own text never crosses). */
export function reasonFor(status: number): string {
  // Relayed provisionals need a phrase too: a 180 "Request Failed" reads as a failure in a phone's trace.
  return REASONS[status] ?? (status >= 600 ? 'Global Failure' : status >= 500 ? 'Server Error' : status >= 300 ? 'Request Failed' : status >= 200 ? 'OK' : 'Session Progress');
}
