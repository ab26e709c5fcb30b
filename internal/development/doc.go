// Package development is what turns a score into growth: 360 feedback from observers,
// blind spots and hidden strengths, recommendations, the development plan (goals with
// history and coach comments), the networking action log with its weekly view and streaks,
// the digital-footprint self-check, events with attendance, preparation and follow-ups,
// coach notes, and the list of learners who need attention.
//
// The Store is the only code that reads or writes the development tables (migration
// 00005_development.sql). It builds on identity (people, cohorts), assessment (instrument
// definitions, self-assessment results; observer answers are scored by package scoring,
// exactly as self-assessments are) and courses (the catalogue with progress). The pure
// rules live in sub-packages: threesixty (anonymity and gaps), weekly (ISO weeks and
// streaks) and footprint (the checklist and its score).
//
// What it promises:
//
//   - Every method takes a context first, validates its input, returns the sentinel errors
//     of package errs wrapped with context (errs.ErrNotFound, errs.ErrForbidden,
//     errs.ErrConflict, errs.ErrGone, *errs.ValidationError with per-field codes), and
//     changes nothing when it fails.
//   - Anonymity of 360 feedback: no exported function or type returns one observer's
//     answers or scores to anyone but that observer, through their own link, before they
//     submit (ObserverByToken). Results (Feedback360, Recommendations) are means over at
//     least three observers, with relationship groups merged as package threesixty
//     documents. An answered invitation cannot be withdrawn, so means never lose a rater.
//   - An observer link is a 256-bit random token stored as its SHA-256. It addresses one
//     invitation and nothing else; it works until the feedback is submitted (exactly once,
//     also under concurrent requests), the invitation is withdrawn, or it expires (then
//     errs.ErrGone); a resend replaces it (the old one is then unknown, errs.ErrNotFound).
//   - Ownership rules are the Store's: only the learner writes their goals, action log,
//     footprint checks and follow-ups (actorID must be the learner, else errs.ErrForbidden);
//     comments and notes are written by coaches and administrators only; events are
//     published by the organisation's coaches and administrators.
//   - Every other authorization is the caller's: check identity.Authorize on the learner
//     (identity.View to read their plan, log, results; identity.Coach to comment, to write
//     or read coach notes) before calling. Private coach notes are returned by CoachNotes
//     only; the learner's view is SharedNotes.
//   - An attendee's preparation (pitch, person to help, need to express) is returned to
//     that attendee only (Attendance, through their own calls and EventFilter.UserID);
//     coaches and administrators get names and counts (EventAttendees), never preparation.
//   - Lists and reports run a fixed number of queries, whatever the number of rows or
//     people (no N+1).
//   - Times are UTC. Calendar days (due days, action days) are time.Time at 00:00 UTC and
//     are written 2026-03-02 in inputs (DateLayout, ParseDate).
//
// How the pieces fit, for a web layer:
//
//	dev := development.NewStore(gdb, development.DefaultConfig(), people, assess, courses)
//	link, _ := dev.InviteObserver(ctx, actor.UserID, learnerID, development.ObserverInput{Email: "…", Relationship: "peer"})
//	// mail /o/{link.Token}; the public page:
//	form, _ := dev.ObserverByToken(ctx, token)           // errs.ErrGone → "link no longer works"
//	dev.SaveObserverAnswer(ctx, token, "o-gf1", &four, nil)
//	dev.SubmitObserver(ctx, token)
//	fb, _ := dev.Feedback360(ctx, learnerID)              // aggregates only
//	recs, _ := dev.Recommendations(ctx, learnerID)        // ErrNoSelfAssessment before the first
//	g, _ := dev.CreateGoal(ctx, user.ID, user.ID, development.GoalInput{…})
//	dev.UpdateGoal(ctx, user.ID, g.ID, development.GoalPatch{Status: &done})
//	dev.CommentOnGoal(ctx, coach.ID, g.ID, development.CommentInput{Body: "…"})
//	dev.LogAction(ctx, user.ID, user.ID, development.ActionInput{On: "2026-03-02", Type: development.ActionHelped})
//	view, _ := dev.ActionWeeks(ctx, learnerID, 12)
//	dev.SaveFootprint(ctx, user.ID, user.ID, footprint.Answers{…})
//	ev, _ := dev.CreateEvent(ctx, coach.ID, orgID, development.EventInput{…})
//	dev.MarkGoing(ctx, user.ID, ev.ID); dev.SavePreparation(…); dev.MarkAttended(…)
//	dev.UpdateEvent(ctx, coach.ID, ev.ID, in)             // in starts from ev.Input()
//	people, _ := dev.FollowedPeople(ctx, actor)           // a coach's learners; nil: everyone
//	dev.EventAttendees(ctx, ev.ID, people)                // names and counts, no preparation
//	dev.FollowUps(ctx, user.ID, true)                     // the home page's reminders
//	dev.NeedsAttention(ctx, memberIDs, 14)
package development
