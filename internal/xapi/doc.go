// Package xapi turns what learners do in Academy (activity.Event) into xAPI 1.0.3
// statements, keeps every statement in an outbox table, and delivers them to a learning
// record store (LRS) when one is configured.
//
// What it promises:
//
//   - A statement is written in the transaction of the change it describes (Store is an
//     activity.Recorder): it exists if and only if the change commits.
//   - Its id is a UUID v5 of the event's stable id, so the same event recorded twice is
//     one statement, and delivering it twice is harmless (an LRS stores an id once).
//   - Every statement is kept for the organisation's export (Store.Statements), with or
//     without an LRS. Only with an LRS configured is a statement queued (pending) for
//     delivery; without one nothing is queued.
//   - Delivery (Worker, a River job) posts pending statements in batches and marks them
//     sent once the LRS accepted them. While the LRS is down, times out or answers with
//     errors, statements stay pending and the job is retried with growing pauses; a
//     periodic job starts it again after a long outage, so delivery resumes by itself.
//     A statement the LRS refuses as invalid (400) is marked rejected and logged, so it
//     cannot hold up the others.
//
// The vocabulary (verbs, activity types, activity ids and result extensions) is listed in
// vocabulary.go and documented in docs/operations.md. Validate checks statements against
// the rules of the xAPI 1.0.3 specification; tests run every statement through it.
package xapi
