// Package reportjobs delivers Academy's reports: each document drawn with its
// organisation's branding and a safe file name (Documents), and the bulk jobs that put
// every learner report of an organisation, or of one cohort, into one ZIP.
//
// A bulk job is a row in report_jobs (who asked, for what, in which language, how far it
// got) and a River job that does the work (Worker), inserted together in one transaction
// (Store.Request), so that a request is never lost or run without its row. Any instance
// whose River client is started may run it. What it promises:
//
//   - Progress: done/total are updated while the reports are drawn, at most a few times a
//     second, for the page that shows them.
//   - Both cores busy, steady memory: the reports are drawn by one goroutine per core, a
//     bounded window ahead of the writer, and the ZIP is written in the order of the
//     learners' names into the database in pieces of ChunkSize bytes as it grows; the
//     download reads it back piece by piece.
//   - Restarts: a job that is interrupted (a deploy, a crash, a lost database) is run again
//     by River; a new run first discards what an earlier one had written, so a half-made
//     ZIP is never offered. After MaxAttempts failures the job is marked failed.
//   - Expiry: a ZIP is kept for Config.Retention after it is finished; a download after
//     that is refused with errs.ErrGone, and Tidy deletes the bytes (and, after
//     Config.KeepRecords, the job's row).
//
// Authorisation is the caller's: check the reader's rights on the organisation, cohort or
// learner first, with the identity policy.
package reportjobs
