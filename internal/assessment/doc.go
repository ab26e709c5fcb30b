// Package assessment stores and analyses Academy's assessments: instrument versions
// (loaded from YAML files, see package instrument), attempts and their answers, dimension
// scores, norms (percentiles in a reference group), growth between attempts with the
// reliable change index, reliability statistics per instrument version, and bulk imports
// of responses collected elsewhere.
//
// The Store is the only code that reads or writes the assessment tables. Its promises:
//
//   - Every method takes a context first, validates its input, returns the sentinel errors
//     of package errs wrapped with context (errs.ErrNotFound, errs.ErrConflict,
//     *errs.ValidationError), and changes nothing when it fails.
//   - Instruments are versioned and immutable: a stored version never changes, a changed
//     file needs a higher version number, and every attempt keeps the version it was
//     started on. Built-in instruments (no organisation) are visible to everyone, an
//     organisation's own instruments only to it.
//   - Scores are computed by package scoring, by the same code for online attempts
//     ([Store.Submit]) and imported responses ([Store.ImportResponses]), once, when the
//     attempt is submitted, in the same transaction that submits it. An attempt is
//     submitted exactly once, also under concurrent requests.
//   - Statistics never mix instrument versions: norms and reliability are computed per
//     version; growth compares only attempts on versions with identical content.
//   - No query runs per row of a result: lists, norms, imports and statistics use a fixed
//     number of queries (chunked for long id lists).
//
// How the pieces fit, for a web layer or a command:
//
//	store := assessment.NewStore(gdb, assessment.DefaultConfig())
//	sub, _ := fs.Sub(seed.Files, "instruments")
//	store.LoadInstruments(ctx, sub)                          // at start; idempotent
//	a, _ := store.Start(ctx, user.ID, user.OrgID(), "networking-self")
//	store.SaveAnswer(ctx, user.ID, a.ID, "gf1", &four, nil)  // autosave, one item at a time
//	store.Progress(ctx, user.ID, a.ID)
//	store.Submit(ctx, user.ID, a.ID)                         // scores once
//	store.Results(ctx, a.ID)                                 // bands and feedback
//	store.Norms(ctx, a.ID, assessment.OrganisationGroup(orgID))
//	store.Growth(ctx, a.ID)                                  // change and RCI
//	store.ImportResponses(ctx, assessment.ImportOptions{…}, file)
//	rel, _ := store.Psychometrics(ctx, instrumentID, "")     // JSON-ready; WriteReliabilityCSV
//
// Authorisation is the caller's job, with one exception: writes on an attempt
// ([Store.SaveAnswer], [Store.Submit]) and reading its answers take the acting user's id
// and treat someone else's attempt as not found. Reads of results, norms and growth take
// only the attempt id: check the viewer's rights on [Attempt.UserID] and
// [Attempt.OrganisationID] first.
package assessment
