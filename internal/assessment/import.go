package assessment

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// ErrImportInvalid is returned (wrapped, together with an *errs.ValidationError listing
// the problems) when a response import has problems and nothing was stored.
var ErrImportInvalid = errors.New("the file has problems; nothing was imported")

// Batch sizes of the import's inserts, below the bound-parameter limits of SQLite (32766)
// and PostgreSQL (65535).
const (
	attemptBatch = 2000 // × 10 columns
	answerBatch  = 5000 // × 5 columns
	scoreBatch   = 3000 // × 7 columns
)

// ImportOptions says what a response import is about.
type ImportOptions struct {
	// InstrumentID is the instrument version the responses were given on; it must be
	// visible to OrganisationID.
	InstrumentID string
	// OrganisationID owns the imported attempts ("" for none); they count in its norms
	// and psychometrics.
	OrganisationID string
	// MatchUsers requires an "email" column whose every address is a person of the
	// organisation; their attempts are then theirs (user id set) and count in their
	// growth and norms. Without it respondents stay anonymous: the identifier is kept as
	// the attempt's RespondentRef only.
	MatchUsers bool
	// SkipInvalid stores the valid rows of a file that has invalid ones (which are
	// reported); otherwise one invalid row means nothing is stored.
	SkipInvalid bool
	// SubmittedAt is when the responses were given; zero means now.
	SubmittedAt time.Time
}

// ImportReport is the result of a response import.
type ImportReport struct {
	// Identifier is the identifier column: "email" or "external_id".
	Identifier string `json:"identifier"`
	// Rows is the number of data rows read (blank lines are skipped), Imported how many
	// were stored as submitted attempts, Skipped how many were invalid and not stored.
	Rows     int `json:"rows"`
	Imported int `json:"imported"`
	Skipped  int `json:"skipped"`
	// Problems lists every problem, by line.
	Problems []ImportProblem `json:"problems"`
}

// Valid reports whether the file had no problems.
func (r ImportReport) Valid() bool { return len(r.Problems) == 0 }

// ImportResponses imports responses collected outside Academy from a CSV file: a header
// naming the identifier column (email or external_id) and one column per item id (any
// subset, any order); then one row per respondent. An empty cell is a missing answer; a
// Likert cell holds a point of the scale; an SJT cell holds the 1-based number of the
// chosen option in the order of the instrument file. The whole file is checked first and
// every problem is reported with its line (see the Import… codes).
//
// When the file has problems, nothing is stored and the error wraps ErrImportInvalid and
// an *errs.ValidationError, unless opts.SkipInvalid is set and the problems are confined
// to rows: then the valid rows are stored, the invalid ones reported and skipped, and the
// error is nil. Each stored row becomes a submitted attempt (source "import") scored by the
// same code as online attempts, so it counts in norms and psychometrics like them. All rows
// are stored in one transaction with batched inserts.
//
// errs.ErrNotFound: the instrument does not exist or is not visible to the organisation.
func (s *Store) ImportResponses(ctx context.Context, opts ImportOptions, r io.Reader) (ImportReport, error) {
	inst, err := s.Instrument(ctx, opts.InstrumentID)
	if err != nil {
		return ImportReport{}, err
	}
	if !inst.VisibleTo(opts.OrganisationID) {
		return ImportReport{}, fmt.Errorf("instrument %s: %w", inst.ID, errs.ErrNotFound)
	}
	if opts.MatchUsers && opts.OrganisationID == "" {
		return ImportReport{}, errs.Invalid("organisation", "required", "")
	}
	def, err := s.Definition(ctx, inst.ID)
	if err != nil {
		return ImportReport{}, err
	}
	file := parseResponses(def, r, opts.MatchUsers)
	var users map[string]string
	if opts.MatchUsers && !file.fatal {
		if users, err = s.matchUsers(ctx, opts.OrganisationID, file); err != nil {
			return ImportReport{}, err
		}
	}
	report := ImportReport{Identifier: file.identifier, Rows: len(file.rows), Problems: file.problems}
	if report.Problems == nil {
		report.Problems = []ImportProblem{}
	}
	sortProblems(report.Problems)
	if file.fatal || (!report.Valid() && !opts.SkipInvalid) {
		return report, invalidImport(report)
	}
	imported, err := s.storeImport(ctx, def, inst, opts, file.rows, users)
	if err != nil {
		return report, err
	}
	report.Imported = imported
	report.Skipped = len(file.rows) - imported
	return report, nil
}

