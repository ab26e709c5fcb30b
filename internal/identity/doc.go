// Package identity owns who is who in Academy: organisations, people and their roles,
// cohorts with their members and coaches, passwords, sessions, invitations and API tokens,
// and the one authorization policy that every handler consults.
//
// The Store is the only code that reads or writes these tables. Its methods validate their
// input, return the sentinel errors of package errs (wrapped with context), and change
// nothing when they fail.
package identity
