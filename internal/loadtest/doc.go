// Package loadtest drives a running Academy over HTTP the way real people use it — many
// learners signing in, opening their home page, taking the self-assessment and saving every
// answer one by one, submitting and reading their results, while coaches open their
// cohort pages — and measures throughput and latency per step. At the end it checks the
// database: every acknowledged answer stored exactly once, every submitted attempt scored
// exactly once and with the scores recomputed independently from the acknowledged answers.
package loadtest