// matchUsers looks up the rows' emails among the organisation's people and reports the
// unknown ones. It returns email → user id.
func (s *Store) matchUsers(ctx context.Context, orgID string, file *parsedFile) (map[string]string, error) {
	emails := make([]string, 0, len(file.rows))
	for _, row := range file.rows {
		if row.ref != "" {
			emails = append(emails, row.ref)
		}
	}
	users := make(map[string]string, len(emails))
	for chunk := range slices.Chunk(emails, 500) {
		var found []identity.User
		err := s.conn(ctx).Select("id", "email").Where("organisation_id = ? AND email IN ?", orgID, chunk).Find(&found).Error
		if err != nil {
			return nil, err
		}
		for _, u := range found {
			users[u.Email] = u.ID
		}
	}
	for i := range file.rows {
		row := &file.rows[i]
		if _, ok := users[row.ref]; row.ref != "" && !ok {
			file.rowProblem(row, ColumnEmail, ImportUnknownPerson, row.ref, "")
		}
	}
	return users, nil
}

// storeImport scores the valid rows and stores them in one transaction.
func (s *Store) storeImport(ctx context.Context, def *instrument.Definition, inst Instrument, opts ImportOptions,
	rows []parsedRow, users map[string]string) (int, error) {
	at := s.now()
	if !opts.SubmittedAt.IsZero() {
		at = opts.SubmittedAt.UTC().Truncate(time.Microsecond)
	}
	scorer := scoring.NewScorer(def)
	var attempts []Attempt
	var answers []answerRow
	var scores []scoreRow
	for _, row := range rows {
		if row.bad {
			continue
		}
		a := Attempt{
			ID: identity.NewID(), InstrumentID: inst.ID, InstrumentKey: inst.Key,
			OrganisationID: optional(opts.OrganisationID), RespondentRef: optional(row.ref),
			Source: SourceImport, Status: StatusSubmitted, StartedAt: at, SubmittedAt: &at,
		}
		if opts.MatchUsers {
			a.UserID = optional(users[row.ref])
		}
		given, rowAnswers := rowAnswers(def, a.ID, row, at)
		rowScores, err := scoreRows(scorer, a.ID, given)
		if err != nil {
			return 0, fmt.Errorf("line %d: %w", row.line, err)
		}
		attempts = append(attempts, a)
		answers = append(answers, rowAnswers...)
		scores = append(scores, rowScores...)
	}
	if len(attempts) == 0 {
		return 0, nil
	}
	// Bulk inserts are slow by nature: keep them out of the slow-query log, which would
	// otherwise format every batch's thousands of parameters into a log line.
	quiet := s.conn(ctx).Session(&gorm.Session{Logger: s.db.Logger.LogMode(logger.Silent)})
	err := quiet.Transaction(func(tx *gorm.DB) error {
		if err := tx.CreateInBatches(&attempts, attemptBatch).Error; err != nil {
			return err
		}
		if err := tx.CreateInBatches(&answers, answerBatch).Error; err != nil {
			return err
		}
		return tx.CreateInBatches(&scores, scoreBatch).Error
	})
	if err != nil {
		return 0, err
	}
	return len(attempts), nil
}

// rowAnswers turns a parsed row into the answers to score and the rows to store.
func rowAnswers(def *instrument.Definition, attemptID string, row parsedRow, at time.Time) (map[string]scoring.Answer, []answerRow) {
	given := make(map[string]scoring.Answer, len(row.cells))
	stored := make([]answerRow, 0, len(row.cells))
	values := make([]int, len(row.cells)) // backing store for the answers' pointers
	for j, cell := range row.cells {
		if cell == missingCell {
			continue
		}
		values[j] = cell
		it := def.Items[j]
		ans := answerRow{AttemptID: attemptID, ItemID: it.ID, AnsweredAt: at}
		if it.Type == instrument.SJT {
			ans.OptionIndex = &values[j]
			given[it.ID] = scoring.Answer{Option: &values[j]}
		} else {
			ans.Value = &values[j]
			given[it.ID] = scoring.Answer{Value: &values[j]}
		}
		stored = append(stored, ans)
	}
	return given, stored
}

// invalidImport is the error for a file with problems: ErrImportInvalid and the
// problems as a validation error (field "line N" or "line N: column").
func invalidImport(r ImportReport) error {
	v := &errs.ValidationError{}
	for _, p := range r.Problems {
		field := "line " + strconv.Itoa(p.Line)
		if p.Column != "" {
			field += ": " + p.Column
		}
		v.Fields = append(v.Fields, errs.FieldError{Field: field, Code: p.Code, Param: p.Detail})
	}
	return fmt.Errorf("%w: %w", ErrImportInvalid, v)
}

// sortProblems orders problems by line, keeping the order within a line.
func sortProblems(ps []ImportProblem) {
	slices.SortStableFunc(ps, func(a, b ImportProblem) int { return a.Line - b.Line })
}
