// Package courses owns Academy's course content and learners' progress through it:
// modules, lessons, versioned quizzes, quiz attempts and answers, lesson and module
// completions, the reports coaches read, and item statistics for quiz authors.
//
// Content is data. [Load] reads the module folders (seed/courses, format in the course
// format spec) into typed values, checks every rule and reports every problem as
// "file:line: reason"; lesson Markdown is rendered once, at load, to HTML sanitised with
// bluemonday's UGC policy. [Store.Seed] stores loaded content idempotently, by slug.
//
// What it promises:
//
//   - Content that fails any check is never stored, not even in part.
//   - Quiz versions are immutable: a changed quiz becomes a new version, and every attempt
//     is scored and reviewed against the version it was started on.
//   - What a learner sees while answering ([AttemptView]) has no answer key and no
//     feedback: those types have no fields for them. Answers are revealed only through
//     [Store.Review], according to the quiz's review setting.
//   - An attempt is scored exactly once, even under concurrent submissions, and its
//     question and option order is stored, so the learner sees the same order on every
//     visit and in the review.
//   - Learner-facing and reporting reads run a fixed number of queries, whatever the
//     number of modules (no N+1).
//   - Methods return the sentinel errors of package errs, wrapped with context
//     (errs.ErrNotFound, errs.ErrConflict via [ErrNoAttemptsLeft], [ErrAttemptSubmitted] and
//     [ErrAttemptOpen], *errs.ValidationError, and *[LoadError] for content), and change
//     nothing when they fail. Another learner's attempt is reported as not found.
//   - Authorisation is the caller's: learner methods act for the userID they are given;
//     reporting methods report on the user ids they are given.
//
// Scoring ([ScoreQuestion], [ScoreAttempt]) and statistics ([ItemAnalysis]) are pure
// functions.
package courses
