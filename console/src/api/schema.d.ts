/**
 * Generated from Masq's own OpenAPI document by scripts/console-api-types.ts: do not edit.
 * Regenerate with `npm run console:api`.
 */

export interface paths {
    "/v1/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a call from `from` to virtual number `to` would do */
        get: operations["resolveCall"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sessions (newest first, cursor pages) */
        get: operations["listSessions"];
        put?: never;
        /** Create a masking session */
        post: operations["createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a session (open, or closed/expired while its tombstone lives) */
        get: operations["getSession"];
        put?: never;
        post?: never;
        /** Close a session (numbers freed at once) */
        delete: operations["closeSession"];
        options?: never;
        head?: never;
        /** Change TTL or options */
        patch: operations["updateSession"];
        trace?: never;
    };
    "/v1/sessions/{sessionId}/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A session's calls, newest first */
        get: operations["listSessionCalls"];
        put?: never;
        /** Request a call: ring one participant, then the other, and connect them */
        post: operations["requestCall"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent calls across sessions, newest first (cursor pages) */
        get: operations["listCalls"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calls/{callId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One call record */
        get: operations["getCall"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event log live, as server-sent events (resumable with Last-Event-ID) */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Event log (one session, or all), newest first */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery backlog: pending, waiting sessions, oldest pending age, dead letters */
        get: operations["getWebhookStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/dead": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events given up after the maximum retry age */
        get: operations["listDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/dead/{eventId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a dead letter for delivery again */
        post: operations["retryDeadLetter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routing/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The routing callback's recent decisions, newest first (about the last 1,000; numbers masked) */
        get: operations["listRoutingDecisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List pools */
        get: operations["listPools"];
        put?: never;
        /** Create a pool */
        post: operations["createPool"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pools/{poolId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a pool with its counts */
        get: operations["getPool"];
        put?: never;
        post?: never;
        /** Delete a pool and its numbers */
        delete: operations["deletePool"];
        options?: never;
        head?: never;
        /** Change a pool's description or announcements */
        patch: operations["updatePool"];
        trace?: never;
    };
    "/v1/pools/{poolId}/numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List numbers */
        get: operations["listNumbers"];
        put?: never;
        /** Add numbers (up to 10,000 per call) */
        post: operations["addNumbers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pools/{poolId}/numbers/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a number */
        get: operations["getNumber"];
        put?: never;
        post?: never;
        /** Remove a number (?drain=true to retire a bound one) */
        delete: operations["removeNumber"];
        options?: never;
        head?: never;
        /** Set health / cool-off */
        patch: operations["updateNumber"];
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Process alive */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dependencies reachable */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/prompts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List prompts (built-in ones included) */
        get: operations["listPrompts"];
        put?: never;
        /** Upload a prompt (WAV: PCM 16-bit, mono, 8 or 16 kHz, ≤ 5 MB, ≤ 120 s) */
        post: operations["uploadPrompt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/prompts/{promptId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A prompt's audio */
        get: operations["getPromptAudio"];
        /** Create or replace a prompt under a chosen id (built-in ones too) */
        put: operations["putPrompt"];
        post?: never;
        /** Delete a prompt (409 while a pool or an open session names it) */
        delete: operations["deletePrompt"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recordings/{callId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A call's recording (WAV; HTTP Range supported) */
        get: operations["getRecording"];
        put?: never;
        post?: never;
        /** Delete a recording (the file and its reference on the call record) */
        delete: operations["deleteRecording"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Route: {
            sessionId: string;
            /** @enum {string} */
            status: "open";
            /** @description Real number the call goes to */
            target: string;
            /** @description Virtual number the target sees */
            callerId: string;
            /** @enum {string} */
            direction: "first-to-second" | "second-to-first";
        };
        Error: {
            error: {
                code: string;
                message: string;
                details?: {
                    field: string;
                    message: string;
                }[];
            };
        };
        CreatedSession: {
            id: string;
            /** @enum {string} */
            status: "open" | "closed" | "expired";
            poolId: string;
            /** @enum {string} */
            mode: "shared" | "dedicated" | "per-participant";
            firstParty: {
                /** @example +14155550123 */
                number: string;
                /**
                 * @description Virtual number this party dials and sees
                 * @example +12025550100
                 */
                proxyNumber: string;
            };
            secondParty: {
                /** @example +14155550123 */
                number: string;
                /**
                 * @description Virtual number this party dials and sees
                 * @example +12025550100
                 */
                proxyNumber: string;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            updatedAt: string | null;
            /**
             * Format: date-time
             * @description When it was closed or expired
             */
            endedAt: string | null;
            ttlSeconds: number;
            record: boolean;
            ringTimeoutSeconds?: number;
            callTimeLimitSeconds?: number;
            /** @description Prompt ids by situation */
            announcements?: {
                firstParty?: string;
                secondParty?: string;
                notInSession?: string;
                sessionClosed?: string;
                partyUnavailable?: string;
                connecting?: string;
                recordingNotice?: string;
            };
            /** @enum {string} */
            recordingChannels?: "mono" | "dual";
            /** @enum {string} */
            recordingPolicy?: "required" | "best-effort";
            callbackUrl?: string;
            /** @description Event types webhooks deliver; absent = all */
            callbackEvents?: ("session.created" | "session.updated" | "session.closed" | "session.expired" | "call.initiated" | "call.ringing" | "call.answered" | "call.completed" | "call.failed" | "recording.ready" | "recording.failed")[];
            metadata?: {
                [key: string]: unknown;
            };
            clientReference?: string;
            initiateCallToFirstParty: boolean;
            stats: {
                callCount: number;
                totalDurationSeconds: number;
                /** Format: date-time */
                lastCallAt: string | null;
                /** Format: date-time */
                lastInteractionAt: string | null;
            };
            /** @description With initiateCallToFirstParty: the request-a-call started, ringing the first party */
            initiatedCall?: {
                id: string;
                sessionId: string | null;
                /**
                 * @description Which party called; out-of-session when the routing callback chose the target; request-a-call when the application asked Masq to ring both; null when the call was turned away
                 * @enum {string|null}
                 */
                direction: "first-to-second" | "second-to-first" | "out-of-session" | "request-a-call" | null;
                /**
                 * @description The virtual number dialled; for request-a-call, the one the first leg sees as caller ID
                 * @example +12025550100
                 */
                virtualNumber: string;
                /**
                 * @description initiated: a request-a-call whose first leg is not ringing yet
                 * @enum {string}
                 */
                state: "initiated" | "ringing" | "answered" | "completed" | "failed";
                /**
                 * @description How the call turned out, from state, endReason and sipStatus: in-progress (not ended), completed (answered), canceled (the caller hung up first), rejected (turned away by Masq before anybody was rung), busy (486/600), no-answer (ring timeout, 408/480), failed (anything else unanswered). GET /v1/calls filters on it.
                 * @enum {string}
                 */
                outcome: "in-progress" | "completed" | "canceled" | "rejected" | "busy" | "no-answer" | "failed";
                /** Format: date-time */
                startedAt: string;
                /** Format: date-time */
                ringingAt: string | null;
                /** Format: date-time */
                answeredAt: string | null;
                /** Format: date-time */
                endedAt: string | null;
                durationSeconds: number;
                totalMs: number | null;
                sipStatus: number | null;
                /** @enum {string|null} */
                hungUpBy: "caller" | "callee" | "masq" | null;
                /** @description caller-hangup, callee-hangup, caller-cancel, callee-rejected, ring-timeout, time-limit, shutdown, outbound-error, a routing error code (not_in_session, …), or ended-by-sweep (the instance handling it died; duration unknown) */
                endReason: string | null;
                /** @description Transfers (SIP REFER) a party attempted during the call; Masq refuses every one */
                refusedTransfers: number;
                /** @description Set once the media layer has stored the recording, or failed to */
                recording: {
                    /** @description The media layer's recording id */
                    id: string | null;
                    /** @enum {string} */
                    status: "ready" | "failed";
                    url: string | null;
                    durationSeconds: number | null;
                    /** @description Why it failed */
                    reason: string | null;
                } | null;
                /**
                 * @description request-a-call: the participant rung first (the record calls that leg the caller, the other the callee); null for other calls
                 * @enum {string|null}
                 */
                firstLeg: "firstParty" | "secondParty" | null;
                /**
                 * @description request-a-call: the leg a failure came from; null otherwise
                 * @enum {string|null}
                 */
                failedLeg: "first" | "second" | null;
            };
        };
        CreateSession: {
            /** @example us-east */
            poolId: string;
            /**
             * @description Phone number, E.164
             * @example +14155550123
             */
            firstParty: string;
            /**
             * @description Phone number, E.164
             * @example +12125550199
             */
            secondParty: string;
            /**
             * @default shared
             * @enum {string}
             */
            mode: "shared" | "dedicated" | "per-participant";
            /** @description Lifetime in seconds, counted from creation */
            ttlSeconds?: number;
            /** @default false */
            record: boolean;
            /**
             * @description mono: both parties mixed; dual: caller left, callee right (default mono)
             * @enum {string}
             */
            recordingChannels?: "mono" | "dual";
            /**
             * @description required: with no media server the call is refused (503, media_unavailable); best-effort: it connects unrecorded (default)
             * @enum {string}
             */
            recordingPolicy?: "required" | "best-effort";
            ringTimeoutSeconds?: number;
            callTimeLimitSeconds?: number;
            announcements?: components["schemas"]["SessionAnnouncements"];
            /** Format: uri */
            callbackUrl?: string;
            /**
             * @description Event types webhooks deliver for this session (absent or null: all; []: none). Every event is still kept in GET /v1/events. Applies to events that happen after it is set.
             * @example [
             *       "call.completed",
             *       "recording.ready"
             *     ]
             */
            callbackEvents?: ("session.created" | "session.updated" | "session.closed" | "session.expired" | "call.initiated" | "call.ringing" | "call.answered" | "call.completed" | "call.failed" | "recording.ready" | "recording.failed")[] | null;
            /**
             * @description Free-form JSON object, returned as given
             * @example {
             *       "orderId": "A-1001"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            };
            clientReference?: string;
            /** @default false */
            initiateCallToFirstParty: boolean;
        };
        /** @description Prompt ids (POST /v1/prompts). firstParty/secondParty: played to that party before the other is rung (as caller) or on answer before bridging (as callee). The others replace the pool's or the built-in prompt for that situation. Needs a media server (MASQ_MEDIA_SERVERS). */
        SessionAnnouncements: {
            /** @example welcome-en */
            firstParty?: string;
            /** @example welcome-en */
            secondParty?: string;
            /** @example welcome-en */
            sessionClosed?: string;
            /** @example welcome-en */
            partyUnavailable?: string;
            /** @example welcome-en */
            recordingNotice?: string;
            /** @example welcome-en */
            connecting?: string;
        };
        /**
         * @example {
         *       "id": "01m8qgnxft8g3p0vbf8b",
         *       "status": "open",
         *       "poolId": "us-east",
         *       "mode": "shared",
         *       "firstParty": {
         *         "number": "+14155550123",
         *         "proxyNumber": "+12025550100"
         *       },
         *       "secondParty": {
         *         "number": "+12125550199",
         *         "proxyNumber": "+12025550100"
         *       },
         *       "createdAt": "2026-12-01T09:30:00.000Z",
         *       "expiresAt": "2026-12-01T13:30:00.000Z",
         *       "updatedAt": null,
         *       "endedAt": null,
         *       "ttlSeconds": 14400,
         *       "record": false,
         *       "metadata": {
         *         "orderId": "A-1001"
         *       },
         *       "clientReference": "ride-42",
         *       "initiateCallToFirstParty": false,
         *       "stats": {
         *         "callCount": 0,
         *         "totalDurationSeconds": 0,
         *         "lastCallAt": null,
         *         "lastInteractionAt": null
         *       }
         *     }
         */
        Session: {
            id: string;
            /** @enum {string} */
            status: "open" | "closed" | "expired";
            poolId: string;
            /** @enum {string} */
            mode: "shared" | "dedicated" | "per-participant";
            firstParty: {
                /** @example +14155550123 */
                number: string;
                /**
                 * @description Virtual number this party dials and sees
                 * @example +12025550100
                 */
                proxyNumber: string;
            };
            secondParty: {
                /** @example +14155550123 */
                number: string;
                /**
                 * @description Virtual number this party dials and sees
                 * @example +12025550100
                 */
                proxyNumber: string;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            updatedAt: string | null;
            /**
             * Format: date-time
             * @description When it was closed or expired
             */
            endedAt: string | null;
            ttlSeconds: number;
            record: boolean;
            ringTimeoutSeconds?: number;
            callTimeLimitSeconds?: number;
            /** @description Prompt ids by situation */
            announcements?: {
                firstParty?: string;
                secondParty?: string;
                notInSession?: string;
                sessionClosed?: string;
                partyUnavailable?: string;
                connecting?: string;
                recordingNotice?: string;
            };
            /** @enum {string} */
            recordingChannels?: "mono" | "dual";
            /** @enum {string} */
            recordingPolicy?: "required" | "best-effort";
            callbackUrl?: string;
            /** @description Event types webhooks deliver; absent = all */
            callbackEvents?: ("session.created" | "session.updated" | "session.closed" | "session.expired" | "call.initiated" | "call.ringing" | "call.answered" | "call.completed" | "call.failed" | "recording.ready" | "recording.failed")[];
            metadata?: {
                [key: string]: unknown;
            };
            clientReference?: string;
            initiateCallToFirstParty: boolean;
            stats: {
                callCount: number;
                totalDurationSeconds: number;
                /** Format: date-time */
                lastCallAt: string | null;
                /** Format: date-time */
                lastInteractionAt: string | null;
            };
        };
        /** @description null removes an option */
        UpdateSession: {
            /** @description Lifetime in seconds, counted from creation */
            ttlSeconds?: number;
            record?: boolean;
            /**
             * @description mono: both parties mixed; dual: caller left, callee right (default mono)
             * @enum {string|null}
             */
            recordingChannels?: "mono" | "dual" | null;
            /**
             * @description required: with no media server the call is refused (503, media_unavailable); best-effort: it connects unrecorded (default)
             * @enum {string|null}
             */
            recordingPolicy?: "required" | "best-effort" | null;
            ringTimeoutSeconds?: number | null;
            callTimeLimitSeconds?: number | null;
            announcements?: components["schemas"]["SessionAnnouncements"] & (Record<string, never> | null);
            /** Format: uri */
            callbackUrl?: string | null;
            /**
             * @description Event types webhooks deliver for this session (absent or null: all; []: none). Every event is still kept in GET /v1/events. Applies to events that happen after it is set.
             * @example [
             *       "call.completed",
             *       "recording.ready"
             *     ]
             */
            callbackEvents?: ("session.created" | "session.updated" | "session.closed" | "session.expired" | "call.initiated" | "call.ringing" | "call.answered" | "call.completed" | "call.failed" | "recording.ready" | "recording.failed")[] | null;
            /**
             * @description Free-form JSON object, returned as given
             * @example {
             *       "orderId": "A-1001"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            } | null;
            clientReference?: string | null;
            initiateCallToFirstParty?: boolean;
        };
        Call: {
            id: string;
            sessionId: string | null;
            /**
             * @description Which party called; out-of-session when the routing callback chose the target; request-a-call when the application asked Masq to ring both; null when the call was turned away
             * @enum {string|null}
             */
            direction: "first-to-second" | "second-to-first" | "out-of-session" | "request-a-call" | null;
            /**
             * @description The virtual number dialled; for request-a-call, the one the first leg sees as caller ID
             * @example +12025550100
             */
            virtualNumber: string;
            /**
             * @description initiated: a request-a-call whose first leg is not ringing yet
             * @enum {string}
             */
            state: "initiated" | "ringing" | "answered" | "completed" | "failed";
            /**
             * @description How the call turned out, from state, endReason and sipStatus: in-progress (not ended), completed (answered), canceled (the caller hung up first), rejected (turned away by Masq before anybody was rung), busy (486/600), no-answer (ring timeout, 408/480), failed (anything else unanswered). GET /v1/calls filters on it.
             * @enum {string}
             */
            outcome: "in-progress" | "completed" | "canceled" | "rejected" | "busy" | "no-answer" | "failed";
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            ringingAt: string | null;
            /** Format: date-time */
            answeredAt: string | null;
            /** Format: date-time */
            endedAt: string | null;
            durationSeconds: number;
            totalMs: number | null;
            sipStatus: number | null;
            /** @enum {string|null} */
            hungUpBy: "caller" | "callee" | "masq" | null;
            /** @description caller-hangup, callee-hangup, caller-cancel, callee-rejected, ring-timeout, time-limit, shutdown, outbound-error, a routing error code (not_in_session, …), or ended-by-sweep (the instance handling it died; duration unknown) */
            endReason: string | null;
            /** @description Transfers (SIP REFER) a party attempted during the call; Masq refuses every one */
            refusedTransfers: number;
            /** @description Set once the media layer has stored the recording, or failed to */
            recording: {
                /** @description The media layer's recording id */
                id: string | null;
                /** @enum {string} */
                status: "ready" | "failed";
                url: string | null;
                durationSeconds: number | null;
                /** @description Why it failed */
                reason: string | null;
            } | null;
            /**
             * @description request-a-call: the participant rung first (the record calls that leg the caller, the other the callee); null for other calls
             * @enum {string|null}
             */
            firstLeg: "firstParty" | "secondParty" | null;
            /**
             * @description request-a-call: the leg a failure came from; null otherwise
             * @enum {string|null}
             */
            failedLeg: "first" | "second" | null;
        };
        RequestCall: {
            /**
             * @description The participant rung first; the other is rung once it answers
             * @enum {string}
             */
            to: "firstParty" | "secondParty";
        };
        Event: {
            /**
             * @description Idempotency key (ordered)
             * @example 1795430260710-0
             */
            id: string;
            /** @enum {string} */
            type: "session.created" | "session.updated" | "session.closed" | "session.expired" | "call.initiated" | "call.ringing" | "call.answered" | "call.completed" | "call.failed" | "recording.ready" | "recording.failed";
            /** Format: date-time */
            occurredAt: string;
            sessionId: string;
            clientReference: string | null;
            metadata?: unknown;
            session: {
                [key: string]: unknown;
            };
            call?: {
                [key: string]: unknown;
            };
            /** @description recording.ready / recording.failed only */
            recording?: {
                /** @description The media layer's recording id */
                id: string | null;
                /** @enum {string} */
                status: "ready" | "failed";
                url: string | null;
                durationSeconds: number | null;
                /** @description Why it failed */
                reason: string | null;
            };
        };
        WebhookStats: {
            /** @description Events waiting for delivery, being retried or in flight */
            pending: number;
            /** @description Sessions with at least one pending event (each delivers one at a time, in order) */
            sessionsWaiting: number;
            /** @description Pending events that have failed at least once */
            retrying: number;
            /** @description Dead letters (GET /v1/webhooks/dead) */
            dead: number;
            /** @description How long ago the oldest pending event happened; null when none is pending */
            oldestPendingAgeSeconds: number | null;
            /** @description Logged events no delivery worker has picked up yet (normally 0; grows when no worker runs) */
            undispatched: number;
        };
        DeadLetter: {
            eventId: string;
            sessionId: string;
            attempts: number;
            lastError: string;
            /** Format: date-time */
            deadAt: string;
            /** @description The event, while the log still holds it */
            event: {
                /**
                 * @description Idempotency key (ordered)
                 * @example 1795430260710-0
                 */
                id: string;
                /** @enum {string} */
                type: "session.created" | "session.updated" | "session.closed" | "session.expired" | "call.initiated" | "call.ringing" | "call.answered" | "call.completed" | "call.failed" | "recording.ready" | "recording.failed";
                /** Format: date-time */
                occurredAt: string;
                sessionId: string;
                clientReference: string | null;
                metadata?: unknown;
                session: {
                    [key: string]: unknown;
                };
                call?: {
                    [key: string]: unknown;
                };
                /** @description recording.ready / recording.failed only */
                recording?: {
                    /** @description The media layer's recording id */
                    id: string | null;
                    /** @enum {string} */
                    status: "ready" | "failed";
                    url: string | null;
                    durationSeconds: number | null;
                    /** @description Why it failed */
                    reason: string | null;
                };
            } | null;
        };
        RetryQueued: {
            eventId: string;
            /** @enum {string} */
            status: "queued";
        };
        RoutingDecision: {
            /**
             * @description Ordered id
             * @example 1795430260710-0
             */
            id: string;
            callId: string;
            /** Format: date-time */
            decidedAt: string;
            /** @description Why no open session matched: not_in_session, session_expired, session_closed */
            reason: string;
            sessionId: string | null;
            /**
             * @description What the callback answered; default when it failed or answered nothing usable
             * @enum {string}
             */
            action: "dial" | "play" | "reject" | "default";
            /** @description reject: the status asked for */
            sipStatus?: number;
            /** @description play: the prompt id */
            prompt?: string;
            /** @description dial: the number to call, masked */
            target?: string;
            /** @description dial: the caller id asked for, masked */
            callerId?: string;
            /** @description default: what went wrong (HTTP status, timeout, invalid answer) */
            why?: string;
            /** @description How long the callback took */
            ms: number;
        };
        /**
         * @example {
         *       "id": "us-east",
         *       "description": "East coast DIDs",
         *       "createdAt": "2026-12-01T09:00:00.000Z",
         *       "counts": {
         *         "numbers": 500,
         *         "healthy": 498,
         *         "inUse": 120,
         *         "available": 378,
         *         "openSessions": 310
         *       }
         *     }
         */
        Pool: {
            id: string;
            description: string;
            /** @description Prompt ids by situation */
            announcements?: {
                firstParty?: string;
                secondParty?: string;
                notInSession?: string;
                sessionClosed?: string;
                partyUnavailable?: string;
                connecting?: string;
                recordingNotice?: string;
            };
            /** Format: date-time */
            createdAt: string;
            counts: {
                numbers: number;
                healthy: number;
                /** @description Numbers with at least one open binding */
                inUse: number;
                /** @description Numbers open to new sessions now */
                available: number;
                openSessions: number;
            };
        };
        CreatePool: {
            /** @example us-east */
            id: string;
            description?: string;
            announcements?: components["schemas"]["PoolAnnouncements"];
        };
        /** @description Prompt ids for calls on the pool's numbers, under a session's own and over the built-in ones */
        PoolAnnouncements: {
            /** @example welcome-en */
            firstParty?: string;
            /** @example welcome-en */
            secondParty?: string;
            /** @example welcome-en */
            notInSession?: string;
            /** @example welcome-en */
            sessionClosed?: string;
            /** @example welcome-en */
            partyUnavailable?: string;
            /** @example welcome-en */
            recordingNotice?: string;
            /** @example welcome-en */
            connecting?: string;
        };
        /** @description announcements replaces the whole set; null removes it */
        UpdatePool: {
            description?: string;
            announcements?: components["schemas"]["PoolAnnouncements"] & (Record<string, never> | null);
        };
        AddNumbersResult: {
            added: number;
            duplicates: number;
            invalid: {
                index: number;
                value: string;
                message: string;
            }[];
        };
        AddNumbers: {
            numbers: (string | {
                number: string;
                capabilities?: ("voice" | "sms")[];
                region?: string;
            })[];
        };
        PoolNumber: {
            number: string;
            poolId: string;
            country: string;
            region: string;
            capabilities: string[];
            healthy: boolean;
            /** Format: date-time */
            cooloffUntil: string | null;
            bindings: number;
            dedicatedSessionId: string | null;
            draining: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        UpdateNumber: {
            healthy?: boolean;
            /** Format: date-time */
            cooloffUntil?: string | null;
        };
        Draining: {
            /** @enum {string} */
            status: "draining";
            /** @description Open sessions still bound to it */
            bindings: number;
        };
        Health: {
            /** @enum {string} */
            status: "ok";
            activeCalls: number;
        };
        Readiness: {
            /** @enum {string} */
            status: "ready" | "unavailable";
            /** @description Dependencies that did not answer */
            failed?: string[];
            draining?: boolean;
            checks: {
                [key: string]: {
                    /** @enum {string} */
                    status: "up" | "down";
                    error?: string;
                };
            };
            /** @description Each FreeSWITCH media server (when configured): shown, never making Masq unready */
            media?: {
                name: string;
                /** @enum {string} */
                status: "up" | "down";
                calls: number;
                error?: string;
            }[];
            /** @description Each drachtio-server (with SIP on): the `sip` check is up while at least one is attached */
            drachtio?: {
                name: string;
                /** @enum {string} */
                status: "up" | "down";
            }[];
        };
        Prompt: {
            id: string;
            name: string;
            /** @example 8000 */
            sampleRate: number;
            durationMs: number;
            bytes: number;
            /** @description Changes whenever the audio is replaced */
            version: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Shipped with Masq (may be replaced; restored at start when deleted) */
            builtIn: boolean;
            /** @example /v1/prompts/welcome-en */
            audioUrl: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    resolveCall: {
        parameters: {
            query: {
                /** @description Phone number, E.164 */
                from: string;
                /** @description Phone number, E.164 */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The route */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "sessionId": "01m8qgnxft8g3p0vbf8b",
                     *       "status": "open",
                     *       "target": "string",
                     *       "callerId": "01m8qgnxft8g3p0vbf8b",
                     *       "direction": "first-to-second"
                     *     }
                     */
                    "application/json": components["schemas"]["Route"];
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Session expired or closed */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "session_expired",
                     *         "message": "session expired"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis unavailable (Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "store_unavailable",
                     *         "message": "state store unavailable"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSessions: {
        parameters: {
            query?: {
                poolId?: string;
                /** @description Phone number, E.164 */
                participant?: string;
                status?: "open" | "closed" | "expired";
                clientReference?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page; follow nextCursor until null */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "01m8qgnxft8g3p0vbf8b",
                     *           "status": "open",
                     *           "poolId": "us-east",
                     *           "mode": "shared",
                     *           "firstParty": {
                     *             "number": "+14155550123",
                     *             "proxyNumber": "+12025550100"
                     *           },
                     *           "secondParty": {
                     *             "number": "+12125550199",
                     *             "proxyNumber": "+12025550100"
                     *           },
                     *           "createdAt": "2026-12-01T09:30:00.000Z",
                     *           "expiresAt": "2026-12-01T13:30:00.000Z",
                     *           "updatedAt": null,
                     *           "endedAt": null,
                     *           "ttlSeconds": 14400,
                     *           "record": false,
                     *           "metadata": {
                     *             "orderId": "A-1001"
                     *           },
                     *           "clientReference": "ride-42",
                     *           "initiateCallToFirstParty": false,
                     *           "stats": {
                     *             "callCount": 0,
                     *             "totalDurationSeconds": 0,
                     *             "lastCallAt": null,
                     *             "lastInteractionAt": null
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Session"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "poolId": "us-east",
                 *       "firstParty": "+14155550123",
                 *       "secondParty": "+12125550199",
                 *       "callbackEvents": [
                 *         "call.completed",
                 *         "recording.ready"
                 *       ],
                 *       "metadata": {
                 *         "orderId": "A-1001"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateSession"];
            };
        };
        responses: {
            /** @description Created (with initiateCallToFirstParty, the call it started) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01m8qgnxft8g3p0vbf8b",
                     *       "status": "open",
                     *       "poolId": "01m8qgnxft8g3p0vbf8b",
                     *       "mode": "shared",
                     *       "firstParty": {
                     *         "number": "+14155550123",
                     *         "proxyNumber": "+12025550100"
                     *       },
                     *       "secondParty": {
                     *         "number": "+14155550123",
                     *         "proxyNumber": "+12025550100"
                     *       },
                     *       "createdAt": "2026-12-01T09:30:00.000Z",
                     *       "expiresAt": "2026-12-01T09:30:00.000Z",
                     *       "updatedAt": "2026-12-01T09:30:00.000Z",
                     *       "endedAt": "2026-12-01T09:30:00.000Z",
                     *       "ttlSeconds": 0,
                     *       "record": false,
                     *       "initiateCallToFirstParty": false,
                     *       "stats": {
                     *         "callCount": 0,
                     *         "totalDurationSeconds": 0,
                     *         "lastCallAt": "2026-12-01T09:30:00.000Z",
                     *         "lastInteractionAt": "2026-12-01T09:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["CreatedSession"];
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict (pool exhausted, in use, exists) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "pool_exhausted",
                     *         "message": "no number left in pool us-east for these participants"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis unavailable (Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "store_unavailable",
                     *         "message": "state store unavailable"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01m8qgnxft8g3p0vbf8b",
                     *       "status": "open",
                     *       "poolId": "us-east",
                     *       "mode": "shared",
                     *       "firstParty": {
                     *         "number": "+14155550123",
                     *         "proxyNumber": "+12025550100"
                     *       },
                     *       "secondParty": {
                     *         "number": "+12125550199",
                     *         "proxyNumber": "+12025550100"
                     *       },
                     *       "createdAt": "2026-12-01T09:30:00.000Z",
                     *       "expiresAt": "2026-12-01T13:30:00.000Z",
                     *       "updatedAt": null,
                     *       "endedAt": null,
                     *       "ttlSeconds": 14400,
                     *       "record": false,
                     *       "metadata": {
                     *         "orderId": "A-1001"
                     *       },
                     *       "clientReference": "ride-42",
                     *       "initiateCallToFirstParty": false,
                     *       "stats": {
                     *         "callCount": 0,
                     *         "totalDurationSeconds": 0,
                     *         "lastCallAt": null,
                     *         "lastInteractionAt": null
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "session_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    closeSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The closed session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01m8qgnxft8g3p0vbf8b",
                     *       "status": "open",
                     *       "poolId": "us-east",
                     *       "mode": "shared",
                     *       "firstParty": {
                     *         "number": "+14155550123",
                     *         "proxyNumber": "+12025550100"
                     *       },
                     *       "secondParty": {
                     *         "number": "+12125550199",
                     *         "proxyNumber": "+12025550100"
                     *       },
                     *       "createdAt": "2026-12-01T09:30:00.000Z",
                     *       "expiresAt": "2026-12-01T13:30:00.000Z",
                     *       "updatedAt": null,
                     *       "endedAt": null,
                     *       "ttlSeconds": 14400,
                     *       "record": false,
                     *       "metadata": {
                     *         "orderId": "A-1001"
                     *       },
                     *       "clientReference": "ride-42",
                     *       "initiateCallToFirstParty": false,
                     *       "stats": {
                     *         "callCount": 0,
                     *         "totalDurationSeconds": 0,
                     *         "lastCallAt": null,
                     *         "lastInteractionAt": null
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "session_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Session expired or closed */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "session_expired",
                     *         "message": "session expired"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "callbackEvents": [
                 *         "call.completed",
                 *         "recording.ready"
                 *       ],
                 *       "metadata": {
                 *         "orderId": "A-1001"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UpdateSession"];
            };
        };
        responses: {
            /** @description The session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01m8qgnxft8g3p0vbf8b",
                     *       "status": "open",
                     *       "poolId": "us-east",
                     *       "mode": "shared",
                     *       "firstParty": {
                     *         "number": "+14155550123",
                     *         "proxyNumber": "+12025550100"
                     *       },
                     *       "secondParty": {
                     *         "number": "+12125550199",
                     *         "proxyNumber": "+12025550100"
                     *       },
                     *       "createdAt": "2026-12-01T09:30:00.000Z",
                     *       "expiresAt": "2026-12-01T13:30:00.000Z",
                     *       "updatedAt": null,
                     *       "endedAt": null,
                     *       "ttlSeconds": 14400,
                     *       "record": false,
                     *       "metadata": {
                     *         "orderId": "A-1001"
                     *       },
                     *       "clientReference": "ride-42",
                     *       "initiateCallToFirstParty": false,
                     *       "stats": {
                     *         "callCount": 0,
                     *         "totalDurationSeconds": 0,
                     *         "lastCallAt": null,
                     *         "lastInteractionAt": null
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "session_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Session expired or closed */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "session_expired",
                     *         "message": "session expired"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSessionCalls: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of call records */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "01m8qgnxft8g3p0vbf8b",
                     *           "sessionId": "01m8qgnxft8g3p0vbf8b",
                     *           "direction": "first-to-second",
                     *           "virtualNumber": "+12025550100",
                     *           "state": "initiated",
                     *           "outcome": "in-progress",
                     *           "startedAt": "2026-12-01T09:30:00.000Z",
                     *           "ringingAt": "2026-12-01T09:30:00.000Z",
                     *           "answeredAt": "2026-12-01T09:30:00.000Z",
                     *           "endedAt": "2026-12-01T09:30:00.000Z",
                     *           "durationSeconds": 0,
                     *           "totalMs": 0,
                     *           "sipStatus": 0,
                     *           "hungUpBy": "caller",
                     *           "endReason": "string",
                     *           "refusedTransfers": 0,
                     *           "recording": {
                     *             "id": "01m8qgnxft8g3p0vbf8b",
                     *             "status": "ready",
                     *             "url": "string",
                     *             "durationSeconds": 0,
                     *             "reason": "string"
                     *           },
                     *           "firstLeg": "firstParty",
                     *           "failedLeg": "first"
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Call"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "session_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "to": "firstParty"
                 *     }
                 */
                "application/json": components["schemas"]["RequestCall"];
            };
        };
        responses: {
            /** @description Accepted: the call record (direction request-a-call); follow it with GET /v1/calls/{callId} or the events */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01m8qgnxft8g3p0vbf8b",
                     *       "sessionId": "01m8qgnxft8g3p0vbf8b",
                     *       "direction": "first-to-second",
                     *       "virtualNumber": "+12025550100",
                     *       "state": "initiated",
                     *       "outcome": "in-progress",
                     *       "startedAt": "2026-12-01T09:30:00.000Z",
                     *       "ringingAt": "2026-12-01T09:30:00.000Z",
                     *       "answeredAt": "2026-12-01T09:30:00.000Z",
                     *       "endedAt": "2026-12-01T09:30:00.000Z",
                     *       "durationSeconds": 0,
                     *       "totalMs": 0,
                     *       "sipStatus": 0,
                     *       "hungUpBy": "caller",
                     *       "endReason": "string",
                     *       "refusedTransfers": 0,
                     *       "recording": {
                     *         "id": "01m8qgnxft8g3p0vbf8b",
                     *         "status": "ready",
                     *         "url": "string",
                     *         "durationSeconds": 0,
                     *         "reason": "string"
                     *       },
                     *       "firstLeg": "firstParty",
                     *       "failedLeg": "first"
                     *     }
                     */
                    "application/json": components["schemas"]["Call"];
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "session_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict (pool exhausted, in use, exists) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "pool_exhausted",
                     *         "message": "no number left in pool us-east for these participants"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Session expired or closed */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "session_expired",
                     *         "message": "session expired"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis unavailable (Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "store_unavailable",
                     *         "message": "state store unavailable"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCalls: {
        parameters: {
            query?: {
                /** @description How the call turned out (see the Call schema's outcome) */
                outcome?: "in-progress" | "completed" | "canceled" | "rejected" | "busy" | "no-answer" | "failed";
                /** @description The record's direction */
                direction?: "first-to-second" | "second-to-first" | "out-of-session" | "request-a-call";
                /** @description Calls started at or after this time */
                since?: string;
                /** @description Calls started at or before this time */
                until?: string;
                /** @description One session's calls */
                sessionId?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page; follow nextCursor until null. Each page examines a bounded number of calls, so with outcome or direction a page may hold fewer items than limit (even none) and still have a nextCursor. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "01m9a3k2vd7q0c5h8n4r",
                     *           "sessionId": "01m8qgnxft8g3p0vbf8b",
                     *           "direction": "first-to-second",
                     *           "virtualNumber": "+12025550100",
                     *           "state": "completed",
                     *           "outcome": "completed",
                     *           "startedAt": "2026-12-01T09:41:07.120Z",
                     *           "ringingAt": "2026-12-01T09:41:07.262Z",
                     *           "answeredAt": "2026-12-01T09:41:11.904Z",
                     *           "endedAt": "2026-12-01T09:41:53.930Z",
                     *           "durationSeconds": 42,
                     *           "totalMs": 46810,
                     *           "sipStatus": 200,
                     *           "hungUpBy": "callee",
                     *           "endReason": "callee-hangup",
                     *           "refusedTransfers": 0,
                     *           "recording": null,
                     *           "firstLeg": null,
                     *           "failedLeg": null
                     *         },
                     *         {
                     *           "id": "01m9a3f0q2w6e8r4t7y1",
                     *           "sessionId": "01m8qgnxft8g3p0vbf8b",
                     *           "direction": "first-to-second",
                     *           "virtualNumber": "+12025550100",
                     *           "state": "failed",
                     *           "outcome": "busy",
                     *           "startedAt": "2026-12-01T09:38:02.450Z",
                     *           "ringingAt": "2026-12-01T09:38:02.611Z",
                     *           "answeredAt": null,
                     *           "endedAt": "2026-12-01T09:38:05.077Z",
                     *           "durationSeconds": 0,
                     *           "totalMs": 2627,
                     *           "sipStatus": 486,
                     *           "hungUpBy": "callee",
                     *           "endReason": "callee-rejected",
                     *           "refusedTransfers": 0,
                     *           "recording": null,
                     *           "firstLeg": null,
                     *           "failedLeg": null
                     *         }
                     *       ],
                     *       "nextCursor": "01m9a3f0q2w6e8r4t7y1"
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Call"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                callId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The call */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01m9a3k2vd7q0c5h8n4r",
                     *       "sessionId": "01m8qgnxft8g3p0vbf8b",
                     *       "direction": "first-to-second",
                     *       "virtualNumber": "+12025550100",
                     *       "state": "completed",
                     *       "outcome": "completed",
                     *       "startedAt": "2026-12-01T09:41:07.120Z",
                     *       "ringingAt": "2026-12-01T09:41:07.262Z",
                     *       "answeredAt": "2026-12-01T09:41:11.904Z",
                     *       "endedAt": "2026-12-01T09:41:53.930Z",
                     *       "durationSeconds": 42,
                     *       "totalMs": 46810,
                     *       "sipStatus": 200,
                     *       "hungUpBy": "callee",
                     *       "endReason": "callee-hangup",
                     *       "refusedTransfers": 0,
                     *       "recording": null,
                     *       "firstLeg": null,
                     *       "failedLeg": null
                     *     }
                     */
                    "application/json": components["schemas"]["Call"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "call_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    streamEvents: {
        parameters: {
            query?: {
                /** @description Only this session’s events */
                sessionId?: string;
            };
            header?: {
                /** @description Resume after this event id: the events since are replayed from the log first */
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An open stream: each message has `id:` (the event id) and `data:` (the event, as in GET /v1/events); a `: keep-alive` comment every 15 s */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis unavailable (Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "store_unavailable",
                     *         "message": "state store unavailable"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                sessionId?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "1795430260710-0",
                     *           "type": "session.created",
                     *           "occurredAt": "2026-12-01T09:30:00.000Z",
                     *           "sessionId": "01m8qgnxft8g3p0vbf8b",
                     *           "clientReference": "string",
                     *           "session": {}
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Event"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhookStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Backlog figures (counters; cheap at any backlog size) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "pending": 0,
                     *       "sessionsWaiting": 0,
                     *       "retrying": 0,
                     *       "dead": 0,
                     *       "oldestPendingAgeSeconds": 0,
                     *       "undispatched": 0
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookStats"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis unavailable (Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "store_unavailable",
                     *         "message": "state store unavailable"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDeadLetters: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Dead letters, newest first (at most 500) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "eventId": "01m8qgnxft8g3p0vbf8b",
                     *           "sessionId": "01m8qgnxft8g3p0vbf8b",
                     *           "attempts": 0,
                     *           "lastError": "string",
                     *           "deadAt": "2026-12-01T09:30:00.000Z",
                     *           "event": {
                     *             "id": "1795430260710-0",
                     *             "type": "session.created",
                     *             "occurredAt": "2026-12-01T09:30:00.000Z",
                     *             "sessionId": "01m8qgnxft8g3p0vbf8b",
                     *             "clientReference": "string",
                     *             "session": {}
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["DeadLetter"][];
                    };
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    retryDeadLetter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "eventId": "01m8qgnxft8g3p0vbf8b",
                     *       "status": "queued"
                     *     }
                     */
                    "application/json": components["schemas"]["RetryQueued"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "dead_letter_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRoutingDecisions: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Decisions, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "1795430260710-0",
                     *           "callId": "01m8qgnxft8g3p0vbf8b",
                     *           "decidedAt": "2026-12-01T09:30:00.000Z",
                     *           "reason": "string",
                     *           "sessionId": "01m8qgnxft8g3p0vbf8b",
                     *           "action": "dial",
                     *           "ms": 0
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["RoutingDecision"][];
                    };
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis unavailable (Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "store_unavailable",
                     *         "message": "state store unavailable"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listPools: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of pools */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "us-east",
                     *           "description": "East coast DIDs",
                     *           "createdAt": "2026-12-01T09:00:00.000Z",
                     *           "counts": {
                     *             "numbers": 500,
                     *             "healthy": 498,
                     *             "inUse": 120,
                     *             "available": 378,
                     *             "openSessions": 310
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Pool"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createPool: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "id": "us-east"
                 *     }
                 */
                "application/json": components["schemas"]["CreatePool"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "us-east",
                     *       "description": "East coast DIDs",
                     *       "createdAt": "2026-12-01T09:00:00.000Z",
                     *       "counts": {
                     *         "numbers": 500,
                     *         "healthy": 498,
                     *         "inUse": 120,
                     *         "available": 378,
                     *         "openSessions": 310
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Pool"];
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict (pool exhausted, in use, exists) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "pool_exhausted",
                     *         "message": "no number left in pool us-east for these participants"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                poolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pool */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "us-east",
                     *       "description": "East coast DIDs",
                     *       "createdAt": "2026-12-01T09:00:00.000Z",
                     *       "counts": {
                     *         "numbers": 500,
                     *         "healthy": 498,
                     *         "inUse": 120,
                     *         "available": 378,
                     *         "openSessions": 310
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Pool"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "pool_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deletePool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                poolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "pool_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict (pool exhausted, in use, exists) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "pool_exhausted",
                     *         "message": "no number left in pool us-east for these participants"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updatePool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                poolId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": components["schemas"]["UpdatePool"];
            };
        };
        responses: {
            /** @description The pool */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "us-east",
                     *       "description": "East coast DIDs",
                     *       "createdAt": "2026-12-01T09:00:00.000Z",
                     *       "counts": {
                     *         "numbers": 500,
                     *         "healthy": 498,
                     *         "inUse": 120,
                     *         "available": 378,
                     *         "openSessions": 310
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Pool"];
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "pool_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listNumbers: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                poolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of numbers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "number": "string",
                     *           "poolId": "01m8qgnxft8g3p0vbf8b",
                     *           "country": "string",
                     *           "region": "string",
                     *           "capabilities": [
                     *             "string"
                     *           ],
                     *           "healthy": false,
                     *           "cooloffUntil": "2026-12-01T09:30:00.000Z",
                     *           "bindings": 0,
                     *           "dedicatedSessionId": "01m8qgnxft8g3p0vbf8b",
                     *           "draining": false,
                     *           "createdAt": "2026-12-01T09:30:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["PoolNumber"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "pool_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addNumbers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                poolId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "numbers": [
                 *         "string"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["AddNumbers"];
            };
        };
        responses: {
            /** @description What was added */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "added": 0,
                     *       "duplicates": 0,
                     *       "invalid": [
                     *         {
                     *           "index": 0,
                     *           "value": "string",
                     *           "message": "string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["AddNumbersResult"];
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "pool_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (1 MB of JSON; 5 MB for a prompt) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "request body exceeds 1 MB"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                poolId: string;
                number: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The number */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "number": "string",
                     *       "poolId": "01m8qgnxft8g3p0vbf8b",
                     *       "country": "string",
                     *       "region": "string",
                     *       "capabilities": [
                     *         "string"
                     *       ],
                     *       "healthy": false,
                     *       "cooloffUntil": "2026-12-01T09:30:00.000Z",
                     *       "bindings": 0,
                     *       "dedicatedSessionId": "01m8qgnxft8g3p0vbf8b",
                     *       "draining": false,
                     *       "createdAt": "2026-12-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["PoolNumber"];
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "number_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeNumber: {
        parameters: {
            query?: {
                drain?: "true" | "false";
            };
            header?: never;
            path: {
                poolId: string;
                number: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Bound to open sessions and drain=true: retired once they end */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "draining",
                     *       "bindings": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Draining"];
                };
            };
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "number_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict (pool exhausted, in use, exists) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "pool_exhausted",
                     *         "message": "no number left in pool us-east for these participants"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                poolId: string;
                number: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": components["schemas"]["UpdateNumber"];
            };
        };
        responses: {
            /** @description The number */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "number": "string",
                     *       "poolId": "01m8qgnxft8g3p0vbf8b",
                     *       "country": "string",
                     *       "region": "string",
                     *       "capabilities": [
                     *         "string"
                     *       ],
                     *       "healthy": false,
                     *       "cooloffUntil": "2026-12-01T09:30:00.000Z",
                     *       "bindings": 0,
                     *       "dedicatedSessionId": "01m8qgnxft8g3p0vbf8b",
                     *       "draining": false,
                     *       "createdAt": "2026-12-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["PoolNumber"];
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "number_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "activeCalls": 0
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ready",
                     *       "checks": {}
                     *     }
                     */
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description Not ready: names the failed dependency, or draining */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ready",
                     *       "checks": {}
                     *     }
                     */
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    listPrompts: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of prompts, in id order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "01m8qgnxft8g3p0vbf8b",
                     *           "name": "string",
                     *           "sampleRate": 8000,
                     *           "durationMs": 0,
                     *           "bytes": 0,
                     *           "version": "string",
                     *           "createdAt": "2026-12-01T09:30:00.000Z",
                     *           "builtIn": false,
                     *           "audioUrl": "/v1/prompts/welcome-en"
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Prompt"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadPrompt: {
        parameters: {
            query?: {
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "audio/wav": string;
                "audio/x-wav": string;
                "audio/wave": string;
            };
        };
        responses: {
            /** @description Stored under a new id */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01m8qgnxft8g3p0vbf8b",
                     *       "name": "string",
                     *       "sampleRate": 8000,
                     *       "durationMs": 0,
                     *       "bytes": 0,
                     *       "version": "string",
                     *       "createdAt": "2026-12-01T09:30:00.000Z",
                     *       "builtIn": false,
                     *       "audioUrl": "/v1/prompts/welcome-en"
                     *     }
                     */
                    "application/json": components["schemas"]["Prompt"];
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (1 MB of JSON; 5 MB for a prompt) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "request body exceeds 1 MB"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body of the wrong media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "body must be audio/wav"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPromptAudio: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                promptId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The WAV file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "audio/wav": string;
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "prompt_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putPrompt: {
        parameters: {
            query?: {
                name?: string;
            };
            header?: never;
            path: {
                promptId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "audio/wav": string;
                "audio/x-wav": string;
                "audio/wave": string;
            };
        };
        responses: {
            /** @description Stored (calls already playing the old audio finish it) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01m8qgnxft8g3p0vbf8b",
                     *       "name": "string",
                     *       "sampleRate": 8000,
                     *       "durationMs": 0,
                     *       "bytes": 0,
                     *       "version": "string",
                     *       "createdAt": "2026-12-01T09:30:00.000Z",
                     *       "builtIn": false,
                     *       "audioUrl": "/v1/prompts/welcome-en"
                     *     }
                     */
                    "application/json": components["schemas"]["Prompt"];
                };
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (1 MB of JSON; 5 MB for a prompt) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "request body exceeds 1 MB"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body of the wrong media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "body must be audio/wav"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deletePrompt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                promptId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (field-level details) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "request validation failed",
                     *         "details": [
                     *           {
                     *             "field": "firstParty",
                     *             "message": "not a valid phone number (E.164 expected, e.g. +14155550123)"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "prompt_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict (pool exhausted, in use, exists) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "pool_exhausted",
                     *         "message": "no number left in pool us-east for these participants"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRecording: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                callId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "audio/wav": string;
                };
            };
            /** @description The byte range asked for */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "audio/wav": string;
                };
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "call_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Range not satisfiable */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "range_not_satisfiable",
                     *         "message": "range not satisfiable"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteRecording: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                callId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or wrong API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "missing or invalid API key (Authorization: Bearer <key>)"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "call_not_found",
                     *         "message": "not found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
